"""The application workflow through its actions: what each step writes, who may take it, and
what is refused with nothing written."""

from __future__ import annotations

import datetime as dt
import io

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.db import transaction
from PIL import Image

from anrong.core.models import AuditEvent, Notification, OutboxEvent
from anrong.core.workdays import WITA, add_working_days
from anrong.services import actions, tracking
from anrong.services.errors import (
    AnswersInvalid,
    ApplicationError,
    ApplicationPermissionError,
    StaleApplication,
)
from anrong.services.models import (
    Application,
    Document,
    LifeEvent,
    LifeEventFiling,
    Service,
    StatusChange,
)
from anrong.services.testing import SAMPLE_ANSWERS, SAMPLE_FIELDS, make_form

from .conftest import fresh

pytestmark = pytest.mark.django_db

PDF = (b"%PDF-1.4\n1 0 obj<</Type/Catalog/Pages 2 0 R>>endobj\n2 0 obj<</Type/Pages/Kids[]"
       b"/Count 0>>endobj\ntrailer<</Root 1 0 R>>\n%%EOF\n")


def pdf(name: str = "surat-lahir.pdf") -> SimpleUploadedFile:
    return SimpleUploadedFile(name, PDF, content_type="application/pdf")


def png(name: str = "foto.png") -> SimpleUploadedFile:
    out = io.BytesIO()
    Image.new("RGB", (8, 8), "red").save(out, format="PNG")
    return SimpleUploadedFile(name, out.getvalue(), content_type="image/png")



def submitted(citizen, service):  # type: ignore[no-untyped-def]
    application, _created = actions.file_application(
        actor=citizen, service=service, answers=SAMPLE_ANSWERS, files={"surat_lahir": pdf()})
    return application


def snapshot():  # type: ignore[no-untyped-def]
    return (list(Application.objects.order_by("pk").values()),
            StatusChange.objects.count(), Document.objects.count(), AuditEvent.objects.count(),
            OutboxEvent.objects.count(), Notification.objects.count())


# --- the citizen's steps ------------------------------------------------------------------------


def test_a_draft_fills_up_as_the_citizen_types_and_keeps_what_is_valid(personas, akta):
    citizen = personas["citizen"]
    draft = actions.start_application(actor=citizen, service=akta)
    assert draft.status == "draft" and draft.form_version.number == 1
    assert actions.start_application(actor=citizen, service=akta) == draft  # a second tap

    draft, errors = actions.save_answers(actor=citizen, application=draft, answers={
        "nama_anak": "  Muhammad Fajar ", "nik_ibu": "12345"})
    assert set(errors) == {"nik_ibu"}
    assert draft.answers == {"nama_anak": "Muhammad Fajar"}

    draft, errors = actions.save_answers(actor=citizen, application=draft,
                                         answers={"nama_anak": ""})
    assert errors == {} and "nama_anak" not in draft.answers


def test_submitting_without_the_required_upload_is_refused_with_nothing_written(personas, akta):
    citizen = personas["citizen"]
    draft = actions.start_application(actor=citizen, service=akta)
    actions.save_answers(actor=citizen, application=draft, answers=SAMPLE_ANSWERS)
    before = snapshot()
    with pytest.raises(AnswersInvalid) as refused:
        actions.submit_application(actor=citizen, application=draft)
    assert set(refused.value.errors) == {"surat_lahir"}
    assert snapshot() == before


def test_an_upload_that_lies_about_its_type_is_refused(personas, akta):
    citizen = personas["citizen"]
    draft = actions.start_application(actor=citizen, service=akta)
    with pytest.raises(AnswersInvalid) as refused:
        actions.attach_upload(actor=citizen, application=draft, field_name="surat_lahir",
                              file=png("surat-lahir.pdf"))
    assert "PNG" in refused.value.errors["surat_lahir"]
    with pytest.raises(AnswersInvalid):
        actions.attach_upload(actor=citizen, application=draft, field_name="surat_lahir",
                              file=SimpleUploadedFile("a.pdf", b"hello", "application/pdf"))
    with pytest.raises(AnswersInvalid):
        actions.attach_upload(actor=citizen, application=draft, field_name="nama_anak", file=pdf())
    assert Document.objects.count() == 0


