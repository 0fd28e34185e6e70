"""/admin/: the audit log is read-only for everyone; every view of a citizen is audited."""

from __future__ import annotations

import pytest
from django.urls import reverse

from anrong.accounts.models import CitizenProfile, User
from anrong.accounts.privacy import mask_phone
from anrong.accounts.testing import sign_in
from anrong.agencies import actions
from anrong.core import context
from anrong.core.audit import record_audit
from anrong.core.models import AuditEvent, Region

pytestmark = pytest.mark.django_db


@pytest.fixture(autouse=True)
def fast_password_hashing(settings):  # type: ignore[no-untyped-def]
    settings.PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]


@pytest.fixture
def root(db):  # type: ignore[no-untyped-def]
    return User.objects.create_superuser(email="root@makassarkota.go.id", password="x-Secret-12345")


def admin_with_role(root, role: str) -> User:
    person = User.objects.create_user(email=f"{role}@makassarkota.go.id", password="x-Secret-12345",
                                      is_staff=True)
    actions.grant_platform_role(actor=root, user=person, role=role)
    return User.objects.get(pk=person.pk)


@pytest.fixture
def sysadmin(root):  # type: ignore[no-untyped-def]
    return admin_with_role(root, "sysadmin")


@pytest.fixture
def citizen(regions):  # type: ignore[no-untyped-def]
    user = User.objects.create_user(phone="+6281234567890")
    # accounts.actions.profile is another helper's; the profile row is set up directly here.
    CitizenProfile.objects.create(user=user, nik="7371014101900001", full_name="Andi Baso",
                                  kelurahan=Region.objects.get(code="73.71.01.1001"))
    return user


def test_opening_a_user_page_is_audited_and_the_phone_is_masked(client, sysadmin, citizen):
    sign_in(client, sysadmin)
    response = client.get(reverse("admin:accounts_user_change", args=[citizen.pk]))
    page = response.content.decode()
    assert response.status_code == 200
    assert "+6281234567890" not in page and mask_phone("+6281234567890") in page
    event = AuditEvent.objects.get(action="citizen.viewed")
    assert (event.actor, event.target_type, event.target_id) == (sysadmin, "accounts.user",
                                                                str(citizen.pk))
    assert event.request_id  # tied to the request that showed the page


def test_opening_a_citizen_profile_is_audited_and_the_nik_is_masked(client, sysadmin, citizen):
    sign_in(client, sysadmin)
    profile = citizen.citizen_profile
    response = client.get(reverse("admin:accounts_citizenprofile_change", args=[profile.pk]))
    page = response.content.decode()
    assert response.status_code == 200
    assert "7371014101900001" not in page and "7371********0001" in page
    event = AuditEvent.objects.get(action="citizen.viewed")
    assert (event.target_type, event.target_id) == ("accounts.user", str(citizen.pk))
    assert event.details["page"] == "accounts.citizenprofile"


def test_the_lists_show_no_unmasked_nik_or_phone(client, sysadmin, citizen):
    sign_in(client, sysadmin)
    users = client.get(reverse("admin:accounts_user_changelist")).content.decode()
    profiles = client.get(reverse("admin:accounts_citizenprofile_changelist")).content.decode()
    assert "+6281234567890" not in users and "7371014101900001" not in profiles


def test_accounts_in_the_admin_cannot_be_changed(client, sysadmin, citizen):
    sign_in(client, sysadmin)
    response = client.post(reverse("admin:accounts_user_change", args=[citizen.pk]),
                           {"email": "taken@example.com", "is_staff": "on"})
    assert response.status_code == 403
    citizen.refresh_from_db()
    assert citizen.email is None and not citizen.is_staff
    assert client.get(reverse("admin:accounts_user_add")).status_code == 403
    assert client.get(reverse("admin:accounts_user_delete", args=[citizen.pk])).status_code == 403


def test_operators_cannot_open_citizens_or_the_audit_log(client, root, citizen):
    operator = admin_with_role(root, "operator")
    sign_in(client, operator)
    assert client.get(reverse("admin:accounts_user_change", args=[citizen.pk])).status_code == 403
    assert client.get(reverse("admin:core_auditevent_changelist")).status_code == 403
    assert not AuditEvent.objects.filter(action="citizen.viewed").exists()


