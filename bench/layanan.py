#!/usr/bin/env python
"""Layanan at city scale: 100,000 applications, then the staff queue, the application page and
submissions, measured on SQLite and (when reachable) PostgreSQL.

    .venv/bin/python bench/layanan.py [--applications 100000] [--citizens 2000] [--requests 250]
                                      [--engines sqlite,postgres] [--keep]

Each engine gets a throwaway database: SQLite in var/bench/layanan.sqlite3, PostgreSQL as
`anrong_bench` on postgres://postgres@127.0.0.1:5432 (trust auth; created and dropped here, never
the test database). A child process per engine migrates it, seeds Makassar's regions, agencies
and service catalogue, ~2,000 citizens with profiles, officers and supervisors, then the
applications (bulk_create of `make_application(..., save=False)`: a realistic mix of statuses,
assignees, kelurahan and deadlines, overdue ones included) with their timelines. It then drives
the pages in-process through django.test.Client with production settings (DEBUG off), signed in
as an officer: "server time" is the time Django takes to answer, without a network or a server
in front. Query counts are taken on separate requests (capturing them costs time).

Target: the queue page p95 < 150 ms on PostgreSQL at 100,000 applications, with a query count
that does not depend on the data. Plans of the queue queries go to var/bench/layanan-explain-*.
"""

from __future__ import annotations

import argparse
import json
import os
import random
import statistics
import sys
import time

from benchkit import ROOT, VAR, count_queries, run_engine, summary, timed

PG_DB = "anrong_bench"
RESULT_MARK = "LAYANAN-RESULT "

# Shares of the applications, roughly what a city sees: most are done, a tenth waits to be taken.
STATUS_MIX = [("completed", 58), ("rejected", 4), ("draft", 4), ("submitted", 10),
              ("verification", 8), ("in_process", 11), ("needs_revision", 5)]
# Civil registry (Disdukcapil) is most of the work; the other agencies share the rest.
DISDUKCAPIL_SHARE = 0.6
# The timeline each status implies (after "submitted").
PATHS = {"submitted": [], "verification": ["verification"],
         "in_process": ["verification", "in_process"],
         "needs_revision": ["verification", "needs_revision"],
         "completed": ["verification", "in_process", "completed"],
         "rejected": ["verification", "rejected"]}
FIRST_NAMES = ["Andi", "Muhammad", "Nur", "Siti", "Ahmad", "Sitti", "Abdul", "Fatimah", "Rahmat",
               "Hasna", "Syamsul", "Ratna", "Ilham", "Wahyuni", "Arif", "Hasanuddin", "Fitri",
               "Irwan", "Nurul", "Agus", "Dewi", "Rusli", "Mardiana", "Yusuf", "Kartini"]
LAST_NAMES = ["Daeng Ngalle", "Rahman", "Amir", "Basri", "Saleh", "Hamzah", "Latif", "Mappa",
              "Tahir", "Syarif", "Baso", "Karaeng", "Pattola", "Sikki", "Mansyur", "Anwar"]


# --- The parent: one child process per engine, then the table --------------------------------









def print_table(results: dict[str, dict]) -> None:
    print("\nLayanan bench: in-process Django server time (django.test.Client), DEBUG off")
    header = f"{'engine':<9} {'measure':<52} {'n':>5} {'p50 ms':>8} {'p95 ms':>8} {'queries':>8}"
    print(header)
    print("-" * len(header))
    for engine, r in results.items():
        seed = r["seeding"]
        print(f"{engine:<9} {'seeding: applications/s (bulk_create, 2,000 a batch)':<52} "
              f"{seed['applications']:>5} {'':>8} {'':>8} {'':>8}  "
              f"{seed['applications_per_s']:,.0f}/s; all data {seed['total_s']:.0f} s")
        for row in r["measures"]:
            queries = "/".join(str(q) for q in sorted(set(row["queries"]))) if row["queries"] else ""
            print(f"{engine:<9} {row['label']:<52} {row['n']:>5} {row['p50']:>8.1f} "
                  f"{row['p95']:>8.1f} {queries:>8}")
        for note in r["notes"]:
            print(f"{engine:<9} {note}")
    print("\nqueries: the distinct query counts seen across the scenarios of that measure "
          "(one number = flat).")


# --- The child: seed one database and measure -------------------------------------------------

