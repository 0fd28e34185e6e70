"""Makassar as data: the kota, its 15 kecamatan and 153 kelurahan with Kemendagri codes and
boundary polygons, loaded from the fixtures shipped in this app (copied from the shared
reference data; never read from outside the project at run time). Idempotent."""

from __future__ import annotations

import csv
import json
from decimal import Decimal
from pathlib import Path

from django.db import transaction

from .models import Region, RegionBoundary

FIXTURES = Path(__file__).resolve().parent / "fixtures"
PROVINCE = ("73", "Sulawesi Selatan")


def _bbox(geometry: dict) -> tuple[float, float, float, float]:
    polygons = geometry["coordinates"] if geometry["type"] == "MultiPolygon" else [geometry["coordinates"]]
    lngs = [pt[0] for poly in polygons for ring in poly for pt in ring]
    lats = [pt[1] for poly in polygons for ring in poly for pt in ring]
    return min(lats), max(lats), min(lngs), max(lngs)


def _geometries() -> dict[str, dict]:
    shapes: dict[str, dict] = {}
    for name in ("makassar_kecamatan.geojson", "makassar_kelurahan.geojson"):
        with open(FIXTURES / name, encoding="utf-8") as fh:
            for feature in json.load(fh)["features"]:
                shapes[feature["properties"]["code"]] = feature["geometry"]
    return shapes


@transaction.atomic
def seed_regions(**_: object) -> int:
    """Create or update every region. Returns how many rows the fixtures hold."""
    shapes = _geometries()
    Region.objects.update_or_create(
        code=PROVINCE[0], defaults={"level": Region.Level.PROVINSI, "name": PROVINCE[1]}
    )
    count = 1
    with open(FIXTURES / "makassar_regions.csv", encoding="utf-8") as fh:
        for row in csv.DictReader(fh):
            code = row["code"]
            geometry = shapes.get(code)
            defaults: dict[str, object] = {
                "level": row["level"],
                "name": row["name"],
                "parent_id": code.rsplit(".", 1)[0],
                "population": int(row["population"]) if row["population"] else None,
                "area_km2": Decimal(row["area_km2"]) if row["area_km2"] else None,
            }
            region, _ = Region.objects.update_or_create(code=code, defaults=defaults)
            if geometry:
                bbox = dict(zip(("min_lat", "max_lat", "min_lng", "max_lng"), _bbox(geometry), strict=True))
                RegionBoundary.objects.update_or_create(region=region, defaults={"geometry": geometry, **bbox})
            count += 1
    return count
