"""CAP 1.2 (OASIS Common Alerting Protocol) documents and their Atom index, built with lxml.

One document per message (`alert_document`), valid against the OASIS CAP 1.2 XSD; the Atom
feed (`atom_index`) lists the messages of the last days and every live one, each entry linking
its document. Times are in WITA with an explicit offset ("2026-11-23T10:30:00+08:00"), as the
XSD's dateTime pattern wants (no fractions, no "Z")."""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable
from typing import Any
from zoneinfo import ZoneInfo

from django.conf import settings
from django.db.models import Q
from django.utils import timezone, translation
from lxml import etree

from .models import Alert

CAP_NS = "urn:oasis:names:tc:emergency:cap:1.2"
ATOM_NS = "http://www.w3.org/2005/Atom"
CAP_CONTENT_TYPE = "application/cap+xml"
WITA = ZoneInfo("Asia/Makassar")

# Our events as CAP categories and English event names.
CATEGORY = {
    Alert.Event.BANJIR: "Met",
    Alert.Event.CUACA_EKSTREM: "Met",
    Alert.Event.KEBAKARAN: "Fire",
    Alert.Event.GEMPA: "Geo",
    Alert.Event.KESEHATAN: "Health",
}
EVENT_EN = {
    Alert.Event.BANJIR: "Flood",
    Alert.Event.CUACA_EKSTREM: "Extreme weather",
    Alert.Event.KEBAKARAN: "Fire",
    Alert.Event.GEMPA: "Earthquake",
    Alert.Event.KESEHATAN: "Health emergency",
}


def cap_time(value: dt.datetime) -> str:
    return value.astimezone(WITA).replace(microsecond=0).isoformat()


def site_url() -> str:
    return str(getattr(settings, "SITE_URL", "http://localhost:8000")).rstrip("/")


def document_url(alert: Alert) -> str:
    return f"{site_url()}/alerts/{alert.pk}.xml"


def page_url(alert: Alert) -> str:
    return f"{site_url()}/peringatan/{alert.chain_root.pk}/"


def reference(alert: Alert) -> str:
    return f"{alert.sender},{alert.identifier},{cap_time(alert.sent)}"


def chain_before(alert: Alert) -> list[Alert]:
    """The earlier messages of the alert's chain, oldest first (the original first)."""
    if alert.original_id is None:
        return []
    root = alert.original_id
    return list(Alert.objects.filter(Q(pk=root) | Q(original_id=root), pk__lt=alert.pk)
                .order_by("pk"))


def polygon_text(points: Iterable[Iterable[float]]) -> str:
    return " ".join(f"{float(lat):.6f},{float(lng):.6f}" for lat, lng in points)


def _sub(parent: Any, name: str, text: str | None = None) -> Any:
    element = etree.SubElement(parent, f"{{{CAP_NS}}}{name}")
    if text is not None:
        element.text = text
    return element


def _info(root: Any, alert: Alert, kecamatan: list[Any], *, english: bool) -> None:
    info = _sub(root, "info")
    _sub(info, "language", "en-US" if english else "id-ID")
    _sub(info, "category", CATEGORY[Alert.Event(alert.event)])
    with translation.override("id"):
        event_name = str(Alert.Event(alert.event).label)
    _sub(info, "event", EVENT_EN[Alert.Event(alert.event)] if english else event_name)
    _sub(info, "responseType", "AllClear" if alert.msg_type == Alert.MsgType.CANCEL
         else ("Prepare" if alert.urgency in ("Expected", "Future") else "Execute"))
    _sub(info, "urgency", alert.urgency)
    _sub(info, "severity", alert.severity)
    _sub(info, "certainty", alert.certainty)
    _sub(info, "effective", cap_time(alert.sent))
    _sub(info, "expires", cap_time(alert.expires))
    _sub(info, "senderName", alert.agency.name)
    headline = (alert.headline_en or alert.headline) if english else alert.headline
    description = (alert.description_en or alert.description) if english else alert.description
    instruction = (alert.instruction_en or alert.instruction) if english else alert.instruction
    _sub(info, "headline", headline)
    _sub(info, "description", description)
    if instruction:
        _sub(info, "instruction", instruction)
    _sub(info, "web", page_url(alert))
    _sub(info, "contact", "112")
    area = _sub(info, "area")
    _sub(area, "areaDesc", alert.area_desc)
    if alert.polygon:
        _sub(area, "polygon", polygon_text(alert.polygon))
    if alert.city_wide:
        geocode = _sub(area, "geocode")
        _sub(geocode, "valueName", "KEMENDAGRI")
        _sub(geocode, "value", "73.71")
    for region in kecamatan:
        geocode = _sub(area, "geocode")
        _sub(geocode, "valueName", "KEMENDAGRI")
        _sub(geocode, "value", region.code)


