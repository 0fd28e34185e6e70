"""Consent to agency apps: the actions, the claims an app receives, the consent screen for
different people, the account page where consent is withdrawn, and the person's data rights."""

from __future__ import annotations

import base64
import datetime as dt
import hashlib
from urllib.parse import urlencode

import pytest
from django.urls import reverse
from django.utils import timezone
from oauth2_provider.models import AccessToken, RefreshToken

from anrong.accounts.models import User
from anrong.core import modules
from anrong.core.models import AuditEvent, OutboxEvent
from anrong.services.tests.conftest import client_for

from ..actions import oidc as actions
from ..models import Consent
from ..queries import oidc as queries
from .fixtures_oidc import REDIRECT_URI, register_app

pytestmark = pytest.mark.django_db


@pytest.fixture
def app(personas):  # type: ignore[no-untyped-def]
    return register_app(personas["agency_admin"])[0].application


def issue_tokens(user, application):  # type: ignore[no-untyped-def]
    token = AccessToken.objects.create(user=user, application=application, token=f"a-{user.pk}",
                                       scope="openid nik",
                                       expires=timezone.now() + dt.timedelta(hours=1))
    RefreshToken.objects.create(user=user, application=application, token=f"r-{user.pk}",
                                access_token=token)


# --- Actions -----------------------------------------------------------------------------------


def test_consent_is_recorded_added_to_and_withdrawn_with_audit_and_events(personas, app):  # type: ignore[no-untyped-def]
    citizen = personas["citizen"]
    consent = actions.give_consent(user=citizen, application=app, scopes=["openid", "profile"])
    assert consent.scopes == ["openid", "profile"]
    again = actions.give_consent(user=citizen, application=app, scopes=["openid", "nik"])
    assert again.pk == consent.pk and again.scopes == ["openid", "profile", "nik"]
    assert OutboxEvent.objects.filter(type="integrations.consent_given").count() == 2
    assert OutboxEvent.objects.filter(type="integrations.consent_given").last().payload["added"] == ["nik"]

    issue_tokens(citizen, app)
    issue_tokens(personas["other_citizen"], app)
    actions.withdraw_consent(user=citizen, consent=consent)
    consent.refresh_from_db()
    assert consent.withdrawn_at is not None
    assert not AccessToken.objects.filter(user=citizen).exists()
    assert RefreshToken.objects.get(user=citizen).revoked is not None
    assert AccessToken.objects.filter(user=personas["other_citizen"]).exists()  # not theirs
    assert AuditEvent.objects.filter(action="integrations.consent_withdrawn", actor=citizen).exists()
    assert OutboxEvent.objects.get(type="integrations.consent_withdrawn").payload["client_id"] == app.client_id

    with pytest.raises(actions.IntegrationError):
        actions.withdraw_consent(user=citizen, consent=consent)


def test_nobody_withdraws_someone_elses_consent(personas, app):  # type: ignore[no-untyped-def]
    consent = actions.give_consent(user=personas["citizen"], application=app, scopes=["openid"])
    for persona in ("other_citizen", "agency_admin", "sysadmin", "anonymous"):
        with pytest.raises(actions.IntegrationPermissionError):
            actions.withdraw_consent(user=personas[persona], consent=consent)
    consent.refresh_from_db()
    assert consent.withdrawn_at is None


def test_no_consent_to_an_app_of_an_inactive_agency_or_unknown_scopes(personas, app):  # type: ignore[no-untyped-def]
    with pytest.raises(actions.IntegrationError):
        actions.give_consent(user=personas["citizen"], application=app, scopes=["openid", "write"])
    agency = app.agency_client.agency
    agency.is_active = False
    agency.save(update_fields=["is_active"])
    with pytest.raises(actions.IntegrationError):
        actions.give_consent(user=personas["citizen"], application=app, scopes=["openid"])
    assert not Consent.objects.exists()


# --- Claims ------------------------------------------------------------------------------------


def test_claims_give_the_nik_only_under_an_active_consent_naming_it(personas, app):  # type: ignore[no-untyped-def]
    citizen = personas["citizen"]
    claims = queries.claims_for(citizen, app)
    assert claims == {"name": "Warga citizen", "locale": "id", "phone_number": "+6281234567801",
                      "phone_number_verified": citizen.phone_verified}
    consent = actions.give_consent(user=citizen, application=app, scopes=["openid", "nik"])
    assert queries.claims_for(citizen, app)["nik"] == "7371011508900001"
    actions.withdraw_consent(user=citizen, consent=consent)
    assert "nik" not in queries.claims_for(citizen, app)
    assert queries.subject_of(citizen) == str(citizen.pk)


def test_staff_claims_use_the_display_name_and_have_no_nik(personas, app):  # type: ignore[no-untyped-def]
    officer = personas["officer"]
    officer.display_name = "Petugas Disdukcapil"
    officer.language = "en"
    officer.save()
    actions.give_consent(user=officer, application=app, scopes=["openid", "profile", "nik"])
    assert queries.claims_for(officer, app) == {"name": "Petugas Disdukcapil", "locale": "en"}


# --- The consent screen ------------------------------------------------------------------------


def authorize_path(app, scope="openid profile nik", **extra):  # type: ignore[no-untyped-def]
    challenge = base64.urlsafe_b64encode(hashlib.sha256(b"v" * 50).digest()).rstrip(b"=").decode()
    query = {"response_type": "code", "client_id": app.client_id, "redirect_uri": REDIRECT_URI,
             "scope": scope, "state": "s", "code_challenge": challenge,
             "code_challenge_method": "S256", **extra}
    return "/o/authorize/?" + urlencode(query)


