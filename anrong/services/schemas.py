"""API shapes of the catalogue. Lists are built from plain rows, not model instances."""

from __future__ import annotations

from datetime import datetime
from typing import Any, Literal

from ninja import Field, Schema


class ServiceRowOut(Schema):
    code: str
    name: str
    summary: str
    agency_code: str
    agency_name: str
    category_code: str
    category_name: str
    fee_rupiah: int
    fee_note: str
    sla_working_days: int
    delivery: str
    delivery_label: str
    external_url: str


class ServiceDetailOut(ServiceRowOut):
    description: str
    requirements: list[str]
    legal_basis: str
    output: str
    life_events: list[str]
    updated_at: str


class CategoryOut(Schema):
    code: str
    name: str
    service_count: int


class LifeEventOut(Schema):
    code: str
    name: str
    description: str
    services: list[str]  # service codes, in the order a citizen needs them


# --- applications -------------------------------------------------------------------------------


class DocumentOut(Schema):
    id: int
    kind: str
    field_name: str
    content_type: str
    size: int
    sha256: str
    created_at: datetime
    download_url: str
    verification_url: str | None = None


class TimelineOut(Schema):
    from_status: str
    to_status: str
    at: datetime
    note: str


class ApplicationRowOut(Schema):
    tracking_no: str
    service_code: str
    service_name: str
    status: str
    status_label: str
    submitted_at: datetime | None = None
    due_at: datetime | None = None
    decided_at: datetime | None = None


class ApplicationOut(ApplicationRowOut):
    agency_code: str
    version: int
    form_version: int
    answers: dict[str, Any]
    note: str
    created_at: datetime
    life_event_reference: str | None = None
    timeline: list[TimelineOut]
    documents: list[DocumentOut]


class VersionIn(Schema):
    version: int = Field(..., description="Versi permohonan yang Anda lihat; berubah di setiap langkah.")


class DecisionIn(VersionIn):
    note: str = Field("", max_length=2000)


class NoteIn(VersionIn):
    note: str = Field(..., max_length=2000, description="Apa yang perlu diperbaiki pemohon.")


class ReasonIn(VersionIn):
    reason: str = Field(..., max_length=2000, description="Alasan penolakan untuk pemohon.")


class AssignIn(VersionIn):
    assignee_id: int
# --- A service's form (formdef's field definitions) ---------------------------------------------

class FormChoiceOut(Schema):
    value: str
    label: str
    label_en: str | None = None


class FormShowIfOut(Schema):
    field: str  # an earlier field's name
    equals: bool | int | float | str  # a multichoice answer contains it; a declaration is true


class FormFieldOut(Schema):
    """One field; the keys beyond name/type/label/required appear only where they apply."""

    name: str
    type: Literal["text", "textarea", "number", "date", "choice", "multichoice", "nik", "phone",
                  "kelurahan", "file", "declaration"]
    label: str
    label_en: str | None = None
    help: str | None = None
    help_en: str | None = None
    required: bool
    choices: list[FormChoiceOut] | None = None
    min: int | float | str | None = None  # number, or date "YYYY-MM-DD" / "today" (WITA)
    max: int | float | str | None = None
    integer: bool | None = None
    max_length: int | None = None
    accept: list[str] | None = None  # MIME types
    max_size_mb: int | float | None = None
    show_if: FormShowIfOut | None = None


class ServiceFormOut(Schema):
    service: str
    version: int
    fields: list[FormFieldOut]
    answers_schema: dict[str, Any] = Field(..., alias="schema",
                                           description="JSON Schema 2020-12 of the answers object")


class QueueRowOut(Schema):
    tracking_no: str
    service_name: str
    kelurahan_name: str
    status: str
    status_label: str
    submitted_at: datetime | None = None
    due_at: datetime | None = None
    is_overdue: bool
    assignee_id: int | None = None
    assignee_name: str | None = None


class QueuePageOut(Schema):
    agency: str
    page: int
    per_page: int
    has_next: bool = Field(..., description="Ada halaman berikutnya (tanpa hitungan total).")
    items: list[QueueRowOut]
