#!/usr/bin/env python
"""Lapor at city scale: 200,000 reports, then the public map's viewport query and Open311
`requests.json`, measured on PostgreSQL (and SQLite when asked).

    .venv/bin/python bench/lapor.py [--reports 200000] [--requests 300]
                                    [--engines postgres[,sqlite]] [--keep]

Each engine gets a throwaway database: PostgreSQL as `anrong_bench_lapor` on
postgres://postgres@127.0.0.1:5432 (trust auth; created and dropped here, never the test
database), SQLite in var/bench/lapor.sqlite3. A child process per engine migrates it, seeds
Makassar's regions and agencies, then the reports (bulk_create: points drawn inside the
kelurahan polygons, weighted by area; a mix of categories and statuses over two years, 85 %
public) with their first timeline entry. It then drives the endpoints in-process through
django.test.Client with production settings (DEBUG off): "server time" is the time Django takes
to answer, without a network or a server in front.

Measures:
- the map: GET /api/v1/reports/map?bbox=… for viewports at three zoom levels (the whole city,
  a kecamatan, a few streets) centred on random points of the city, with and without filters;
- Open311: GET /open311/v2/requests.json with the spec's filters (none = the last 90 days,
  status, service_code, a date window, ids).
Target: p95 under 100 ms for both on PostgreSQL at 200,000 reports.
"""

from __future__ import annotations

import datetime as dt
import json
import random
import statistics
import time

from benchkit import count_queries, seeded_bench, summary, timed

PG_DB = "anrong_bench_lapor"
RESULT_MARK = "LAPOR-RESULT "

CATEGORY_MIX = [("sampah", 26), ("jalan_rusak", 20), ("drainase_banjir", 16), ("lampu_jalan", 14),
                ("fasilitas_umum", 8), ("pohon_tumbang", 5), ("pelayanan_publik", 6),
                ("lainnya", 5)]
STATUS_MIX = [("resolved", 55), ("rejected", 8), ("merged", 4), ("received", 8), ("verified", 10),
              ("in_progress", 15)]
# Viewport sizes in degrees (lat span; lng span a bit wider, as a phone held upright is not).
ZOOMS = {"city": 0.16, "kecamatan": 0.04, "streets": 0.008}










def print_table(results: dict[str, dict]) -> None:
    print("\nLapor bench: in-process Django server time (django.test.Client), DEBUG off")
    header = f"{'engine':<9} {'measure':<58} {'n':>5} {'p50 ms':>8} {'p95 ms':>8} {'queries':>8}"
    print(header)
    print("-" * len(header))
    for engine, r in results.items():
        seed = r["seeding"]
        print(f"{engine:<9} seeding: {seed['reports']:,} reports ({seed['public']:,} public) "
              f"in {seed['total_s']:.0f} s, {seed['reports_per_s']:,.0f}/s")
        for row in r["measures"]:
            queries = "/".join(str(q) for q in sorted(set(row["queries"])))
            print(f"{engine:<9} {row['label']:<58} {row['n']:>5} {row['p50']:>8.1f} "
                  f"{row['p95']:>8.1f} {queries:>8}")
        for note in r["notes"]:
            print(f"{engine:<9} {note}")
    print("\nTarget: p95 < 100 ms on PostgreSQL for the map viewport and Open311 requests.json.")


# --- The child ----------------------------------------------------------------------------------

def _points_inside(n: int, rng: random.Random) -> list[tuple[float, float, str, str]]:
    """n random points inside Makassar's kelurahan, each kelurahan weighted by its area."""
    from shapely.geometry import Point, shape
    from shapely.prepared import prep

    from anrong.core.models import Region

    rows = []
    for region in (Region.objects.filter(level="kelurahan", code__startswith="73.71.")
                   .select_related("boundary")):
        geometry = shape(region.boundary.geometry)
        rows.append((region.code, region.parent_id, geometry, prep(geometry)))
    weights = [max(g.area, 1e-7) for _c, _p, g, _pr in rows]
    points = []
    for code, parent, geometry, prepared in rng.choices(rows, weights, k=n):
        west, south, east, north = geometry.bounds
        for _attempt in range(200):
            lng, lat = rng.uniform(west, east), rng.uniform(south, north)
            if prepared.contains(Point(lng, lat)):
                points.append((round(lat, 6), round(lng, 6), code, parent))
                break
    return points


