"""An application's way from the citizen's draft to the agency's decision. Every step here is
keyword-only, runs in one transaction, locks the application row, checks permission on what it
finds locked, writes the timeline (StatusChange), an audit event and an outbox event, and tells
the citizen in their language (inbox, SMS/WhatsApp, email after commit).

Two officers deciding at once: staff steps take the `version` the officer's page showed; the
first decision bumps it, the second finds a different number and is refused with
StaleApplication ("one wins, the other is told"). The row lock makes the check and the write one
step, on SQLite (one writer) and PostgreSQL (SELECT … FOR UPDATE) alike.

The clock: `due_at` is the end of working day N (N = the service's promised working days)
counted from submission, in WITA, skipping weekends, public holidays and cuti bersama
(anrong.core.workdays). A request for revision stops the agency's clock; the corrected
application starts a full new period when it is resubmitted, because only then is it complete
(the same rule as an incomplete file at a counter).
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Mapping
from typing import Any

from django.core.files.base import ContentFile
from django.db import IntegrityError, transaction
from django.urls import reverse
from django.utils import formats, timezone, translation
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from anrong.agencies import permissions as agency_permissions
from anrong.core import notifications
from anrong.core.audit import record_audit
from anrong.core.outbox import emit
from anrong.core.uploads import KNOWN_TYPES, CheckedUpload, UploadError, check_upload
from anrong.core.workdays import add_working_days, to_wita

from .. import formdef, permissions, queries
from ..errors import (
    AnswersInvalid,
    ApplicationError,
    ApplicationPermissionError,
    StaleApplication,
)
from ..models import Application, Document, FormVersion, LifeEventFiling, Service, StatusChange
from ..tracking import new_tracking_no

Status = Application.Status
MAX_NOTE_LENGTH = 2000
OUTPUT_MAX_BYTES = 10 * 1024 * 1024
IDEMPOTENCY_KEY_MAX = 64

# What the citizen is told at each step: (title, body). Bodies may use %(service)s,
# %(tracking_no)s, %(note)s, %(due)s, %(output)s.
_MESSAGES: dict[str, tuple[Any, Any]] = {
    Status.SUBMITTED: (
        gettext_lazy("Permohonan %(tracking_no)s diterima"),
        gettext_lazy("Permohonan %(service)s Anda sudah diterima dan diselesaikan paling lambat "
                     "%(due)s. Pantau di Anrong dengan nomor %(tracking_no)s."),
    ),
    Status.VERIFICATION: (
        gettext_lazy("Permohonan %(tracking_no)s sedang diverifikasi"),
        gettext_lazy("Petugas sedang memeriksa berkas permohonan %(service)s Anda."),
    ),
    Status.IN_PROCESS: (
        gettext_lazy("Permohonan %(tracking_no)s sedang diproses"),
        gettext_lazy("Berkas permohonan %(service)s Anda lengkap dan sedang diproses."),
    ),
    Status.NEEDS_REVISION: (
        gettext_lazy("Permohonan %(tracking_no)s perlu perbaikan"),
        gettext_lazy("Petugas meminta perbaikan: %(note)s Perbaiki lalu kirim ulang di Anrong."),
    ),
    Status.COMPLETED: (
        gettext_lazy("Permohonan %(tracking_no)s selesai"),
        gettext_lazy("%(output)s Anda sudah terbit. Unduh di Anrong, halaman permohonan "
                     "%(tracking_no)s."),
    ),
    Status.REJECTED: (
        gettext_lazy("Permohonan %(tracking_no)s ditolak"),
        gettext_lazy("Permohonan %(service)s Anda ditolak. Alasannya: %(note)s"),
    ),
}


# --- helpers ------------------------------------------------------------------------------------


def _locked(application: Application) -> Application:
    return (Application.objects.select_for_update(of=("self",))
            .select_related("service", "agency", "form_version", "citizen")
            .get(pk=application.pk))


def _check_version(application: Application, version: int | None) -> None:
    if version is not None and int(version) != application.version:
        raise StaleApplication(
            _("Permohonan %(tracking_no)s sudah diubah orang lain sejak halaman Anda dimuat "
              "(sekarang: %(status)s). Muat ulang halaman lalu periksa lagi sebelum memutuskan.")
            % {"tracking_no": application.tracking_no,
               "status": application.get_status_display()}
        )


def _require(allowed: bool, message: str) -> None:
    if not allowed:
        raise ApplicationPermissionError(message)


def _note(value: str, *, required: bool, what: str) -> str:
    text = (value or "").strip()
    if required and len(text) < 5:
        raise ApplicationError(_("Tuliskan %(what)s (paling sedikit 5 huruf) agar pemohon tahu "
                                 "apa yang harus dilakukan.") % {"what": what})
    if len(text) > MAX_NOTE_LENGTH:
        raise ApplicationError(_("Catatan paling banyak %(max)s huruf.") % {"max": MAX_NOTE_LENGTH})
    return text


def tracking_url(application: Application) -> str:
    return reverse("services_applications:detail", args=[application.tracking_no])


def _snapshot(application: Application) -> dict[str, Any]:
    """The outbox payload: identifiers and state, no personal data."""
    return {
        "tracking_no": application.tracking_no, "service": application.service.code,
        "agency": application.agency.code, "status": application.status,
        "version": application.version, "form_version": application.form_version.number,
        "kelurahan": application.kelurahan_id, "assignee_id": application.assignee_id,
        "submitted_at": application.submitted_at, "due_at": application.due_at,
        "life_event_filing": application.life_event_filing_id,
    }


def _due(application: Application, start: dt.datetime) -> dt.datetime:
    return add_working_days(start, max(1, application.service.sla_working_days))


def _tell_citizen(application: Application, status: str) -> None:
    title, body = _MESSAGES[status]
    citizen = application.citizen
    with translation.override(citizen.language or "id"):
        due = (formats.date_format(to_wita(application.due_at), "j F Y")
               if application.due_at else "")
    notifications.notify_translated(
        user=citizen, kind=f"application.{status}", title=title, body=body,
        params={"tracking_no": application.tracking_no, "service": application.service.name,
                "note": application.note, "due": due, "output": application.service.output},
        url=tracking_url(application),
    )


def _move(application: Application, to_status: str, *, actor: Any, note: str = "",
          audit_action: str, extra: Mapping[str, Any] | None = None) -> Application:
    """Record a status change already decided by the caller: timeline, version, audit, outbox,
    and the citizen's notification."""
    from_status = application.status
    application.status = to_status
    application.version += 1
    application.save()
    StatusChange.objects.create(application=application, from_status=from_status,
                                to_status=to_status, by=actor, note=note)
    details = {"from": from_status, "to": to_status, "version": application.version,
               **(extra or {})}
    record_audit(actor=actor, action=audit_action, target=application, details=details)
    event = "application.submitted" if from_status == Status.DRAFT else "application.status_changed"
    emit(event, {**_snapshot(application), "from_status": from_status}, aggregate=application)
    _tell_citizen(application, to_status)
    return application


