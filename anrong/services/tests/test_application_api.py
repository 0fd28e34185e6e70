"""/api/v1/applications/: filing with an Idempotency-Key, field errors as 422, tracking, and the
staff steps with their permission matrix (forbidden calls change nothing)."""

from __future__ import annotations

import json

import pytest
from django.test import Client

from anrong.core.models import AuditEvent
from anrong.services.models import Application, StatusChange
from anrong.services.testing import SAMPLE_ANSWERS

from .conftest import client_for
from .test_application_actions import PDF, pdf, png, snapshot, submitted

pytestmark = pytest.mark.django_db

BASE = "/api/v1/applications/"



as_ = client_for


def file_with(client: Client, answers=None, files=None, key=None, service="DKC-AKTA-LAHIR"):  # type: ignore[no-untyped-def]
    data = {"service": service, "answers": json.dumps(SAMPLE_ANSWERS if answers is None else answers)}
    data.update(files if files is not None else {"surat_lahir": pdf()})
    headers = {"HTTP_IDEMPOTENCY_KEY": key} if key else {}
    return client.post(BASE, data, **headers)


def test_filing_twice_with_one_key_gives_one_application(personas, akta):
    client = as_(personas["citizen"])
    first = file_with(client, key="7b1c-retry")
    assert first.status_code == 201, first.content
    body = first.json()
    assert body["status"] == "submitted" and body["service_code"] == "DKC-AKTA-LAHIR"
    assert [d["field_name"] for d in body["documents"]] == ["surat_lahir"]
    again = file_with(client, key="7b1c-retry")
    assert again.status_code == 200 and again.json()["tracking_no"] == body["tracking_no"]
    assert Application.objects.count() == 1


def test_answers_that_do_not_fit_give_422_with_a_message_per_field(personas, akta):
    client = as_(personas["citizen"])
    response = file_with(client, answers={**SAMPLE_ANSWERS, "nik_ibu": "123", "lain": "x"},
                         files={"surat_lahir": png("surat.pdf")})
    assert response.status_code == 422
    body = response.json()
    assert body["code"] == "invalid"
    assert set(body["details"]["errors"]) == {"nik_ibu", "lain", "surat_lahir"}
    assert Application.objects.count() == 0


def test_json_bodies_and_unknown_services(personas, akta):
    client = as_(personas["citizen"])
    response = client.post(BASE, {"service": "DKC-AKTA-LAHIR", "answers": SAMPLE_ANSWERS},
                           content_type="application/json")
    assert response.status_code == 422  # the birth letter must be uploaded: multipart needed
    assert "surat_lahir" in response.json()["details"]["errors"]
    assert file_with(client, service="NOPE").status_code == 404
    assert client.post(BASE, {"service": "DKC-AKTA-LAHIR", "answers": "{oops"}).status_code == 400


def test_filing_needs_a_signed_in_citizen(personas, akta):
    assert file_with(Client()).status_code == 401
    assert file_with(as_(personas["officer"])).status_code == 403
    assert Application.objects.count() == 0


def test_an_application_is_seen_by_its_citizen_and_its_agency_only(personas, akta):
    application = submitted(personas["citizen"], akta)
    url = f"{BASE}{application.tracking_no}"
    mine = as_(personas["citizen"]).get(url)
    assert mine.status_code == 200 and mine.json()["answers"]["nama_anak"] == "Muhammad Fajar"
    assert [t["to_status"] for t in mine.json()["timeline"]] == ["submitted"]
    for stranger in ("other_citizen", "other_agency_officer", "other_agency_admin", "sysadmin"):
        assert as_(personas[stranger]).get(url).status_code == 404, stranger
    assert not AuditEvent.objects.filter(action="application.viewed").exists()
    assert as_(personas["officer"]).get(url).status_code == 200
    assert AuditEvent.objects.filter(action="application.viewed",
                                     actor=personas["officer"]).count() == 1
    listed = as_(personas["citizen"]).get(BASE).json()
    assert [row["tracking_no"] for row in listed] == [application.tracking_no]


STEPS = {
    "claim": {},
    "verify": {"note": ""},
    "revision": {"note": "Unggah ulang surat lahir yang jelas."},
    "reject": {"reason": "Bukan warga Kota Makassar."},
}
ALLOWED = {
    "claim": {"officer", "other_officer", "supervisor", "agency_admin"},
    "verify": {"supervisor", "agency_admin"},
    "revision": {"supervisor", "agency_admin"},
    "reject": {"supervisor", "agency_admin"},
}
PERSONAS = ["anonymous", "citizen", "other_citizen", "officer", "supervisor", "agency_admin",
            "other_agency_officer", "sysadmin"]


