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
