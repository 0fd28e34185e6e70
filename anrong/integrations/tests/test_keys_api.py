"""Agency systems on /api/v1/ with `Authorization: Bearer anr_...`: which keys get in, what
their scopes allow, the queue and the staff steps through the same actions as the console,
the endpoints that refuse keys, rate limits and last use."""

from __future__ import annotations

import json

import pytest
from django.test import Client
from django.utils import timezone

from anrong.agencies.models import Agency
from anrong.core.models import AuditEvent
from anrong.integrations.actions import keys as key_actions
from anrong.integrations.models import ApiKey
from anrong.services.models import Application, Service, StatusChange
from anrong.services.testing import SAMPLE_ANSWERS, make_application

from .fixtures_keys import bearer, fresh_rate_limits, issue  # noqa: F401

pytestmark = pytest.mark.django_db

QUEUE = "/api/v1/applications/queue?agency=DISDUKCAPIL"
APPS = "/api/v1/applications/"


def post(client: Client, url: str, text: str, body: dict) -> object:  # type: ignore[type-arg]
    return client.post(url, json.dumps(body), content_type="application/json", **bearer(text))


def application_state(application: Application):  # type: ignore[no-untyped-def]
    return (list(Application.objects.filter(pk=application.pk).values()),
            StatusChange.objects.count(), AuditEvent.objects.filter(
                action__startswith="application.").count())


# --- which keys get in ----------------------------------------------------------------------------


def test_a_valid_key_reads_its_agency_queue(personas, akta):
    application = make_application(service=akta, citizen=personas["citizen"])
    text = issue(personas).text
    response = Client().get(QUEUE, **bearer(text))
    assert response.status_code == 200, response.content
    assert [row["tracking_no"] for row in response.json()["items"]] == [application.tracking_no]


@pytest.mark.parametrize("header", [
    "Bearer anr_00000000_" + "a" * 40,  # the right shape, but no such key
    "Bearer anr_nonsense",
    "Bearer anr_",
])
def test_an_unknown_key_is_401_with_the_standard_body(personas, header):
    response = Client().get(QUEUE, HTTP_AUTHORIZATION=header)
    assert response.status_code == 401
    body = response.json()
    assert body["code"] == "unauthenticated" and body["message"] and body["details"] == {}


def test_a_revoked_key_is_401(personas):
    issued = issue(personas)
    key_actions.revoke_key(actor=personas["agency_admin"], key=issued.key)
    assert Client().get(QUEUE, **bearer(issued.text)).status_code == 401


def test_an_expired_key_is_401(personas):
    issued = issue(personas)
    ApiKey.objects.filter(pk=issued.key.pk).update(expires_at=timezone.now())
    assert Client().get(QUEUE, **bearer(issued.text)).status_code == 401


def test_after_a_rotation_the_old_key_works_until_its_overlap_ends(personas):
    old = issue(personas)
    new = key_actions.rotate_key(actor=personas["agency_admin"], key=old.key, overlap="1h")
    client = Client()
    assert client.get(QUEUE, **bearer(old.text)).status_code == 200
    assert client.get(QUEUE, **bearer(new.text)).status_code == 200
    ApiKey.objects.filter(pk=old.key.pk).update(expires_at=timezone.now())  # an hour later
    assert client.get(QUEUE, **bearer(old.text)).status_code == 401
    assert client.get(QUEUE, **bearer(new.text)).status_code == 200


def test_a_key_of_a_deactivated_system_account_is_401(personas):
    issued = issue(personas)
    issued.key.service_user.is_active = False
    issued.key.service_user.save()
    assert Client().get(QUEUE, **bearer(issued.text)).status_code == 401


# --- scopes ---------------------------------------------------------------------------------------


def test_a_key_without_the_scope_is_403_naming_it_and_changes_nothing(personas, akta):
    application = make_application(service=akta, citizen=personas["citizen"])
    reader = issue(personas, scopes=["applications:read"]).text
    before = application_state(application)
    response = post(Client(), f"{APPS}{application.tracking_no}/claim", reader,
                    {"version": application.version})
    assert response.status_code == 403
    assert response.json()["code"] == "forbidden"
    assert "applications:act" in response.json()["message"]
    assert application_state(application) == before
    catalogue_only = issue(personas, name="Katalog", scopes=["catalogue:read"]).text
    refused = Client().get(QUEUE, **bearer(catalogue_only))
    assert refused.status_code == 403 and "applications:read" in refused.json()["message"]


