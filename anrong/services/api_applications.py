"""Applications over the API, mounted at /api/v1/applications/: citizens file (with an
Idempotency-Key), follow and correct their applications; agency officers and their systems
take the same steps as the staff console, through the same actions.

Errors use the platform's one body ({"code", "message", "details"}): 422 `invalid` with
`details.errors` {field: message} when answers or files do not fit the form, 409 `conflict` when
someone else changed the application first (reload, then decide), 403 `forbidden`, 404
`not_found` (also for an application the caller may not see).

Agency systems call the staff endpoints with an API key (`Authorization: Bearer anr_...`) whose
scope the endpoint names: `applications:read` for the queue and an application,
`applications:act` for the steps. The key acts as the agency's system account, so the same
permission checks apply. The citizens' endpoints refuse keys (403)."""

from __future__ import annotations

import json
from typing import Any, Literal

from django.http import Http404, HttpRequest
from django.urls import reverse
from django.utils.translation import gettext as _
from ninja import Query, Router, Status
from ninja.errors import HttpError

from anrong.core.api_auth import api_auth, key_or_person
from anrong.core.audit import record_audit

from . import actions, queries
from .errors import AnswersInvalid, ApplicationError, ApplicationPermissionError, StaleApplication
from .models import Application, Document
from .schemas import (
    ApplicationOut,
    ApplicationRowOut,
    AssignIn,
    DecisionIn,
    NoteIn,
    QueuePageOut,
    ReasonIn,
    VersionIn,
)

router = Router(auth=api_auth, tags=["applications"])  # people only; keys where a scope is named
READ, ACT = key_or_person("applications:read"), key_or_person("applications:act")

_MULTIPART = {
    "requestBody": {"content": {
        "multipart/form-data": {"schema": {
            "type": "object", "required": ["answers"],
            "properties": {
                "service": {"type": "string", "description": "Kode layanan, mis. DKC-AKTA-LAHIR."},
                "answers": {"type": "string",
                            "description": "Jawaban sebagai objek JSON (lihat /services/{code}/form)."},
            },
            "additionalProperties": {"type": "string", "format": "binary",
                                     "description": "Berkas untuk isian bertipe file, "
                                                    "dengan nama isian sebagai nama bagian."},
        }},
        "application/json": {"schema": {
            "type": "object", "required": ["answers"],
            "properties": {"service": {"type": "string"}, "answers": {"type": "object"}},
        }},
    }},
}


def _answers_and_files(request: HttpRequest) -> tuple[dict[str, Any], str, dict[str, Any]]:
    """(answers, service code, files) from a multipart or JSON body."""
    if request.content_type == "application/json":
        body = _json_body(request)
        answers, service = body.get("answers", {}), body.get("service", "")
        files: dict[str, Any] = {}
    else:
        raw = request.POST.get("answers", "{}")
        try:
            answers = json.loads(raw)
        except ValueError as exc:
            raise HttpError(400, _("Isian `answers` harus berupa objek JSON.")) from exc
        service, files = request.POST.get("service", ""), dict(request.FILES.items())
    if not isinstance(answers, dict):
        raise HttpError(400, _("Isian `answers` harus berupa objek JSON."))
    return answers, str(service or ""), files


def _document_out(document: Document) -> dict[str, Any]:
    return {
        "id": document.pk, "kind": document.kind, "field_name": document.field_name,
        "content_type": document.content_type, "size": document.size, "sha256": document.sha256,
        "created_at": document.created_at,
        "download_url": reverse("services_documents:download", args=[document.pk]),
        "verification_url": (reverse("services_documents:verify",
                                     args=[document.verification_code])
                             if document.verification_code else None),
    }


def _out(application: Application) -> dict[str, Any]:
    documents = getattr(application, "current_documents", None)
    if documents is None:
        documents = list(application.documents.filter(replaced_at__isnull=True))
    return {
        "tracking_no": application.tracking_no, "service_code": application.service.code,
        "service_name": application.service.name, "agency_code": application.agency.code,
        "status": application.status, "status_label": str(application.get_status_display()),
        "version": application.version, "form_version": application.form_version.number,
        "answers": application.answers, "note": application.note,
        "created_at": application.created_at, "submitted_at": application.submitted_at,
        "due_at": application.due_at, "decided_at": application.decided_at,
        "life_event_reference": (application.life_event_filing.reference
                                 if application.life_event_filing_id else None),
        "timeline": [{"from_status": c.from_status, "to_status": c.to_status, "at": c.at,
                      "note": c.note} for c in application.status_changes.all()],
        "documents": [_document_out(d) for d in documents],
    }


def _fresh(request: HttpRequest, tracking_no: str) -> dict[str, Any]:
    application = queries.visible_application(request.user, tracking_no)
    if application is None:  # pragma: no cover - it was just written by this caller
        raise Http404
    return _out(application)


