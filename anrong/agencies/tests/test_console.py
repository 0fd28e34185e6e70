"""The staff console at /kantor/."""

from __future__ import annotations

import pytest
from django.urls import reverse

from anrong.accounts.testing import sign_in
from anrong.agencies.models import Membership, Office
from anrong.core.models import AuditEvent

from .conftest import staff

pytestmark = pytest.mark.django_db


def signed_in(client, person):  # type: ignore[no-untyped-def]
    return sign_in(client, person)  # staff confirm with TOTP, as /kantor/ requires


def memberships() -> list[tuple]:
    return list(Membership.objects.order_by("pk").values_list("pk", "user", "role", "is_active"))


def test_anonymous_visitors_are_sent_to_sign_in(client, agency):
    for url in (reverse("agencies:home"), reverse("agencies:agency", args=[agency.code])):
        response = client.get(url)
        assert response.status_code == 302
        assert response["Location"].startswith(reverse("account_login"))


def test_a_citizen_gets_a_plain_403_page(client, personas, agency):
    client = signed_in(client, personas["citizen"])
    response = client.get(reverse("agencies:home"))
    assert response.status_code == 403
    assert "Anda tidak punya akses" in response.content.decode()
    assert client.get(reverse("agencies:agency", args=[agency.code])).status_code == 403


def test_the_landing_page_lists_my_agencies_and_roles(client, personas, agency):
    response = signed_in(client, personas["supervisor"]).get(reverse("agencies:home"))
    page = response.content.decode()
    assert response.status_code == 200
    assert agency.name in page and "Supervisor" in page
    assert "Semua OPD" not in page


def test_a_platform_role_holder_sees_their_role(client, personas):
    page = signed_in(client, personas["operator"]).get(reverse("agencies:home")).content.decode()
    assert "Operator Diskominfo" in page and "belum menjadi anggota" in page


def test_an_officer_sees_the_agency_page_without_management_forms(client, regions, root, personas,
                                                                  agency, unit):
    from anrong.agencies import actions

    actions.add_office(actor=root, agency=agency, name="Kantor Disdukcapil", lat="-5.1338",
                       lng="119.4117", address="Balai Kota Makassar")
    response = signed_in(client, personas["officer"]).get(
        reverse("agencies:agency", args=[agency.code])
    )
    page = response.content.decode()
    assert response.status_code == 200
    assert "Kantor Disdukcapil" in page and unit.name in page
    assert "officer@makassarkota.go.id" in page
    assert reverse("agencies:add_member", args=[agency.code]) not in page


def test_an_officer_of_another_agency_is_refused(client, personas, agency):
    response = signed_in(client, personas["other_officer"]).get(
        reverse("agencies:agency", args=[agency.code])
    )
    assert response.status_code == 403


def test_an_agency_admin_adds_a_member_by_email(client, personas, agency, unit):
    newcomer = staff("baru@makassarkota.go.id")
    client = signed_in(client, personas["agency_admin"])
    url = reverse("agencies:add_member", args=[agency.code])
    assert client.get(url).status_code == 200
    response = client.post(url, {"email": "BARU@makassarkota.go.id", "role": "supervisor",
                                 "unit": str(unit.pk)})
    assert response.status_code == 302
    membership = Membership.objects.get(user=newcomer)
    assert (membership.agency, membership.role, membership.unit) == (agency, "supervisor", unit)
    page = client.get(response["Location"]).content.decode()
    assert "ditambahkan" in page


def test_adding_an_unknown_email_shows_the_error_next_to_the_field(client, personas, agency):
    before = memberships()
    response = signed_in(client, personas["agency_admin"]).post(
        reverse("agencies:add_member", args=[agency.code]),
        {"email": "nobody@example.com", "role": "officer", "unit": ""},
    )
    page = response.content.decode()
    assert response.status_code == 400
    assert 'id="email-error"' in page and 'aria-invalid="true"' in page
    assert 'aria-describedby="email-hint email-error"' in page
    assert memberships() == before


