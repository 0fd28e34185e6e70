"""The staff console's application pages (/kantor/permohonan/): who sees what, the filters, the
audit of every view of an application, and query counts that do not grow with the data."""

from __future__ import annotations

import datetime as dt

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.utils import timezone

from anrong.accounts.models import User
from anrong.accounts.testing import sign_in
from anrong.agencies import actions as agency_actions
from anrong.agencies.models import Agency
from anrong.core.models import AuditEvent
from anrong.services.models import Application, Document, Service, StatusChange
from anrong.services.testing import make_application

pytestmark = pytest.mark.django_db

QUEUE = "/kantor/permohonan/"
OVERVIEW = "/kantor/permohonan/pengawasan/"


@pytest.fixture
def file(personas):  # type: ignore[no-untyped-def]
    """One application of DISDUKCAPIL (or `service`), submitted an hour ago unless told."""

    def make(*, service: str = "DKC-AKTA-LAHIR", status: str = "submitted", assignee=None,  # type: ignore[no-untyped-def]
             citizen: str = "citizen", kelurahan: str | None = None,
             submitted_at: dt.datetime | None = None) -> Application:
        return make_application(service=Service.objects.get(code=service),
                                citizen=personas[citizen], status=status,
                                assignee=personas[assignee] if assignee else None,
                                kelurahan=kelurahan,
                                submitted_at=submitted_at or timezone.now() - dt.timedelta(hours=1))

    return make


@pytest.fixture
def as_(client, personas):  # type: ignore[no-untyped-def]
    """The test client signed in as a persona (anonymous stays signed out)."""

    def become(name: str):  # type: ignore[no-untyped-def]
        if name != "anonymous":
            sign_in(client, personas[name])
        return client

    return become


def page(response) -> str:  # type: ignore[no-untyped-def]
    assert response.status_code == 200, response.status_code
    return response.content.decode()


# --- Who may open which page ------------------------------------------------------------------

@pytest.mark.parametrize(("persona", "expected"), [
    ("anonymous", 302), ("citizen", 403), ("other_citizen", 403), ("sysadmin", 403),
    ("officer", 200), ("other_officer", 200), ("supervisor", 200), ("agency_admin", 200),
    ("other_agency_officer", 403), ("other_agency_admin", 403),
])
def test_queue_of_disdukcapil_by_persona(as_, file, persona, expected):
    app = file()
    response = as_(persona).get(QUEUE, {"opd": "DISDUKCAPIL"})
    assert response.status_code == expected
    if expected == 302:
        assert response["Location"].startswith("/akun/login/")
    body = response.content.decode()
    assert (app.tracking_no in body) == (expected == 200)


def test_other_agencys_officer_sees_their_own_queue_without_disdukcapils_work(as_, file):
    ours = file()
    theirs = file(service="DISHUB-UJI-KIR")
    body = page(as_("other_agency_officer").get(QUEUE))
    assert theirs.tracking_no in body and ours.tracking_no not in body
    assert "Dinas Perhubungan" in body


def test_unknown_agency_in_opd_is_forbidden(as_):
    assert as_("officer").get(QUEUE, {"opd": "NOPE"}).status_code == 403


def test_a_member_of_several_agencies_switches_between_them(as_, file, personas, root):
    dishub = Agency.objects.get(code="DISHUB")
    agency_actions.add_member(actor=root, user=personas["officer"], agency=dishub, role="officer")
    ours, theirs = file(), file(service="DISHUB-UJI-KIR")
    client = as_("officer")
    default = page(client.get(QUEUE))
    assert "?opd=DISDUKCAPIL" in default and "?opd=DISHUB" in default  # the switcher
    assert ours.tracking_no in default and theirs.tracking_no not in default  # first by name
    switched = page(client.get(QUEUE, {"opd": "dishub"}))
    assert theirs.tracking_no in switched and ours.tracking_no not in switched


