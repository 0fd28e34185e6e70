"""What Lapor's JSON API (/api/v1/reports/) takes and answers. Nothing here names who made a
report: the public answers carry only what the public pages show."""

from __future__ import annotations

import datetime as dt

from ninja import Field, Schema


class MapPointOut(Schema):
    tracking_no: str
    lat: float
    lng: float
    category: str
    status: str
    created_at: dt.datetime


class MapOut(Schema):
    count: int = Field(..., description="Laporan publik di area ini (sesuai filter).")
    truncated: bool = Field(..., description="true bila hanya sebagian (yang terbaru) dikirim; "
                                             "perbesar peta untuk melihat semuanya.")
    points: list[MapPointOut]


class PlaceOut(Schema):
    code: str
    name: str


class ReportRowOut(Schema):
    tracking_no: str
    category: str
    category_label: str
    status: str
    status_label: str
    agency_code: str
    agency_name: str
    kelurahan: PlaceOut
    kecamatan: PlaceOut
    lat: float
    lng: float
    created_at: dt.datetime
    url: str


class ReportPageOut(Schema):
    page: int
    per_page: int
    has_next: bool
    items: list[ReportRowOut]


class PhotoOut(Schema):
    id: int
    url: str = Field(..., description="Foto tanpa metadata (tanpa lokasi, tanpa data kamera).")
    by_agency: bool


class UpdateOut(Schema):
    kind: str
    kind_label: str
    from_status: str
    to_status: str
    status_label: str
    agency_code: str | None
    agency_name: str | None
    note: str
    at: dt.datetime


class ReportOut(Schema):
    tracking_no: str
    category: str
    category_label: str
    status: str
    status_label: str
    agency_code: str
    agency_name: str
    description: str
    address: str
    lat: float
    lng: float
    kelurahan: PlaceOut
    kecamatan: PlaceOut
    is_public: bool
    note: str = Field(..., description="Tanggapan atau alasan terakhir yang dilihat publik.")
    attributes: dict[str, str]
    created_at: dt.datetime
    due_at: dt.datetime = Field(..., description="Batas tanggapan pertama (2×24 jam).")
    first_response_at: dt.datetime | None
    resolved_at: dt.datetime | None
    confirmed_at: dt.datetime | None
    closed_at: dt.datetime | None
    confirm_deadline: dt.datetime | None = Field(
        ..., description="Sampai kapan pelapor dapat mengonfirmasi atau membuka lagi.")
    merged_into: str | None
    photos: list[PhotoOut]
    timeline: list[UpdateOut]
    is_mine: bool = Field(..., description="true hanya untuk pelapornya sendiri.")
    following: bool
    can_follow: bool
    can_confirm: bool
    can_reopen: bool
    url: str


class ReportIn(Schema):
    """A report sent as JSON (without photos; send multipart/form-data to attach them)."""

    category: str
    description: str
    lat: float | None = None
    lng: float | None = None
    address: str = ""
    is_public: bool = True
    attributes: dict[str, str] = Field(default_factory=dict)


class NoteIn(Schema):
    note: str = Field(..., max_length=4000)


class FollowOut(Schema):
    tracking_no: str
    following: bool
