"""API shapes of the kernel's public region endpoints."""

from __future__ import annotations

from ninja import Field, Schema


class RegionOut(Schema):
    code: str = Field(examples=["73.71.01"])
    level: str = Field(examples=["kecamatan"])
    name: str = Field(examples=["Mariso"])
    parent_code: str | None = Field(None, examples=["73.71"])

    @staticmethod
    def resolve_parent_code(obj) -> str | None:  # type: ignore[no-untyped-def]
        return obj.parent_id


class RegionAtOut(Schema):
    kelurahan: RegionOut = Field(
        examples=[{"code": "73.71.01.1001", "level": "kelurahan", "name": "Bontorannu",
                   "parent_code": "73.71.01"}]
    )
    kecamatan: RegionOut = Field(
        examples=[{"code": "73.71.01", "level": "kecamatan", "name": "Mariso",
                   "parent_code": "73.71"}]
    )


class NotificationOut(Schema):
    id: int
    kind: str = Field(examples=["application.decided"])
    title: str
    body: str
    url: str = Field(examples=["/layanan/permohonan/ANR-2026-000123/"])
    created_at: str = Field(examples=["2026-11-22T10:30:00+08:00"])
    read_at: str | None = None
    unread: bool

    @staticmethod
    def resolve_created_at(obj) -> str:  # type: ignore[no-untyped-def]
        from anrong.core.workdays import to_wita

        return to_wita(obj.created_at).isoformat()

    @staticmethod
    def resolve_read_at(obj) -> str | None:  # type: ignore[no-untyped-def]
        from anrong.core.workdays import to_wita

        return to_wita(obj.read_at).isoformat() if obj.read_at else None

    @staticmethod
    def resolve_unread(obj) -> bool:  # type: ignore[no-untyped-def]
        return obj.read_at is None


class NotificationPageOut(Schema):
    items: list[NotificationOut]
    page: int
    pages: int
    count: int
    unread_count: int


class MarkedReadOut(Schema):
    marked: int
