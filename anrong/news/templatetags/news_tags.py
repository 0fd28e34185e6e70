"""Template helpers of the newsroom's reader pages: `{% load news_tags %}`.

    {{ article|article_url }}              /berita/pasar-terong-dibuka-kembali/
    {% whatsapp_share_url article %}       https://wa.me/?text=<title and absolute link>
    {{ article.category|category_name }}   Kesehatan
"""

from __future__ import annotations

from typing import Any
from urllib.parse import quote

from django import template

from ..queries.articles import article_path, category_label

register = template.Library()


@register.filter(name="article_url")
def article_url(article: Any) -> str:
    return article_path(article)


@register.filter(name="category_name")
def category_name(slug: str) -> str:
    return category_label(slug) or slug


@register.simple_tag(takes_context=True)
def whatsapp_share_url(context: dict[str, Any], article: Any) -> str:
    """WhatsApp's share link (no script, works on phones and WhatsApp Web): the title, then the
    article's absolute address, as the message text."""
    request = context.get("request")
    path = article_path(article)
    link = request.build_absolute_uri(path) if request is not None else path
    return "https://wa.me/?text=" + quote(f"{article.title} {link}", safe="")
