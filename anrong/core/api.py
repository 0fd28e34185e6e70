"""Public region endpoints, mounted at /api/v1/core/: Makassar's kecamatan and kelurahan, and
which kelurahan a point lies in."""

from __future__ import annotations

from typing import Literal

from django.utils.translation import gettext as _
from ninja import Query, Router
from ninja.errors import HttpError

from . import queries
from .models import Region
from .schemas import RegionAtOut, RegionOut

router = Router(auth=None, tags=["regions"])


@router.get("/regions", response=list[RegionOut], summary="Daftar wilayah / List regions")
def list_regions(  # type: ignore[no-untyped-def]
    request,
    level: Literal["kecamatan", "kelurahan"] | None = Query(None),  # noqa: B008
    parent: str | None = Query(None, max_length=13, examples=["73.71.01"]),  # noqa: B008
):
    return list(queries.regions(level=level, parent=parent))


@router.get("/regions/at", response=RegionAtOut,
            summary="Kelurahan di suatu titik / Kelurahan at a point")
def region_at_point(  # type: ignore[no-untyped-def]
    request,
    lat: float = Query(..., ge=-90, le=90, examples=[-5.15993]),  # noqa: B008
    lng: float = Query(..., ge=-180, le=180, examples=[119.408043]),  # noqa: B008
):
    kelurahan: Region | None = queries.region_at(lat, lng)
    if kelurahan is None:
        raise HttpError(404, _("Titik ini berada di luar Kota Makassar."))
    return {"kelurahan": kelurahan, "kecamatan": kelurahan.parent}