def _current_form(service: Service) -> FormVersion | None:
    return (FormVersion.objects.filter(service=service, status=FormVersion.Status.PUBLISHED)
            .order_by("-number").first())


def _store(*, application: Application, kind: str, field_name: str, checked: CheckedUpload,
           actor: Any, verification_code: str | None = None) -> Document:
    document = Document(
        application=application, kind=kind, field_name=field_name,
        original_name=checked.original_name[:200], content_type=checked.content_type,
        size=checked.size, sha256=checked.sha256, uploaded_by=actor,
        verification_code=verification_code,
    )
    document.file.save(f"upload{checked.extension}", ContentFile(checked.content), save=False)
    document.save()
    return document


def _replace_upload(*, application: Application, field: dict[str, Any], checked: CheckedUpload,
                    actor: Any) -> Document:
    application.documents.filter(kind=Document.Kind.UPLOAD, field_name=field["name"],
                                 replaced_at__isnull=True).update(replaced_at=timezone.now())
    return _store(application=application, kind=Document.Kind.UPLOAD, field_name=field["name"],
                  checked=checked, actor=actor)


def _validated(application: Application, answers: Mapping[str, Any], *, partial: bool,
               extra_files: frozenset[str] = frozenset()) -> dict[str, Any]:
    fields = application.form_version.fields
    present = set(queries.current_uploads(application)) | set(extra_files)
    cleaned, errors = formdef.validate_answers(fields, dict(answers), files=present,
                                               partial=partial)
    if errors:
        raise AnswersInvalid(errors)
    return cleaned


