import json

import pytest
from django.contrib.sessions.models import Session
from django.urls import reverse

from anrong.accounts.actions.profile import (
    AccountDeletionError,
    anonymise_account,
    export_personal_data,
    update_profile,
)
from anrong.accounts.models import ApiToken, CitizenProfile, DeletionRequest, PlatformRole, User
from anrong.core import modules
from anrong.core.audit import record_audit
from anrong.core.models import AuditEvent, OutboxEvent

from .profile_factories import citizen_with_profile, new_user, profile_fields

pytestmark = pytest.mark.django_db

NIK = "7371130101900001"
PHONE = "+6281234567890"


def test_export_contains_profile_roles_and_audit_rows(regions):
    user = citizen_with_profile(PHONE)
    update_profile(user=user, **profile_fields(address="Jl. Baru No. 1"))
    record_audit(actor=None, action="staff.viewed_profile", target=user)

    data = json.loads(json.dumps(export_personal_data(user=user), default=str))

    mine = data["modules"]["accounts"]
    assert mine["user"]["phone"] == PHONE
    assert mine["profile"]["nik"] == NIK and mine["profile"]["address"] == "Jl. Baru No. 1"
    assert mine["profile"]["kelurahan"]["kecamatan"]["name"] == "Rappocini"
    actions = [event["action"] for event in mine["audit_events"]]
    assert actions == ["citizen.profile_completed", "citizen.profile_updated",
                       "staff.viewed_profile", "account.data_exported"]
    assert mine["memberships"] == [] and mine["platform_roles"] == []


def test_export_leaves_out_other_peoples_audit_rows(regions):
    user = citizen_with_profile()
    citizen_with_profile(nik="7371134101900002", sex="P")

    data = export_personal_data(user=user)

    rows = data["modules"]["accounts"]["audit_events"]
    assert {row["action"] for row in rows} == {"citizen.profile_completed", "account.data_exported"}
    assert all(row["actor_label"] == f"user:{user.pk}" for row in rows)


def test_export_includes_every_modules_contribution(regions):
    user = new_user()
    modules.register(modules.Module(slug="zz-test", name="Test",
                                    personal_data=lambda u: {"reports": [u.pk]}))
    try:
        data = export_personal_data(user=user)
    finally:
        modules._registry.pop("zz-test")

    assert data["modules"]["zz-test"] == {"reports": [user.pk]}


def test_download_is_a_json_attachment_of_the_signed_in_citizen_only(client, regions):
    owner = citizen_with_profile(PHONE)
    other = citizen_with_profile(nik="7371134101900002", sex="P")
    client.force_login(other)

    response = client.get(reverse("accounts:download"))

    assert response["Content-Type"].startswith("application/json")
    assert response["Content-Disposition"].startswith("attachment; filename=")
    body = response.content.decode()
    assert "7371134101900002" in body and NIK not in body and PHONE not in body
    assert json.loads(body)["user_id"] == other.pk != owner.pk


def _session_client(client, user):  # type: ignore[no-untyped-def]
    client.force_login(user)
    return client


def test_anonymisation_clears_every_personal_field_and_keeps_audit_rows(regions):
    user = citizen_with_profile(PHONE, email="andi@example.com")
    User.objects.filter(pk=user.pk).update(display_name="Andi")
    ApiToken.objects.create(user=user, name="HP Andi", prefix="abc", key_hash="x" * 64)
    audit_before = AuditEvent.objects.filter(actor_id=user.pk).count()

    deletion = anonymise_account(user=user)

    user.refresh_from_db()
    profile = CitizenProfile.objects.get(user=user)
    assert (profile.nik, profile.full_name, profile.birth_date, profile.sex, profile.kelurahan,
            profile.address) == (None, "", None, "", None, "")
    assert (user.phone, user.email, user.display_name, user.last_login) == (None, None, "", None)
    assert not user.has_usable_password() and not user.is_active and user.anonymised_at
    assert not ApiToken.objects.filter(user=user).exists()
    assert AuditEvent.objects.filter(actor_id=user.pk).count() == audit_before + 1
    audit = AuditEvent.objects.get(action="account.anonymised")
    assert audit.actor_label == f"user:{user.pk}" and PHONE not in json.dumps(audit.details)
    assert OutboxEvent.objects.filter(type="account.anonymised").count() == 1
    assert deletion.completed_at and any("UU 27/2022" in text for text in deletion.kept)
    assert DeletionRequest.objects.get(user=user).kept == deletion.kept


