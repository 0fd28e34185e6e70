"""What the webhook console shows: an agency's endpoints with their backlog, and deliveries."""

from __future__ import annotations

from typing import Any

from django.core.paginator import Page, Paginator
from django.db.models import Count, Max, Q, QuerySet

from anrong.agencies.models import Agency

from ..models import WebhookDelivery, WebhookEndpoint

Status = WebhookDelivery.Status
PAGE_SIZE = 25


def endpoints_of(agency: Agency) -> QuerySet[WebhookEndpoint]:
    """The agency's endpoints, each with `pending`, `dead` and `last_success`."""
    return (WebhookEndpoint.objects.filter(agency=agency)
            .annotate(pending=Count("deliveries", filter=Q(deliveries__status=Status.PENDING)),
                      dead=Count("deliveries", filter=Q(deliveries__status=Status.DEAD)),
                      last_success=Max("deliveries__delivered_at"))
            .order_by("created_at"))


def endpoint_of(agency: Agency, pk: int) -> WebhookEndpoint:
    return endpoints_of(agency).get(pk=pk)


def deliveries(endpoint: WebhookEndpoint, *, status: str = "", page: Any = 1) -> Page:
    qs = WebhookDelivery.objects.filter(endpoint=endpoint).order_by("-created_at", "-id")
    if status in Status.values:
        qs = qs.filter(status=status)
    return Paginator(qs.only("id", "msg_id", "event_type", "status", "attempts",
                             "next_attempt_at", "last_status_code", "last_error", "created_at",
                             "delivered_at", "endpoint_id"), PAGE_SIZE).get_page(page)


def delivery_of(agency: Agency, endpoint_pk: int, pk: int) -> WebhookDelivery:
    return (WebhookDelivery.objects.select_related("endpoint", "event")
            .prefetch_related("attempt_log")
            .get(pk=pk, endpoint_id=endpoint_pk, endpoint__agency=agency))
