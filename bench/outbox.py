#!/usr/bin/env python
"""Webhooks from the outbox, on PostgreSQL: how many events per second one worker delivers to a
local receiver, and how long an event takes from commit to arrival at 100 events/s.

    .venv/bin/python bench/outbox.py [--events 10000] [--rate 100] [--seconds 30] [--keep]

A throwaway database `anrong_bench_outbox` on postgres://postgres@127.0.0.1:5432 (created and
dropped here) gets the schema, Makassar's agencies and one webhook endpoint of DISDUKCAPIL
subscribed to `application.submitted`. The receiver is a separate process (uvicorn, a bare ASGI
app) that records each webhook's id, arrival time and body; at the end every body is verified
with the `standardwebhooks` library against the endpoint's secret (not timed).

1. Throughput: `--events` events are committed first (100 per transaction, as a burst of
   activity leaves them), then one `manage.py db_worker` is started; the rate is the events
   divided by the time from the first arrival to the last. The worker does the whole pipeline:
   publish the outbox (fan-out to deliveries), claim, sign, POST, record every attempt.
2. Latency: with the worker running, this process commits one event per transaction at `--rate`
   events per second for `--seconds`; each payload carries its commit time, and the receiver's
   arrival time minus it is the latency (same machine, same clock).

Targets (issue 4): 500 events/s; p95 under 2 s at 100 events/s.
"""

from __future__ import annotations

import argparse
import json
import os
import signal
import statistics
import subprocess
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
PY = sys.executable
PG_SERVER = "postgres://postgres@127.0.0.1:5432"
PG_DB = "anrong_bench_outbox"
RECEIVER_PORT = int(os.environ.get("BENCH_RECEIVER_PORT", "8791"))


# --- The receiver: a bare ASGI app under uvicorn, in its own process -------------------------------

_records: list[tuple[str, float, bytes, str, str]] = []


async def receiver_app(scope, receive, send):  # type: ignore[no-untyped-def]
    if scope["type"] != "http":
        return
    body = b""
    more = True
    while more:
        message = await receive()
        body += message.get("body", b"")
        more = message.get("more_body", False)
    now = time.time()
    if scope["method"] == "POST":
        headers = {k.decode(): v.decode() for k, v in scope["headers"]}
        _records.append((headers.get("webhook-id", ""), now, body,
                         headers.get("webhook-timestamp", ""),
                         headers.get("webhook-signature", "")))
        payload, status = b"", 204
    elif scope["path"] == "/count":
        payload, status = str(len(_records)).encode(), 200
    else:  # /records: everything, for the verification and the figures
        payload = json.dumps([[i, t, b.decode(), ts, sig] for i, t, b, ts, sig in _records]).encode()
        status = 200
    await send({"type": "http.response.start", "status": status,
                "headers": [(b"content-length", str(len(payload)).encode())]})
    await send({"type": "http.response.body", "body": payload})


def run_receiver() -> None:
    import uvicorn

    uvicorn.run("bench.outbox:receiver_app", host="127.0.0.1", port=RECEIVER_PORT,
                log_level="warning", access_log=False, lifespan="off")


# --- The parent ----------------------------------------------------------------------------------

def postgres_admin(sql: str) -> None:
    import psycopg

    with psycopg.connect(f"{PG_SERVER}/postgres", autocommit=True, connect_timeout=3) as conn:
        conn.execute(sql)


def env_for_db() -> dict[str, str]:
    env = {k: v for k, v in os.environ.items() if k not in {"ANRONG_TESTING", "TASKS_BACKEND"}}
    env.update({"DATABASE_URL": f"{PG_SERVER}/{PG_DB}", "DEBUG": "false",
                "SECRET_KEY": "bench-outbox-" + "x" * 40, "ALLOWED_HOSTS": "127.0.0.1",
                "WEBHOOK_ALLOW_HTTP": "true", "DB_CONN_MAX_AGE": "600",
                "PYTHONPATH": str(ROOT)})
    return env


def get(path: str) -> bytes:
    import httpx

    return httpx.get(f"http://127.0.0.1:{RECEIVER_PORT}{path}", timeout=60).content


def wait_for(condition, seconds: float) -> bool:  # type: ignore[no-untyped-def]
    deadline = time.monotonic() + seconds
    while time.monotonic() < deadline:
        if condition():
            return True
        time.sleep(0.1)
    return False


def start_worker(env: dict[str, str]) -> subprocess.Popen:
    return subprocess.Popen([PY, "manage.py", "db_worker", "--interval", "0.1", "--no-reload",
                             "--no-startup-delay"], cwd=ROOT, env=env,
                            stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)


def stop(process: subprocess.Popen) -> None:
    if process.poll() is None:
        process.send_signal(signal.SIGTERM)
        try:
            process.wait(15)
        except subprocess.TimeoutExpired:
            process.kill()