def test_submission_numbers_times_records_and_tells_the_citizen(personas, akta):
    citizen = personas["citizen"]
    draft = actions.start_application(actor=citizen, service=akta)
    actions.save_answers(actor=citizen, application=draft, answers=SAMPLE_ANSWERS)
    first = actions.attach_upload(actor=citizen, application=draft, field_name="surat_lahir",
                                  file=pdf("lama.pdf"))
    second = actions.attach_upload(actor=citizen, application=draft, field_name="surat_lahir",
                                   file=pdf())
    application = actions.submit_application(actor=citizen, application=draft)

    assert tracking.looks_valid(application.tracking_no)
    assert application.tracking_no.startswith("DKC-")
    assert application.status == "submitted" and application.version == 2
    assert application.due_at == add_working_days(application.submitted_at, akta.sla_working_days)
    assert application.kelurahan_id == "73.71.01.1002"
    first.refresh_from_db()
    assert first.replaced_at is not None and Document.objects.get(pk=second.pk).replaced_at is None
    assert list(application.status_changes.values_list("from_status", "to_status")) == [
        ("draft", "submitted")]
    assert AuditEvent.objects.filter(action="application.submitted",
                                     target_id=str(application.pk)).exists()
    event = OutboxEvent.objects.get(type="application.submitted")
    assert event.payload["tracking_no"] == application.tracking_no
    assert "answers" not in event.payload and "nama_anak" not in str(event.payload)
    note = Notification.objects.get(recipient=citizen)
    assert application.tracking_no in note.title and note.url.endswith(
        f"/layanan/permohonan/{application.tracking_no}/")

    # A double tap: the same application, no second submission.
    again = actions.submit_application(actor=citizen, application=application)
    assert again.pk == application.pk and StatusChange.objects.count() == 1


def test_the_citizen_is_told_in_their_own_language(personas, akta):
    citizen = personas["citizen"]
    citizen.language = "en"
    citizen.save()
    application = submitted(fresh(citizen), akta)
    note = Notification.objects.get(recipient=citizen)
    assert note.title == f"Application {application.tracking_no} received"


def test_the_same_idempotency_key_files_one_application(personas, akta):
    citizen = personas["citizen"]
    first, created = actions.file_application(actor=citizen, service=akta, answers=SAMPLE_ANSWERS,
                                              files={"surat_lahir": pdf()}, idempotency_key="k-1")
    again, created_again = actions.file_application(
        actor=citizen, service=akta, answers=SAMPLE_ANSWERS, files={"surat_lahir": pdf()},
        idempotency_key="k-1")
    assert created and not created_again and again.pk == first.pk
    assert Application.objects.count() == 1 and Document.objects.count() == 1
    # Another citizen's key space is their own.
    other, created_other = actions.file_application(
        actor=personas["other_citizen"], service=akta, answers=SAMPLE_ANSWERS,
        files={"surat_lahir": pdf()}, idempotency_key="k-1")
    assert created_other and other.pk != first.pk
    # The same key for another service is a mistake, said plainly.
    kia = Service.objects.get(code="DKC-KIA")
    kia.delivery = "online"
    kia.save()
    make_form(kia, SAMPLE_FIELDS)
    with pytest.raises(ApplicationError, match="Idempotency-Key"):
        actions.file_application(actor=citizen, service=kia, answers=SAMPLE_ANSWERS,
                                 files={"surat_lahir": pdf()}, idempotency_key="k-1")


def test_filing_with_bad_answers_and_a_bad_file_writes_nothing_and_lists_both(personas, akta):
    before = snapshot()
    with pytest.raises(AnswersInvalid) as refused:
        actions.file_application(actor=personas["citizen"], service=akta,
                                 answers={**SAMPLE_ANSWERS, "jenis_kelamin": "X"},
                                 files={"surat_lahir": png("surat.pdf")})
    assert set(refused.value.errors) == {"jenis_kelamin", "surat_lahir"}
    assert snapshot() == before


@pytest.mark.parametrize("persona", ["anonymous", "officer", "sysadmin", "agency_admin"])
def test_only_citizens_with_a_profile_apply(personas, akta, persona):
    before = snapshot()
    with pytest.raises(ApplicationPermissionError):
        actions.start_application(actor=fresh(personas[persona]), service=akta)
    assert snapshot() == before


def test_services_not_online_or_without_a_form_cannot_be_applied_for(personas, akta):
    citizen = personas["citizen"]
    with pytest.raises(ApplicationError, match="daring"):
        actions.start_application(actor=citizen, service=Service.objects.get(code="DKC-KTP-BARU"))
    ktp = Service.objects.get(code="DKC-KTP-BARU")
    ktp.delivery = "online"
    ktp.save()
    with pytest.raises(ApplicationError, match="Formulir"):
        actions.start_application(actor=citizen, service=ktp)


