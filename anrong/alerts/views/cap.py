"""The public CAP 1.2 feed: /alerts/cap.xml (Atom index) and /alerts/<id>.xml (one message).
Public and cacheable for a minute; aggregators poll them."""

from __future__ import annotations

from django.http import Http404, HttpRequest, HttpResponse
from django.views.decorators.cache import cache_control
from django.views.decorators.http import require_safe

from .. import cap, queries


@require_safe
@cache_control(public=True, max_age=60)
def index(request: HttpRequest) -> HttpResponse:
    return HttpResponse(cap.atom_index(queries.feed_alerts()),
                        content_type="application/atom+xml; charset=utf-8")


@require_safe
@cache_control(public=True, max_age=60)
def document(request: HttpRequest, pk: int) -> HttpResponse:
    alert = queries.cap_message(pk)
    if alert is None:
        raise Http404
    return HttpResponse(cap.alert_document(alert),
                        content_type=f"{cap.CAP_CONTENT_TYPE}; charset=utf-8")