def _kelurahan_of(application: Application) -> str | None:
    code = formdef.kelurahan_code(application.form_version.fields, application.answers)
    if code:
        return code
    profile = getattr(application.citizen, "citizen_profile", None)
    return profile.kelurahan_id if profile is not None else None


def _new_application(*, actor: Any, service: Service, form: FormVersion,
                     life_event_filing: LifeEventFiling | None,
                     idempotency_key: str | None) -> Application:
    now = timezone.now()
    for _attempt in range(5):
        application = Application(
            tracking_no=new_tracking_no(service.code, now), service=service, agency=service.agency,
            form_version=form, citizen=actor, life_event_filing=life_event_filing,
            idempotency_key=idempotency_key,
        )
        try:
            with transaction.atomic():
                application.save()
        except IntegrityError:
            if idempotency_key and Application.objects.filter(
                    citizen=actor, idempotency_key=idempotency_key).exists():
                raise
            continue  # a tracking number drawn twice: draw again
        return application
    raise ApplicationError(_("Nomor permohonan tidak dapat dibuat. Coba lagi."))  # pragma: no cover


def _require_applicable(actor: Any, service: Service) -> FormVersion:
    _require(permissions.can_apply(actor),
             _("Lengkapi profil Anda (NIK dan data diri) sebelum mengajukan permohonan."))
    if not service.is_active or service.delivery != Service.Delivery.ONLINE:
        raise ApplicationError(_("Layanan %(service)s tidak dapat diajukan daring di Anrong. "
                                 "Lihat cara layanannya di halaman layanan.")
                               % {"service": service.name})
    form = _current_form(service)
    if form is None:
        raise ApplicationError(_("Formulir layanan %(service)s belum tersedia. Coba lagi nanti.")
                               % {"service": service.name})
    return form


# --- the citizen's steps ------------------------------------------------------------------------


@transaction.atomic
def start_application(*, actor: Any, service: Service,
                      life_event_filing: LifeEventFiling | None = None) -> Application:
    """Open a draft with the service's current form, or return the citizen's open draft of the
    same service (a second tap on "Ajukan" continues the first draft)."""
    form = _require_applicable(actor, service)
    existing = (Application.objects.filter(citizen=actor, service=service, status=Status.DRAFT)
                .order_by("-created_at").first())
    if existing is not None and life_event_filing is None:
        return existing
    application = _new_application(actor=actor, service=service, form=form,
                                   life_event_filing=life_event_filing, idempotency_key=None)
    record_audit(actor=actor, action="application.started", target=application,
                 details={"service": service.code, "form_version": form.number})
    return application


@transaction.atomic
def save_answers(*, actor: Any, application: Application,
                 answers: Mapping[str, Any]) -> tuple[Application, dict[str, str]]:
    """Keep what the citizen typed so far (a draft, or a correction being made). Missing
    required values are fine until submission; a value that is not well formed is not kept and
    comes back in the errors ({field: message}) while the valid ones are saved."""
    application = _locked(application)
    _require(permissions.can_edit_application(actor, application),
             _("Permohonan ini tidak dapat diubah lagi."))
    fields = application.form_version.fields
    known = {field["name"] for field in fields}
    cleaned, errors = formdef.validate_answers(
        fields, {**application.answers, **answers}, files=set(queries.current_uploads(application)),
        partial=True)
    kept = {name: value for name, value in application.answers.items() if name in known}
    for name in answers:
        if name in errors:
            continue
        if name in cleaned:
            kept[name] = cleaned[name]
        else:
            kept.pop(name, None)  # cleared by the citizen, or hidden by another answer
    application.answers = kept
    application.save(update_fields=["answers", "updated_at"])
    return application, {name: message for name, message in errors.items() if name in answers}


@transaction.atomic
def attach_upload(*, actor: Any, application: Application, field_name: str, file: Any) -> Document:
    """Upload (or replace) the file of one file field. The file is checked from its content."""
    application = _locked(application)
    _require(permissions.can_edit_application(actor, application),
             _("Permohonan ini tidak dapat diubah lagi."))
    field = formdef.field_by_name(application.form_version.fields, field_name)
    if field is None or field["type"] != "file":
        raise AnswersInvalid({field_name: _("Isian ini tidak ada di formulir.")})
    try:
        checked = formdef.check_field_upload(field, file)
    except UploadError as exc:
        raise AnswersInvalid({field_name: exc.message}) from exc
    document = _replace_upload(application=application, field=field, checked=checked, actor=actor)
    application.save(update_fields=["updated_at"])
    record_audit(actor=actor, action="application.file_uploaded", target=application,
                 details={"field": field_name, "document_id": document.pk, "size": checked.size,
                          "content_type": checked.content_type})
    return document