@pytest.mark.parametrize("step", sorted(STEPS))
@pytest.mark.parametrize("persona", PERSONAS)
def test_staff_step_matrix(personas, akta, step, persona):
    application = submitted(personas["citizen"], akta)
    before = snapshot()
    response = as_(personas[persona]).post(
        f"{BASE}{application.tracking_no}/{step}",
        {"version": application.version, **STEPS[step]}, content_type="application/json")
    if persona in ALLOWED[step]:
        assert response.status_code == 200, response.content
        assert response.json()["version"] == application.version + 1
    else:
        expected = {"anonymous": 401, "officer": 403, "citizen": 403}.get(persona, 404)
        assert response.status_code == expected, (persona, response.content)
        assert snapshot()[:3] == before[:3]  # application, timeline, documents unchanged


def test_a_stale_version_is_a_409_and_changes_nothing(personas, akta):
    application = submitted(personas["citizen"], akta)
    url = f"{BASE}{application.tracking_no}/claim"
    assert as_(personas["officer"]).post(url, {"version": application.version},
                                         content_type="application/json").status_code == 200
    late = as_(personas["other_officer"]).post(url, {"version": application.version},
                                               content_type="application/json")
    assert late.status_code == 409 and late.json()["code"] == "conflict"
    assert StatusChange.objects.count() == 2


def test_revision_resubmit_and_approve_with_a_file_over_the_api(personas, akta):
    application = submitted(personas["citizen"], akta)
    officer, citizen = as_(personas["officer"]), as_(personas["citizen"])
    base = f"{BASE}{application.tracking_no}"
    v = officer.post(f"{base}/claim", {"version": 2}, content_type="application/json").json()
    v = officer.post(f"{base}/revision", {"version": v["version"], "note": "Surat lahir buram."},
                     content_type="application/json").json()
    assert v["status"] == "needs_revision" and v["note"] == "Surat lahir buram."
    back = citizen.post(f"{base}/resubmit", {"answers": json.dumps({}), "surat_lahir": pdf()})
    assert back.status_code == 200 and back.json()["status"] == "verification"
    done = officer.post(f"{base}/approve", {"version": back.json()["version"],
                                            "output_file": pdf("akta.pdf")})
    assert done.status_code == 200, done.content
    output = [d for d in done.json()["documents"] if d["kind"] == "output"]
    assert len(output) == 1 and output[0]["verification_url"].startswith("/verifikasi/")
    downloaded = citizen.get(output[0]["download_url"])
    assert downloaded.status_code == 200 and b"".join(downloaded.streaming_content) == PDF


@pytest.mark.parametrize("persona, expected", [
    ("anonymous", 401), ("citizen", 403), ("other_agency_officer", 403), ("sysadmin", 403),
    ("officer", 200), ("supervisor", 200), ("agency_admin", 200)])
def test_the_agency_queue_over_the_api(personas, akta, persona, expected):
    application = submitted(personas["citizen"], akta)
    response = as_(personas[persona]).get(f"{BASE}queue", {"agency": "DISDUKCAPIL"})
    assert response.status_code == expected, response.content
    if expected == 200:
        body = response.json()
        assert [row["tracking_no"] for row in body["items"]] == [application.tracking_no]
        assert body["has_next"] is False
        assert "nama_anak" not in response.content.decode()  # rows carry no answers


def test_queue_filters_over_the_api(personas, akta):
    application = submitted(personas["citizen"], akta)
    client = as_(personas["officer"])
    assert client.get(f"{BASE}queue", {"agency": "DISDUKCAPIL", "assignee": "unassigned"}
                      ).json()["items"][0]["tracking_no"] == application.tracking_no
    assert client.get(f"{BASE}queue", {"agency": "DISDUKCAPIL", "assignee": "mine"}
                      ).json()["items"] == []
    assert client.get(f"{BASE}queue", {"agency": "DISDUKCAPIL", "status": "nope"}
                      ).status_code == 400
    assert client.get(f"{BASE}queue", {"agency": "NOPE"}).status_code == 404
    assert client.get(f"{BASE}queue", {"agency": "DISDUKCAPIL", "assignee": "abc"}
                      ).status_code == 400