def _visible_or_404(request: HttpRequest, tracking_no: str) -> Application:
    application = queries.visible_application(request.user, tracking_no.strip().upper())
    if application is None:
        raise Http404
    return application


def _json_body(request: HttpRequest) -> dict[str, Any]:
    try:
        body = json.loads(request.body or b"{}")
    except ValueError as exc:
        raise HttpError(400, _("Badan permintaan bukan JSON yang sah.")) from exc
    if not isinstance(body, dict):
        raise HttpError(400, _("Badan permintaan bukan JSON yang sah."))
    return body


def _step(request: HttpRequest, tracking_no: str, action: Any, **kwargs: Any) -> dict[str, Any]:
    """One staff step on an application the caller can see, answered with its fresh state."""
    application = _visible_or_404(request, tracking_no)
    _run(request, action, application=application, **kwargs)
    return _fresh(request, application.tracking_no)


def _run(request: HttpRequest, step: Any, **kwargs: Any) -> Any:
    """Run an action, mapping its errors to the API's answers."""
    try:
        return step(actor=request.user, **kwargs)
    except ApplicationPermissionError as exc:
        raise HttpError(403, exc.message) from exc
    except StaleApplication as exc:
        raise HttpError(409, exc.message) from exc
    except AnswersInvalid:
        raise
    except ApplicationError as exc:
        raise HttpError(400, exc.message) from exc


# --- citizens -----------------------------------------------------------------------------------


@router.post("/", response={200: ApplicationOut, 201: ApplicationOut}, openapi_extra=_MULTIPART,
             summary="Ajukan permohonan / File an application")
def file_application(request):  # type: ignore[no-untyped-def]
    """Answers and files are checked against the service's current form before anything is
    stored. Send an `Idempotency-Key` header (up to 64 characters): a retry with the same key
    returns the first application (200) instead of filing a second one (201)."""
    answers, code, files = _answers_and_files(request)
    service = queries.applicable_service(code.strip().upper())
    if service is None:
        raise HttpError(404, _("Layanan %(code)s tidak ada atau tidak dapat diajukan daring.")
                        % {"code": code})
    application, created = _run(request, actions.file_application, service=service,
                                answers=answers, files=files,
                                idempotency_key=request.headers.get("Idempotency-Key"))
    return Status(201 if created else 200, _fresh(request, application.tracking_no))


@router.get("/", response=list[ApplicationRowOut], summary="Permohonan saya / My applications")
def my_applications(request):  # type: ignore[no-untyped-def]
    return [{"tracking_no": a.tracking_no, "service_code": a.service.code,
             "service_name": a.service.name, "status": a.status,
             "status_label": str(a.get_status_display()), "submitted_at": a.submitted_at,
             "due_at": a.due_at, "decided_at": a.decided_at}
            for a in queries.my_applications(request.user)]


@router.get("/queue", response=QueuePageOut, tags=["applications", "staff"], auth=READ,
            summary="Antrean OPD / An agency's queue")
def agency_queue(  # type: ignore[no-untyped-def]
    request,
    agency: str = Query(..., max_length=40, description="Kode OPD, mis. DISDUKCAPIL."),  # noqa: B008
    status: str | None = Query(None, max_length=20, description="Status, `all`, atau kosong untuk yang terbuka."),  # noqa: B008
    service: str | None = Query(None, max_length=40),  # noqa: B008
    due: Literal["overdue", "today", "week"] | None = Query(None),  # noqa: B008
    kelurahan: str | None = Query(None, max_length=13, description="Kode kelurahan atau kecamatan."),  # noqa: B008
    assignee: str | None = Query(None, max_length=20, description="`mine`, `unassigned`, atau id petugas."),  # noqa: B008
    page: int = Query(1, ge=1, le=10_000),  # noqa: B008
):
    """The same queue as the console's /kantor/permohonan/, for the agency's members: soonest
    deadline first, 25 a page."""
    from anrong.agencies import permissions as agency_permissions
    from anrong.agencies import queries as agency_queries

    found = agency_queries.agency_with_places(agency.strip().upper())
    if found is None:
        raise Http404
    if not agency_permissions.can_view_agency_work(request.user, found):
        raise HttpError(403, _("Anda bukan petugas OPD ini."))
    if status is not None and status != "all" and status not in Application.Status.values:
        raise HttpError(400, _("Status tidak dikenal."))
    if assignee not in (None, "mine", "unassigned") and not str(assignee).isdigit():
        raise HttpError(400, _("Petugas: isi `mine`, `unassigned`, atau id petugas."))
    result = queries.queue(found, status=status, service=service, due=due, kelurahan=kelurahan,
                           assignee=assignee, viewer=request.user, page=page)
    return {"agency": found.code, "page": result.page, "per_page": result.per_page,
            "has_next": result.has_next,
            "items": [{**row, "status_label": str(row["status_label"])} for row in result.rows]}


