"""The steps an officer takes on a report's console page: each form is offered only to whom the
permissions allow, each works through its action and shows in the timeline; a refused step
changes nothing, says why and keeps what was typed; a step on a stale page is refused."""

from __future__ import annotations

import pytest

from anrong.agencies.models import Agency
from anrong.reports import actions
from anrong.reports.models import Report, ReportFollower, ReportPhoto, ReportUpdate
from anrong.reports.testing import sample_jpeg

from . import test_console_pages as pages

pytestmark = pytest.mark.django_db

# The pages' fixtures: one signed-in client per person.
people = pages.people
as_ = pages.as_
detail_url = pages.detail_url
queue_url = pages.queue_url
page = pages.page


def step_url(report: Report, slug: str) -> str:
    return f"{detail_url(report)}{slug}/"


def fresh(report: Report) -> Report:
    return Report.objects.get(pk=report.pk)


def timeline_notes(report: Report) -> list[str]:
    return list(ReportUpdate.objects.filter(report=report).values_list("note", flat=True))


def offered(body: str) -> set[str]:
    return {step for step in ("verify", "respond", "start", "resolve", "reject", "reassign")
            if f'id="step-{step}"' in body}


# --- Which forms whom ---------------------------------------------------------------------------

@pytest.mark.parametrize(("persona", "expected"), [
    ("dishub_officer", {"verify", "respond", "resolve", "reject"}),
    ("dishub_admin", {"verify", "respond", "resolve", "reject", "reassign"}),
    ("kecamatan_officer", {"verify", "respond", "reject"}),
    ("operator", {"reassign"}),
])
def test_the_forms_offered_on_a_new_report(as_, make_report, persona, expected):
    report = make_report()
    assert offered(page(as_(persona).get(detail_url(report)))) == expected


def test_once_verified_the_agency_may_start_and_the_kecamatan_no_longer_verifies(as_, make_report,
                                                                                  personas):
    report = make_report()
    actions.verify(actor=personas["other_agency_officer"], report=report)
    assert offered(page(as_("dishub_officer").get(detail_url(report)))) == {
        "respond", "start", "resolve", "reject"}
    assert offered(page(as_("kecamatan_officer").get(detail_url(report)))) == {"respond"}


def test_a_closed_report_offers_no_step(as_, make_report, personas):
    report = make_report()
    actions.resolve(actor=personas["other_agency_officer"], report=report, note="Lampu diganti.")
    body = page(as_("dishub_admin").get(detail_url(report)))
    assert offered(body) == set()
    assert "Selesai" in body and "Konfirmasi pelapor" in body


# --- The officer's path: respond, start, resolve ----------------------------------------------

def test_the_officer_responds_starts_and_resolves_with_a_photo(as_, make_report):
    report = make_report()
    client = as_("dishub_officer")

    response = client.post(step_url(report, "tanggapi"), {
        "version": report.version, "note": "Petugas kami ke lokasi besok pagi.",
        "visibility": "public"})
    assert response.status_code == 302 and response["Location"] == detail_url(report)
    report = fresh(report)
    assert report.first_response_at is not None and report.status == Report.Status.RECEIVED
    body = page(client.get(detail_url(report)))
    assert "Tanggapan untuk laporan" in body  # the success message
    assert "Petugas kami ke lokasi besok pagi." in body

    client.post(step_url(report, "verifikasi"), {"version": report.version, "note": ""})
    report = fresh(report)
    assert report.status == Report.Status.VERIFIED

    response = client.post(step_url(report, "mulai"), {"version": report.version,
                                                       "note": "Tim PJU berangkat."})
    assert response.status_code == 302
    report = fresh(report)
    assert report.status == Report.Status.IN_PROGRESS

    response = client.post(step_url(report, "selesaikan"), {
        "version": report.version, "note": "Lampu LED baru sudah terpasang dan menyala.",
        "photo": sample_jpeg(name="hasil.jpg")})
    assert response.status_code == 302
    report = fresh(report)
    assert report.status == Report.Status.RESOLVED
    assert ReportPhoto.objects.filter(report=report, by_agency=True).count() == 1
    body = page(client.get(detail_url(report)))
    for text in ("Tim PJU berangkat.", "Lampu LED baru sudah terpasang dan menyala.",
                 "Dikerjakan", "Foto hasil perbaikan 1"):
        assert text in body, text