def alert_element(alert: Alert) -> Any:
    root = etree.Element(f"{{{CAP_NS}}}alert", nsmap={None: CAP_NS})
    _sub(root, "identifier", alert.identifier)
    _sub(root, "sender", alert.sender)
    _sub(root, "sent", cap_time(alert.sent))
    _sub(root, "status", alert.status)
    _sub(root, "msgType", alert.msg_type)
    _sub(root, "source", alert.agency.code)
    _sub(root, "scope", "Public")
    if alert.note:
        _sub(root, "note", alert.note)
    earlier = chain_before(alert)
    if earlier:
        _sub(root, "references", " ".join(reference(message) for message in earlier))
    kecamatan = sorted(alert.kecamatan.all(), key=lambda region: region.code)
    _info(root, alert, kecamatan, english=False)
    if alert.headline_en:
        _info(root, alert, kecamatan, english=True)
    return root


def alert_document(alert: Alert) -> bytes:
    """The CAP 1.2 XML of one message."""
    return etree.tostring(alert_element(alert), xml_declaration=True, encoding="UTF-8",
                          pretty_print=True)


def _atom(parent: Any, name: str, text: str | None = None, **attrs: str) -> Any:
    element = etree.SubElement(parent, f"{{{ATOM_NS}}}{name}", **attrs)
    if text is not None:
        element.text = text
    return element


def atom_index(alerts: list[Alert], *, now: dt.datetime | None = None) -> bytes:
    """An Atom 1.0 feed: one entry per message, its link the CAP document."""
    now = now or timezone.now()
    feed = etree.Element(f"{{{ATOM_NS}}}feed", nsmap={None: ATOM_NS})
    _atom(feed, "id", f"{site_url()}/alerts/cap.xml")
    _atom(feed, "title", "Peringatan darurat Kota Makassar (CAP 1.2)")
    updated = max((alert.sent for alert in alerts), default=now)
    _atom(feed, "updated", cap_time(updated))
    author = _atom(feed, "author")
    _atom(author, "name", "Pemerintah Kota Makassar")
    _atom(feed, "link", rel="self", href=f"{site_url()}/alerts/cap.xml",
          type="application/atom+xml")
    for alert in alerts:
        entry = _atom(feed, "entry")
        _atom(entry, "id", f"{site_url()}/alerts/{alert.pk}.xml#{alert.identifier}")
        prefix = {"Update": "[Pembaruan] ", "Cancel": "[Dibatalkan] "}.get(alert.msg_type, "")
        _atom(entry, "title", prefix + alert.headline)
        _atom(entry, "updated", cap_time(alert.sent))
        _atom(entry, "published", cap_time(alert.sent))
        entry_author = _atom(entry, "author")
        _atom(entry_author, "name", alert.agency.name)
        _atom(entry, "summary", alert.description[:500])
        _atom(entry, "link", rel="alternate", type=CAP_CONTENT_TYPE, href=document_url(alert))
        _atom(entry, "category", term=CATEGORY[Alert.Event(alert.event)])
    return etree.tostring(feed, xml_declaration=True, encoding="UTF-8", pretty_print=True)
