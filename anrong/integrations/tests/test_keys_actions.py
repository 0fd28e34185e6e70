"""Issuing, rotating and revoking agency API keys: the system account, hashed storage, the
overlap of a rotation, and who may do it (forbidden calls change nothing)."""

from __future__ import annotations

import datetime as dt
import hashlib

import pytest
from django.db import connection
from django.utils import timezone

from anrong.accounts.models import User
from anrong.agencies.models import Agency, Membership
from anrong.core.models import AuditEvent, OutboxEvent
from anrong.integrations.actions import keys as key_actions
from anrong.integrations.errors import IntegrationError, IntegrationPermissionError
from anrong.integrations.models import ApiKey
from anrong.integrations.queries.keys import key_status, usable_key

from .fixtures_keys import ALL_SCOPES, disdukcapil, fresh_rate_limits, issue  # noqa: F401

pytestmark = pytest.mark.django_db


def snapshot():  # type: ignore[no-untyped-def]
    return (list(ApiKey.objects.order_by("pk").values()), User.objects.count(),
            list(Membership.objects.order_by("pk").values()), AuditEvent.objects.count(),
            OutboxEvent.objects.count())


def test_a_key_has_the_documented_shape_and_only_its_hash_is_stored(personas):
    issued = issue(personas)
    text, key = issued.text, issued.key
    assert text.startswith(f"anr_{key.prefix}_") and len(key.prefix) == 8
    assert len(text.split("_", 2)[2]) >= 32
    assert key.key_hash == hashlib.sha256(text.encode()).hexdigest()
    assert text not in repr(issued) and key.scopes == ALL_SCOPES
    assert usable_key(text) == key
    assert usable_key(text[:-1] + ("A" if text[-1] != "A" else "B")) is None


def test_the_key_text_is_in_no_database_column(personas):
    issued = issue(personas)
    secret = issued.text.split("_", 2)[2]
    with connection.cursor() as cursor:
        for table in connection.introspection.table_names(cursor):
            cursor.execute(f'SELECT * FROM "{table}"')  # noqa: S608 (table names from the schema)
            for row in cursor.fetchall():
                assert not any(secret in str(value) for value in row), table


def test_the_first_key_creates_the_agency_system_account_and_later_keys_reuse_it(personas):
    first = issue(personas, name="SIAK")
    second = issue(personas, name="Dasbor", scopes=["catalogue:read"])
    account = first.key.service_user
    assert second.key.service_user == account
    assert account.email == "sistem.disdukcapil@integrasi.anrong.invalid"
    assert account.display_name.startswith("Sistem ") and not account.has_usable_password()
    membership = Membership.objects.get(user=account)
    assert (membership.agency.code, membership.role, membership.is_active) == \
        ("DISDUKCAPIL", "officer", True)
    assert AuditEvent.objects.filter(action="agency.member_added",
                                     details__user_id=account.pk).count() == 1


def test_an_ended_system_membership_is_renewed_by_the_next_key(personas):
    from anrong.agencies import actions as agency_actions

    account = issue(personas).key.service_user
    agency_actions.end_membership(actor=personas["agency_admin"],
                                  membership=Membership.objects.get(user=account))
    issue(personas, name="Baru")
    assert Membership.objects.get(user=account).is_active


def test_issuing_is_audited_and_announced_without_the_secret(personas):
    issued = issue(personas)
    audit = AuditEvent.objects.get(action="integrations.api_key_issued")
    event = OutboxEvent.objects.get(type="integrations.api_key_issued")
    assert audit.actor == personas["agency_admin"] and audit.target_id == str(issued.key.pk)
    assert event.payload["prefix"] == issued.key.prefix
    assert event.payload["scopes"] == ALL_SCOPES
    for stored in (audit.details, event.payload):
        assert issued.text not in str(stored) and issued.key.key_hash not in str(stored)


@pytest.mark.parametrize(("name", "scopes"), [("", ["catalogue:read"]), ("SIAK", []),
                                              ("SIAK", ["complaints:delete"]), ("x" * 101, [])])
def test_a_key_needs_a_name_and_known_scopes(personas, name, scopes):
    before = snapshot()
    with pytest.raises(IntegrationError):
        issue(personas, name=name, scopes=scopes)
    assert snapshot() == before