@pytest.mark.parametrize("persona", ["officer", "supervisor", "other_officer", "citizen", "operator"])
def test_non_admins_cannot_use_the_management_forms(client, regions, personas, agency, persona):
    newcomer = staff("baru@makassarkota.go.id")
    target = Membership.objects.get(user=personas["officer"])
    client = signed_in(client, personas[persona])
    before, offices, audit = memberships(), Office.objects.count(), AuditEvent.objects.count()
    code = agency.code
    posts = [
        (reverse("agencies:add_member", args=[code]),
         {"email": newcomer.email, "role": "admin", "unit": ""}),
        (reverse("agencies:change_role", args=[code, target.pk]), {"role": "admin", "unit": ""}),
        (reverse("agencies:end_membership", args=[code, target.pk]), {}),
        (reverse("agencies:add_office", args=[code]),
         {"name": "Kantor", "lat": "-5.1338", "lng": "119.4117", "radius_m": "100"}),
    ]
    for url, data in posts:
        assert client.post(url, data).status_code == 403, url
    assert client.get(reverse("agencies:add_member", args=[code])).status_code == 403
    assert memberships() == before
    assert Office.objects.count() == offices and AuditEvent.objects.count() == audit


def test_an_agency_admin_changes_a_role_and_ends_a_membership(client, personas, agency):
    target = Membership.objects.get(user=personas["officer"])
    client = signed_in(client, personas["agency_admin"])
    response = client.post(reverse("agencies:change_role", args=[agency.code, target.pk]),
                           {"role": "supervisor", "unit": ""})
    assert response.status_code == 302
    assert Membership.objects.get(pk=target.pk).role == "supervisor"
    client.post(reverse("agencies:end_membership", args=[agency.code, target.pk]))
    assert not Membership.objects.get(pk=target.pk).is_active


def test_the_last_admin_is_told_why_they_cannot_leave(client, personas, agency):
    own = Membership.objects.get(user=personas["agency_admin"])
    client = signed_in(client, personas["agency_admin"])
    response = client.post(reverse("agencies:end_membership", args=[agency.code, own.pk]),
                           follow=True)
    assert "setidaknya satu admin" in response.content.decode()
    assert Membership.objects.get(pk=own.pk).is_active


def test_a_membership_of_another_agency_cannot_be_reached_through_mine(client, personas, agency,
                                                                       other_agency):
    foreign = Membership.objects.get(user=personas["other_officer"])
    response = signed_in(client, personas["agency_admin"]).post(
        reverse("agencies:end_membership", args=[agency.code, foreign.pk])
    )
    assert response.status_code == 404
    assert Membership.objects.get(pk=foreign.pk).is_active


def test_an_agency_admin_adds_an_office(client, regions, personas, agency):
    client = signed_in(client, personas["agency_admin"])
    url = reverse("agencies:add_office", args=[agency.code])
    response = client.post(url, {"name": "Kantor Pelayanan Mariso", "address": "Jl. Seroja",
                                 "lat": "-5.15993", "lng": "119.408043", "radius_m": "150"})
    assert response.status_code == 302
    office = Office.objects.get(agency=agency)
    assert office.kelurahan.parent.name == "Mariso" and office.radius_m == 150


def test_an_office_outside_the_city_is_refused_with_a_message(client, regions, personas, agency):
    response = signed_in(client, personas["agency_admin"]).post(
        reverse("agencies:add_office", args=[agency.code]),
        {"name": "Jakarta", "lat": "-6.2", "lng": "106.8", "radius_m": "100"},
    )
    assert response.status_code == 400
    assert "di luar Kota Makassar" in response.content.decode()
    assert not Office.objects.filter(agency=agency).exists()


def test_a_sysadmin_sees_every_agency(client, personas, agency, other_agency):
    page = signed_in(client, personas["sysadmin"]).get(reverse("agencies:home")).content.decode()
    assert "Semua OPD" in page and other_agency.name in page


def test_the_agency_page_query_count_does_not_grow_with_members(client, root, personas, agency,
                                                                unit):
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    from anrong.agencies import actions

    client = signed_in(client, personas["agency_admin"])
    url = reverse("agencies:agency", args=[agency.code])

    def count() -> int:
        client.get(url)  # warm: the alert banner is cached for a minute (anrong.alerts), not a cost of this page
        with CaptureQueriesContext(connection) as ctx:
            assert client.get(url).status_code == 200
        return len(ctx.captured_queries)

    few = count()
    for n in range(6):
        actions.add_member(actor=root, user=staff(f"petugas{n}@makassarkota.go.id"),
                           agency=agency, role="officer", unit=unit)
    assert count() == few


def test_the_console_speaks_english_on_request(client, personas, agency):
    client.cookies["anrong_lang"] = "en"
    page = signed_in(client, personas["officer"]).get(reverse("agencies:home")).content.decode()
    assert "Your agencies" in page and "Officer" in page
