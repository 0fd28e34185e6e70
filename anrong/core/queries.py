"""Reads of the shared kernel, used by every app."""

from __future__ import annotations

from functools import lru_cache

from shapely import STRtree
from shapely.geometry import Point, shape

from .models import Region, RegionBoundary

_LIST_FIELDS = ("code", "level", "name", "parent__code", "parent__name")


def kelurahan_list():  # type: ignore[no-untyped-def]
    """Makassar's kelurahan with their kecamatan."""
    return (
        Region.objects.filter(level=Region.Level.KELURAHAN, code__startswith="73.71.")
        .select_related("parent")
        .only(*_LIST_FIELDS)
        .order_by("parent__name", "name")
    )


def kecamatan_list():  # type: ignore[no-untyped-def]
    return Region.objects.filter(level=Region.Level.KECAMATAN, parent_id="73.71").order_by("name")


def boundary_of(region: Region) -> dict | None:
    """The region's GeoJSON geometry, or None where it has none."""
    return RegionBoundary.objects.filter(region=region).values_list("geometry", flat=True).first()


@lru_cache(maxsize=1)
def _kelurahan_index() -> tuple[STRtree, tuple[str, ...], tuple]:
    rows = list(
        RegionBoundary.objects.filter(region__level=Region.Level.KELURAHAN)
        .values_list("region_id", "geometry")
    )
    codes = tuple(code for code, _ in rows)
    geoms = tuple(shape(geometry) for _, geometry in rows)
    return STRtree(geoms), codes, geoms


def clear_region_index() -> None:
    """Forget the in-process polygon index (after the regions are re-seeded)."""
    _kelurahan_index.cache_clear()


def region_at(lat: float, lng: float) -> Region | None:
    """The kelurahan of Kota Makassar that contains the point, or None outside the city.

    The 153 boundary polygons are read once per process into an R-tree; the polygons are
    reference data that every node holds identically. Points on a shared border go to the
    lowest code, so the answer is the same on every node.
    """
    tree, codes, geoms = _kelurahan_index()
    if not codes:
        return None
    point = Point(float(lng), float(lat))
    hits = sorted(codes[i] for i in tree.query(point) if geoms[i].covers(point))
    if not hits:
        return None
    return Region.objects.select_related("parent").get(code=hits[0])


def regions(*, level: str | None = None, parent: str | None = None):  # type: ignore[no-untyped-def]
    """Makassar's kecamatan and kelurahan (not the province or kota), without their polygons."""
    found = Region.objects.filter(
        level__in=[Region.Level.KECAMATAN, Region.Level.KELURAHAN], code__startswith="73.71."
    ).only("code", "level", "name", "parent_id")
    if level:
        found = found.filter(level=level)
    if parent:
        found = found.filter(parent_id=parent)
    return found.order_by("code")
