"""Emergency alerts' JSON API for the mobile app, mounted at /api/v1/alerts/. Public reads: the
live alerts (optionally for one kecamatan: city-wide ones and those of that kecamatan) and one
message. Issuing stays in the console (staff with a second factor); agency systems read CAP at
/alerts/cap.xml."""

from __future__ import annotations

import datetime as dt

from django.http import Http404, HttpRequest
from ninja import Router, Schema

from . import cap, queries
from .models import Alert

router = Router(tags=["alerts"])


class AlertOut(Schema):
    id: int
    identifier: str
    msg_type: str
    status: str
    event: str
    event_label: str
    category: str
    urgency: str
    severity: str
    certainty: str
    headline: str
    description: str
    instruction: str
    headline_en: str
    description_en: str
    instruction_en: str
    area_desc: str
    city_wide: bool
    kecamatan: list[str]
    polygon: list[list[float]]
    agency: str
    sent: dt.datetime
    expires: dt.datetime
    original_id: int | None
    cap_url: str
    web_url: str


def _out(alert: Alert) -> AlertOut:
    return AlertOut(
        id=alert.pk, identifier=alert.identifier, msg_type=alert.msg_type, status=alert.status,
        event=alert.event, event_label=str(Alert.Event(alert.event).label),
        category=cap.CATEGORY[Alert.Event(alert.event)], urgency=alert.urgency,
        severity=alert.severity, certainty=alert.certainty, headline=alert.headline,
        description=alert.description, instruction=alert.instruction,
        headline_en=alert.headline_en, description_en=alert.description_en,
        instruction_en=alert.instruction_en, area_desc=alert.area_desc,
        city_wide=alert.city_wide,
        kecamatan=sorted(region.code for region in alert.kecamatan.all()),
        polygon=alert.polygon, agency=alert.agency.code, sent=alert.sent, expires=alert.expires,
        original_id=alert.original_id, cap_url=cap.document_url(alert),
        web_url=cap.page_url(alert))


@router.get("/", response=list[AlertOut], auth=None)
def live(request: HttpRequest, kecamatan: str = "") -> list[AlertOut]:
    """Live alerts, newest first; `kecamatan` ("73.71.10") keeps city-wide ones and those of
    that kecamatan."""
    alerts = list(queries.live_alerts())
    if kecamatan:
        alerts = [a for a in alerts
                  if a.city_wide or any(r.code == kecamatan for r in a.kecamatan.all())]
    return [_out(alert) for alert in alerts]


@router.get("/{int:alert_id}", response=AlertOut, auth=None)
def one(request: HttpRequest, alert_id: int) -> AlertOut:
    alert = queries.cap_message(alert_id)
    if alert is None:
        raise Http404
    return _out(alert)