@router.get("/{tracking_no}", response=ApplicationOut, auth=READ,
            summary="Satu permohonan dan riwayatnya / One application and its timeline")
def application_detail(request, tracking_no: str):  # type: ignore[no-untyped-def]
    """For its citizen, and for the members of the handling agency (each staff read is
    recorded in the audit log)."""
    application = _visible_or_404(request, tracking_no)
    if application.citizen_id != request.user.pk:
        record_audit(actor=request.user, action="application.viewed", target=application,
                     details={"via": "api"})
    return _out(application)


@router.post("/{tracking_no}/resubmit", response=ApplicationOut, openapi_extra=_MULTIPART,
             summary="Kirim ulang perbaikan / Resubmit after revision")
def resubmit(request, tracking_no: str):  # type: ignore[no-untyped-def]
    application = _visible_or_404(request, tracking_no)
    answers, _code, files = _answers_and_files(request)
    for name, upload in files.items():
        _run(request, actions.attach_upload, application=application, field_name=name, file=upload)
    _run(request, actions.resubmit_application, application=application, answers=answers)
    return _fresh(request, application.tracking_no)


# --- agency staff and systems -------------------------------------------------------------------


@router.post("/{tracking_no}/claim", response=ApplicationOut, auth=ACT,
             summary="Ambil permohonan / Claim an application")
def claim(request, tracking_no: str, body: VersionIn):  # type: ignore[no-untyped-def]
    return _step(request, tracking_no, actions.claim_application, version=body.version)


@router.post("/{tracking_no}/assign", response=ApplicationOut, auth=ACT,
             summary="Tugaskan ke petugas / Assign to an officer")
def assign(request, tracking_no: str, body: AssignIn):  # type: ignore[no-untyped-def]
    from django.contrib.auth import get_user_model

    application = _visible_or_404(request, tracking_no)
    assignee = get_user_model().objects.filter(pk=body.assignee_id).first()
    if assignee is None:
        raise HttpError(400, _("Petugas tidak ditemukan."))
    _run(request, actions.assign_application, application=application, assignee=assignee,
         version=body.version)
    return _fresh(request, application.tracking_no)


@router.post("/{tracking_no}/verify", response=ApplicationOut, auth=ACT,
             summary="Berkas lengkap, proses / Verified, into processing")
def verify(request, tracking_no: str, body: DecisionIn):  # type: ignore[no-untyped-def]
    return _step(request, tracking_no, actions.verify_application, version=body.version,
                 note=body.note)


@router.post("/{tracking_no}/revision", response=ApplicationOut, auth=ACT,
             summary="Minta perbaikan / Ask for revision")
def revision(request, tracking_no: str, body: NoteIn):  # type: ignore[no-untyped-def]
    return _step(request, tracking_no, actions.request_revision, version=body.version,
                 note=body.note)


_APPROVE = {
    "requestBody": {"content": {
        "multipart/form-data": {"schema": {
            "type": "object", "required": ["version"],
            "properties": {
                "version": {"type": "integer"}, "note": {"type": "string"},
                "output_file": {"type": "string", "format": "binary",
                                "description": "Hasil layanan (PDF/JPG/PNG). Tanpa berkas, "
                                               "Anrong membuat PDF dengan kode QR."},
            },
        }},
        "application/json": {"schema": {
            "type": "object", "required": ["version"],
            "properties": {"version": {"type": "integer"}, "note": {"type": "string"}},
        }},
    }},
}


@router.post("/{tracking_no}/approve", response=ApplicationOut, openapi_extra=_APPROVE, auth=ACT,
             summary="Setujui dengan hasil layanan / Approve with the output")
def approve(request, tracking_no: str):  # type: ignore[no-untyped-def]
    application = _visible_or_404(request, tracking_no)
    if request.content_type == "application/json":
        body = _json_body(request)
        version, note, output = body.get("version"), body.get("note", ""), None
    else:
        version, note = request.POST.get("version"), request.POST.get("note", "")
        output = request.FILES.get("output_file")
    try:
        version = int(version)
    except (TypeError, ValueError) as exc:
        raise HttpError(400, _("Sertakan `version` permohonan yang Anda lihat.")) from exc
    _run(request, actions.approve_application, application=application, version=version,
         note=str(note or ""), output_file=output)
    return _fresh(request, application.tracking_no)


@router.post("/{tracking_no}/reject", response=ApplicationOut, auth=ACT,
             summary="Tolak dengan alasan / Reject with a reason")
def reject(request, tracking_no: str, body: ReasonIn):  # type: ignore[no-untyped-def]
    return _step(request, tracking_no, actions.reject_application, version=body.version,
                 reason=body.reason)