def _submit_locked(application: Application, *, actor: Any) -> Application:
    application.answers = _validated(application, application.answers, partial=False)
    now = timezone.now()
    application.submitted_at = now
    application.due_at = _due(application, now)
    application.kelurahan_id = _kelurahan_of(application)
    return _move(application, Status.SUBMITTED, actor=actor, audit_action="application.submitted")


@transaction.atomic
def submit_application(*, actor: Any, application: Application) -> Application:
    """Send the draft to the agency. Submitting an application that is already submitted (a
    double tap, a retried request) returns it unchanged: one application, one submission."""
    application = _locked(application)
    if application.status != Status.DRAFT and application.citizen_id == getattr(actor, "pk", None):
        return application
    _require(permissions.can_edit_application(actor, application),
             _("Permohonan ini tidak dapat diajukan."))
    if application.status != Status.DRAFT:
        raise ApplicationError(_("Permohonan ini sudah diajukan."))
    return _submit_locked(application, actor=actor)


def file_application(*, actor: Any, service: Service, answers: Mapping[str, Any],
                     files: Mapping[str, Any] | None = None,
                     idempotency_key: str | None = None,
                     life_event_filing: LifeEventFiling | None = None) -> tuple[Application, bool]:
    """File and submit in one step (the API, the life-event flow). Everything is checked
    before anything is written; with the same `idempotency_key` a retry returns the first
    application. Returns (application, created)."""
    key = (idempotency_key or "").strip() or None
    if key is not None and len(key) > IDEMPOTENCY_KEY_MAX:
        raise ApplicationError(_("Idempotency-Key paling banyak %(max)s karakter.")
                               % {"max": IDEMPOTENCY_KEY_MAX})
    if key is not None:
        found = _by_idempotency_key(actor, key, service)
        if found is not None:
            return found, False
    try:
        with transaction.atomic():
            return _file(actor=actor, service=service, answers=answers, files=files or {},
                         key=key, life_event_filing=life_event_filing), True
    except IntegrityError:
        # The same key raced in from another request and won: answer with its application.
        found = _by_idempotency_key(actor, key, service) if key else None
        if found is None:
            raise
        return found, False


def _by_idempotency_key(actor: Any, key: str, service: Service) -> Application | None:
    found = Application.objects.filter(citizen_id=getattr(actor, "pk", None),
                                       idempotency_key=key).select_related("service").first()
    if found is not None and found.service_id != service.pk:
        raise ApplicationError(_("Idempotency-Key ini sudah dipakai untuk permohonan lain. "
                                 "Gunakan kunci baru untuk permohonan baru."))
    return found


def _prepare(*, actor: Any, service: Service, answers: Mapping[str, Any],
             files: Mapping[str, Any]) -> tuple[FormVersion, dict[str, Any], dict[str, Any]]:
    """Check answers and files against the service's current form; write nothing. Returns the
    form, the cleaned answers and the checked uploads of visible fields, or raises AnswersInvalid
    with every problem at once."""
    form = _require_applicable(actor, service)
    fields = form.fields
    errors: dict[str, str] = {}
    checked: dict[str, tuple[dict[str, Any], CheckedUpload]] = {}
    for name, upload in files.items():
        field = formdef.field_by_name(fields, name)
        if field is None or field["type"] != "file":
            errors[name] = _("Isian ini tidak ada di formulir.")
            continue
        try:
            checked[name] = (field, formdef.check_field_upload(field, upload))
        except UploadError as exc:
            errors[name] = exc.message
    cleaned, answer_errors = formdef.validate_answers(fields, dict(answers), files=set(checked),
                                                      partial=False)
    errors = {**answer_errors, **errors}
    if errors:
        raise AnswersInvalid(errors)
    visible = {field["name"] for field in formdef.visible_fields(fields, cleaned)}
    return form, cleaned, {name: pair for name, pair in checked.items() if name in visible}


