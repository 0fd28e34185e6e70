"""Who may issue, update and cancel alerts, as a matrix; each refusal leaves nothing written."""

from __future__ import annotations

import datetime as dt

import pytest
from django.utils import timezone

from anrong.alerts import actions, permissions
from anrong.alerts.errors import AlertPermissionError
from anrong.alerts.models import Alert
from anrong.core.models import AuditEvent, OutboxEvent

from .conftest import alert_fields

pytestmark = pytest.mark.django_db

MAY_ISSUE = {"operator", "bpbd", "other_bpbd", "diskominfo"}
EVERYONE = ["anonymous", "citizen", "other_citizen", "editor", "sysadmin", "dishub",
            "dinkes_admin", "root", *sorted(MAY_ISSUE)]


def test_who_may_issue(people):
    for name in EVERYONE:
        assert permissions.can_issue_alerts(people[name]) is (name in MAY_ISSUE), name
        assert permissions.can_use_alert_console(people[name]) is (name in MAY_ISSUE), name


def test_issuing_agencies_are_the_members_own_and_diskominfo_for_an_operator(people):
    assert [a.code for a in permissions.issuing_agencies(people["bpbd"])] == ["BPBD"]
    assert [a.code for a in permissions.issuing_agencies(people["diskominfo"])] == ["DISKOMINFO"]
    assert [a.code for a in permissions.issuing_agencies(people["operator"])] == ["DISKOMINFO"]
    assert permissions.issuing_agencies(people["dishub"]) == []


def test_refused_issuers_write_nothing(people):
    for name in EVERYONE:
        if name in MAY_ISSUE:
            continue
        before = (Alert.objects.count(), AuditEvent.objects.count(), OutboxEvent.objects.count())
        with pytest.raises(AlertPermissionError):
            actions.issue_alert(actor=people[name], **alert_fields())
        assert (Alert.objects.count(), AuditEvent.objects.count(),
                OutboxEvent.objects.count()) == before, name


def test_a_bpbd_officer_cannot_issue_in_diskominfos_name(people):
    with pytest.raises(AlertPermissionError):
        actions.issue_alert(actor=people["bpbd"], agency_code="DISKOMINFO", **alert_fields())
    assert not Alert.objects.exists()


def test_who_may_change_a_live_alert(issue, people):
    alert = issue(actor=people["bpbd"])
    allowed = {"operator", "bpbd", "other_bpbd"}  # operators any, staff their own agency's
    for name in EVERYONE:
        assert permissions.can_change_alert(people[name], alert) is (name in allowed), name


def test_refused_changes_write_nothing(issue, people):
    alert = issue(actor=people["bpbd"])
    for name in ("citizen", "diskominfo", "dishub", "anonymous"):
        before = (Alert.objects.count(), AuditEvent.objects.count())
        with pytest.raises(AlertPermissionError):
            actions.cancel_alert(actor=people[name], alert=alert, reason="Bukan wewenang saya.")
        with pytest.raises(AlertPermissionError):
            actions.update_alert(actor=people[name], alert=alert, **{
                k: v for k, v in alert_fields().items()})
        assert (Alert.objects.count(), AuditEvent.objects.count()) == before
    alert.refresh_from_db()
    assert alert.superseded_at is None


def test_nobody_changes_a_replaced_cancelled_or_expired_alert(issue, people):
    alert = issue()
    update = actions.update_alert(actor=people["bpbd"], alert=alert, **alert_fields(
        headline="Banjir meluas ke Manggala"))
    alert.refresh_from_db()
    cancel = actions.cancel_alert(actor=people["operator"], alert=update, reason="Air surut.")
    expired = issue()
    Alert.objects.filter(pk=expired.pk).update(expires=timezone.now() - dt.timedelta(minutes=1))
    expired.refresh_from_db()
    update.refresh_from_db()
    for message in (alert, update, cancel, expired):
        assert not permissions.can_change_alert(people["operator"], message)
    with pytest.raises(AlertPermissionError):
        actions.cancel_alert(actor=people["operator"], alert=alert, reason="Sekali lagi.")


def test_anyone_may_subscribe(people):
    assert all(permissions.can_subscribe(people[name]) for name in EVERYONE)