def test_another_citizen_cannot_touch_a_draft(personas, akta):
    draft = actions.start_application(actor=personas["citizen"], service=akta)
    before = snapshot()
    for step, kwargs in [(actions.save_answers, {"answers": {"nama_anak": "X"}}),
                         (actions.attach_upload, {"field_name": "surat_lahir", "file": pdf()}),
                         (actions.submit_application, {})]:
        with pytest.raises(ApplicationPermissionError):
            step(actor=personas["other_citizen"], application=draft, **kwargs)
    assert snapshot() == before


# --- the agency's steps -------------------------------------------------------------------------


STAFF_STEPS = {
    "claim": (actions.claim_application, {}),
    "verify": (actions.verify_application, {}),
    "revision": (actions.request_revision, {"note": "Foto surat lahir buram, unggah ulang."}),
    "reject": (actions.reject_application, {"reason": "Bukan warga Kota Makassar."}),
    "approve": (actions.approve_application, {"output_file": None}),
}
# Who may take each step on a fresh submitted application nobody holds yet.
ALLOWED_ON_SUBMITTED = {
    "claim": {"officer", "other_officer", "supervisor", "agency_admin"},
    "verify": {"supervisor", "agency_admin"},
    "revision": {"supervisor", "agency_admin"},
    "reject": {"supervisor", "agency_admin"},
}
PERSONAS = ["anonymous", "citizen", "other_citizen", "officer", "other_officer", "supervisor",
            "agency_admin", "other_agency_officer", "other_agency_admin", "sysadmin"]


@pytest.mark.parametrize("step", sorted(ALLOWED_ON_SUBMITTED))
@pytest.mark.parametrize("persona", PERSONAS)
def test_staff_step_permission_matrix_on_a_submitted_application(personas, akta, step, persona):
    application = submitted(personas["citizen"], akta)
    action, kwargs = STAFF_STEPS[step]
    before = snapshot()
    if persona in ALLOWED_ON_SUBMITTED[step]:
        done = action(actor=fresh(personas[persona]), application=application,
                      version=application.version, **kwargs)
        assert done.version == application.version + 1
    else:
        with pytest.raises(ApplicationPermissionError):
            action(actor=fresh(personas[persona]), application=application,
                   version=application.version, **kwargs)
        assert snapshot() == before


def test_held_work_is_processed_by_its_officer_or_a_supervisor_only(personas, akta):
    application = submitted(personas["citizen"], akta)
    application = actions.claim_application(actor=personas["officer"], application=application,
                                            version=application.version)
    assert application.status == "verification" and application.assignee == personas["officer"]
    before = snapshot()
    with pytest.raises(ApplicationPermissionError):
        actions.verify_application(actor=personas["other_officer"], application=application,
                                   version=application.version)
    assert snapshot() == before
    done = actions.verify_application(actor=personas["supervisor"], application=application,
                                      version=application.version)
    assert done.status == "in_process" and done.assignee == personas["officer"]


def test_two_officers_deciding_at_once_one_wins_the_other_is_told(personas, akta):
    application = submitted(personas["citizen"], akta)
    seen = application.version
    actions.claim_application(actor=personas["officer"], application=application, version=seen)
    before = snapshot()
    with pytest.raises(StaleApplication, match="diubah orang lain"):
        actions.claim_application(actor=personas["other_officer"], application=application,
                                  version=seen)
    with pytest.raises(StaleApplication):
        actions.reject_application(actor=personas["supervisor"], application=application,
                                   version=seen, reason="Berkas tidak lengkap sama sekali.")
    assert snapshot() == before
    assert Application.objects.get(pk=application.pk).assignee == personas["officer"]