@pytest.mark.parametrize(("persona", "expected"), [
    ("anonymous", 302), ("citizen", 403), ("other_citizen", 403),
    ("officer", 200), ("other_officer", 200), ("supervisor", 200), ("agency_admin", 200),
    ("other_agency_officer", 404), ("other_agency_admin", 404), ("sysadmin", 404),
])
def test_detail_by_persona(as_, file, persona, expected):
    app = file()
    response = as_(persona).get(f"{QUEUE}{app.tracking_no}/")
    assert response.status_code == expected
    assert ("Muhammad Fajar" in response.content.decode()) == (expected == 200)  # an answer


def test_a_draft_is_not_shown_to_the_agency(as_, file):
    draft = file(status="draft")
    client = as_("supervisor")
    assert client.get(f"{QUEUE}{draft.tracking_no}/").status_code == 404
    assert draft.tracking_no not in page(client.get(QUEUE, {"status": "all"}))


def test_unknown_tracking_number_is_404(as_):
    assert as_("officer").get(f"{QUEUE}DKC-2026-ZZZZZZ/").status_code == 404


@pytest.mark.parametrize(("persona", "expected"), [
    ("anonymous", 302), ("citizen", 403), ("other_citizen", 403), ("sysadmin", 403),
    ("officer", 403), ("other_officer", 403), ("supervisor", 200), ("agency_admin", 200),
    ("other_agency_officer", 403), ("other_agency_admin", 403),
])
def test_overview_of_disdukcapil_by_persona(as_, persona, expected):
    assert as_(persona).get(OVERVIEW, {"opd": "DISDUKCAPIL"}).status_code == expected


def test_other_agency_admin_supervises_their_own_agency(as_, file):
    ours = file(submitted_at=timezone.now() - dt.timedelta(days=30))
    theirs = file(service="DISHUB-UJI-KIR", submitted_at=timezone.now() - dt.timedelta(days=30))
    body = page(as_("other_agency_admin").get(OVERVIEW))
    assert theirs.tracking_no in body and ours.tracking_no not in body


# --- The queue page ---------------------------------------------------------------------------

def test_queue_marks_overdue_rows_in_words(as_, file):
    late = file(submitted_at=timezone.now() - dt.timedelta(days=30))
    body = page(as_("officer").get(QUEUE))
    row = body[body.index(late.tracking_no):]
    row = row[:row.index("</tr>")]
    assert "Terlambat" in row


@pytest.mark.parametrize("filters", [
    {"status": "completed"}, {"service": "DKC-KIA"}, {"due": "overdue"},
    {"kelurahan": "73.71.02.1001"}, {"kelurahan": "73.71.02"}, {"assignee": "mine"},
    {"assignee": "unassigned"},
])
def test_each_filter_narrows_the_queue(as_, file, filters):
    long_ago = timezone.now() - dt.timedelta(days=30)
    expected = {
        "status": lambda: file(status="completed"),
        "service": lambda: file(service="DKC-KIA"),
        "due": lambda: file(submitted_at=long_ago, assignee="other_officer", status="in_process"),
        "kelurahan": lambda: file(kelurahan="73.71.02.1001"),
        "assignee": lambda: file(assignee="officer", status="verification")
        if filters["assignee"] == "mine" else file(),
    }[next(iter(filters))]()
    # Something every filter leaves out: another service, elsewhere, due next week, someone
    # else's, not completed.
    other = file(service="DKC-AKTA-MATI", kelurahan="73.71.01.1002", status="in_process",
                 assignee="other_officer")
    body = page(as_("officer").get(QUEUE, filters))
    assert expected.tracking_no in body
    assert other.tracking_no not in body
    assert "Hapus filter" in body


def test_an_unknown_filter_value_is_ignored_and_said(as_, file):
    app = file()
    body = page(as_("officer").get(QUEUE, {"status": "lost", "page": "x"}))
    assert app.tracking_no in body
    assert 'class="field-error" id="status-error"' in body


