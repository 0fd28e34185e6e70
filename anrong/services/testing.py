"""Test helpers for Layanan (tests and benchmarks only): a published form and applications in any
state, written directly so that tests of reads (queues, pages, documents) do not depend on the
whole workflow. Tests of the workflow itself go through `anrong.services.actions`."""

from __future__ import annotations

import datetime as dt
from typing import Any

from django.utils import timezone

from anrong.core.models import Region
from anrong.core.workdays import add_working_days

from .models import Application, FormVersion, Service
from .tracking import new_tracking_no

# A small form using most field types; the akta-kelahiran shape the tests talk about.
SAMPLE_FIELDS: list[dict[str, Any]] = [
    {"name": "nama_anak", "type": "text", "label": "Nama anak", "label_en": "Child's name",
     "required": True, "max_length": 100},
    {"name": "tanggal_lahir", "type": "date", "label": "Tanggal lahir",
     "label_en": "Date of birth", "required": True, "max": "today"},
    {"name": "jenis_kelamin", "type": "choice", "label": "Jenis kelamin", "label_en": "Sex",
     "required": True, "choices": [
         {"value": "L", "label": "Laki-laki", "label_en": "Male"},
         {"value": "P", "label": "Perempuan", "label_en": "Female"}]},
    {"name": "nik_ibu", "type": "nik", "label": "NIK ibu", "label_en": "Mother's NIK",
     "required": True},
    {"name": "kelurahan", "type": "kelurahan", "label": "Kelurahan domisili",
     "label_en": "Kelurahan of residence", "required": True},
    {"name": "surat_lahir", "type": "file", "label": "Surat keterangan lahir",
     "label_en": "Birth certificate from the hospital", "required": True,
     "accept": ["application/pdf", "image/jpeg", "image/png"], "max_size_mb": 2},
    {"name": "pernyataan", "type": "declaration", "label": "Data yang saya isi benar.",
     "label_en": "The data I entered is true.", "required": True},
]

SAMPLE_ANSWERS: dict[str, Any] = {
    "nama_anak": "Muhammad Fajar", "tanggal_lahir": "2026-11-02", "jenis_kelamin": "L",
    "nik_ibu": "7371015508920002", "kelurahan": "73.71.01.1002", "pernyataan": True,
}


def make_form(service: Service, fields: list[dict[str, Any]] | None = None) -> FormVersion:
    """Publish a new form version for `service` (next number)."""
    last = FormVersion.objects.filter(service=service).order_by("-number").first()
    return FormVersion.objects.create(
        service=service, number=(last.number + 1) if last else 1,
        status=FormVersion.Status.PUBLISHED, fields=fields if fields is not None else SAMPLE_FIELDS,
        published_at=timezone.now(),
    )


def make_application(
    *, service: Service, citizen: Any, status: str = Application.Status.SUBMITTED,
    answers: dict[str, Any] | None = None, assignee: Any = None, kelurahan: str | None = None,
    submitted_at: dt.datetime | None = None, form: FormVersion | None = None,
    save: bool = True,
) -> Application:
    """An application in `status`, as if the workflow had brought it there (no timeline rows).
    `save=False` returns it unsaved, for bulk_create."""
    form = form or service.form_versions.filter(status="published").order_by("-number").first() \
        or make_form(service)
    submitted_at = submitted_at or timezone.now()
    is_draft = status == Application.Status.DRAFT
    application = Application(
        tracking_no=new_tracking_no(service.code, submitted_at), service=service,
        agency_id=service.agency_id, form_version=form, citizen=citizen,
        answers=dict(SAMPLE_ANSWERS if answers is None else answers), status=status,
        kelurahan=Region(code=kelurahan or (answers or SAMPLE_ANSWERS).get("kelurahan")
                         or "73.71.01.1002"),
        assignee=assignee,
        submitted_at=None if is_draft else submitted_at,
        due_at=None if is_draft else add_working_days(submitted_at, service.sla_working_days or 1),
        decided_at=submitted_at if status in Application.FINAL_STATUSES else None,
    )
    if save:
        application.save()
    return application
