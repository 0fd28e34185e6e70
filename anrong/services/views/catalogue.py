"""Citizen pages of the catalogue: thin, every read through queries.py."""

from __future__ import annotations

from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import render
from django.views.decorators.http import require_safe

from .. import queries

MAX_QUERY_LENGTH = 100


def _param(request: HttpRequest, name: str) -> str:
    return request.GET.get(name, "").strip()[:MAX_QUERY_LENGTH]


@require_safe
def catalogue(request: HttpRequest) -> HttpResponse:
    filters = {name: _param(request, name) for name in ("category", "agency", "life_event")}
    q = _param(request, "q")
    categories = queries.categories_with_counts()
    agencies = queries.agencies_with_services()
    life_events = queries.life_event_rows()
    chosen = {
        "category": next((c for c in categories if c["code"] == filters["category"]), None),
        "agency": next((a for a in agencies if a["code"] == filters["agency"]), None),
        "life_event": next((e for e in life_events if e["code"] == filters["life_event"]), None),
    }
    return render(request, "services/catalogue.html", {
        "services": queries.catalogue(q=q, **{k: v or None for k, v in filters.items()}),
        "q": q, "filters": filters, "chosen": chosen, "filtered": any(filters.values()) or bool(q),
        "categories": [c for c in categories if c["service_count"]],
        "agencies": agencies, "life_events": life_events,
    })


@require_safe
def detail(request: HttpRequest, code: str) -> HttpResponse:
    service = queries.service_by_code(code)
    if service is None:
        raise Http404
    return render(request, "services/detail.html", {"service": service})


@require_safe
def life_event(request: HttpRequest, code: str) -> HttpResponse:
    event = queries.life_event_by_code(code)
    if event is None:
        raise Http404
    return render(request, "services/life_event.html", {"event": event})