def test_the_catalogue_is_public_and_a_presented_key_needs_catalogue_read(personas):
    assert Client().get("/api/v1/services/").status_code == 200
    reader = issue(personas, scopes=["catalogue:read"]).text
    assert Client().get("/api/v1/services/DKC-AKTA-LAHIR", **bearer(reader)).status_code == 200
    worker = issue(personas, name="Tanpa katalog", scopes=["applications:read"]).text
    response = Client().get("/api/v1/services/", **bearer(worker))
    assert response.status_code == 403 and "catalogue:read" in response.json()["message"]
    bad = Client().get("/api/v1/services/", HTTP_AUTHORIZATION="Bearer anr_00000000_" + "a" * 40)
    assert bad.status_code == 401


def test_citizens_endpoints_and_account_pages_refuse_keys(personas, akta):
    application = make_application(service=akta, citizen=personas["citizen"],
                                   status=Application.Status.NEEDS_REVISION)
    text = issue(personas).text
    client = Client()
    before = application_state(application)
    filed = client.post(APPS, {"service": akta.code, "answers": json.dumps(SAMPLE_ANSWERS)},
                        **bearer(text))
    calls = [
        filed,
        client.get(APPS, **bearer(text)),
        client.post(f"{APPS}{application.tracking_no}/resubmit",
                    {"answers": json.dumps(SAMPLE_ANSWERS)}, **bearer(text)),
        client.get("/api/v1/accounts/me", **bearer(text)),
        client.post("/api/v1/accounts/me/delete", json.dumps({}), content_type="application/json",
                    **bearer(text)),
        client.get("/api/v1/core/notifications", **bearer(text)),
        client.get("/api/v1/auth/whoami", **bearer(text)),
    ]
    for response in calls:
        assert response.status_code == 403, (response.request["PATH_INFO"], response.content)
        assert response.json()["code"] == "forbidden"
    assert application_state(application) == before
    assert Application.objects.count() == 1
    assert ApiKey.objects.get().service_user.is_active


# --- an agency system works through its queue -----------------------------------------------------


def test_an_agency_system_claims_verifies_and_approves_through_the_same_actions(personas, akta):
    application = make_application(service=akta, citizen=personas["citizen"])
    issued = issue(personas)
    system = issued.key.service_user
    client = Client()

    queue = client.get(QUEUE, **bearer(issued.text)).json()
    row = queue["items"][0]
    detail = client.get(f"{APPS}{row['tracking_no']}", **bearer(issued.text)).json()
    claimed = post(client, f"{APPS}{row['tracking_no']}/claim", issued.text,
                   {"version": detail["version"]})
    assert claimed.status_code == 200, claimed.content
    assert claimed.json()["status"] == "verification"
    verified = post(client, f"{APPS}{row['tracking_no']}/verify", issued.text,
                    {"version": claimed.json()["version"], "note": "Berkas lengkap"})
    assert verified.json()["status"] == "in_process"
    approved = post(client, f"{APPS}{row['tracking_no']}/approve", issued.text,
                    {"version": verified.json()["version"]})
    assert approved.status_code == 200, approved.content
    assert approved.json()["status"] == "completed"

    application.refresh_from_db()
    assert application.assignee == system
    changes = list(StatusChange.objects.filter(application=application).order_by("at", "pk"))
    assert [(c.to_status, c.by_id) for c in changes] == [
        ("verification", system.pk), ("in_process", system.pk), ("completed", system.pk)]
    audits = AuditEvent.objects.filter(target_id=str(application.pk),
                                       action__in=["application.claimed", "application.verified",
                                                   "application.approved"])
    assert audits.count() == 3
    assert {(a.actor_id, a.details["api_key_id"]) for a in audits} == {(system.pk, issued.key.pk)}
    viewed = AuditEvent.objects.get(action="application.viewed", target_id=str(application.pk))
    assert (viewed.actor_id, viewed.details["api_key_id"]) == (system.pk, issued.key.pk)