def _write(*, actor: Any, service: Service, prepared: tuple[FormVersion, dict[str, Any],
           dict[str, Any]], key: str | None,
           life_event_filing: LifeEventFiling | None) -> Application:
    form, cleaned, checked = prepared
    application = _new_application(actor=actor, service=service, form=form,
                                   life_event_filing=life_event_filing, idempotency_key=key)
    application.answers = cleaned
    for field, upload in checked.values():
        _replace_upload(application=application, field=field, checked=upload, actor=actor)
    return _submit_locked(application, actor=actor)


def _file(*, actor: Any, service: Service, answers: Mapping[str, Any], files: Mapping[str, Any],
          key: str | None, life_event_filing: LifeEventFiling | None) -> Application:
    prepared = _prepare(actor=actor, service=service, answers=answers, files=files)
    return _write(actor=actor, service=service, prepared=prepared, key=key,
                  life_event_filing=life_event_filing)


@transaction.atomic
def resubmit_application(*, actor: Any, application: Application,
                         answers: Mapping[str, Any] | None = None) -> Application:
    """Send a corrected application back to its officer (or to the queue if none holds it).
    Starts a new period of the promised working days (see the module docstring)."""
    application = _locked(application)
    _require(permissions.can_edit_application(actor, application),
             _("Permohonan ini tidak dapat diubah lagi."))
    if application.status != Status.NEEDS_REVISION:
        if application.status in Application.AGENCY_STATUSES:
            return application  # already sent back: a double tap
        raise ApplicationError(_("Hanya permohonan yang diminta perbaikan yang dapat dikirim ulang."))
    merged = {**application.answers, **(answers or {})}
    application.answers = _validated(application, merged, partial=False)
    now = timezone.now()
    application.due_at = _due(application, now)
    application.escalated_at = None
    application.note = ""
    application.kelurahan_id = _kelurahan_of(application)
    to = Status.VERIFICATION if application.assignee_id else Status.SUBMITTED
    _move(application, to, actor=actor, audit_action="application.resubmitted",
          note=_("Perbaikan dikirim ulang oleh pemohon."))
    if application.assignee is not None:
        notifications.notify_translated(
            user=application.assignee, kind="application.resubmitted",
            title=gettext_lazy("Perbaikan masuk: %(tracking_no)s"),
            body=gettext_lazy("Pemohon mengirim ulang permohonan %(service)s yang Anda minta "
                              "diperbaiki."),
            params={"tracking_no": application.tracking_no, "service": application.service.name},
            url=reverse("services_console:detail", args=[application.tracking_no]),
            channels=(notifications.INBOX,),
        )
    return application


# --- the agency's steps -------------------------------------------------------------------------


def _staff_locked(actor: Any, application: Application, version: int | None) -> Application:
    application = _locked(application)
    _require(agency_permissions.can_view_agency_work(actor, application.agency),
             _("Anda tidak bertugas di OPD yang menangani permohonan ini."))
    _check_version(application, version)
    return application


@transaction.atomic
def claim_application(*, actor: Any, application: Application, version: int | None) -> Application:
    """An officer takes an unassigned application and starts verifying it."""
    application = _staff_locked(actor, application, version)
    if application.assignee_id is not None and application.status != Status.SUBMITTED:
        raise StaleApplication(_("Permohonan ini sudah ditangani %(who)s.")
                               % {"who": application.assignee})
    _require(permissions.can_claim(actor, application),
             _("Permohonan ini tidak dapat Anda ambil."))
    application.assignee = actor
    return _move(application, Status.VERIFICATION, actor=actor, audit_action="application.claimed")


@transaction.atomic
def assign_application(*, actor: Any, application: Application, assignee: Any,
                       version: int | None) -> Application:
    """A supervisor gives the application to an officer of the agency."""
    application = _staff_locked(actor, application, version)
    _require(permissions.can_assign(actor, application),
             _("Hanya supervisor atau admin OPD yang dapat menugaskan permohonan."))
    if not agency_permissions.can_view_agency_work(assignee, application.agency):
        raise ApplicationError(_("%(who)s bukan petugas aktif OPD ini.") % {"who": assignee})
    before = application.assignee_id
    application.assignee = assignee
    if application.status == Status.SUBMITTED:
        return _move(application, Status.VERIFICATION, actor=actor,
                     audit_action="application.assigned",
                     extra={"assignee_id": assignee.pk, "previous_assignee_id": before})
    application.version += 1
    application.save()
    record_audit(actor=actor, action="application.assigned", target=application,
                 details={"assignee_id": assignee.pk, "previous_assignee_id": before,
                          "version": application.version})
    emit("application.assigned", _snapshot(application), aggregate=application)
    return application