def test_queue_pages_forward_and_back_keeping_filters(as_, file):
    apps = [file() for _ in range(27)]
    client = as_("officer")
    first = page(client.get(QUEUE, {"service": "DKC-AKTA-LAHIR"}))
    assert 'rel="next"' in first and 'rel="prev"' not in first
    assert "service=DKC-AKTA-LAHIR" in first and "page=2" in first
    second = page(client.get(QUEUE, {"service": "DKC-AKTA-LAHIR", "page": 2}))
    assert 'rel="prev"' in second and 'rel="next"' not in second
    assert sum(a.tracking_no in first for a in apps) == 25
    assert sum(a.tracking_no in second for a in apps) == 2


def test_staff_console_home_links_members_to_their_queue(as_):
    body = page(as_("officer").get("/kantor/"))
    assert f'href="{QUEUE}?opd=DISDUKCAPIL"' in body


def test_supervisors_queue_links_to_the_overview_and_officers_do_not(as_):
    assert OVERVIEW in page(as_("supervisor").get(QUEUE))


def test_officers_queue_has_no_overview_link(as_):
    assert OVERVIEW not in page(as_("officer").get(QUEUE))


# --- The detail page --------------------------------------------------------------------------

def test_detail_shows_service_status_citizen_answers_documents_and_timeline(as_, file, personas):
    app = file(assignee="officer", status="verification")
    StatusChange.objects.create(application=app, from_status="", to_status="submitted",
                                by=personas["citizen"])
    StatusChange.objects.create(application=app, from_status="submitted", to_status="verification",
                                by=personas["officer"], note="Saya periksa.")
    upload = Document.objects.create(
        application=app, kind="upload", field_name="surat_lahir", file="applications/1/abc",
        original_name="surat-lahir.pdf", content_type="application/pdf", size=2048, sha256="0" * 64)
    body = page(as_("officer").get(f"{QUEUE}{app.tracking_no}/"))
    assert "Akta kelahiran" in body and "Verifikasi" in body
    assert "Warga citizen" in body
    assert "7371********0001" in body and "7371011508900001" not in body  # NIK masked for staff
    assert "+62812****7801" in body
    assert "Nama anak" in body and "Muhammad Fajar" in body
    assert f'href="/layanan/dokumen/{upload.pk}/"' in body and "surat-lahir.pdf" in body
    assert "Saya periksa." in body and body.index("Diajukan") < body.index("Saya periksa.")


def test_viewing_an_application_is_audited(as_, file, personas):
    app = file()
    as_("officer").get(f"{QUEUE}{app.tracking_no}/")
    event = AuditEvent.objects.get(action="application.viewed")
    assert (event.actor_id, event.target_type, event.target_id) == (
        personas["officer"].pk, "services.application", str(app.pk))


def test_a_refused_view_is_not_audited_as_a_view(as_, file):
    app = file()
    assert as_("other_agency_officer").get(f"{QUEUE}{app.tracking_no}/").status_code == 404
    assert not AuditEvent.objects.filter(action="application.viewed").exists()


def test_overdue_detail_says_by_how_many_working_days(as_, file):
    app = file(submitted_at=timezone.now() - dt.timedelta(days=30))
    body = page(as_("officer").get(f"{QUEUE}{app.tracking_no}/"))
    assert "Terlambat " in body and " hari kerja" in body


def forms_on(body: str) -> set[str]:
    return {step for step, slug in [("claim", "ambil"), ("assign", "tugaskan"),
                                    ("verify", "verifikasi"), ("revision", "perbaikan"),
                                    ("approve", "setujui"), ("reject", "tolak")]
            if f'/{slug}/"' in body}


@pytest.mark.parametrize(("status", "assignee", "persona", "expected"), [
    ("submitted", None, "officer", {"claim"}),
    ("submitted", None, "supervisor", {"claim", "assign", "reject"}),
    ("verification", "officer", "officer", {"verify", "revision", "reject"}),
    ("verification", "officer", "other_officer", set()),
    ("in_process", "officer", "officer", {"approve", "revision", "reject"}),
    ("in_process", "officer", "agency_admin", {"assign", "approve", "revision", "reject"}),
    ("completed", "officer", "supervisor", set()),
])
def test_decision_forms_follow_permissions(as_, file, status, assignee, persona, expected):
    app = file(status=status, assignee=assignee)
    body = page(as_(persona).get(f"{QUEUE}{app.tracking_no}/"))
    assert forms_on(body) == expected
    if expected:
        assert f'name="version" value="{app.version}"' in body