def test_an_internal_note_is_kept_from_the_public_and_marked(as_, make_report):
    report = make_report()
    client = as_("dishub_officer")
    client.post(step_url(report, "tanggapi"), {"version": report.version,
                                               "note": "Tiang milik PLN, koordinasi dulu.",
                                               "visibility": "internal"})
    update = ReportUpdate.objects.get(report=report, kind=ReportUpdate.Kind.RESPONSE)
    assert update.public is False and update.note == "Tiang milik PLN, koordinasi dulu."
    assert fresh(report).first_response_at is None  # not an answer to the citizen
    body = page(client.get(detail_url(report)))
    note_at = body.index("Tiang milik PLN, koordinasi dulu.")
    assert "Catatan internal" in body[body.rindex("<li>", 0, note_at):note_at]


def test_the_kecamatan_office_verifies_a_report_in_its_area(as_, make_report):
    report = make_report()
    response = as_("kecamatan_officer").post(step_url(report, "verifikasi"), {
        "version": report.version, "note": "Lurah Baru memastikan lampu mati."})
    assert response.status_code == 302
    report = fresh(report)
    assert report.status == Report.Status.VERIFIED and report.verified_at is not None
    assert "Lurah Baru memastikan lampu mati." in timeline_notes(report)


def test_a_rejection_needs_a_reason(as_, make_report):
    report = make_report()
    client = as_("dishub_officer")
    response = client.post(step_url(report, "tolak"), {"version": report.version, "reason": ""})
    assert response.status_code == 400
    assert "Tulis alasan penolakannya." in response.content.decode()
    assert fresh(report).status == Report.Status.RECEIVED and fresh(report).version == report.version

    response = client.post(step_url(report, "tolak"), {
        "version": report.version, "reason": "Lampu ini milik kompleks perumahan swasta."})
    assert response.status_code == 302
    report = fresh(report)
    assert report.status == Report.Status.REJECTED
    assert report.note == "Lampu ini milik kompleks perumahan swasta."


def test_an_action_refusal_is_shown_beside_the_field_and_the_text_is_kept(as_, make_report):
    report = make_report()
    response = as_("dishub_officer").post(step_url(report, "selesaikan"), {
        "version": report.version, "note": "ok"})  # too short for the action
    assert response.status_code == 400
    body = response.content.decode()
    assert "paling sedikit 5 huruf" in body
    assert 'id="resolve-note-error"' in body and 'aria-invalid="true"' in body
    assert ">\nok</textarea>" in body
    assert fresh(report).status == Report.Status.RECEIVED
    assert ReportUpdate.objects.filter(report=report).count() == 1  # only "received"


# --- Stale pages and forbidden steps ----------------------------------------------------------

def test_a_step_on_a_stale_page_is_refused_and_nothing_is_written(as_, make_report,
                                                                 kecamatan_officer):
    report = make_report()
    shown_version = report.version
    # Meanwhile the kecamatan office verifies it.
    actions.verify(actor=kecamatan_officer, report=report)
    before = fresh(report)

    response = as_("dishub_officer").post(step_url(report, "tolak"), {
        "version": shown_version, "reason": "Lampu ini milik kompleks perumahan swasta."})
    assert response.status_code == 409
    body = response.content.decode()
    assert "sudah diubah orang lain" in body and "Terverifikasi" in body
    assert "Lampu ini milik kompleks perumahan swasta." in body  # what they typed is kept
    after = fresh(report)
    assert (after.status, after.version, after.note) == (before.status, before.version,
                                                         before.note)
    assert ReportUpdate.objects.filter(report=report).count() == 2
    # The form on the fresh page carries the fresh version: a second try is a decision taken
    # on what the officer now sees.
    assert f'name="version" value="{after.version}"' in body


def test_a_missing_version_asks_to_reload(as_, make_report):
    report = make_report()
    response = as_("dishub_officer").post(step_url(report, "tolak"), {"reason": "Bukan urusan kota."})
    assert response.status_code == 400
    assert "Halaman ini sudah lama" in response.content.decode()
    assert fresh(report).status == Report.Status.RECEIVED


