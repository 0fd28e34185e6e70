"""Reads of published articles: lists, categories, tags, search, feeds.

Every list is a page of `page_size` rows fetched as `page_size + 1` (the extra row only says
whether there is a next page): no COUNT over 50,000 articles on every request. Lists load the
columns a card shows, with the kecamatan and source agency joined in and the lead images with
their thumbnail renditions prefetched (no N+1).
An article's address is built from its slug: every article is a child of the one news index
(NewsIndexPage.subpage_types), which Wagtail serves at /berita/."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from django.conf import settings
from django.db.models import Prefetch, QuerySet
from django.urls import reverse
from taggit.models import Tag
from wagtail.images import get_image_model

from ..models import ArticlePage, Category
from .order import newest_first
from .search import newest_matches

__all__ = [
    "THUMBNAIL",
    "ArticleList",
    "article_by_id",
    "article_path",
    "category_label",
    "find_tag",
    "latest_articles",
    "list_articles",
    "related_articles",
]

LIST_COLUMNS = ("id", "title", "slug", "lead", "category", "first_published_at",
                "last_published_at", "kecamatan__code", "kecamatan__name", "source_agency__name",
                "source_agency__short_name", "lead_image")
# The card's thumbnail (templates/news/_card.html, the API's list): fetched with the list.
THUMBNAIL = "fill-160x120|format-webp"
MAX_QUERY = 200


@dataclass(frozen=True)
class ArticleList:
    articles: list[ArticlePage]
    page: int
    has_next: bool

    @property
    def has_previous(self) -> bool:
        return self.page > 1


def article_path(article: Any) -> str:
    """/berita/<slug>/ — without asking Wagtail's site routing for each card."""
    return reverse("wagtail_serve", args=[f"{article.slug}/"])


def published() -> QuerySet[ArticlePage]:
    return ArticlePage.objects.filter(live=True)


def _for_list(qs: QuerySet[ArticlePage]) -> QuerySet[ArticlePage]:
    images = get_image_model().objects.prefetch_renditions(THUMBNAIL)
    return (qs.select_related("kecamatan", "source_agency").only(*LIST_COLUMNS)
            .prefetch_related(Prefetch("lead_image", queryset=images)))


def category_label(slug: str) -> str | None:
    return dict(Category.choices).get(slug)


def find_tag(slug: str) -> Tag | None:
    return Tag.objects.filter(slug=slug, news_articletag_items__isnull=False).distinct().first()


def _page_of(qs: Any, page: int, page_size: int) -> ArticleList:
    page = max(1, page)
    start = (page - 1) * page_size
    rows = list(qs[start:start + page_size + 1])
    return ArticleList(articles=rows[:page_size], page=page, has_next=len(rows) > page_size)


def list_articles(*, category: str = "", tag: str = "", kecamatan: str = "", q: str = "",
                  page: int = 1, page_size: int | None = None) -> ArticleList:
    """Published articles, newest first (also when searching with `q`), filtered
    by category slug, tag slug and kecamatan code. Unknown filter values give an empty list."""
    page_size = page_size or settings.NEWS_PAGE_SIZE
    qs = published()
    if category:
        qs = qs.filter(category=category)
    if kecamatan:
        qs = qs.filter(kecamatan_id=kecamatan)
    q = " ".join(q.split())[:MAX_QUERY]
    if tag and not q:
        qs = qs.filter(tagged_items__tag__slug=tag)
    if q:
        # Wagtail's database search (SQLite FTS5 / PostgreSQL full text), matches newest first:
        # a reader looks for the news about something, and ranking every match by relevance
        # (bm25 over all of them) measured 5-10x slower than the date index on a common word.
        start = (max(1, page) - 1) * page_size
        ids = newest_matches(qs, q, start, start + page_size + 1)
        found = ArticlePage.objects.filter(pk__in=ids)
        if tag:  # not a search filter field: applied to the page of hits
            found = found.filter(tagged_items__tag__slug=tag)
        by_id = {a.pk: a for a in _for_list(found)}
        rows = [by_id[pk] for pk in ids if pk in by_id]
        return ArticleList(articles=rows[:page_size], page=max(1, page),
                           has_next=len(ids) > page_size)
    return _page_of(newest_first(_for_list(qs)), page, page_size)


def latest_articles(*, limit: int | None = None, category: str = "", tag: str = "") -> list[ArticlePage]:
    """For the feeds: the newest published articles."""
    return list_articles(category=category, tag=tag, page_size=limit or settings.NEWS_FEED_SIZE).articles


def article_by_id(pk: int) -> ArticlePage | None:
    """One published article with what its page and the API show."""
    return (published().select_related("kecamatan", "source_agency", "lead_image")
            .prefetch_related("tags").filter(pk=pk).first())


def related_articles(article: ArticlePage, *, limit: int = 3) -> list[ArticlePage]:
    """The newest other articles of the same category."""
    return list(newest_first(_for_list(published().filter(category=article.category)
                                       .exclude(pk=article.pk)))[:limit])
