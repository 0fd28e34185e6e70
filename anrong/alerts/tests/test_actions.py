"""Issuing, updating and cancelling alerts: what is checked, what is written (alert, audit,
outbox), and that a crash half-way leaves nothing."""

from __future__ import annotations

import datetime as dt
from unittest import mock

import pytest
from django.utils import timezone

from anrong.alerts import actions, queries
from anrong.alerts.errors import AlertError
from anrong.alerts.models import Alert
from anrong.core.models import AuditEvent, OutboxEvent

from .conftest import LOSARI, MANGGALA, TAMALATE, alert_fields

pytestmark = pytest.mark.django_db


def test_issuing_writes_the_alert_its_audit_and_its_event(issue, people):
    alert = issue(kecamatan_codes=[MANGGALA, TAMALATE])
    assert alert.msg_type == "Alert" and alert.status == "Actual"
    assert alert.agency.code == "BPBD" and alert.issued_by == people["bpbd"]
    assert alert.identifier.startswith("urn:uuid:")
    assert sorted(alert.kecamatan.values_list("code", flat=True)) == [TAMALATE, MANGGALA]
    assert alert.area_desc == "Kecamatan Manggala, Tamalate"
    assert alert.is_live
    audit = AuditEvent.objects.get(action="alerts.alert_issued")
    assert audit.actor == people["bpbd"] and audit.target_id == str(alert.pk)
    event = OutboxEvent.objects.get(type="alert.issued")
    assert event.payload["identifier"] == alert.identifier
    assert event.payload["kecamatan"] == [TAMALATE, MANGGALA]


@pytest.mark.parametrize("overrides,field", [
    ({"event": "tsunami"}, "event"),
    ({"severity": "Huge"}, "severity"),
    ({"headline": "Banjir"}, "headline"),
    ({"description": ""}, "description"),
    ({"expires": timezone.now() - dt.timedelta(minutes=5)}, "expires"),
    ({"expires": timezone.now() + dt.timedelta(days=30)}, "expires"),
    ({"kecamatan_codes": []}, "kecamatan"),
    ({"kecamatan_codes": ["73.71.99"]}, "kecamatan"),
    ({"kecamatan_codes": ["73.71.01.1002"]}, "kecamatan"),  # a kelurahan, not a kecamatan
    ({"polygon": "-5.14,119.40 -5.15"}, "polygon"),
    ({"polygon": "-5.14,119.40 -5.15,119.41"}, "polygon"),
    ({"polygon": "-5.14,119.40 -5.15,119.41 -5.14,119.41 -5.15,119.40"}, "polygon"),  # crossed
    ({"polygon": "-4.0,118.0 -4.0,118.1 -4.1,118.1"}, "polygon"),  # far outside the city
    ({"polygon": "95,119 -5.1,119.4 -5.2,119.5"}, "polygon"),
    ({"description_en": "English text without a headline"}, "headline_en"),
    ({"headline_en": "Flood in Tamalate"}, "description_en"),
])
def test_refused_alerts_say_which_field_and_write_nothing(issue, overrides, field):
    with pytest.raises(AlertError) as refused:
        issue(**overrides)
    assert field in refused.value.errors
    assert refused.value.errors[field]
    assert not Alert.objects.exists() and not OutboxEvent.objects.filter(type__startswith="alert.").exists()


def test_a_polygon_adds_the_kecamatan_it_touches(issue):
    alert = issue(kecamatan_codes=[MANGGALA], polygon=LOSARI)
    codes = set(alert.kecamatan.values_list("code", flat=True))
    assert MANGGALA in codes and len(codes) > 1
    assert alert.polygon[0] == alert.polygon[-1] == [-5.14, 119.405]


def test_an_update_replaces_the_alert_and_keeps_the_chain(issue, people):
    alert = issue()
    update = actions.update_alert(actor=people["operator"], alert=alert, **alert_fields(
        headline="Banjir meluas ke Manggala", kecamatan_codes=[TAMALATE, MANGGALA]))
    alert.refresh_from_db()
    assert alert.superseded_at is not None and not alert.is_live
    assert update.msg_type == "Update" and update.original == alert and update.replaces == alert
    assert update.agency == alert.agency and update.status == alert.status
    second = actions.update_alert(actor=people["bpbd"], alert=update, **alert_fields(
        headline="Banjir mulai surut di Tamalate"))
    assert second.original == alert and second.replaces == update
    assert [a.pk for a in queries.live_alerts()] == [second.pk]
    assert OutboxEvent.objects.filter(type="alert.updated").count() == 2


def test_cancelling_ends_the_chain(issue, people):
    alert = issue()
    cancel = actions.cancel_alert(actor=people["bpbd"], alert=alert, reason="Air sudah surut.")
    assert cancel.msg_type == "Cancel" and cancel.original == alert and cancel.note == "Air sudah surut."
    assert list(queries.live_alerts()) == []
    assert AuditEvent.objects.filter(action="alerts.alert_cancelled").count() == 1
    with pytest.raises(AlertError):
        actions.cancel_alert(actor=people["bpbd"], alert=alert, reason="Dua kali.")


def test_a_cancellation_needs_a_reason(issue, people):
    alert = issue()
    with pytest.raises(AlertError) as refused:
        actions.cancel_alert(actor=people["bpbd"], alert=alert, reason="  ")
    assert "reason" in refused.value.errors
    assert Alert.objects.count() == 1


def test_a_crash_half_way_leaves_nothing(issue, people):
    with mock.patch("anrong.alerts.actions.emit", side_effect=RuntimeError("disk full")), \
            pytest.raises(RuntimeError):
        issue()
    assert not Alert.objects.exists()
    assert not AuditEvent.objects.filter(action__startswith="alerts.").exists()
    alert = issue()
    with mock.patch("anrong.alerts.actions.emit", side_effect=RuntimeError("disk full")), \
            pytest.raises(RuntimeError):
        actions.update_alert(actor=people["bpbd"], alert=alert, **alert_fields())
    alert.refresh_from_db()
    assert alert.superseded_at is None and Alert.objects.count() == 1