def percentile(values: list[float], p: float) -> float:
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, int(round(p / 100 * (len(ordered) - 1))))]


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--events", type=int, default=10_000)
    parser.add_argument("--rate", type=float, default=100)
    parser.add_argument("--seconds", type=float, default=30)
    parser.add_argument("--keep", action="store_true", help="keep the database afterwards")
    args = parser.parse_args()

    env = env_for_db()
    for name in ("ANRONG_TESTING", "TASKS_BACKEND"):  # production settings, database tasks
        os.environ.pop(name, None)
    os.environ.update(env)
    postgres_admin(f"DROP DATABASE IF EXISTS {PG_DB} WITH (FORCE)")
    postgres_admin(f"CREATE DATABASE {PG_DB}")
    receiver = subprocess.Popen([PY, "-c", "from bench.outbox import run_receiver; run_receiver()"],
                                cwd=ROOT, env=env)
    worker = None
    try:
        import django

        os.environ.setdefault("DJANGO_SETTINGS_MODULE", "config.settings")
        django.setup()
        from django.core.management import call_command
        from django.db import transaction
        from django.db.models import Count

        call_command("migrate", verbosity=0)
        from anrong.agencies.models import Agency
        from anrong.agencies.seed import seed_agencies
        from anrong.core import outbox
        from anrong.core.seed import seed_regions
        from anrong.integrations import signing
        from anrong.integrations.models import WebhookDelivery, WebhookEndpoint

        seed_regions()
        seed_agencies()
        secret = signing.new_secret()
        WebhookEndpoint.objects.create(
            agency=Agency.objects.get(code="DISDUKCAPIL"), secret=secret,
            url=f"http://127.0.0.1:{RECEIVER_PORT}/hook", event_types=["application.submitted"])
        if not wait_for(lambda: _receiver_up(), 20):
            raise SystemExit("the receiver did not start")

        # 1. Throughput.
        print(f"committing {args.events} events …", flush=True)
        for start in range(0, args.events, 100):
            with transaction.atomic():
                for n in range(start, min(args.events, start + 100)):
                    outbox.emit("application.submitted",
                                {"agency": "DISDUKCAPIL", "tracking_no": f"B{n:06d}",
                                 "phase": "burst"})
        started = time.time()
        worker = start_worker(env)
        if not wait_for(lambda: int(get("/count")) >= args.events, 600):
            raise SystemExit(f"only {get('/count').decode()} of {args.events} arrived in 10 min")
        records = json.loads(get("/records"))
        arrivals = [t for _i, t, *_ in records]
        burst_seconds = max(arrivals) - min(arrivals)
        throughput = args.events / burst_seconds
        print(f"burst: {args.events} events in {burst_seconds:.2f} s from first to last arrival "
              f"({throughput:.0f} events/s; {max(arrivals) - started:.2f} s including the "
              "worker's start)", flush=True)

        # 2. Latency at a steady rate, the worker already running.
        total = int(args.rate * args.seconds)
        print(f"steady: {total} events at {args.rate:.0f}/s …", flush=True)
        interval = 1 / args.rate
        next_at = time.monotonic()
        for n in range(total):
            next_at += interval
            with transaction.atomic():
                outbox.emit("application.submitted",
                            {"agency": "DISDUKCAPIL", "tracking_no": f"S{n:06d}",
                             "phase": "steady"})
            _commits[f"S{n:06d}"] = time.time()  # the commit has returned
            pause = next_at - time.monotonic()
            if pause > 0:
                time.sleep(pause)
        expected = args.events + total
        if not wait_for(lambda: int(get("/count")) >= expected, 120):
            raise SystemExit(f"only {get('/count').decode()} of {expected} arrived")
        records = json.loads(get("/records"))

        latencies = []
        seen: set[str] = set()
        from standardwebhooks.webhooks import Webhook

        verifier = Webhook(secret)
        for msg_id, arrived, body, ts, sig in records:
            data = verifier.verify(body, {"webhook-id": msg_id, "webhook-timestamp": ts,
                                          "webhook-signature": sig})["data"]
            seen.add(msg_id)
            if data["phase"] == "steady" and data["tracking_no"] in _commits:
                latencies.append(arrived - _commits[data["tracking_no"]])
        latencies_ms = [x * 1000 for x in latencies]
        states = dict(WebhookDelivery.objects.values_list("status").annotate(n=Count("id")))
        print()
        print("| measure | value |")
        print("|---|---|")
        print(f"| events delivered by one worker (burst of {args.events}) | "
              f"**{throughput:.0f} events/s** |")
        print(f"| commit → arrival at {args.rate:.0f} events/s, {total} events: p50 / p95 / max | "
              f"{statistics.median(latencies_ms):.0f} / **{percentile(latencies_ms, 95):.0f}** / "
              f"{max(latencies_ms):.0f} ms |")
        print(f"| deliveries by status | {states} |")
        print(f"| distinct webhook-ids received / sent | {len(seen)} / {expected} |")
        print(f"| every body verified with standardwebhooks | {len(records)} of {len(records)} |")
    finally:
        if worker is not None:
            stop(worker)
        stop(receiver)
        from django.db import connections

        connections.close_all()
        if not args.keep:
            postgres_admin(f"DROP DATABASE IF EXISTS {PG_DB} WITH (FORCE)")


_commits: dict[str, float] = {}


def _receiver_up() -> bool:
    try:
        get("/count")
        return True
    except Exception:
        return False


if __name__ == "__main__":
    sys.path.insert(0, str(ROOT))
    main()
