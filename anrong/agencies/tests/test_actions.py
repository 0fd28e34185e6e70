"""Agency actions: each is audited and announced; each refusal changes nothing."""

from __future__ import annotations

from decimal import Decimal

import pytest

from anrong.accounts import roles
from anrong.accounts.models import PlatformRole
from anrong.agencies import actions
from anrong.agencies.models import Agency, Membership, Office, Unit
from anrong.core.models import AuditEvent, OutboxEvent

from .conftest import CITY_HALL, fresh, staff

pytestmark = pytest.mark.django_db


def snapshot() -> dict[str, int]:
    return {
        "agencies": Agency.objects.count(), "offices": Office.objects.count(),
        "units": Unit.objects.count(),
        "memberships": list(Membership.objects.values_list("pk", "role", "is_active", "unit")),
        "platform_roles": list(PlatformRole.objects.values_list("user", "role")),
        "audit": AuditEvent.objects.count(), "outbox": OutboxEvent.objects.count(),
    }


def test_adding_a_member_is_audited_and_announced(personas, agency, unit):
    # given an agency admin and an account that works for nobody yet
    admin = fresh(personas["agency_admin"])
    newcomer = staff("newcomer@makassarkota.go.id")
    # when the admin adds them as an officer of a unit
    membership = actions.add_member(actor=admin, user=newcomer, agency=agency, role="officer",
                                    unit=unit)
    # then they are a member, and the audit log and outbox say so
    assert (membership.role, membership.unit, membership.is_active) == ("officer", unit, True)
    event = AuditEvent.objects.get(action="agency.member_added", target_id=str(membership.pk))
    assert event.actor == admin and event.details["role"] == "officer"
    outbox = OutboxEvent.objects.get(type="agency.member_added", aggregate_id=str(membership.pk))
    assert outbox.payload["user_id"] == newcomer.pk and outbox.payload["agency_id"] == agency.pk
    assert roles.agency_roles(newcomer) == {agency.pk: "officer"}


REFUSED = ["anonymous", "citizen", "other_officer", "officer", "supervisor", "editor", "operator"]


@pytest.mark.parametrize("persona", REFUSED)
def test_only_admins_add_members_and_nothing_changes_on_refusal(personas, agency, persona):
    newcomer = staff("newcomer@makassarkota.go.id")
    before = snapshot()
    with pytest.raises(actions.AgencyPermissionError):
        actions.add_member(actor=fresh(personas[persona]), user=newcomer, agency=agency,
                           role="admin")
    assert snapshot() == before


@pytest.mark.parametrize("persona", REFUSED)
def test_only_admins_change_offices_units_and_roles(personas, agency, unit, persona):
    actor = fresh(personas[persona])
    membership = Membership.objects.get(user=personas["officer"])
    before = snapshot()
    attempts = [
        lambda: actions.change_member_role(actor=actor, membership=membership, role="admin"),
        lambda: actions.end_membership(actor=actor, membership=membership),
        lambda: actions.add_unit(actor=actor, agency=agency, name="Bidang Baru"),
        lambda: actions.add_office(actor=actor, agency=agency, name="Kantor", lat=CITY_HALL[0],
                                   lng=CITY_HALL[1]),
        lambda: actions.update_agency(actor=actor, agency=agency, name="Ganti nama"),
    ]
    for attempt in attempts:
        with pytest.raises(actions.AgencyPermissionError):
            attempt()
    assert snapshot() == before


def test_changing_a_role_is_audited_with_before_and_after(personas, agency, unit):
    admin = fresh(personas["agency_admin"])
    membership = Membership.objects.get(user=personas["officer"])
    actions.change_member_role(actor=admin, membership=membership, role="supervisor", unit=unit)
    membership.refresh_from_db()
    assert (membership.role, membership.unit) == ("supervisor", unit)
    event = AuditEvent.objects.get(action="agency.member_role_changed")
    assert event.details == {"agency": "DISDUKCAPIL", "before": "officer", "after": "supervisor"}
    assert OutboxEvent.objects.filter(type="agency.member_role_changed").count() == 1