def test_revision_round_trip_restarts_the_clock_and_goes_back_to_its_officer(personas, akta):
    citizen, officer = personas["citizen"], personas["officer"]
    application = submitted(citizen, akta)
    application = actions.claim_application(actor=officer, application=application,
                                            version=application.version)
    with pytest.raises(ApplicationError, match="paling sedikit 5"):
        actions.request_revision(actor=officer, application=application,
                                 version=application.version, note=" ")
    application = actions.request_revision(actor=officer, application=application,
                                           version=application.version,
                                           note="Surat keterangan lahir buram. Unggah ulang.")
    assert application.status == "needs_revision"
    assert "buram" in Notification.objects.filter(recipient=citizen).latest("id").body

    actions.attach_upload(actor=citizen, application=application, field_name="surat_lahir",
                          file=pdf("baru.pdf"))
    application = actions.resubmit_application(actor=citizen, application=application,
                                               answers={"nama_anak": "Muhammad Fajar Ramadhan"})
    assert application.status == "verification" and application.assignee == officer
    assert application.answers["nama_anak"] == "Muhammad Fajar Ramadhan"
    assert application.note == ""
    assert application.due_at >= add_working_days(
        StatusChange.objects.filter(application=application).latest("id").at, 1)
    assert Notification.objects.filter(recipient=officer, kind="application.resubmitted").exists()
    assert list(application.status_changes.values_list("to_status", flat=True)) == [
        "submitted", "verification", "needs_revision", "verification"]


def test_rejection_needs_a_reason_the_citizen_reads(personas, akta):
    application = submitted(personas["citizen"], akta)
    with pytest.raises(ApplicationError):
        actions.reject_application(actor=personas["supervisor"], application=application,
                                   version=application.version, reason="")
    done = actions.reject_application(actor=personas["supervisor"], application=application,
                                      version=application.version,
                                      reason="Anak lahir di luar Kota Makassar.")
    assert done.status == "rejected" and done.decided_at is not None
    assert "luar Kota Makassar" in Notification.objects.filter(
        recipient=personas["citizen"]).latest("id").body


def test_approving_with_an_uploaded_output_gives_it_a_verification_code(personas, akta):
    application = submitted(personas["citizen"], akta)
    officer = personas["officer"]
    application = actions.claim_application(actor=officer, application=application,
                                            version=application.version)
    with pytest.raises(AnswersInvalid):
        actions.approve_application(actor=officer, application=application,
                                    version=application.version,
                                    output_file=SimpleUploadedFile("akta.pdf", b"not a pdf"))
    done = actions.approve_application(actor=officer, application=application,
                                       version=application.version, output_file=pdf("akta.pdf"))
    assert done.status == "completed"
    output = Document.objects.get(application=done, kind="output")
    assert output.verification_code and output.sha256 and output.file.read() == PDF
    assert OutboxEvent.objects.filter(type="application.status_changed",
                                      payload__status="completed").exists()


def test_approving_without_a_file_generates_the_pdf(personas, akta):
    application = submitted(personas["citizen"], akta)
    officer = personas["officer"]
    application = actions.claim_application(actor=officer, application=application,
                                            version=application.version)
    done = actions.approve_application(actor=officer, application=application,
                                       version=application.version)
    output = Document.objects.get(application=done, kind="output")
    content = output.file.read()
    assert content.startswith(b"%PDF-") and output.content_type == "application/pdf"


def test_assigning_needs_a_supervisor_and_an_officer_of_the_agency(personas, akta):
    application = submitted(personas["citizen"], akta)
    before = snapshot()
    with pytest.raises(ApplicationPermissionError):
        actions.assign_application(actor=personas["officer"], application=application,
                                   assignee=personas["other_officer"], version=application.version)
    with pytest.raises(ApplicationError, match="bukan petugas"):
        actions.assign_application(actor=personas["supervisor"], application=application,
                                   assignee=personas["other_agency_officer"],
                                   version=application.version)
    assert snapshot() == before
    done = actions.assign_application(actor=personas["supervisor"], application=application,
                                      assignee=personas["other_officer"],
                                      version=application.version)
    assert done.assignee == personas["other_officer"] and done.status == "verification"
    again = actions.assign_application(actor=personas["supervisor"], application=done,
                                       assignee=personas["officer"], version=done.version)
    assert again.assignee == personas["officer"] and again.status == "verification"
    assert again.version == done.version + 1


# --- the clock ----------------------------------------------------------------------------------


def test_overdue_applications_escalate_once_to_supervisors_and_admins(personas, akta):
    application = submitted(personas["citizen"], akta)
    later = application.due_at + dt.timedelta(minutes=1)
    assert actions.escalate_overdue(now=application.due_at - dt.timedelta(minutes=1)) == 0
    assert actions.escalate_overdue(now=later) == 1
    assert actions.escalate_overdue(now=later) == 0
    told = set(Notification.objects.filter(kind="application.escalated")
               .values_list("recipient__email", flat=True))
    assert told == {"supervisor@makassarkota.go.id", "agency_admin@makassarkota.go.id"}
    assert OutboxEvent.objects.filter(type="application.escalated").count() == 1