def test_the_audit_log_is_searchable_by_actor_email_and_request_id(client, sysadmin, citizen):
    token = context.bind(context.RequestContext(request_id="req-findme-123", ip="10.9.8.7"))
    try:
        record_audit(actor=sysadmin, action="test.looked", target=citizen)
    finally:
        context.unbind(token)
    record_audit(actor=None, action="test.other", target_type="thing", target_id=1)
    sign_in(client, sysadmin)
    url = reverse("admin:core_auditevent_changelist")

    def found(params):  # type: ignore[no-untyped-def]
        response = client.get(url, params)
        assert response.status_code == 200
        return {e.action for e in response.context["cl"].result_list}

    for term in ("req-findme-123", "sysadmin@makassarkota.go.id", "10.9.8.7", "test.looked",
                 str(citizen.pk)):
        assert found({"q": term}) == {"test.looked"}, term
    assert found({"action": "test.other"}) == {"test.other"}
    assert found({"target_type": "thing"}) == {"test.other"}


def test_nobody_can_add_change_or_delete_audit_events(client, root, sysadmin):
    event = record_audit(actor=root, action="test.kept", target_type="thing", target_id=1)
    for person in (root, sysadmin):
        sign_in(client, person)
        assert client.get(reverse("admin:core_auditevent_add")).status_code == 403
        assert client.post(reverse("admin:core_auditevent_change", args=[event.pk]),
                           {"action": "tampered"}).status_code == 403
        assert client.post(reverse("admin:core_auditevent_delete", args=[event.pk]),
                           {"post": "yes"}).status_code == 403
    assert AuditEvent.objects.get(pk=event.pk).action == "test.kept"


def test_regions_are_read_only_in_the_admin(client, regions, root):
    sign_in(client, root)
    assert client.get(reverse("admin:core_region_changelist"), {"q": "Mariso"}).status_code == 200
    response = client.post(reverse("admin:core_region_change", args=["73.71.01"]),
                           {"name": "Ganti"})
    assert response.status_code == 403
    assert Region.objects.get(code="73.71.01").name == "Mariso"


def test_a_sysadmin_without_django_permissions_reads_but_cannot_change_agencies(client, sysadmin):
    from anrong.agencies.models import Agency

    agency = actions.create_agency(actor=sysadmin, code="DISHUB", name="Dinas Perhubungan",
                                   kind="dinas")
    sign_in(client, sysadmin)
    assert client.get(reverse("admin:agencies_agency_changelist")).status_code == 200
    assert client.get(reverse("admin:core_outboxevent_changelist")).status_code == 200
    response = client.post(reverse("admin:agencies_agency_change", args=[agency.pk]),
                           {"name": "Ganti"})
    assert response.status_code == 403
    assert Agency.objects.get(pk=agency.pk).name == "Dinas Perhubungan"


def test_a_sysadmin_deactivates_an_account_from_the_admin_with_a_reason(client, sysadmin, citizen):
    from django.contrib.admin.helpers import ACTION_CHECKBOX_NAME

    sign_in(client, citizen)  # the citizen has a live session elsewhere
    citizen_client = client.__class__()
    citizen_client.force_login(citizen)
    admin_client = client.__class__()
    sign_in(admin_client, sysadmin)
    url = reverse("admin:accounts_user_changelist")
    # without a reason nothing happens and the page asks for one
    page = admin_client.post(url, {"action": "deactivate_accounts", ACTION_CHECKBOX_NAME: [citizen.pk],
                                   "confirm": "yes", "reason": ""})
    assert "Tuliskan alasan" in page.content.decode()
    citizen.refresh_from_db()
    assert citizen.is_active
    # with a reason the account is off, audited, and its sessions are gone
    admin_client.post(url, {"action": "deactivate_accounts", ACTION_CHECKBOX_NAME: [citizen.pk],
                            "confirm": "yes", "reason": "Laporan penyalahgunaan akun"})
    citizen.refresh_from_db()
    assert not citizen.is_active
    event = AuditEvent.objects.get(action="account.deactivated")
    assert event.actor == sysadmin and event.details["reason"] == "Laporan penyalahgunaan akun"
    assert citizen_client.get("/akun/").status_code == 302  # signed out


def test_only_sysadmins_may_deactivate_accounts(citizen):
    from anrong.accounts.actions.identity import IdentityError, deactivate_user
    from anrong.accounts.models import User as UserModel

    officer = UserModel.objects.create_user(email="petugas@makassarkota.go.id", password="x-Secret-12345")
    with pytest.raises(IdentityError):
        deactivate_user(actor=officer, user=citizen, reason="iseng")
    citizen.refresh_from_db()
    assert citizen.is_active
    assert not AuditEvent.objects.filter(action="account.deactivated").exists()
