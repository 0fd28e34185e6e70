"""Makaverse News's JSON API for the mobile app, at /api/v1/news/.

Public reads, no sign-in, the same for everyone (cacheable for a minute): the list of published
articles (filters: category, tag, kecamatan, q; 20 a page, `has_next` instead of a total) and one
article with its body as typed blocks (paragraph HTML, image renditions, quote, video embed).
Cek Fakta's endpoints are at /api/v1/news/cek-fakta/ (api_factcheck, mounted beside this router)."""

from __future__ import annotations

import datetime as dt
from typing import Any

from django.conf import settings
from django.http import HttpRequest, HttpResponse
from django.utils.translation import gettext as _
from ninja import Field, Query, Router, Schema
from ninja.errors import HttpError
from wagtail.rich_text import expand_db_html

from .models import Category
from .queries import articles as queries

router = Router(tags=["news"])

PUBLIC_CACHE = "public, max-age=60"
MAX_PAGE = 500
IMAGE_SIZES = ("width-480|format-webp", "width-960|format-webp")


class ImageOut(Schema):
    alt: str
    thumbnail: str | None = Field(None, description="160×120, WebP (daftar).")
    small: str = Field(..., description="Lebar 480 px, WebP.")
    large: str = Field(..., description="Lebar 960 px, WebP.")


class ArticleRowOut(Schema):
    id: int
    title: str
    lead: str
    category: str
    category_label: str
    tags: list[str] | None = Field(None, description="Hanya di detail.")
    kecamatan: str | None = Field(None, description="Kode Kemendagri, mis. 73.71.13.")
    kecamatan_name: str | None = None
    source_agency: str | None = None
    published_at: dt.datetime | None
    updated_at: dt.datetime | None
    url: str = Field(..., description="Halaman web artikel.")
    share_url: str = Field(..., description="Tautan bagikan ke WhatsApp.")
    image: ImageOut | None = None


class ArticlePageOut(Schema):
    page: int
    per_page: int
    has_next: bool
    items: list[ArticleRowOut]


class BlockOut(Schema):
    type: str = Field(..., description="paragraph | image | quote | embed")
    html: str | None = Field(None, description="paragraph: HTML; embed: pemutar video (iframe).")
    image: ImageOut | None = None
    caption: str | None = None
    text: str | None = Field(None, description="quote: kutipan.")
    attribution: str | None = None
    url: str | None = Field(None, description="embed: tautan video.")


class ArticleOut(ArticleRowOut):
    body: list[BlockOut]


def _absolute(request: HttpRequest, path: str) -> str:
    return request.build_absolute_uri(path)


def _image(request: HttpRequest, image: Any, *, thumbnail: bool = False) -> dict[str, Any] | None:
    if image is None:
        return None
    renditions = image.get_renditions(*IMAGE_SIZES)
    out = {
        "alt": getattr(image, "default_alt_text", "") or image.title,
        "small": _absolute(request, renditions[IMAGE_SIZES[0]].url),
        "large": _absolute(request, renditions[IMAGE_SIZES[1]].url),
    }
    if thumbnail:
        out["thumbnail"] = _absolute(request, image.get_rendition(queries.THUMBNAIL).url)
    return out


def _row(request: HttpRequest, article: Any, *, detail: bool = False) -> dict[str, Any]:
    from urllib.parse import quote

    url = _absolute(request, queries.article_path(article))
    agency = article.source_agency
    return {
        "id": article.pk,
        "title": article.title,
        "lead": article.lead,
        "category": article.category,
        "category_label": str(queries.category_label(article.category) or article.category),
        "tags": [t.name for t in article.tags.all()] if detail else None,
        "kecamatan": article.kecamatan_id,
        "kecamatan_name": article.kecamatan.name if article.kecamatan_id else None,
        "source_agency": (agency.short_name or agency.name) if agency else None,
        "published_at": article.first_published_at,
        "updated_at": article.last_published_at,
        "url": url,
        "share_url": "https://wa.me/?text=" + quote(f"{article.title} {url}", safe=""),
        "image": _image(request, article.lead_image, thumbnail=not detail),
    }


def _blocks(request: HttpRequest, article: Any) -> list[dict[str, Any]]:
    out: list[dict[str, Any]] = []
    for block in article.body:
        kind = block.block_type
        if kind == "paragraph":
            out.append({"type": kind, "html": expand_db_html(block.value.source)})
        elif kind == "image":
            out.append({"type": kind, "image": _image(request, block.value["image"]),
                        "caption": block.value.get("caption") or None})
        elif kind == "quote":
            out.append({"type": kind, "text": block.value["text"],
                        "attribution": block.value.get("attribution") or None})
        elif kind == "embed":
            embed = block.value
            out.append({"type": kind, "url": getattr(embed, "url", None),
                        "html": getattr(embed, "html", None)})
    return out


@router.get("/", response=ArticlePageOut, auth=None, url_name="news_articles",
            summary="Berita terbaru / Latest news")
def article_list(  # type: ignore[no-untyped-def]
    request,
    response: HttpResponse,
    category: str | None = Query(None, max_length=20, description="Kategori, mis. kesehatan."),  # noqa: B008
    tag: str | None = Query(None, max_length=100, description="Slug tag."),  # noqa: B008
    kecamatan: str | None = Query(None, max_length=13, description="Kode kecamatan, mis. 73.71.13."),  # noqa: B008
    q: str | None = Query(None, max_length=200, description="Kata yang dicari (judul, teras, isi, tag)."),  # noqa: B008
    page: int = Query(1, ge=1, le=MAX_PAGE),  # noqa: B008
):
    """Published articles, newest first (with `q`: the matching ones, newest first)."""
    if category and category not in Category.values:
        raise HttpError(400, _("Kategori tidak dikenal. Pilih salah satu: %(choices)s.")
                        % {"choices": ", ".join(Category.values)})
    result = queries.list_articles(category=category or "", tag=tag or "",
                                   kecamatan=kecamatan or "", q=q or "", page=page)
    response["Cache-Control"] = PUBLIC_CACHE
    return {"page": result.page, "per_page": settings.NEWS_PAGE_SIZE, "has_next": result.has_next,
            "items": [_row(request, a) for a in result.articles]}


@router.get("/{int:article_id}", response=ArticleOut, auth=None, url_name="news_article",
            summary="Satu berita / One article")
def article_detail(request, response: HttpResponse, article_id: int):  # type: ignore[no-untyped-def]
    """A published article with its body; 404 for a draft or an unpublished one."""
    article = queries.article_by_id(article_id)
    if article is None:
        raise HttpError(404, _("Berita tidak ditemukan."))
    response["Cache-Control"] = PUBLIC_CACHE
    return {**_row(request, article, detail=True), "body": _blocks(request, article)}