def test_supervisor_assigns_from_a_list_of_the_agencys_officers(as_, file, personas):
    app = file()
    body = page(as_("supervisor").get(f"{QUEUE}{app.tracking_no}/"))
    assign = body[body.index("/tugaskan/"):]
    assign = assign[:assign.index("</form>")]
    assert f'value="{personas["officer"].pk}"' in assign
    assert f'value="{personas["other_agency_officer"].pk}"' not in assign


def test_revision_and_rejection_need_a_note(as_, file):
    app = file(status="verification", assignee="officer")
    body = page(as_("officer").get(f"{QUEUE}{app.tracking_no}/"))
    assert 'name="note" required' in body and 'name="reason" required' in body


def test_decision_forms_run_the_actions_and_a_stale_page_is_told(as_, file, personas):
    app = file()
    client = as_("officer")
    assert client.get(f"{QUEUE}{app.tracking_no}/ambil/").status_code == 405
    claimed = client.post(f"{QUEUE}{app.tracking_no}/ambil/", {"version": app.version},
                          follow=True)
    app.refresh_from_db()
    assert app.status == "verification" and app.assignee == personas["officer"]
    assert "sekarang Anda tangani" in page(claimed)

    stale = client.post(f"{QUEUE}{app.tracking_no}/verifikasi/", {"version": app.version - 1},
                        follow=True)
    assert "diubah orang lain" in page(stale)
    assert Application.objects.get(pk=app.pk).status == "verification"

    short = client.post(f"{QUEUE}{app.tracking_no}/perbaikan/",
                        {"version": app.version, "note": "x"}, follow=True)
    assert "paling sedikit 5" in page(short)
    asked = client.post(f"{QUEUE}{app.tracking_no}/perbaikan/",
                        {"version": app.version, "note": "Foto KK buram, unggah ulang."})
    assert asked.status_code == 302
    app.refresh_from_db()
    assert app.status == "needs_revision" and app.note == "Foto KK buram, unggah ulang."


@pytest.mark.parametrize("persona", ["citizen", "other_agency_officer", "sysadmin"])
def test_decision_forms_refuse_outsiders_and_change_nothing(as_, file, persona):
    app = file()
    response = as_(persona).post(f"{QUEUE}{app.tracking_no}/tolak/",
                                 {"version": app.version, "reason": "Tidak memenuhi syarat."})
    assert response.status_code in (403, 404)
    app.refresh_from_db()
    assert app.status == "submitted" and app.version == 1


def test_a_supervisor_assigns_and_approves_with_a_generated_pdf(as_, file, personas):
    app = file()
    client = as_("supervisor")
    other = personas["other_officer"]
    client.post(f"{QUEUE}{app.tracking_no}/tugaskan/", {"version": 1, "assignee": other.pk})
    app.refresh_from_db()
    assert app.assignee == other and app.status == "verification"
    client.post(f"{QUEUE}{app.tracking_no}/verifikasi/", {"version": app.version})
    app.refresh_from_db()
    done = client.post(f"{QUEUE}{app.tracking_no}/setujui/", {"version": app.version})
    assert done.status_code == 302
    app.refresh_from_db()
    assert app.status == "completed"
    output = app.documents.get(kind="output")
    assert output.file.read().startswith(b"%PDF-") and output.verification_code


# --- Query counts do not grow with the data -----------------------------------------------------

def _officers(n: int, agency: Agency, root) -> list[User]:  # type: ignore[no-untyped-def]
    people = []
    for i in range(n):
        person = User.objects.create_user(email=f"load{i}@makassarkota.go.id",
                                          display_name=f"Petugas {i}")
        agency_actions.add_member(actor=root, user=person, agency=agency, role="officer")
        people.append(person)
    return people


