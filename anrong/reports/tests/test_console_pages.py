"""Lapor's staff console pages (/kantor/lapor/): who opens which page, what each agency's queue
holds (and the kecamatan office's reports to verify), the counts per agency with the overdue and
escalated ones, and the reporter's identity shown to those who handle the report only."""

from __future__ import annotations

import datetime as dt

import pytest
from django.db import connection
from django.test import Client
from django.test.utils import CaptureQueriesContext
from django.utils import timezone

from anrong.accounts.testing import sign_in
from anrong.core.models import AuditEvent
from anrong.reports import actions
from anrong.reports.models import Report
from anrong.reports.testing import sample_jpeg
from anrong.reports.views import console as console_views

from .conftest import OTHER_POINT

pytestmark = pytest.mark.django_db

OVERVIEW = "/kantor/lapor/"


def queue_url(code: str) -> str:
    return f"/kantor/lapor/{code}/"


def detail_url(report: Report) -> str:
    return f"/kantor/lapor/laporan/{report.tracking_no}/"


@pytest.fixture
def people(personas, operator, dishub_officer, dishub_admin, dpu_officer, kecamatan_officer):  # type: ignore[no-untyped-def]
    return {**personas, "operator": operator, "dishub_officer": dishub_officer,
            "dishub_admin": dishub_admin, "dpu_officer": dpu_officer,
            "kecamatan_officer": kecamatan_officer,
            "disdukcapil_officer": personas["officer"]}


@pytest.fixture
def as_(people):  # type: ignore[no-untyped-def]
    """One signed-in client per person (a staff member's TOTP code works once per 30 s)."""
    clients: dict[str, Client] = {}

    def become(name: str) -> Client:
        if name not in clients:
            clients[name] = Client()
            if name != "anonymous":
                sign_in(clients[name], people[name])
        return clients[name]

    return become


def page(response) -> str:  # type: ignore[no-untyped-def]
    assert response.status_code == 200, response.status_code
    return response.content.decode()


def overdue(report: Report, hours: int = 1) -> None:
    """Tests only: the report's first response was due `hours` ago."""
    Report.objects.filter(pk=report.pk).update(due_at=timezone.now() - dt.timedelta(hours=hours))


# --- Who may open which page ------------------------------------------------------------------

@pytest.mark.parametrize(("persona", "expected"), [
    ("anonymous", 302), ("citizen", 403), ("sysadmin", 403),
    ("operator", 200), ("dishub_officer", 200), ("dishub_admin", 200), ("dpu_officer", 200),
    ("kecamatan_officer", 200), ("disdukcapil_officer", 200),
])
def test_overview_by_persona(as_, make_report, persona, expected):
    make_report()
    response = as_(persona).get(OVERVIEW)
    assert response.status_code == expected
    if expected == 302:
        assert response["Location"].startswith("/akun/login/")
    # Dishub's row (the street light's agency) is shown to the operators and to Dishub only.
    assert (queue_url("DISHUB") in response.content.decode()) == (
        persona in {"operator", "dishub_officer", "dishub_admin"})


@pytest.mark.parametrize(("persona", "expected"), [
    ("anonymous", 302), ("citizen", 403), ("sysadmin", 404),
    ("operator", 200), ("dishub_officer", 200), ("dishub_admin", 200),
    ("dpu_officer", 404), ("kecamatan_officer", 404), ("disdukcapil_officer", 404),
])
def test_dishubs_queue_by_persona(as_, make_report, persona, expected):
    report = make_report()
    response = as_(persona).get(queue_url("DISHUB"))
    assert response.status_code == expected
    assert (report.tracking_no in response.content.decode()) == (expected == 200)


@pytest.mark.parametrize(("persona", "expected"), [
    ("anonymous", 302), ("citizen", 403), ("other_citizen", 403), ("sysadmin", 404),
    ("operator", 200), ("dishub_officer", 200), ("dishub_admin", 200),
    ("kecamatan_officer", 200), ("dpu_officer", 404), ("disdukcapil_officer", 404),
])
def test_report_page_by_persona(as_, make_report, persona, expected):
    report = make_report()
    response = as_(persona).get(detail_url(report))
    assert response.status_code == expected
    assert ("Lampu jalan di depan Balai Kota" in response.content.decode()) == (expected == 200)


