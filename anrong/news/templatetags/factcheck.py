"""Cek Fakta's template tags: `{% claim_review_jsonld page %}` writes the schema.org ClaimReview
of a FactCheckPage as JSON-LD (what search engines and fact-check aggregators read)."""

from __future__ import annotations

import json
from typing import Any

from django import template
from django.utils.safestring import mark_safe

from ..queries.factcheck_schema import claim_review

register = template.Library()

# JSON inside <script>: "<", ">" and "&" escaped so no text of the claim can close the tag.
_SCRIPT_ESCAPES = {ord("<"): "\\u003C", ord(">"): "\\u003E", ord("&"): "\\u0026"}


@register.simple_tag(takes_context=True)
def claim_review_jsonld(context: Any, page: Any) -> str:
    data = claim_review(page, request=context.get("request"))
    text = json.dumps(data, ensure_ascii=False).translate(_SCRIPT_ESCAPES)
    return mark_safe(f'<script type="application/ld+json">{text}</script>')  # noqa: S308 - escaped above


@register.simple_tag(takes_context=True)
def fact_checks_page(context: Any, per_page: int = 20) -> Any:
    """The published fact-checks, newest first, the page `?page=` asks for (the index page)."""
    from django.core.paginator import Paginator

    from ..queries.factcheck import published_fact_checks

    request = context.get("request")
    number = request.GET.get("page", 1) if request is not None else 1
    return Paginator(published_fact_checks(), per_page).get_page(number)