def seed(n_reports: int, rng: random.Random) -> dict:
    from django.contrib.auth.hashers import make_password
    from django.core.management import call_command
    from django.db import connection, transaction
    from django.utils import timezone

    from anrong.accounts.models import User
    from anrong.agencies.models import Agency
    from anrong.agencies.seed import seed_agencies
    from anrong.core.seed import seed_regions
    from anrong.reports.categories import CATEGORIES
    from anrong.reports.models import Report, ReportUpdate
    from anrong.services.tracking import new_tracking_no

    started = time.perf_counter()
    call_command("migrate", verbosity=0, interactive=False)
    seed_regions()
    seed_agencies()
    agencies = {a.code: a.pk for a in Agency.objects.all()}
    kecamatan_office = dict(Agency.objects.filter(kind="kecamatan").values_list("region_id", "pk"))
    unusable = make_password(None)
    citizens = User.objects.bulk_create(
        [User(phone=f"+62814{i:08d}", phone_verified=True, password=unusable) for i in range(5000)],
        batch_size=1000)
    points = _points_inside(n_reports, rng)
    categories = [c for c, _w in CATEGORY_MIX]
    category_weights = [w for _c, w in CATEGORY_MIX]
    statuses = [s for s, _w in STATUS_MIX]
    status_weights = [w for _s, w in STATUS_MIX]
    now = timezone.now()
    seen: set[str] = set()
    insert_s = 0.0
    batch = 5000
    for start in range(0, len(points), batch):
        reports = []
        for lat, lng, kelurahan, kecamatan in points[start:start + batch]:
            category = rng.choices(categories, category_weights)[0]
            status = rng.choices(statuses, status_weights)[0]
            # Closed reports spread over two years; open ones are recent.
            age = dt.timedelta(days=rng.uniform(0, 730) if status in Report.CLOSED_STATUSES
                               else rng.uniform(0, 30))
            created = now - age
            tracking = new_tracking_no("LPR", created)
            while tracking in seen:
                tracking = new_tracking_no("LPR", created)
            seen.add(tracking)
            answered = status != "received" or rng.random() < 0.5
            reports.append(Report(
                tracking_no=tracking, category=category,
                agency_id=agencies[CATEGORIES[category].agency_code],
                verifier_id=kecamatan_office.get(kecamatan), reporter=rng.choice(citizens),
                description="Laporan warga untuk pengujian beban: " + category.replace("_", " "),
                lat=lat, lng=lng, kelurahan_id=kelurahan, kecamatan_id=kecamatan,
                is_public=rng.random() < 0.85, status=status, created_at=created,
                due_at=created + dt.timedelta(hours=48),
                first_response_at=created + dt.timedelta(hours=rng.uniform(1, 60)) if answered else None,
                resolved_at=created + dt.timedelta(days=3) if status == "resolved" else None,
                closed_at=created + dt.timedelta(days=3) if status in Report.CLOSED_STATUSES else None))
        t0 = time.perf_counter()
        with transaction.atomic():
            Report.objects.bulk_create(reports)
            ReportUpdate.objects.bulk_create([
                ReportUpdate(report_id=r.pk, kind="status", to_status="received",
                             agency_id=r.agency_id, public=True) for r in reports])
        insert_s += time.perf_counter() - t0
    with connection.cursor() as cursor:
        cursor.execute("VACUUM ANALYZE" if connection.vendor == "postgresql" else "ANALYZE")
    return {"reports": len(points), "public": Report.objects.filter(is_public=True).count(),
            "reports_per_s": len(points) / max(insert_s, 1e-9),
            "total_s": time.perf_counter() - started}








def viewport(rng: random.Random, centres: list[tuple[float, float]], span: float) -> str:
    lat, lng = rng.choice(centres)
    south, north = lat - span / 2, lat + span / 2
    west, east = lng - span * 0.6, lng + span * 0.6
    return f"{south:.5f},{west:.5f},{north:.5f},{east:.5f}"


def measure(n_requests: int, rng: random.Random) -> dict:
    from django.test import Client
    from django.utils import timezone

    from anrong.reports.models import Report

    client = Client()
    measures, notes = [], []
    centres = list(Report.objects.order_by("?").values_list("lat", "lng")[:500])
    map_path = "/api/v1/reports/map"
    for zoom, span in ZOOMS.items():
        filters = [{}, {"status": "open"}, {"category": "lampu_jalan"}]
        for params in filters:  # warm up
            timed(client, map_path, {**params, "bbox": viewport(rng, centres, span)})
        samples, sizes = [], []
        for i in range(n_requests):
            params = {**filters[i % len(filters)], "bbox": viewport(rng, centres, span)}
            samples.append(timed(client, map_path, params))
        for params in filters[:3]:
            body = client.get(map_path, {**params, "bbox": viewport(rng, centres, span)}).json()
            sizes.append(len(body["points"]))
        queries = [count_queries(client, map_path, {**p, "bbox": viewport(rng, centres, span)})
                   for p in filters]
        measures.append(summary(f"map {map_path} viewport {zoom} ({span}°)", samples, queries))
        notes.append(f"map {zoom}: markers per answer in a sample: {sizes}")
    o311 = "/open311/v2/requests.json"
    today = timezone.localdate()
    ids = ",".join(Report.objects.filter(is_public=True).order_by("?")
                   .values_list("tracking_no", flat=True)[:10])
    scenarios = [
        {}, {"status": "open"}, {"service_code": "lampu_jalan"},
        {"service_code": "sampah,jalan_rusak", "status": "closed"},
        {"start_date": (today - dt.timedelta(days=400)).isoformat() + "T00:00:00+08:00",
         "end_date": (today - dt.timedelta(days=330)).isoformat() + "T00:00:00+08:00"},
        {"service_request_id": ids},
    ]
    for params in scenarios:
        timed(client, o311, params)
    samples = [timed(client, o311, scenarios[i % len(scenarios)]) for i in range(n_requests)]
    queries = [count_queries(client, o311, p) for p in scenarios]
    measures.append(summary(f"Open311 {o311} ({len(scenarios)} filter sets)", samples, queries))
    per = {json.dumps(p)[:60]: statistics.median([timed(client, o311, p) for _ in range(10)])
           for p in scenarios}
    notes.append("Open311 p50 by filter: " + ", ".join(f"{k} {v:.1f} ms" for k, v in per.items()))
    sizes = [len(client.get(o311, p).json()) for p in scenarios]
    notes.append(f"Open311 requests per answer: {sizes}")
    return {"measures": measures, "notes": notes}


def main() -> None:
    seeded_bench(doc=__doc__ or "", script=__file__, items="reports", count=200_000,
                 engines="postgres", pg_db=PG_DB, name="lapor", mark=RESULT_MARK, seed=seed,
                 measure=measure, print_table=print_table)


if __name__ == "__main__":
    main()