def _processing(actor: Any, application: Application, version: int | None,
                allowed_from: tuple[str, ...]) -> Application:
    application = _staff_locked(actor, application, version)
    _require(permissions.can_process(actor, application),
             _("Permohonan ini ditangani petugas lain. Minta supervisor menugaskannya kepada Anda."))
    if application.status not in allowed_from:
        raise ApplicationError(_("Langkah ini tidak dapat dilakukan pada permohonan berstatus "
                                 "%(status)s.") % {"status": application.get_status_display()})
    if application.assignee_id is None:
        application.assignee = actor  # whoever decides holds it from now on
    return application


@transaction.atomic
def verify_application(*, actor: Any, application: Application, version: int | None,
                       note: str = "") -> Application:
    """The documents are complete and correct: the application moves to processing."""
    application = _processing(actor, application, version,
                              (Status.SUBMITTED, Status.VERIFICATION))
    return _move(application, Status.IN_PROCESS, actor=actor, audit_action="application.verified",
                 note=_note(note, required=False, what=_("catatan")))


@transaction.atomic
def request_revision(*, actor: Any, application: Application, version: int | None,
                     note: str) -> Application:
    """Send the application back to the citizen with what to correct. The agency's clock stops."""
    text = _note(note, required=True, what=_("apa yang perlu diperbaiki"))
    application = _processing(actor, application, version, Application.AGENCY_STATUSES)
    application.note = text
    return _move(application, Status.NEEDS_REVISION, actor=actor, note=text,
                 audit_action="application.revision_requested")


@transaction.atomic
def approve_application(*, actor: Any, application: Application, version: int | None,
                        output_file: Any = None, note: str = "") -> Application:
    """Complete the application with its output: the uploaded file, or a generated PDF. Either
    way the document gets a verification code behind a public page (see documents.py)."""
    from .. import documents

    text = _note(note, required=False, what=_("catatan"))
    checked: CheckedUpload | None = None
    if output_file is not None:
        try:
            checked = check_upload(output_file, accept=tuple(KNOWN_TYPES),
                                   max_bytes=OUTPUT_MAX_BYTES)
        except UploadError as exc:
            raise AnswersInvalid({"output_file": exc.message}) from exc
    application = _processing(actor, application, version,
                              (Status.VERIFICATION, Status.IN_PROCESS))
    now = timezone.now()
    code = documents.new_verification_code()
    if checked is None:
        content = documents.render_output_pdf(application, verification_code=code, issued_at=now,
                                              officer=actor)
        checked = CheckedUpload(content=content, content_type="application/pdf",
                                original_name=f"{application.tracking_no}.pdf",
                                sha256=_sha256(content))
    document = _store(application=application, kind=Document.Kind.OUTPUT, field_name="",
                      checked=checked, actor=actor, verification_code=code)
    application.decided_at = now
    application.note = text
    return _move(application, Status.COMPLETED, actor=actor, note=text,
                 audit_action="application.approved",
                 extra={"document_id": document.pk, "generated": output_file is None})


def _sha256(content: bytes) -> str:
    import hashlib

    return hashlib.sha256(content).hexdigest()


@transaction.atomic
def reject_application(*, actor: Any, application: Application, version: int | None,
                       reason: str) -> Application:
    """Refuse the application, with a reason the citizen can read (and act on)."""
    text = _note(reason, required=True, what=_("alasan penolakan"))
    application = _processing(actor, application, version, Application.AGENCY_STATUSES)
    application.decided_at = timezone.now()
    application.note = text
    return _move(application, Status.REJECTED, actor=actor, note=text,
                 audit_action="application.rejected")


__all__ = [
    "approve_application", "assign_application", "attach_upload", "claim_application",
    "file_application", "reject_application", "request_revision", "resubmit_application",
    "save_answers", "start_application", "submit_application", "tracking_url",
    "verify_application",
]