@pytest.mark.parametrize("received, days, due", [
    # Wednesday before Christmas: 24 Dec cuti bersama, 25 Dec Christmas, then the weekend.
    (dt.datetime(2026, 12, 23, 10, 0), 5, dt.date(2026, 12, 31)),
    # After the 15:00 cut-off on 17 March, then Nyepi and Idul Fitri with cuti bersama.
    (dt.datetime(2026, 3, 17, 16, 0), 3, dt.date(2026, 3, 27)),
    # Friday afternoon before the weekend: Monday is day 1.
    (dt.datetime(2026, 11, 20, 15, 30), 1, dt.date(2026, 11, 23)),
])
def test_due_dates_count_working_days_in_wita_across_public_holidays(received, days, due):
    deadline = add_working_days(received.replace(tzinfo=WITA), days)
    assert deadline.date() == due and (deadline.hour, deadline.minute) == (23, 59)


def test_an_application_filed_before_christmas_is_due_in_the_last_days_of_the_year(
        personas, akta, monkeypatch):
    from django.utils import timezone

    akta.sla_working_days = 5
    akta.save()
    monkeypatch.setattr(timezone, "now",
                        lambda: dt.datetime(2026, 12, 23, 2, 0, tzinfo=dt.UTC))  # 10:00 WITA
    application = submitted(personas["citizen"], akta)
    assert application.due_at.astimezone(WITA).date() == dt.date(2026, 12, 31)


# --- life events --------------------------------------------------------------------------------


def test_a_life_event_files_one_application_per_service_together(personas, akta):
    kia = Service.objects.get(code="DKC-KIA")
    kia.delivery = "online"
    kia.save()
    make_form(kia, [f for f in SAMPLE_FIELDS if f["name"] != "surat_lahir"])
    event = LifeEvent.objects.get(code="kelahiran-anak")
    filing = actions.file_life_event(actor=personas["citizen"], life_event=event,
                                     services=[akta, kia], answers=SAMPLE_ANSWERS,
                                     files={"surat_lahir": pdf()})
    filed = list(filing.applications.order_by("service__code"))
    assert [a.service.code for a in filed] == ["DKC-AKTA-LAHIR", "DKC-KIA"]
    assert all(a.status == "submitted" for a in filed)
    assert filed[0].documents.count() == 1 and filed[1].documents.count() == 0


def test_a_life_event_with_one_bad_form_files_none(personas, akta):
    kia = Service.objects.get(code="DKC-KIA")
    kia.delivery = "online"
    kia.save()
    make_form(kia, SAMPLE_FIELDS)
    event = LifeEvent.objects.get(code="kelahiran-anak")
    before = snapshot()
    with pytest.raises(AnswersInvalid) as refused, transaction.atomic():
        actions.file_life_event(actor=personas["citizen"], life_event=event, services=[akta, kia],
                                answers={k: v for k, v in SAMPLE_ANSWERS.items()
                                         if k != "nama_anak"},
                                files={"surat_lahir": pdf()})
    assert "nama_anak" in refused.value.errors
    assert snapshot() == before and LifeEventFiling.objects.count() == 0


def test_an_application_keeps_the_form_version_it_was_filed_with(personas, akta):
    citizen, admin = personas["citizen"], personas["agency_admin"]
    filed = submitted(citizen, akta)
    draft = actions.start_application(actor=personas["other_citizen"], service=akta)
    extra = {"name": "golongan_darah", "type": "choice", "label": "Golongan darah",
             "required": True, "choices": [{"value": v, "label": v} for v in "ABO"]}
    actions.save_form_draft(actor=admin, service=akta, fields=[*SAMPLE_FIELDS, extra])
    actions.publish_form(actor=admin, service=akta)

    assert Application.objects.get(pk=filed.pk).form_version.number == 1
    # The draft started on version 1 is submitted against version 1 (no blood group asked).
    actions.save_answers(actor=personas["other_citizen"], application=draft,
                         answers=SAMPLE_ANSWERS)
    actions.attach_upload(actor=personas["other_citizen"], application=draft,
                          field_name="surat_lahir", file=pdf())
    assert actions.submit_application(actor=personas["other_citizen"],
                                      application=draft).form_version.number == 1
    # New applications use version 2 and must answer it.
    with pytest.raises(AnswersInvalid) as refused:
        actions.file_application(actor=citizen, service=akta, answers=SAMPLE_ANSWERS,
                                 files={"surat_lahir": pdf()})
    assert set(refused.value.errors) == {"golongan_darah"}