def test_a_stale_version_is_409_and_changes_nothing(personas, akta):
    application = make_application(service=akta, citizen=personas["citizen"])
    text = issue(personas).text
    before = application_state(application)
    response = post(Client(), f"{APPS}{application.tracking_no}/claim", text,
                    {"version": application.version - 1})
    assert response.status_code == 409 and response.json()["code"] == "conflict"
    assert application_state(application) == before


def test_a_key_sees_and_touches_nothing_of_another_agency(personas, akta):
    dishub = Agency.objects.get(code="DISHUB")
    theirs = make_application(service=akta, citizen=personas["citizen"])
    text = issue(personas, agency=dishub, admin="other_agency_admin").text
    client = Client()
    before = application_state(theirs)
    assert client.get(f"{APPS}{theirs.tracking_no}", **bearer(text)).status_code == 404
    assert post(client, f"{APPS}{theirs.tracking_no}/claim", text,
                {"version": theirs.version}).status_code == 404
    assert client.get(QUEUE, **bearer(text)).status_code == 403
    assert application_state(theirs) == before
    assert Service.objects.get(pk=akta.pk).agency.code == "DISDUKCAPIL"


# --- limits and bookkeeping -----------------------------------------------------------------------


def test_a_key_over_its_rate_limit_gets_429_with_retry_after(personas, settings):
    settings.API_KEY_RATE_LIMIT = 3
    text = issue(personas).text
    client = Client()
    assert [client.get(QUEUE, **bearer(text)).status_code for _ in range(3)] == [200] * 3
    response = client.get(QUEUE, **bearer(text))
    assert response.status_code == 429
    assert response.json()["code"] == "rate_limited"
    assert 1 <= int(response["Retry-After"]) <= 60
    other = issue(personas, name="Lain").text  # each key has its own allowance
    assert client.get(QUEUE, **bearer(other)).status_code == 200


def test_an_address_that_keeps_sending_bad_keys_is_slowed_down(personas, settings):
    settings.API_KEY_FAILURE_LIMIT = 3
    good = issue(personas).text
    client = Client()
    wrong = "Bearer anr_00000000_" + "b" * 40
    assert [client.get(QUEUE, HTTP_AUTHORIZATION=wrong).status_code for _ in range(3)] == [401] * 3
    assert client.get(QUEUE, HTTP_AUTHORIZATION=wrong).status_code == 429
    assert client.get(QUEUE, **bearer(good)).status_code == 429  # the same address
    assert Client(REMOTE_ADDR="10.9.8.7").get(QUEUE, **bearer(good)).status_code == 200


def test_last_use_is_recorded_with_the_address(personas):
    issued = issue(personas)
    Client(REMOTE_ADDR="10.1.2.3").get(QUEUE, **bearer(issued.text))
    issued.key.refresh_from_db()
    first = issued.key.last_used_at
    assert first is not None and issued.key.last_used_ip == "10.1.2.3"
    Client(REMOTE_ADDR="10.1.2.4").get(QUEUE, **bearer(issued.text))
    issued.key.refresh_from_db()
    assert (issued.key.last_used_at, issued.key.last_used_ip) == (first, "10.1.2.3")


def test_people_keep_using_their_sessions_as_before(personas, akta):
    from anrong.services.tests.conftest import client_for

    make_application(service=akta, citizen=personas["citizen"])
    assert client_for(personas["officer"]).get(QUEUE).status_code == 200
    assert client_for(personas["citizen"]).get(APPS).status_code == 200
    assert Client().get(QUEUE).status_code == 401


def test_refusals_are_in_english_for_a_caller_that_asks(personas):
    reader = issue(personas, scopes=["catalogue:read"]).text
    response = Client().get(QUEUE, HTTP_COOKIE="anrong_lang=en", **bearer(reader))
    assert response.json()["message"] == (
        "This API key lacks the `applications:read` scope (Read this agency's queue and "
        "applications).")
