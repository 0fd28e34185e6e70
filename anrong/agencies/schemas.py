"""API shapes of the agencies router."""

from __future__ import annotations

from decimal import Decimal

from ninja import Field, Schema


class OfficeOut(Schema):
    name: str = Field(examples=["Kantor Disdukcapil"])
    address: str = Field(examples=["Balai Kota Makassar, Jl. Ahmad Yani No. 2, Makassar"])
    lat: Decimal = Field(examples=["-5.133800"])
    lng: Decimal = Field(examples=["119.411700"])
    radius_m: int = Field(examples=[100])
    is_main: bool = Field(examples=[True])
    kelurahan_code: str | None = Field(None, examples=["73.71.04.1004"])
    kelurahan: str | None = Field(None, examples=["Baru"])
    kecamatan: str | None = Field(None, examples=["Ujung Pandang"])

    @staticmethod
    def resolve_kelurahan_code(obj) -> str | None:  # type: ignore[no-untyped-def]
        return obj.kelurahan_id

    @staticmethod
    def resolve_kelurahan(obj) -> str | None:  # type: ignore[no-untyped-def]
        return obj.kelurahan.name if obj.kelurahan_id else None

    @staticmethod
    def resolve_kecamatan(obj) -> str | None:  # type: ignore[no-untyped-def]
        return obj.kelurahan.parent.name if obj.kelurahan_id else None


class UnitOut(Schema):
    name: str = Field(examples=["Bidang Pelayanan Pendaftaran Penduduk"])


class AgencyRowOut(Schema):
    """An agency in the public list (built from plain rows, see queries.agency_rows)."""

    code: str = Field(examples=["DISDUKCAPIL"])
    name: str = Field(examples=["Dinas Kependudukan dan Pencatatan Sipil Kota Makassar"])
    short_name: str = Field(examples=["Disdukcapil"])
    kind: str = Field(examples=["dinas"])
    parent_code: str | None = Field(None, examples=[None])
    region_code: str | None = Field(None, examples=[None])


class AgencyOut(Schema):
    code: str = Field(examples=["DISDUKCAPIL"])
    name: str = Field(examples=["Dinas Kependudukan dan Pencatatan Sipil Kota Makassar"])
    short_name: str = Field(examples=["Disdukcapil"])
    kind: str = Field(examples=["dinas"])
    parent_code: str | None = Field(None, examples=[None])
    region_code: str | None = Field(None, examples=[None])

    @staticmethod
    def resolve_parent_code(obj) -> str | None:  # type: ignore[no-untyped-def]
        return obj.parent.code if obj.parent_id else None

    @staticmethod
    def resolve_region_code(obj) -> str | None:  # type: ignore[no-untyped-def]
        return obj.region_id


class AgencyDetailOut(AgencyOut):
    offices: list[OfficeOut]
    units: list[UnitOut]

    @staticmethod
    def resolve_offices(obj) -> list:  # type: ignore[no-untyped-def]
        return list(obj.offices.all())

    @staticmethod
    def resolve_units(obj) -> list:  # type: ignore[no-untyped-def]
        return list(obj.units.all())
