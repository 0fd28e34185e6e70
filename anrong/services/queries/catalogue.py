"""Reads of the service catalogue. Lists are plain rows (`.values()`), one query each."""

from __future__ import annotations

from typing import Any

from django.db.models import Case, Count, IntegerField, Prefetch, Q, QuerySet, Value, When

from .. import search
from ..models import Category, LifeEvent, LifeEventStep, Service

ROW_FIELDS = ("code", "name", "summary", "fee_rupiah", "fee_note", "sla_working_days", "delivery",
              "external_url", "agency__code", "agency__name", "agency__short_name",
              "category__code", "category__name")


def _active() -> QuerySet[Service]:
    return Service.objects.filter(is_active=True, agency__is_active=True)


def _row(values: dict[str, Any]) -> dict[str, Any]:
    values["delivery_label"] = str(Service.Delivery(values["delivery"]).label)
    values["agency_label"] = values["agency__short_name"] or values["agency__name"]
    return values


def catalogue(
    category: str | None = None, agency: str | None = None, life_event: str | None = None,
    q: str | None = None,
) -> list[dict[str, Any]]:
    """Active services as rows, filtered by category code, agency code, life-event code and a
    search query (every word must match, see search.py). Services whose name matches every word
    come first; then by category and name."""
    services = _active()
    if category:
        services = services.filter(category__code=category)
    if agency:
        services = services.filter(agency__code=agency)
    if life_event:
        services = services.filter(life_event_steps__life_event__code=life_event)
    terms = search.query_terms(q)
    for term in terms:
        services = services.filter(search_text__icontains=term)
    in_title = Q()
    for term in terms:
        in_title &= Q(search_title__icontains=term)
    services = services.annotate(rank=Case(When(in_title, then=Value(0)), default=Value(1),
                                           output_field=IntegerField()) if terms else Value(1))
    ordered = services.order_by("rank", "category__order", "name").values(*ROW_FIELDS)
    return [_row(values) for values in ordered]


def service_by_code(code: str) -> Service | None:
    """One active service with its agency, category and life events (three queries)."""
    return (
        _active().select_related("agency", "category")
        .prefetch_related(Prefetch("life_events", queryset=LifeEvent.objects.order_by("order")))
        .filter(code=code).first()
    )


def categories_with_counts() -> list[dict[str, Any]]:
    """Every category with its number of active services (empty categories included)."""
    active = Q(services__is_active=True, services__agency__is_active=True)
    return list(
        Category.objects.annotate(service_count=Count("services", filter=active))
        .order_by("order", "name").values("code", "name", "service_count")
    )


def agencies_with_services() -> list[dict[str, Any]]:
    """Agencies that offer at least one active service, with the count, by name."""
    rows = (
        _active().values("agency__code", "agency__name", "agency__short_name")
        .annotate(service_count=Count("pk")).order_by("agency__short_name", "agency__name")
    )
    return [{"code": r["agency__code"], "name": r["agency__name"],
             "label": r["agency__short_name"] or r["agency__name"],
             "service_count": r["service_count"]} for r in rows]


def _steps() -> Prefetch:
    return Prefetch(
        "steps",
        queryset=LifeEventStep.objects.filter(
            service__is_active=True, service__agency__is_active=True
        ).select_related("service__agency", "service__category").order_by("step", "service__name"),
        to_attr="active_steps",
    )


def life_event_rows() -> list[dict[str, Any]]:
    """Every life event's code and name, in order (for links)."""
    return list(LifeEvent.objects.order_by("order", "name").values("code", "name"))


def life_events_with_services() -> list[LifeEvent]:
    """Every life event with `active_steps`: its active services in order (two queries)."""
    return list(LifeEvent.objects.order_by("order", "name").prefetch_related(_steps()))


def life_event_by_code(code: str) -> LifeEvent | None:
    return LifeEvent.objects.filter(code=code).prefetch_related(_steps()).first()
