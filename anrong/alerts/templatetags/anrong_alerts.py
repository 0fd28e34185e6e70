"""`{% alert_banner %}`: the live emergency alerts for the viewer's area, on every page (included
once by templates/base.html through alerts/_banner.html). The live list is cached (one query a
minute, dropped when an alert changes); the viewer's kecamatan is their area cookie, else their
profile's kecamatan, looked up only when some live alert is not city-wide."""

from __future__ import annotations

from typing import Any

from django import template
from django.utils import translation

from .. import queries
from ..models import Alert
from ..views.citizen import AREA_COOKIE, area_from_cookie

register = template.Library()


@register.inclusion_tag("alerts/banner.html", takes_context=True)
def alert_banner(context: Any) -> dict[str, Any]:
    request = context.get("request")
    if request is None or request.path.startswith(("/cms/", "/admin/")):
        return {"alerts": []}

    def viewer() -> set[str] | None:
        if request.COOKIES.get(AREA_COOKIE):
            return area_from_cookie(request)
        code = queries.kecamatan_of_user(getattr(request, "user", None))
        return {code} if code else None

    english = (translation.get_language() or "id").startswith("en")
    alerts = []
    for row in queries.banner_alerts(viewer):
        alerts.append({
            **row,
            "headline": row["headline_en"] if english and row["headline_en"] else row["headline"],
            "instruction": (row["instruction_en"] if english and row["headline_en"]
                            else row["instruction"]),
            "event_label": Alert.Event(row["event"]).label,
            "severity_label": Alert.Severity(row["severity"]).label,
            "exercise": row["status"] == Alert.Status.EXERCISE,
        })
    return {"alerts": alerts}
