"""What the page benchmarks share: a throwaway database per engine, a child process that seeds
it and measures in-process with django.test.Client, and the timing helpers.

    from benchkit import run_engine, timed, count_queries, summary

A bench script runs itself again as the child (`--child <engine>`), which prints one line
`<mark> <json>` with its results; `run_engine` returns that JSON."""

from __future__ import annotations

import json
import os
import secrets
import statistics
import subprocess
import sys
import time
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parent.parent
VAR = ROOT / "var" / "bench"
PY = sys.executable
PG_SERVER = "postgres://postgres@127.0.0.1:5432"


def child_env(database_url: str) -> dict[str, str]:
    """Production settings (DEBUG off) against the throwaway database."""
    env = dict(os.environ)
    env.update(DJANGO_SETTINGS_MODULE="config.settings", DATABASE_URL=database_url, DEBUG="false",
               ANRONG_TESTING="", SECRET_KEY=secrets.token_urlsafe(50),
               ALLOWED_HOSTS="testserver,127.0.0.1,localhost", SECURE_SSL_REDIRECT="false",
               ANRONG_VAR_DIR=str(VAR), LOG_LEVEL="ERROR")
    return env


def postgres_admin(sql: str) -> None:
    import psycopg

    with psycopg.connect(f"{PG_SERVER}/postgres", autocommit=True, connect_timeout=3) as conn:
        conn.execute(sql)


def postgres_reachable() -> bool:
    try:
        postgres_admin("SELECT 1")
    except Exception as exc:  # noqa: BLE001 (any failure means: skip PostgreSQL)
        print(f"PostgreSQL at {PG_SERVER} not reachable ({exc.__class__.__name__}): skipped.")
        return False
    return True


def run_engine(engine: str, *, name: str, script: str, child_args: list[str], mark: str,
               keep: bool = False) -> dict[str, Any] | None:
    """Make the throwaway database `name` (var/bench/<name>.sqlite3, or a PostgreSQL database
    dropped afterwards unless `keep`), run `script --child <engine> <child_args>` against it and
    return the JSON it printed after `mark`; None when PostgreSQL is not reachable."""
    VAR.mkdir(parents=True, exist_ok=True)
    if engine == "sqlite":
        path = VAR / f"{name}.sqlite3"
        for suffix in ("", "-wal", "-shm"):
            Path(f"{path}{suffix}").unlink(missing_ok=True)
        url = f"sqlite:///{path}"
    else:
        if not postgres_reachable():
            return None
        postgres_admin(f"DROP DATABASE IF EXISTS {name} WITH (FORCE)")
        postgres_admin(f"CREATE DATABASE {name}")
        url = f"{PG_SERVER}/{name}"
    try:
        done = subprocess.run([PY, script, "--child", engine, *child_args], cwd=ROOT,
                              env=child_env(url), check=True, stdout=subprocess.PIPE, text=True)
    finally:
        if engine == "postgres" and not keep:
            postgres_admin(f"DROP DATABASE IF EXISTS {name} WITH (FORCE)")
    for line in done.stdout.splitlines():
        if line.startswith(mark):
            return json.loads(line[len(mark):])
        print(line)
    raise SystemExit(f"{engine}: the child printed no result")


def timed(client: Any, path: str, params: dict | None = None) -> float:
    """Milliseconds Django takes to answer a GET; anything but 200 stops the bench."""
    start = time.perf_counter()
    response = client.get(path, params or {})
    elapsed = (time.perf_counter() - start) * 1000
    if response.status_code != 200:
        raise SystemExit(f"GET {path} {params} answered {response.status_code}: "
                         f"{response.content[:300]!r}")
    return elapsed


def count_queries(client: Any, path: str, params: dict | None = None) -> int:
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    with CaptureQueriesContext(connection) as ctx:
        client.get(path, params or {})
    return len(ctx.captured_queries)


def summary(label: str, samples: list[float], queries: list[int]) -> dict[str, Any]:
    q = statistics.quantiles(samples, n=100)
    return {"label": label, "n": len(samples), "p50": statistics.median(samples), "p95": q[94],
            "queries": queries}


def seeded_bench(*, doc: str, script: str, items: str, count: int, engines: str, pg_db: str,
                 name: str, mark: str, seed: Any, measure: Any, print_table: Any) -> None:
    """The command line of a bench that seeds `--<items>` rows then measures, once per engine
    (`--engines sqlite,postgres`): the parent runs each engine's child (`run_engine`) and prints
    the table; the child (`--child`) seeds with `seed(count, rng)` and prints its result after
    `mark`, merged with `measure(requests, rng)`."""
    import argparse
    import random

    parser = argparse.ArgumentParser(description=doc.split("\n")[0])
    parser.add_argument(f"--{items}", type=int, default=count, dest="count")
    parser.add_argument("--requests", type=int, default=300)
    parser.add_argument("--engines", default=engines)
    parser.add_argument("--seed", type=int, default=2026)
    parser.add_argument("--keep", action="store_true", help="keep the PostgreSQL database")
    parser.add_argument("--child", default="")
    args = parser.parse_args()
    if args.child:
        import django

        sys.path.insert(0, str(ROOT))
        django.setup()
        rng = random.Random(args.seed)
        result = {"seeding": seed(args.count, rng), **measure(args.requests, rng)}
        print(mark + json.dumps(result), flush=True)
        return
    results = {}
    for engine in (e.strip() for e in args.engines.split(",")):
        print(f"\n== {engine}: seeding {args.count:,} {items} ...", flush=True)
        result = run_engine(engine, name=pg_db if engine == "postgres" else name, script=script,
                            mark=mark, keep=args.keep, child_args=[
                                f"--{items}", str(args.count), "--requests", str(args.requests),
                                "--seed", str(args.seed)])
        if result is not None:
            results[engine] = result
    if results:
        print_table(results)