def seed(n_applications: int, n_citizens: int, rng: random.Random) -> dict:
    import datetime as dt

    from django.contrib.auth.hashers import make_password
    from django.core.management import call_command
    from django.db import connection, transaction
    from django.utils import timezone

    from anrong.accounts.models import CitizenProfile, User
    from anrong.agencies import actions as agency_actions
    from anrong.agencies.models import Agency
    from anrong.agencies.seed import seed_agencies
    from anrong.core.models import Region
    from anrong.core.seed import seed_regions
    from anrong.services.models import Application, Service, StatusChange
    from anrong.services.seed import seed_services
    from anrong.services.testing import make_application, make_form
    from anrong.services.tracking import new_tracking_no

    started = time.perf_counter()
    call_command("migrate", verbosity=0, interactive=False)
    call_command("collectstatic", verbosity=0, interactive=False)  # pages use the manifest
    seed_regions()
    seed_agencies()
    seed_services()
    root = User.objects.create_user(email="root@bench.invalid", is_superuser=True, is_staff=True)

    services = list(Service.objects.select_related("agency").order_by("code"))
    forms = {s.pk: make_form(s) for s in services}
    agencies = {s.agency_id: s.agency for s in services}
    staff: dict[int, list] = {}
    supervisors: dict[int, object] = {}
    for agency in agencies.values():
        people = []
        for i in range(7):
            role = "supervisor" if i == 0 else "officer"
            person = User.objects.create_user(
                email=f"{role}{i}.{agency.code.lower()}@bench.invalid",
                display_name=f"{rng.choice(FIRST_NAMES)} {rng.choice(LAST_NAMES)}")
            agency_actions.add_member(actor=root, user=person, agency=agency, role=role)
            people.append(person)
        supervisors[agency.pk] = people[0]
        staff[agency.pk] = people

    kelurahan = list(Region.objects.filter(level="kelurahan", code__startswith="73.71.")
                     .values_list("code", flat=True))
    unusable = make_password(None)
    citizens = User.objects.bulk_create(
        [User(phone=f"+62813{i:08d}", phone_verified=True, password=unusable)
         for i in range(n_citizens)], batch_size=1000)
    profiles = []
    for i, citizen in enumerate(citizens):
        born = dt.date(1950, 1, 1) + dt.timedelta(days=rng.randrange(0, 365 * 55))
        sex = rng.choice("LP")
        home = rng.choice(kelurahan)
        day = born.day + (40 if sex == "P" else 0)
        nik = f"{home.replace('.', '')[:6]}{day:02d}{born:%m%y}{i % 10000:04d}"
        profiles.append(CitizenProfile(user=citizen, nik=nik, sex=sex, birth_date=born,
                                       full_name=f"{rng.choice(FIRST_NAMES)} {rng.choice(LAST_NAMES)}",
                                       kelurahan_id=home, address="Jl. Contoh No. 1"))
    CitizenProfile.objects.bulk_create(profiles, batch_size=1000)

    disdukcapil = [s for s in services if s.agency.code == "DISDUKCAPIL"]
    others = [s for s in services if s.agency.code != "DISDUKCAPIL"]
    statuses = [s for s, _ in STATUS_MIX]
    weights = [w for _, w in STATUS_MIX]
    now = timezone.now()
    seen: set[str] = set()
    app_seconds = 0.0
    timeline_rows = 0
    batch = 2000
    for start in range(0, n_applications, batch):
        t0 = time.perf_counter()
        apps = []
        for _ in range(min(batch, n_applications - start)):
            service = rng.choice(disdukcapil if rng.random() < DISDUKCAPIL_SHARE else others)
            status = rng.choices(statuses, weights)[0]
            # Done work spreads over the past year; open work is recent (some of it overdue).
            age = dt.timedelta(days=rng.uniform(0, 365) if status in ("completed", "rejected")
                               else rng.uniform(0, 14))
            officers = staff[service.agency_id]
            assignee = (None if status == "draft" or (status == "submitted" and rng.random() < 0.9)
                        else rng.choice(officers))
            app = make_application(service=service, citizen=rng.choice(citizens), status=status,
                                   assignee=assignee, kelurahan=rng.choice(kelurahan),
                                   submitted_at=now - age, form=forms[service.pk], save=False)
            while app.tracking_no in seen:  # 30^6 per prefix and year: rare, but 100k draws
                app.tracking_no = new_tracking_no(service.code, app.submitted_at or now)
            seen.add(app.tracking_no)
            apps.append(app)
        with transaction.atomic():
            Application.objects.bulk_create(apps)
        app_seconds += time.perf_counter() - t0
        changes = []
        for app in apps:
            if app.status == "draft":
                continue
            steps = ["submitted", *PATHS[app.status]]
            for before, after in zip(["", *steps], steps, strict=False):
                changes.append(StatusChange(
                    application_id=app.pk, from_status=before, to_status=after,
                    by_id=app.citizen_id if after == "submitted" else app.assignee_id,
                    note="Mohon lengkapi surat pengantar RT/RW." if after == "needs_revision" else ""))
        with transaction.atomic():
            StatusChange.objects.bulk_create(changes)
        timeline_rows += len(changes)

    with connection.cursor() as cursor:
        cursor.execute("VACUUM ANALYZE" if connection.vendor == "postgresql" else "ANALYZE")
    return {
        "applications": n_applications, "citizens": n_citizens, "timeline_rows": timeline_rows,
        "applications_per_s": n_applications / app_seconds, "total_s": time.perf_counter() - started,
        "disdukcapil": Agency.objects.get(code="DISDUKCAPIL").pk,
        "officer": staff[Agency.objects.get(code="DISDUKCAPIL").pk][1].pk,
        "supervisor": supervisors[Agency.objects.get(code="DISDUKCAPIL").pk].pk,
    }