def test_a_private_report_is_hidden_from_other_agencies_too(as_, make_report):
    report = make_report(is_public=False)
    assert as_("dpu_officer").get(detail_url(report)).status_code == 404
    assert report.tracking_no in page(as_("dishub_officer").get(detail_url(report)))


def test_unknown_agency_or_report_is_404(as_):
    client = as_("operator")
    assert client.get(queue_url("NOPE")).status_code == 404
    assert client.get("/kantor/lapor/laporan/LPR-2026-XXXXXX/").status_code == 404


# --- The queue --------------------------------------------------------------------------------

def test_the_queue_holds_the_agencys_open_reports_overdue_first(as_, make_report, personas):
    fresh = make_report()
    late = make_report(description="Lampu jalan di lorong sebelah masjid padam total.")
    overdue(late)
    # Due even earlier, but answered: no longer late.
    answered = make_report(reporter=personas["other_citizen"])
    overdue(answered, hours=5)
    actions.respond(actor=personas["other_agency_officer"], report=answered,
                    note="Petugas sudah meninjau lokasi.")
    road = make_report(category="jalan_rusak", description="Jalan berlubang besar di depan pasar.")
    done = make_report(reporter=personas["other_citizen"])
    actions.resolve(actor=personas["other_agency_officer"], report=done, note="Lampu sudah diganti.")

    body = page(as_("dishub_officer").get(queue_url("DISHUB")))
    assert late.tracking_no in body and fresh.tracking_no in body and answered.tracking_no in body
    assert body.index(late.tracking_no) < body.index(answered.tracking_no) \
        < body.index(fresh.tracking_no)
    assert "Sudah ditanggapi" in body
    assert road.tracking_no not in body  # Dinas PU's
    assert done.tracking_no not in body  # closed: under its own tab
    late_row = body[body.index(late.tracking_no):body.index(answered.tracking_no)]
    assert "is-overdue" in body[:body.index(late.tracking_no)].rsplit("<tr", 1)[1]
    assert "Terlambat" in late_row  # in words, not only in colour
    assert "Baru" in late_row  # the kelurahan
    assert "WITA" in late_row

    resolved = page(as_("dishub_officer").get(queue_url("DISHUB"), {"status": "resolved"}))
    assert done.tracking_no in resolved and fresh.tracking_no not in resolved
    assert road.tracking_no in page(as_("dpu_officer").get(queue_url("DPU")))


def test_a_kecamatan_office_sees_the_reports_in_its_area_to_verify(as_, make_report, personas):
    here = make_report()
    elsewhere = make_report(lat=OTHER_POINT[0], lng=OTHER_POINT[1],
                            description="Lampu jalan di Rappocini mati sejak minggu lalu.")
    verified = make_report(reporter=personas["other_citizen"])
    actions.verify(actor=personas["other_agency_officer"], report=verified)

    client = as_("kecamatan_officer")
    body = page(client.get(queue_url("KEC-UJUNG-PANDANG"), {"status": "verifikasi"}))
    assert here.tracking_no in body
    assert elsewhere.tracking_no not in body  # Rappocini's office verifies that one
    assert verified.tracking_no not in body  # already verified
    # The tab is offered, and the overview points to it.
    assert "?status=verifikasi" in page(client.get(queue_url("KEC-UJUNG-PANDANG")))
    overview = page(client.get(OVERVIEW))
    assert f"{queue_url('KEC-UJUNG-PANDANG')}?status=verifikasi" in overview


def test_the_queue_pages(as_, make_report, personas, monkeypatch):
    monkeypatch.setattr(console_views, "PAGE_SIZE", 2)
    reports = [make_report(), make_report(reporter=personas["other_citizen"]),
               make_report(reporter=personas["officer"])]
    client = as_("dishub_officer")
    first = page(client.get(queue_url("DISHUB")))
    assert 'rel="next"' in first and 'rel="prev"' not in first
    second = page(client.get(queue_url("DISHUB"), {"page": 2}))
    assert 'rel="prev"' in second
    shown = [r.tracking_no for r in reports if r.tracking_no in first + second]
    assert len(shown) == 3
    assert "Tidak ada laporan di halaman ini" in page(client.get(queue_url("DISHUB"), {"page": 9}))
    # An unknown tab or page falls back to the default instead of failing.
    assert reports[0].tracking_no in page(client.get(queue_url("DISHUB"),
                                                     {"status": "nope", "page": "x"}))