def test_a_unit_of_another_agency_is_refused(root, personas, agency, other_agency):
    foreign_unit = actions.add_unit(actor=root, agency=other_agency, name="Bidang Lalu Lintas")
    membership = Membership.objects.get(user=personas["officer"])
    before = snapshot()
    with pytest.raises(actions.AgencyError, match="bukan bagian"):
        actions.change_member_role(actor=root, membership=membership, role="officer",
                                   unit=foreign_unit)
    assert snapshot() == before


def test_ending_a_membership_and_adding_back(personas, agency):
    admin = fresh(personas["agency_admin"])
    membership = Membership.objects.get(user=personas["officer"])
    actions.end_membership(actor=admin, membership=membership)
    membership.refresh_from_db()
    assert not membership.is_active
    assert AuditEvent.objects.filter(action="agency.membership_ended").count() == 1
    assert OutboxEvent.objects.filter(type="agency.membership_ended").count() == 1
    with pytest.raises(actions.AgencyError, match="sudah berakhir"):
        actions.end_membership(actor=admin, membership=membership)
    again = actions.add_member(actor=admin, user=personas["officer"], agency=agency,
                               role="supervisor")
    assert again.pk == membership.pk and again.is_active and again.role == "supervisor"


def test_an_existing_member_cannot_be_added_twice(personas, agency):
    before = snapshot()
    with pytest.raises(actions.AgencyError, match="sudah menjadi anggota"):
        actions.add_member(actor=fresh(personas["agency_admin"]), user=personas["officer"],
                           agency=agency, role="officer")
    assert snapshot() == before


def test_the_last_admin_cannot_leave_but_a_sysadmin_can_decide(personas, agency):
    admin = fresh(personas["agency_admin"])
    own = Membership.objects.get(user=admin)
    before = snapshot()
    with pytest.raises(actions.AgencyError, match="setidaknya satu admin"):
        actions.end_membership(actor=admin, membership=own)
    with pytest.raises(actions.AgencyError, match="setidaknya satu admin"):
        actions.change_member_role(actor=admin, membership=own, role="officer")
    assert snapshot() == before
    actions.change_member_role(actor=fresh(personas["sysadmin"]), membership=own, role="officer")
    assert Membership.objects.get(pk=own.pk).role == "officer"


def test_an_admin_who_ends_their_own_membership_loses_access_at_once(personas, agency):
    admin = fresh(personas["agency_admin"])
    second = staff("second-admin@makassarkota.go.id")
    actions.add_member(actor=admin, user=second, agency=agency, role="admin")
    assert roles.agency_roles(admin) == {agency.pk: "admin"}  # cached on the object
    actions.end_membership(actor=admin, membership=Membership.objects.get(user=admin))
    assert roles.agency_roles(admin) == {}
    assert not roles.is_staff_member(admin)


def test_adding_an_office_finds_its_kelurahan(regions, personas, agency):
    office = actions.add_office(actor=fresh(personas["agency_admin"]), agency=agency,
                                name="Kantor Disdukcapil", address="Balai Kota",
                                lat=CITY_HALL[0], lng=CITY_HALL[1], is_main=True)
    assert office.kelurahan.parent.name == "Ujung Pandang"
    assert AuditEvent.objects.filter(action="agency.office_added").count() == 1
    assert OutboxEvent.objects.get(type="agency.office_added").payload["kelurahan"] == office.kelurahan_id


def test_an_office_outside_makassar_is_refused(regions, personas, agency):
    before = snapshot()
    with pytest.raises(actions.AgencyError, match="di luar Kota Makassar"):
        actions.add_office(actor=fresh(personas["agency_admin"]), agency=agency, name="Jakarta",
                           lat=Decimal("-6.2"), lng=Decimal("106.8"))
    assert snapshot() == before


