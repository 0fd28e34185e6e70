"""The staff console's agency apps: who may register, edit, reset the secret of and delete them,
and what each does (secrets shown once and stored hashed, exact redirect URIs, tokens revoked)."""

from __future__ import annotations

import pytest
from django.contrib.auth.hashers import check_password
from django.urls import reverse
from oauth2_provider.models import AccessToken, Application, RefreshToken

from anrong.agencies.models import Agency
from anrong.core.models import AuditEvent, OutboxEvent
from anrong.services.tests.conftest import client_for

from ..actions import oidc as actions
from ..models import AgencyClient
from .fixtures_oidc import REDIRECT_URI, register_app

pytestmark = pytest.mark.django_db

FORBIDDEN = ("officer", "supervisor", "other_agency_admin", "other_agency_officer", "sysadmin",
             "citizen", "anonymous")


def state() -> tuple[int, int, int, int]:
    return (Application.objects.count(), AgencyClient.objects.count(),
            AuditEvent.objects.filter(action__startswith="integrations.").count(),
            OutboxEvent.objects.filter(type__startswith="integrations.").count())


def form_data(**overrides):  # type: ignore[no-untyped-def]
    return {"name": "SI Penduduk", "description": "Data kependudukan", "client_type": "confidential",
            "redirect_uris": f"{REDIRECT_URI}\nhttps://sipenduduk.example/cb2",
            "post_logout_redirect_uris": "https://sipenduduk.example/", **overrides}


# --- Actions: the permission matrix ----------------------------------------------------------


@pytest.mark.parametrize("persona", FORBIDDEN)
def test_only_the_agency_admin_may_register_change_or_delete_apps(personas, persona):  # type: ignore[no-untyped-def]
    agency_client, _ = register_app(personas["agency_admin"])
    before = state()
    actor = personas[persona]
    disdukcapil = Agency.objects.get(code="DISDUKCAPIL")
    with pytest.raises(actions.IntegrationPermissionError):
        actions.register_client(actor=actor, agency=disdukcapil, name="X",
                                client_type="public", redirect_uris=[REDIRECT_URI])
    with pytest.raises(actions.IntegrationPermissionError):
        actions.update_client(actor=actor, agency_client=agency_client, name="X",
                              redirect_uris=["https://penipu.example/cb"])
    with pytest.raises(actions.IntegrationPermissionError):
        actions.reset_client_secret(actor=actor, agency_client=agency_client)
    with pytest.raises(actions.IntegrationPermissionError):
        actions.delete_client(actor=actor, agency_client=agency_client)
    assert state() == before
    application = Application.objects.get(pk=agency_client.application_id)
    assert application.name == "SI Penduduk" and application.redirect_uris == REDIRECT_URI


def test_registering_stores_a_hashed_secret_and_records_the_event(personas):  # type: ignore[no-untyped-def]
    agency_client, secret = register_app(personas["agency_admin"])
    application = agency_client.application
    assert len(secret) >= 40 and application.client_secret != secret
    assert check_password(secret, application.client_secret)
    assert application.algorithm == "RS256" and not application.skip_authorization
    assert AuditEvent.objects.filter(action="integrations.client_registered",
                                     actor=personas["agency_admin"]).exists()
    event = OutboxEvent.objects.get(type="integrations.client_registered")
    assert event.payload["client_id"] == application.client_id
    assert event.payload["agency"] == "DISDUKCAPIL"
    assert secret not in str(event.payload)


@pytest.mark.parametrize("uris, message", [
    ("", "paling sedikit satu"),
    ("https://sipenduduk.example/cb#bagian", "#"),
    ("https://*.sipenduduk.example/cb", "*"),
    ("ftp://sipenduduk.example/cb", "diawali"),
    ("https:///tanpa-host", "host"),
])
def test_redirect_uris_must_be_exact(personas, uris, message):  # type: ignore[no-untyped-def]
    with pytest.raises(actions.IntegrationError) as refused:
        actions.register_client(actor=personas["agency_admin"],
                                agency=Agency.objects.get(code="DISDUKCAPIL"), name="X",
                                client_type="public", redirect_uris=uris)
    assert message in refused.value.message
    assert not AgencyClient.objects.exists()


def test_http_redirect_uris_are_refused_outside_development(personas, settings):  # type: ignore[no-untyped-def]
    from oauth2_provider.settings import oauth2_settings

    settings.OAUTH2_PROVIDER = {**settings.OAUTH2_PROVIDER, "ALLOWED_REDIRECT_URI_SCHEMES": ["https"]}
    oauth2_settings.reload()
    try:
        with pytest.raises(actions.IntegrationError):
            actions.register_client(actor=personas["agency_admin"],
                                    agency=Agency.objects.get(code="DISDUKCAPIL"), name="X",
                                    client_type="public", redirect_uris="http://sipenduduk.example/cb")
    finally:
        settings.OAUTH2_PROVIDER = {**settings.OAUTH2_PROVIDER,
                                    "ALLOWED_REDIRECT_URI_SCHEMES": ["https", "http"]}
        oauth2_settings.reload()


