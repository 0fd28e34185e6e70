"""API shapes of the catalogue. Lists are built from plain rows, not model instances."""

from __future__ import annotations

from datetime import datetime
from typing import Any

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
