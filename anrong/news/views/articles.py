"""Readers' pages of Makaverse News: the list at /berita/, a category, a tag, search, and the
RSS and Atom feeds. Articles themselves are Wagtail pages (templates/news/article_page.html).
Thin: parse the query string, ask `queries.articles`, render. Public: anyone may read them.
Reserved under /berita/ (an article may not take these slugs): kategori, tag, cari, rss, atom."""

from __future__ import annotations

from typing import Any

from django.conf import settings
from django.contrib.syndication.views import Feed
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import render
from django.urls import reverse
from django.utils.feedgenerator import Atom1Feed, Rss201rev2Feed
from django.utils.translation import gettext as _
from django.views.decorators.http import require_safe

from ..models import Category
from ..queries import articles as queries

MAX_PAGE = 500  # deeper than anyone reads; keeps OFFSET bounded


def _page_number(request: HttpRequest) -> int:
    try:
        return min(MAX_PAGE, max(1, int(request.GET.get("halaman", "1"))))
    except ValueError:
        return 1


def _render_list(request: HttpRequest, *, heading: str, result: queries.ArticleList,
                 **context: Any) -> HttpResponse:
    return render(request, "news/list.html", {
        "heading": heading,
        "result": result,
        "categories": Category.choices,
        **context,
    })


@require_safe
def index(request: HttpRequest) -> HttpResponse:
    result = queries.list_articles(page=_page_number(request),
                                   kecamatan=request.GET.get("kecamatan", "")[:13])
    return _render_list(request, heading=_("Berita Kota Makassar"), result=result, is_home=True)


@require_safe
def category(request: HttpRequest, slug: str) -> HttpResponse:
    label = queries.category_label(slug)
    if label is None:
        raise Http404
    result = queries.list_articles(category=slug, page=_page_number(request))
    return _render_list(request, heading=str(label), result=result, current_category=slug,
                        feed_url=reverse("news:category_rss", args=[slug]))


@require_safe
def tag(request: HttpRequest, slug: str) -> HttpResponse:
    found = queries.find_tag(slug)
    if found is None:
        raise Http404
    result = queries.list_articles(tag=slug, page=_page_number(request))
    return _render_list(request, heading=_("Tag: %(tag)s") % {"tag": found.name}, result=result)


@require_safe
def search(request: HttpRequest) -> HttpResponse:
    q = " ".join(request.GET.get("q", "").split())[:queries.MAX_QUERY]
    result = (queries.list_articles(q=q, page=_page_number(request)) if q
              else queries.ArticleList(articles=[], page=1, has_next=False))
    return render(request, "news/search.html", {"q": q, "result": result,
                                                "categories": Category.choices})


# --- feeds --------------------------------------------------------------------------------------


class LatestArticlesRss(Feed):
    feed_type = Rss201rev2Feed
    language = "id"

    def get_object(self, request: HttpRequest, slug: str = "") -> str:
        if slug and queries.category_label(slug) is None:
            raise Http404
        return slug

    def title(self, obj: str) -> str:
        label = queries.category_label(obj) if obj else None
        name = settings.WAGTAIL_SITE_NAME
        return f"{name}: {label}" if label else name

    def link(self, obj: str) -> str:
        return reverse("news:category", args=[obj]) if obj else reverse("news:index")

    def description(self, obj: str) -> str:
        return _("Berita resmi Pemerintah Kota Makassar.")

    def items(self, obj: str) -> list[Any]:
        return queries.latest_articles(category=obj)

    def item_title(self, item: Any) -> str:
        return item.title

    def item_description(self, item: Any) -> str:
        return item.lead

    def item_link(self, item: Any) -> str:
        return queries.article_path(item)

    def item_guid(self, item: Any) -> str:
        return f"anrong-news-{item.pk}"

    item_guid_is_permalink = False

    def item_pubdate(self, item: Any) -> Any:
        return item.first_published_at

    def item_updateddate(self, item: Any) -> Any:
        return item.last_published_at

    def item_categories(self, item: Any) -> list[str]:
        return [str(queries.category_label(item.category) or item.category)]

    def item_author_name(self, item: Any) -> str | None:
        agency = item.source_agency
        return (agency.short_name or agency.name) if agency else None


class LatestArticlesAtom(LatestArticlesRss):
    feed_type = Atom1Feed

    def subtitle(self, obj: str) -> str:
        return self.description(obj)