def test_rotation_gives_a_successor_and_the_old_key_lives_until_the_overlap_ends(personas):
    old = issue(personas, scopes=["applications:read"])
    new = key_actions.rotate_key(actor=personas["agency_admin"], key=old.key, overlap="24h")
    old.key.refresh_from_db()
    assert old.key.replaced_by == new.key and new.text != old.text
    assert (new.key.name, new.key.scopes, new.key.service_user) == \
        (old.key.name, old.key.scopes, old.key.service_user)
    left = old.key.expires_at - timezone.now()
    assert dt.timedelta(hours=23, minutes=59) < left <= dt.timedelta(hours=24)
    assert usable_key(old.text) == old.key and usable_key(new.text) == new.key
    assert key_status(old.key) == "expiring" and key_status(new.key) == "active"
    event = OutboxEvent.objects.get(type="integrations.api_key_rotated")
    assert event.payload["new_key_id"] == new.key.pk
    ApiKey.objects.filter(pk=old.key.pk).update(expires_at=timezone.now())  # the overlap ends
    assert usable_key(old.text) is None and usable_key(new.text) == new.key


def test_a_rotated_revoked_or_unknown_overlap_cannot_be_rotated(personas):
    admin = personas["agency_admin"]
    issued = issue(personas)
    with pytest.raises(IntegrationError):
        key_actions.rotate_key(actor=admin, key=issued.key, overlap="30d")
    key_actions.rotate_key(actor=admin, key=issued.key, overlap="1h")
    with pytest.raises(IntegrationError, match="dirotasi"):
        key_actions.rotate_key(actor=admin, key=issued.key, overlap="1h")
    other = issue(personas, name="Lain")
    key_actions.revoke_key(actor=admin, key=other.key)
    before = snapshot()
    with pytest.raises(IntegrationError, match="dicabut"):
        key_actions.rotate_key(actor=admin, key=other.key, overlap="1h")
    with pytest.raises(IntegrationError, match="dicabut"):
        key_actions.revoke_key(actor=admin, key=other.key)
    assert snapshot() == before


def test_revoking_ends_the_key_at_once(personas):
    issued = issue(personas)
    key_actions.revoke_key(actor=personas["agency_admin"], key=issued.key)
    issued.key.refresh_from_db()
    assert usable_key(issued.text) is None and key_status(issued.key) == "revoked"
    assert OutboxEvent.objects.filter(type="integrations.api_key_revoked").count() == 1
    assert AuditEvent.objects.filter(action="integrations.api_key_revoked").count() == 1


def test_last_use_is_written_at_most_once_a_minute(personas):
    key = issue(personas).key
    now = timezone.now()
    assert key_actions.record_key_use(key=key, ip="10.0.0.1", now=now)
    stale = ApiKey.objects.get(pk=key.pk)
    assert not key_actions.record_key_use(key=key, ip="10.0.0.2", now=now + dt.timedelta(seconds=30))
    assert not key_actions.record_key_use(key=stale, ip="10.0.0.2",
                                          now=now + dt.timedelta(seconds=30))
    assert key_actions.record_key_use(key=key, ip="10.0.0.3", now=now + dt.timedelta(seconds=61))
    key.refresh_from_db()
    assert key.last_used_ip == "10.0.0.3"


# --- who may -------------------------------------------------------------------------------------

FORBIDDEN = ["officer", "supervisor", "other_agency_admin", "sysadmin", "citizen", "anonymous"]


def test_the_agency_admin_may_issue_rotate_and_revoke(personas):
    admin = personas["agency_admin"]
    issued = issue(personas)
    successor = key_actions.rotate_key(actor=admin, key=issued.key, overlap="7d")
    key_actions.revoke_key(actor=admin, key=successor.key)
    assert ApiKey.objects.filter(agency__code="DISDUKCAPIL").count() == 2


@pytest.mark.parametrize("persona", FORBIDDEN)
def test_nobody_else_may_issue_rotate_or_revoke(personas, persona):
    issued = issue(personas)
    actor = personas[persona]
    before = snapshot()
    with pytest.raises(IntegrationPermissionError):
        key_actions.issue_key(actor=actor, agency=disdukcapil(), name="X",
                              scopes=["catalogue:read"])
    with pytest.raises(IntegrationPermissionError):
        key_actions.rotate_key(actor=actor, key=issued.key, overlap="1h")
    with pytest.raises(IntegrationPermissionError):
        key_actions.revoke_key(actor=actor, key=issued.key)
    assert snapshot() == before


def test_an_admin_of_another_agency_gets_their_own_system_account(personas):
    dishub = Agency.objects.get(code="DISHUB")
    theirs = issue(personas, agency=dishub, admin="other_agency_admin")
    ours = issue(personas)
    assert theirs.key.service_user != ours.key.service_user
    assert theirs.key.service_user.email == "sistem.dishub@integrasi.anrong.invalid"