def test_anonymised_nik_can_be_registered_again(regions):
    user = citizen_with_profile()
    anonymise_account(user=user)

    newcomer = citizen_with_profile()

    assert newcomer.citizen_profile.nik == NIK


def test_anonymisation_removes_allauth_records(regions):
    from allauth.account.models import EmailAddress
    from allauth.mfa.models import Authenticator

    user = citizen_with_profile(email="andi@example.com")
    EmailAddress.objects.create(user=user, email="andi@example.com", verified=True, primary=True)
    Authenticator.objects.create(user=user, type=Authenticator.Type.TOTP, data={"secret": "x"})

    anonymise_account(user=user)

    assert not EmailAddress.objects.filter(user=user).exists()
    assert not Authenticator.objects.filter(user=user).exists()


def test_staff_cannot_delete_their_account_here(regions):
    user = citizen_with_profile()
    PlatformRole.objects.create(user=user, role=PlatformRole.Role.EDITOR)

    with pytest.raises(AccountDeletionError):
        anonymise_account(user=user)

    user.refresh_from_db()
    assert user.is_active and user.citizen_profile.nik == NIK
    assert not DeletionRequest.objects.exists()


def test_delete_page_explains_what_is_kept(client, regions):
    client.force_login(citizen_with_profile())

    page = client.get(reverse("accounts:delete")).content.decode()

    assert "UU 27/2022" in page and "UU 43/2009" in page and 'name="confirm"' in page


@pytest.mark.parametrize("typed", ["", "hapus", "HAPUS AKUN", "ya"])
def test_deletion_needs_hapus_typed(client, regions, typed):
    user = citizen_with_profile()
    client.force_login(user)

    response = client.post(reverse("accounts:delete"), {"confirm": typed})

    assert response.status_code == 400
    assert 'id="confirm-error"' in response.content.decode()
    user.refresh_from_db()
    assert user.is_active and user.citizen_profile.nik == NIK


def test_deletion_signs_out_every_session(client, regions, django_user_model):
    from django.test import Client

    user = citizen_with_profile()
    other_device = Client()
    other_device.force_login(user)
    bystander = citizen_with_profile(nik="7371134101900002", sex="P")
    bystander_client = Client()
    bystander_client.force_login(bystander)
    client.force_login(user)

    response = client.post(reverse("accounts:delete"), {"confirm": "HAPUS"})

    assert response.status_code == 302 and response["Location"] == reverse("accounts:deleted")
    assert "sudah dihapus" in client.get(response["Location"]).content.decode()
    assert client.get(reverse("accounts:overview")).status_code == 302
    assert other_device.get(reverse("accounts:overview")).status_code == 302
    assert bystander_client.get(reverse("accounts:overview")).status_code == 200
    remaining = [s.get_decoded().get("_auth_user_id") for s in Session.objects.all()]
    assert str(user.pk) not in remaining and str(bystander.pk) in remaining


def test_anonymous_cannot_delete(client, regions):
    user = citizen_with_profile()

    response = client.post(reverse("accounts:delete"), {"confirm": "HAPUS"})

    assert response.status_code == 302 and reverse("account_login") in response["Location"]
    user.refresh_from_db()
    assert user.is_active and not DeletionRequest.objects.exists()


def test_a_citizen_without_profile_can_also_be_deleted(regions):
    user = new_user(PHONE)

    anonymise_account(user=user)

    user.refresh_from_db()
    assert user.phone is None and not user.is_active
    assert not CitizenProfile.objects.filter(user=user).exists()