def _count(client, url: str, params: dict | None = None) -> int:  # type: ignore[no-untyped-def]
    client.get(url, params or {})  # warm: the alert banner is cached for a minute (anrong.alerts), not a cost of this page
    with CaptureQueriesContext(connection) as ctx:
        response = client.get(url, params or {})
    assert response.status_code == 200
    return len(ctx.captured_queries)


def _fill(n: int, personas, officers) -> list[Application]:  # type: ignore[no-untyped-def]
    services = list(Service.objects.filter(agency__code="DISDUKCAPIL"))
    kelurahan = ["73.71.01.1001", "73.71.01.1002", "73.71.02.1001", "73.71.03.1001"]
    long_ago = timezone.now() - dt.timedelta(days=20)
    return [make_application(service=services[i % len(services)], citizen=personas["citizen"],
                             status=["submitted", "verification", "in_process"][i % 3],
                             assignee=None if i % 3 == 0 else officers[i % 3],
                             kelurahan=kelurahan[i % 4], submitted_at=long_ago)
            for i in range(n)]


@pytest.mark.parametrize("url_params", [{}, {"due": "overdue"}, {"status": "all"}])
def test_queue_query_count_is_the_same_for_3_and_30_applications(
        client, personas, root, url_params):
    sign_in(client, personas["supervisor"])
    officers = _officers(3, Agency.objects.get(code="DISDUKCAPIL"), root)
    _fill(3, personas, officers)
    with_three = _count(client, QUEUE, url_params)
    _fill(27, personas, officers)
    assert _count(client, QUEUE, url_params) == with_three


def test_overview_query_count_is_the_same_for_3_and_30_applications(client, personas, root):
    sign_in(client, personas["supervisor"])
    officers = _officers(3, Agency.objects.get(code="DISDUKCAPIL"), root)
    _fill(3, personas, officers)
    with_three = _count(client, OVERVIEW)
    _fill(27, personas, officers)
    assert _count(client, OVERVIEW) == with_three


def test_detail_query_count_is_the_same_with_3_and_30_steps_and_documents(client, personas, root):
    sign_in(client, personas["supervisor"])
    agency = Agency.objects.get(code="DISDUKCAPIL")
    officers = _officers(3, agency, root)
    app = make_application(service=Service.objects.get(code="DKC-AKTA-LAHIR"),
                           citizen=personas["citizen"], status="in_process", assignee=officers[0])

    def add(n: int) -> None:
        for i in range(n):
            StatusChange.objects.create(application=app, from_status="submitted",
                                        to_status="verification", by=officers[i % 3])
            Document.objects.create(application=app, kind="upload", field_name="surat_lahir",
                                    file=f"applications/1/{i}", original_name=f"{i}.pdf",
                                    content_type="application/pdf", size=10, sha256="0" * 64)

    add(3)
    with_three = _count(client, f"{QUEUE}{app.tracking_no}/")
    add(27)
    assert _count(client, f"{QUEUE}{app.tracking_no}/") == with_three


def test_filter_form_keeps_the_chosen_values_and_escapes_labels(as_, file):
    Service.objects.filter(code="DKC-KIA").update(name="KIA <anak>")
    body = page(as_("officer").get(QUEUE, {"kelurahan": "73.71.02", "due": "week"}))
    assert '<option value="73.71.02" selected>' in body
    assert '<option value="week" selected>' in body
    assert '<optgroup label="Mariso"><option value="73.71.01">' in body
    assert "KIA &lt;anak&gt;" in body and "KIA <anak>" not in body
    assert '<select id="id_kelurahan" name="kelurahan">' in body


def test_pages_speak_english_on_request(as_, file):
    app = file(submitted_at=timezone.now() - dt.timedelta(days=30))
    client = as_("supervisor")
    client.post("/i18n/setlang/", {"language": "en", "next": "/"})
    queue = page(client.get(QUEUE))
    assert "Incoming applications" in queue and "Overdue" in queue and "Submitted" in queue
    assert "Permohonan masuk" not in queue
    detail = page(client.get(f"{QUEUE}{app.tracking_no}/"))
    assert "working days overdue" in detail and "Reject the application" in detail
    assert "Load per officer" in page(client.get(OVERVIEW))
