"""The citizen's application pages: start, fill (saved as they go), submit, track, correct; the
life-event flow; who sees what; and query counts that do not grow with the data."""

from __future__ import annotations

import pytest
from django.db import connection
from django.test import Client
from django.test.utils import CaptureQueriesContext

from anrong.services import actions
from anrong.services.models import Application, LifeEventFiling, Service
from anrong.services.testing import SAMPLE_ANSWERS, SAMPLE_FIELDS, make_application, make_form

from .conftest import client_for
from .test_application_actions import pdf, png, submitted

pytestmark = pytest.mark.django_db



as_ = client_for


def form_data(**overrides):  # type: ignore[no-untyped-def]
    data = {**SAMPLE_ANSWERS, "pernyataan": "on", "pernyataan__present": "1", **overrides}
    return {k: v for k, v in data.items() if v is not None}


def test_the_service_page_starts_a_draft_and_the_form_submits_it(personas, akta):
    client = as_(personas["citizen"])
    page = client.get("/layanan/DKC-AKTA-LAHIR/")
    assert b"/layanan/DKC-AKTA-LAHIR/ajukan/" in page.content
    started = client.post("/layanan/DKC-AKTA-LAHIR/ajukan/")
    draft = Application.objects.get()
    assert started.status_code == 302 and started["Location"].endswith(
        f"/layanan/permohonan/{draft.tracking_no}/isi/")
    form = client.get(started["Location"])
    assert form.status_code == 200 and b'name="nama_anak"' in form.content

    # Submitting without the upload: the page comes back with the message, nothing typed lost.
    missing = client.post(started["Location"], {**form_data(), "action": "submit"})
    assert missing.status_code == 422
    assert "Muhammad Fajar" in missing.content.decode()
    draft.refresh_from_db()
    assert draft.status == "draft" and draft.answers["nama_anak"] == "Muhammad Fajar"

    done = client.post(started["Location"], {**form_data(), "surat_lahir": pdf(),
                                             "action": "submit"})
    assert done.status_code == 302
    draft.refresh_from_db()
    assert draft.status == "submitted"
    tracking = client.get(done["Location"])
    assert draft.tracking_no in tracking.content.decode()


def test_autosave_answers_json_and_keeps_the_valid_answers(personas, akta):
    client = as_(personas["citizen"])
    client.post("/layanan/DKC-AKTA-LAHIR/ajukan/")
    draft = Application.objects.get()
    url = f"/layanan/permohonan/{draft.tracking_no}/isi/"
    response = client.post(url, {"nama_anak": "Fajar", "nik_ibu": "12", "action": "save"},
                           HTTP_X_AUTOSAVE="1")
    assert response.status_code == 422
    assert set(response.json()["errors"]) == {"nik_ibu"}
    draft.refresh_from_db()
    assert draft.answers == {"nama_anak": "Fajar"}
    bad_file = client.post(url, {"surat_lahir": png("surat.pdf")}, HTTP_X_AUTOSAVE="1")
    assert "surat_lahir" in bad_file.json()["errors"]


def test_a_stranger_sees_404_for_anothers_application(personas, akta):
    application = submitted(personas["citizen"], akta)
    other, officer = as_(personas["other_citizen"]), as_(personas["officer"])
    for url in (f"/layanan/permohonan/{application.tracking_no}/",
                f"/layanan/permohonan/{application.tracking_no}/isi/"):
        assert other.get(url).status_code == 404
        assert officer.get(url).status_code == 404  # staff use /kantor/permohonan/
        assert Client().get(url).status_code == 302  # to sign-in


def test_a_submitted_application_is_not_editable_and_a_revision_is(personas, akta):
    client = as_(personas["citizen"])
    application = submitted(personas["citizen"], akta)
    url = f"/layanan/permohonan/{application.tracking_no}/isi/"
    assert client.get(url).status_code == 302
    officer = personas["officer"]
    application = actions.claim_application(actor=officer, application=application, version=2)
    actions.request_revision(actor=officer, application=application, version=3,
                             note="Nama anak salah eja.")
    page = client.get(url)
    assert page.status_code == 200 and "Nama anak salah eja." in page.content.decode()
    sent = client.post(url, {**form_data(nama_anak="Muhammad Fajri"), "action": "submit"})
    assert sent.status_code == 302
    application.refresh_from_db()
    assert application.status == "verification"
    assert application.answers["nama_anak"] == "Muhammad Fajri"


def test_the_life_event_flow_files_several_applications_under_one_reference(personas, akta):
    kia = Service.objects.get(code="DKC-KIA")
    kia.delivery = "online"
    kia.save()
    make_form(kia, [f for f in SAMPLE_FIELDS if f["name"] != "surat_lahir"])
    client = as_(personas["citizen"])
    url = "/layanan/peristiwa/kelahiran-anak/ajukan/"
    choose = client.get(url)
    assert choose.status_code == 200 and b"DKC-KIA" in choose.content
    page = client.get(url, {"layanan": ["DKC-AKTA-LAHIR", "DKC-KIA"]})
    assert page.content.decode().count(' name="nama_anak"') == 1  # asked once
    filed = client.post(url, {**form_data(), "layanan": ["DKC-AKTA-LAHIR", "DKC-KIA"],
                              "surat_lahir": pdf()})
    assert filed.status_code == 302, filed.content.decode()[:2000]
    filing = LifeEventFiling.objects.get()
    assert filing.applications.count() == 2
    tracked = client.get(filed["Location"])
    assert tracked.status_code == 200
    assert all(a.tracking_no in tracked.content.decode() for a in filing.applications.all())


def test_list_and_tracking_pages_do_not_grow_queries_with_the_data(personas, akta):
    citizen = personas["citizen"]
    client = as_(citizen)
    first = submitted(citizen, akta)

    def count(url: str) -> int:
        client.get(url)  # warm: the alert banner is cached for a minute (anrong.alerts), not a cost of this page
        with CaptureQueriesContext(connection) as queries:
            assert client.get(url).status_code == 200
        return len(queries)

    few_list = count("/layanan/permohonan/")
    few_detail = count(f"/layanan/permohonan/{first.tracking_no}/")
    for _ in range(15):
        make_application(service=akta, citizen=citizen)
    officer = personas["officer"]
    first = actions.claim_application(actor=officer, application=first, version=first.version)
    actions.verify_application(actor=officer, application=first, version=first.version)
    assert count("/layanan/permohonan/") == few_list
    assert count(f"/layanan/permohonan/{first.tracking_no}/") == few_detail