def test_deleting_an_app_ends_its_tokens(personas):  # type: ignore[no-untyped-def]
    import datetime as dt

    from django.utils import timezone

    agency_client, _ = register_app(personas["agency_admin"])
    application = agency_client.application
    token = AccessToken.objects.create(user=personas["citizen"], application=application,
                                       token="a-token", scope="openid",
                                       expires=timezone.now() + dt.timedelta(hours=1))
    RefreshToken.objects.create(user=personas["citizen"], application=application,
                                token="r-token", access_token=token)
    actions.delete_client(actor=personas["agency_admin"], agency_client=agency_client)
    assert not Application.objects.filter(pk=application.pk).exists()
    assert not AccessToken.objects.exists() and not RefreshToken.objects.exists()
    assert OutboxEvent.objects.filter(type="integrations.client_deleted").exists()


# --- The pages ---------------------------------------------------------------------------------


def test_the_pages_are_not_found_for_anyone_but_the_agency_admin(personas):  # type: ignore[no-untyped-def]
    agency_client, _ = register_app(personas["agency_admin"])
    client_id = agency_client.application.client_id
    urls = [reverse("integrations:clients", args=["DISDUKCAPIL"]),
            reverse("integrations:client_register", args=["DISDUKCAPIL"]),
            reverse("integrations:client_edit", args=["DISDUKCAPIL", client_id]),
            reverse("integrations:client_delete", args=["DISDUKCAPIL", client_id])]
    before = state()
    for persona in ("officer", "supervisor", "other_agency_admin", "sysadmin", "citizen",
                    "anonymous"):
        client = client_for(personas[persona])
        for url in urls:
            assert client.get(url).status_code == 404, (persona, url)
        assert client.post(urls[1], form_data()).status_code == 404
        assert client.post(reverse("integrations:client_reset_secret",
                                   args=["DISDUKCAPIL", client_id])).status_code == 404
        assert client.post(urls[3]).status_code == 404
    assert state() == before


def test_an_admin_registers_an_app_and_sees_the_secret_once(personas):  # type: ignore[no-untyped-def]
    client = client_for(personas["agency_admin"])
    listing = client.get(reverse("integrations:clients", args=["DISDUKCAPIL"]))
    assert listing.status_code == 200 and "Daftarkan aplikasi" in listing.content.decode()

    response = client.post(reverse("integrations:client_register", args=["DISDUKCAPIL"]),
                           form_data())
    assert response.status_code == 200
    assert "no-store" in response["Cache-Control"]
    agency_client = AgencyClient.objects.get()
    page = response.content.decode()
    secret = page.split('id="client-secret">')[1].split("<")[0]
    assert check_password(secret, agency_client.application.client_secret)
    assert agency_client.application.client_id in page
    assert agency_client.application.redirect_uris.split() == [
        REDIRECT_URI, "https://sipenduduk.example/cb2"]

    # The list shows the app, never the secret
    listing = client.get(reverse("integrations:clients", args=["DISDUKCAPIL"])).content.decode()
    assert "SI Penduduk" in listing and secret not in listing

    # A new secret replaces the old one, shown once
    reset = client.post(reverse("integrations:client_reset_secret",
                                args=["DISDUKCAPIL", agency_client.application.client_id]))
    new_secret = reset.content.decode().split('id="client-secret">')[1].split("<")[0]
    application = Application.objects.get(pk=agency_client.application_id)
    assert new_secret != secret and check_password(new_secret, application.client_secret)
    assert not check_password(secret, application.client_secret)


def test_an_admin_edits_redirect_uris_and_deletes_the_app(personas):  # type: ignore[no-untyped-def]
    agency_client, _ = register_app(personas["agency_admin"])
    client_id = agency_client.application.client_id
    client = client_for(personas["agency_admin"])
    edit_url = reverse("integrations:client_edit", args=["DISDUKCAPIL", client_id])
    assert client.get(edit_url).status_code == 200

    bad = client.post(edit_url, form_data(redirect_uris="https://*.contoh.example/cb"))
    assert bad.status_code == 400 and "tanda *" in bad.content.decode()

    good = client.post(edit_url, form_data(redirect_uris="https://baru.example/cb"))
    assert good.status_code == 302
    application = Application.objects.get(pk=agency_client.application_id)
    assert application.redirect_uris == "https://baru.example/cb"
    assert application.client_type == "confidential"  # the type cannot change
    assert OutboxEvent.objects.filter(type="integrations.client_updated").exists()

    delete_url = reverse("integrations:client_delete", args=["DISDUKCAPIL", client_id])
    assert client.get(delete_url).status_code == 200
    assert client.post(delete_url).status_code == 302
    assert not AgencyClient.objects.exists()


def test_a_public_app_gets_no_secret(personas):  # type: ignore[no-untyped-def]
    client = client_for(personas["agency_admin"])
    response = client.post(reverse("integrations:client_register", args=["DISDUKCAPIL"]),
                           form_data(client_type="public"))
    assert response.status_code == 200 and 'id="client-secret"' not in response.content.decode()
    assert AgencyClient.objects.get().application.client_type == "public"


def test_the_list_reads_each_app_without_extra_queries(personas, django_assert_max_num_queries):  # type: ignore[no-untyped-def]
    client = client_for(personas["agency_admin"])
    url = reverse("integrations:clients", args=["DISDUKCAPIL"])
    register_app(personas["agency_admin"])
    client.get(url)
    with django_assert_max_num_queries(30) as one:
        client.get(url)
    for n in range(3):
        register_app(personas["agency_admin"], name=f"Aplikasi {n}")
    with django_assert_max_num_queries(len(one.captured_queries)):
        assert "Aplikasi 2" in client.get(url).content.decode()