def explain(engine: str, officer, agency_id: int) -> None:  # type: ignore[no-untyped-def]
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    from anrong.agencies.models import Agency
    from anrong.services import queries

    agency = Agency.objects.get(pk=agency_id)
    lines = []
    for label, filters in [("default", {}), ("overdue", {"due": "overdue"}),
                           ("completed", {"status": "completed"}), ("page 5", {"page": 5})]:
        with CaptureQueriesContext(connection) as ctx:
            queries.queue(agency, viewer=officer, **filters)
        sql = ctx.captured_queries[-1]["sql"]
        prefix = "EXPLAIN ANALYZE " if connection.vendor == "postgresql" else "EXPLAIN QUERY PLAN "
        with connection.cursor() as cursor:
            cursor.execute(prefix + sql)
            plan = "\n".join(" | ".join(str(c) for c in row) for row in cursor.fetchall())
        lines.append(f"-- {label}\n{sql}\n{plan}\n")
    (VAR / f"layanan-explain-{engine}.txt").write_text("\n".join(lines), encoding="utf-8")


def measure(engine: str, info: dict, n_requests: int, rng: random.Random) -> dict:
    from django.db import connection
    from django.test import Client

    from anrong.accounts.models import User
    from anrong.accounts.testing import sign_in
    from anrong.services import queries
    from anrong.services.models import Application

    officer = User.objects.get(pk=info["officer"])
    supervisor = User.objects.get(pk=info["supervisor"])
    client = sign_in(Client(), officer)
    notes: list[str] = []
    measures = []

    queue = "/kantor/permohonan/"
    scenarios = [
        {}, {"status": "in_process"}, {"due": "overdue"}, {"due": "week"}, {"assignee": "mine"},
        {"assignee": "unassigned"}, {"kelurahan": "73.71.13"}, {"service": "DKC-AKTA-LAHIR"},
        {"page": 5}, {"status": "completed"},
    ]
    for params in scenarios:  # warm up: imports, template loading, the database's caches
        timed(client, queue, params)
    samples = [timed(client, queue, scenarios[i % len(scenarios)]) for i in range(n_requests)]
    queue_queries = [count_queries(client, queue, params) for params in scenarios]
    measures.append(summary(f"officer queue {queue} ({len(scenarios)} filter sets)", samples,
                            queue_queries))
    per_filter = {}
    for params in scenarios:
        runs = [timed(client, queue, params) for _ in range(15)]
        per_filter[json.dumps(params)] = statistics.median(runs)
    slowest = sorted(per_filter.items(), key=lambda kv: -kv[1])[:3]
    notes.append("queue p50 by filter, slowest: " + ", ".join(f"{k} {v:.1f} ms" for k, v in slowest))
    explain(engine, officer, info["disdukcapil"])

    numbers = list(Application.objects.filter(agency_id=info["disdukcapil"])
                   .exclude(status="draft").values_list("tracking_no", flat=True)[:5000])
    rng.shuffle(numbers)
    # The citizen's tracking page, read by the owners of a sample of applications.
    owners = list(Application.objects.filter(tracking_no__in=numbers[:40])
                  .values_list("citizen_id", "tracking_no"))
    citizen_clients = {}
    for citizen_id, _number in owners:
        if citizen_id not in citizen_clients:
            citizen_clients[citizen_id] = sign_in(Client(), User.objects.get(pk=citizen_id))
    for citizen_id, number in owners[:5]:  # warm up
        timed(citizen_clients[citizen_id], f"/layanan/permohonan/{number}/")
    tracking_samples = [timed(citizen_clients[owners[i % len(owners)][0]],
                              f"/layanan/permohonan/{owners[i % len(owners)][1]}/")
                        for i in range(n_requests)]
    tracking_queries = [count_queries(citizen_clients[c], f"/layanan/permohonan/{n}/")
                        for c, n in owners[:5]]
    measures.append(summary("citizen tracking page /layanan/permohonan/<no>/", tracking_samples,
                            tracking_queries))
    detail_samples = []
    for i in range(n_requests):
        detail_samples.append(timed(client, f"{queue}{numbers[i % len(numbers)]}/"))
    detail_queries = [count_queries(client, f"{queue}{n}/") for n in numbers[:5]]
    measures.append(summary("officer application page /kantor/permohonan/<no>/",
                            detail_samples, detail_queries))
    read_samples = []
    for i in range(n_requests):
        start = time.perf_counter()
        app = queries.application_for_staff(numbers[-(i % len(numbers)) - 1])
        list(app.status_changes.all())
        read_samples.append((time.perf_counter() - start) * 1000)
    measures.append(summary("queries.application_for_staff (3 queries)", read_samples, [3]))

    boss = sign_in(Client(), supervisor)
    timed(boss, f"{queue}pengawasan/")
    overview_samples = [timed(boss, f"{queue}pengawasan/") for _ in range(max(n_requests // 5, 20))]
    measures.append(summary("supervisor overview /kantor/permohonan/pengawasan/", overview_samples,
                            [count_queries(boss, f"{queue}pengawasan/")]))

    rate = submissions_per_second(owners, n=max(n_requests // 2, 50))
    notes.append(f"submissions: {rate:.1f} applications/s through actions.file_application "
                 "(the akta-kelahiran sample form with a PDF upload, one after another)")
    notes.append(f"database: {connection.vendor}; timeline rows {info['timeline_rows']:,}; "
                 f"plans in var/bench/layanan-explain-{engine}.txt; load average "
                 f"{os.getloadavg()[0]:.1f} on {os.cpu_count()} CPUs")
    return {"measures": measures, "notes": notes}


def submissions_per_second(owners: list, n: int) -> float:  # type: ignore[type-arg]
    """Citizens filing the sample form with an upload, one at a time: the whole action (checks,
    file stored, timeline, audit, outbox, notification) per submission."""
    from django.core.files.uploadedfile import SimpleUploadedFile

    from anrong.accounts.models import User
    from anrong.services import actions
    from anrong.services.models import Service
    from anrong.services.testing import SAMPLE_ANSWERS

    pdf = (b"%PDF-1.4\n1 0 obj<</Type/Catalog/Pages 2 0 R>>endobj\n2 0 obj<</Type/Pages/Kids[]"
           b"/Count 0>>endobj\ntrailer<</Root 1 0 R>>\n%%EOF\n")
    service = Service.objects.get(code="DKC-AKTA-LAHIR")
    service.delivery = Service.Delivery.ONLINE
    service.save(update_fields=["delivery"])
    citizens = [User.objects.get(pk=pk) for pk in dict(owners)]
    start = time.perf_counter()
    for i in range(n):
        actions.file_application(
            actor=citizens[i % len(citizens)], service=service, answers=SAMPLE_ANSWERS,
            files={"surat_lahir": SimpleUploadedFile("surat.pdf", pdf, "application/pdf")},
            idempotency_key=f"bench-{i}")
    return n / (time.perf_counter() - start)


def child(engine: str, args: argparse.Namespace) -> None:
    sys.path.insert(0, str(ROOT))
    import django

    django.setup()
    rng = random.Random(args.seed)  # noqa: S311 (test data, not secrets)
    info = seed(args.applications, args.citizens, rng)
    result = measure(engine, info, args.requests, rng)
    result["seeding"] = info
    print(RESULT_MARK + json.dumps(result, default=str), flush=True)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--applications", type=int, default=100_000)
    parser.add_argument("--citizens", type=int, default=2000)
    parser.add_argument("--requests", type=int, default=250)
    parser.add_argument("--engines", default="sqlite,postgres")
    parser.add_argument("--seed", type=int, default=2026)
    parser.add_argument("--keep", action="store_true", help="keep the PostgreSQL database")
    parser.add_argument("--child", help=argparse.SUPPRESS)
    args = parser.parse_args()
    if args.child:
        child(args.child, args)
        return
    results = {}
    for engine in args.engines.split(","):
        engine = engine.strip()
        print(f"\n== {engine}: seeding {args.applications:,} applications ...", flush=True)
        result = run_engine(engine, name=PG_DB if engine == "postgres" else "layanan",
                            script=__file__, mark=RESULT_MARK, keep=args.keep, child_args=[
                                "--applications", str(args.applications),
                                "--citizens", str(args.citizens),
                                "--requests", str(args.requests), "--seed", str(args.seed)])
        if result is not None:
            results[engine] = result
    print_table(results)


if __name__ == "__main__":
    main()