def test_the_consent_screen_is_in_english_for_an_english_speaker(personas, app):  # type: ignore[no-untyped-def]
    citizen = personas["citizen"]
    citizen.language = "en"
    citizen.save()
    page = client_for(citizen).get(authorize_path(app)).content.decode()
    assert '<html lang="en"' in page
    assert "Allow" in page and "Reject" in page and "Izinkan" not in page
    assert "Dinas Kependudukan" in page


def test_a_staff_member_without_nik_is_told_it_will_not_be_shared(personas, app):  # type: ignore[no-untyped-def]
    page = client_for(personas["officer"]).get(authorize_path(app)).content.decode()
    assert "Izinkan" in page
    assert "tidak memiliki NIK" in page


def test_signed_out_people_are_sent_to_sign_in_first(personas, app):  # type: ignore[no-untyped-def]
    response = client_for(personas["anonymous"]).get(authorize_path(app))
    assert response.status_code == 302 and "/akun/" in response["Location"]


# --- The account page --------------------------------------------------------------------------


def test_the_account_page_lists_connected_apps_and_withdraws(personas, app):  # type: ignore[no-untyped-def]
    citizen = personas["citizen"]
    consent = actions.give_consent(user=citizen, application=app, scopes=["openid", "nik"])
    issue_tokens(citizen, app)
    client = client_for(citizen)
    overview = client.get(reverse("accounts:overview")).content.decode()
    assert reverse("connected_apps:list") in overview

    page = client.get(reverse("connected_apps:list")).content.decode()
    assert "SI Penduduk" in page and "Dinas Kependudukan" in page and "NIK" in page
    assert "Cabut izin" in page

    other = client_for(personas["other_citizen"])
    assert other.post(reverse("connected_apps:withdraw", args=[consent.pk])).status_code == 404
    assert "SI Penduduk" not in other.get(reverse("connected_apps:list")).content.decode()

    response = client.post(reverse("connected_apps:withdraw", args=[consent.pk]))
    assert response.status_code == 302
    consent.refresh_from_db()
    assert consent.withdrawn_at is not None
    assert not AccessToken.objects.filter(user=citizen, application=app).exists()
    after = client.get(reverse("connected_apps:list")).content.decode()
    assert "sudah dicabut" in after and "Cabut izin" not in after


def test_the_account_page_needs_sign_in(personas):  # type: ignore[no-untyped-def]
    response = client_for(personas["anonymous"]).get(reverse("connected_apps:list"))
    assert response.status_code == 302


# --- Personal-data rights ----------------------------------------------------------------------


def test_consents_are_in_the_export_and_go_with_the_account(personas, app):  # type: ignore[no-untyped-def]
    from anrong.accounts.actions.profile import anonymise_account

    citizen = personas["citizen"]
    actions.give_consent(user=citizen, application=app, scopes=["openid", "nik"])
    issue_tokens(citizen, app)
    export = modules.personal_data_of(citizen)["integrations"]
    assert export["consents"][0]["application"] == "SI Penduduk"
    assert export["consents"][0]["agency"] == "DISDUKCAPIL"
    assert export["consents"][0]["scopes"] == ["openid", "nik"]

    anonymise_account(user=User.objects.get(pk=citizen.pk))
    assert not Consent.objects.filter(user=citizen).exists()
    assert not AccessToken.objects.filter(user=citizen).exists()
    assert not RefreshToken.objects.filter(user=citizen).exists()


# --- Signing out without an ID token -----------------------------------------------------------


def test_a_sign_out_request_without_id_token_asks_first(personas, app):  # type: ignore[no-untyped-def]
    client = client_for(personas["citizen"])
    page = client.get("/o/logout/")
    assert page.status_code == 200 and "Keluar dari akun kota?" in page.content.decode()
    assert client.get(reverse("accounts:overview")).status_code == 200  # still signed in
    client.post("/o/logout/", {"allow": "on"})
    assert client.get(reverse("accounts:overview")).status_code == 302


def test_a_sign_out_to_an_unregistered_address_is_refused(personas, app):  # type: ignore[no-untyped-def]
    client = client_for(personas["citizen"])
    page = client.get("/o/logout/?" + urlencode({
        "client_id": app.client_id, "post_logout_redirect_uri": "https://penipu.example/"}))
    assert page.status_code == 400 and "Location" not in page
    assert client.get(reverse("accounts:overview")).status_code == 200


def test_the_account_page_reads_each_app_without_extra_queries(personas, django_assert_max_num_queries):  # type: ignore[no-untyped-def]
    citizen = personas["citizen"]
    client = client_for(citizen)
    url = reverse("connected_apps:list")
    first, _ = register_app(personas["agency_admin"])
    actions.give_consent(user=citizen, application=first.application, scopes=["openid"])
    client.get(url)
    with django_assert_max_num_queries(30) as one:
        client.get(url)
    for n in range(3):
        agency_client, _ = register_app(personas["agency_admin"], name=f"Aplikasi {n}")
        actions.give_consent(user=citizen, application=agency_client.application, scopes=["openid"])
    with django_assert_max_num_queries(len(one.captured_queries)):
        assert "Aplikasi 2" in client.get(url).content.decode()