def test_moving_an_office_and_making_it_the_main_one(regions, root, agency):
    first = actions.add_office(actor=root, agency=agency, name="Kantor lama", lat=CITY_HALL[0],
                               lng=CITY_HALL[1], is_main=True)
    second = actions.add_office(actor=root, agency=agency, name="Kantor baru", lat=CITY_HALL[0],
                                lng=CITY_HALL[1])
    # Puskesmas Dahlia's coordinates, Kec. Mariso
    actions.update_office(actor=root, office=second, lat=Decimal("-5.15993"),
                          lng=Decimal("119.408043"), is_main=True)
    second.refresh_from_db()
    first.refresh_from_db()
    assert second.is_main and not first.is_main
    assert second.kelurahan.parent.name == "Mariso"
    event = AuditEvent.objects.get(action="agency.office_updated")
    assert event.details["after"]["lat"] == "-5.159930"


def test_units_are_unique_within_an_agency(root, agency, unit):
    with pytest.raises(actions.AgencyError, match="sudah ada"):
        actions.add_unit(actor=root, agency=agency, name=unit.name.upper())
    assert Unit.objects.filter(agency=agency).count() == 1


def test_agency_admins_rename_but_only_sysadmins_change_kind_or_deactivate(personas, agency):
    admin = fresh(personas["agency_admin"])
    actions.update_agency(actor=admin, agency=agency, short_name="Dukcapil")
    assert Agency.objects.get(pk=agency.pk).short_name == "Dukcapil"
    before = snapshot()
    with pytest.raises(actions.AgencyPermissionError):
        actions.update_agency(actor=admin, agency=agency, is_active=False)
    assert snapshot() == before
    actions.update_agency(actor=fresh(personas["sysadmin"]), agency=agency, kind="badan")
    assert Agency.objects.get(pk=agency.pk).kind == "badan"
    assert AuditEvent.objects.filter(action="agency.updated").count() == 2


def test_creating_an_agency_needs_a_sysadmin_and_a_free_code(personas, agency):
    before = snapshot()
    for persona in ("agency_admin", "operator", "citizen"):
        with pytest.raises(actions.AgencyPermissionError):
            actions.create_agency(actor=fresh(personas[persona]), code="BARU", name="Baru",
                                  kind="dinas")
    with pytest.raises(actions.AgencyError, match="sudah dipakai"):
        actions.create_agency(actor=fresh(personas["sysadmin"]), code="disdukcapil",
                              name="Lagi", kind="dinas")
    assert snapshot() == before
    created = actions.create_agency(actor=fresh(personas["sysadmin"]), code="bapenda",
                                    name="Badan Pendapatan Daerah", kind="badan")
    assert created.code == "BAPENDA"
    assert OutboxEvent.objects.filter(type="agency.created", aggregate_id=str(created.pk)).exists()


def test_platform_roles_are_granted_and_revoked_by_sysadmins_only(personas):
    sysadmin = fresh(personas["sysadmin"])
    person = staff("redaktur@makassarkota.go.id")
    before = snapshot()
    for persona in ("agency_admin", "operator", "editor", "anonymous"):
        with pytest.raises(actions.AgencyPermissionError):
            actions.grant_platform_role(actor=fresh(personas[persona]), user=person, role="editor")
    assert snapshot() == before
    actions.grant_platform_role(actor=sysadmin, user=person, role="editor")
    assert roles.platform_roles(person) == {"editor"}
    actions.revoke_platform_role(actor=sysadmin, user=person, role="editor")
    assert roles.platform_roles(person) == set()  # no stale cached role
    assert not roles.is_staff_member(person)
    assert list(AuditEvent.objects.filter(target_id=str(person.pk)).values_list("action", flat=True)
                .order_by("id")) == ["accounts.platform_role_granted", "accounts.platform_role_revoked"]
    assert OutboxEvent.objects.filter(type__startswith="accounts.platform_role").count() >= 2


def test_a_sysadmin_cannot_revoke_their_own_sysadmin_role(personas):
    sysadmin = fresh(personas["sysadmin"])
    with pytest.raises(actions.AgencyError, match="sendiri"):
        actions.revoke_platform_role(actor=sysadmin, user=sysadmin, role="sysadmin")
    assert PlatformRole.objects.filter(user=sysadmin, role="sysadmin").exists()