def test_the_queue_reads_the_same_number_of_queries_for_more_reports(as_, make_report, personas):
    client = as_("dishub_officer")
    make_report()
    client.get(queue_url("DISHUB"))  # warm: the alert banner is cached for a minute (anrong.alerts), not a cost of this page
    with CaptureQueriesContext(connection) as one:
        page(client.get(queue_url("DISHUB")))
    make_report(reporter=personas["other_citizen"])
    make_report(reporter=personas["officer"])
    with CaptureQueriesContext(connection) as three:
        page(client.get(queue_url("DISHUB")))
    assert len(three) == len(one)


# --- Counts per agency ------------------------------------------------------------------------

def test_the_operator_sees_counts_per_agency_with_overdue_and_escalated(as_, make_report, personas):
    officer = personas["other_agency_officer"]
    late = make_report()
    overdue(late, hours=3)
    make_report(reporter=personas["other_citizen"])  # received, not yet due
    answered = make_report(reporter=personas["officer"])
    overdue(answered)
    actions.respond(actor=officer, report=answered, note="Petugas sudah meninjau lokasi.")
    make_report(category="jalan_rusak", description="Jalan berlubang besar di depan pasar.",
                reporter=personas["other_citizen"])
    assert actions.escalate_overdue() == 1  # `late` only: `answered` was answered

    response = as_("operator").get(OVERVIEW)
    body = page(response)
    rows = {row["agency"].code: row for row in response.context["rows"]}
    assert set(rows) == {"DISHUB", "DPU"}
    assert (rows["DISHUB"]["received"], rows["DISHUB"]["overdue"], rows["DISHUB"]["escalated"]) \
        == (3, 1, 1)
    assert (rows["DPU"]["received"], rows["DPU"]["overdue"]) == (1, 0)
    assert response.context["totals"]["received"] == 4
    # Dishub comes first (it has the overdue one), marked in words, and links to its queue.
    assert body.index(queue_url("DISHUB")) < body.index(queue_url("DPU"))
    dishub_row = body[body.index(queue_url("DISHUB")):body.index(queue_url("DPU"))]
    assert "Terlambat" in dishub_row and "Dieskalasi" in dishub_row


def test_agency_staff_see_only_their_agencies_with_zeros_for_a_quiet_one(as_, make_report, personas):
    make_report()
    make_report(category="jalan_rusak", description="Jalan berlubang besar di depan pasar.")
    dishub = as_("dishub_officer").get(OVERVIEW)
    assert [row["agency"].code for row in dishub.context["rows"]] == ["DISHUB"]
    disdukcapil = as_("disdukcapil_officer").get(OVERVIEW)
    assert [(row["agency"].code, row["received"]) for row in disdukcapil.context["rows"]] \
        == [("DISDUKCAPIL", 0)]


# --- One report -------------------------------------------------------------------------------

def test_the_report_page_shows_what_the_officer_needs(as_, make_report, personas):
    report = make_report(photos=[sample_jpeg()], address="Depan Balai Kota",
                         attributes={"nomor_tiang": "PJU-017"})
    overdue(report)
    body = page(as_("dishub_officer").get(detail_url(report)))
    for text in ("Lampu jalan", "Lampu jalan di depan Balai Kota mati sejak tiga hari.",
                 "Depan Balai Kota", "PJU-017", "Baru", "Ujung Pandang", "-5.133500",
                 "119.412500", "Diterima", "Terlambat", "Foto pelapor 1", "WITA"):
        assert text in body, text


def test_the_reporters_identity_is_shown_to_handlers_not_to_operators(as_, make_report, personas):
    report = make_report()
    full_phone = personas["citizen"].phone
    for handler in ("dishub_officer", "kecamatan_officer"):
        body = page(as_(handler).get(detail_url(report)))
        assert "Warga citizen" in body
        assert "+62812****7801" in body and full_phone not in body  # masked
    operator_page = page(as_("operator").get(detail_url(report)))
    assert "Warga citizen" not in operator_page and "7801" not in operator_page
    # Every look at the reporter's identity is on the record; the operator's is not one.
    views = AuditEvent.objects.filter(action="complaint.viewed", target_id=str(report.pk))
    assert views.count() == 2