@pytest.mark.parametrize(("persona", "slug", "expected"), [
    ("anonymous", "selesaikan", 302), ("citizen", "selesaikan", 403),
    ("dpu_officer", "selesaikan", 404), ("disdukcapil_officer", "tolak", 404),
    ("kecamatan_officer", "selesaikan", 403), ("operator", "tolak", 403),
    ("dishub_officer", "alihkan", 403),
])
def test_a_step_not_theirs_is_refused_and_nothing_changes(as_, make_report, persona, slug,
                                                          expected):
    report = make_report()
    dpu = Agency.objects.get(code="DPU")
    response = as_(persona).post(step_url(report, slug), {
        "version": report.version, "note": "Lampu sudah diganti kemarin.",
        "reason": "Bukan urusan pemerintah kota.", "agency": dpu.pk})
    assert response.status_code == expected
    after = fresh(report)
    assert (after.status, after.agency_id, after.version) == (report.status, report.agency_id,
                                                              report.version)
    if expected == 403 and persona not in ("citizen",):
        assert "tidak berhak" in response.content.decode()


def test_a_step_url_only_takes_posts(as_, make_report):
    report = make_report()
    assert as_("dishub_officer").get(step_url(report, "selesaikan")).status_code == 405


# --- Reassigning and merging ------------------------------------------------------------------

def test_the_operator_reassigns_a_report_to_another_agencys_queue(as_, make_report):
    report = make_report()
    dpu = Agency.objects.get(code="DPU")
    client = as_("operator")
    response = client.post(step_url(report, "alihkan"), {
        "version": report.version, "agency": dpu.pk,
        "note": "Tiangnya roboh menimpa jalan: pekerjaan Dinas PU."})
    assert response.status_code == 302 and response["Location"] == detail_url(report)
    assert fresh(report).agency_id == dpu.pk
    assert "Tiangnya roboh menimpa jalan: pekerjaan Dinas PU." in timeline_notes(report)
    assert report.tracking_no in page(as_("dpu_officer").get(queue_url("DPU")))
    assert report.tracking_no not in page(as_("dishub_officer").get(queue_url("DISHUB")))
    body = page(client.get(detail_url(report)))
    assert "Dialihkan" in body


def test_an_agency_admin_who_passes_a_report_on_returns_to_their_queue(as_, make_report):
    report = make_report()
    dpu = Agency.objects.get(code="DPU")
    response = as_("dishub_admin").post(step_url(report, "alihkan"), {
        "version": report.version, "agency": dpu.pk, "note": "Tiang roboh: urusan Dinas PU."})
    assert response.status_code == 302 and response["Location"] == queue_url("DISHUB")
    assert fresh(report).agency_id == dpu.pk


def test_reassigning_needs_a_target_agency_and_a_reason(as_, make_report):
    report = make_report()
    response = as_("operator").post(step_url(report, "alihkan"), {
        "version": report.version, "agency": "", "note": "Ini tugas Dinas PU, bukan Dishub."})
    assert response.status_code == 400
    body = response.content.decode()
    assert "Pilih OPD tujuan." in body and "Ini tugas Dinas PU, bukan Dishub." in body
    assert fresh(report).agency.code == "DISHUB"


def test_a_duplicate_is_merged_into_the_first_report_and_its_followers_kept(as_, make_report,
                                                                            personas):
    first = make_report()
    second = make_report(reporter=personas["other_citizen"],
                         description="Lampu jalan dekat Balai Kota padam, gelap sekali.")
    client = as_("dishub_officer")
    body = page(client.get(detail_url(second)))
    assert "Mungkin laporan ganda" in body and first.tracking_no in body
    assert "Gabungkan ke laporan ini" in body

    response = client.post(step_url(second, "gabungkan"), {"version": second.version,
                                                          "into": first.tracking_no})
    assert response.status_code == 302
    merged = fresh(second)
    assert merged.status == Report.Status.MERGED and merged.merged_into_id == first.pk
    followers = set(ReportFollower.objects.filter(report=first).values_list("user_id", flat=True))
    assert followers == {personas["citizen"].pk, personas["other_citizen"].pk}
    body = page(client.get(detail_url(second)))
    assert f'href="{detail_url(first)}"' in body  # "Digabung: <the first report>"


def test_merging_into_a_report_one_may_not_see_is_refused(as_, make_report, personas):
    report = make_report()
    response = as_("dishub_officer").post(step_url(report, "gabungkan"), {
        "version": report.version, "into": "LPR-2026-XXXXXX"})
    assert response.status_code == 400
    assert "tidak ditemukan" in response.content.decode()
    assert fresh(report).status == Report.Status.RECEIVED
