#!/usr/bin/env python
"""Rapat Virtual under load: rooms of 20 simulated participants, each moving at 10 Hz, against
real uvicorn servers; end-to-end latency from a sender's move to another participant's receipt.

    .venv/bin/python bench/meeting_load.py [--rooms 1,5,10,15,20,25,30] [--seconds 10]
                                           [--modes memory,redis] [--target-p99 150]

A throwaway SQLite database (var/bench/meetings.sqlite3) is migrated and given one agency,
20 people per room and a meeting per room (the first person hosts), and a signed-in session per
person (django.contrib.sessions, the `sessionid` cookie). Then, per mode:

- memory: one uvicorn process, the in-memory channel layer;
- redis: two uvicorn processes sharing Redis (redis://127.0.0.1:6379/14, REDIS_URL) as the
  channel layer and cache, each room's participants split between the two (odd/even).

For 1 room, then more rooms (the --rooms list) until p99 passes --target-p99, it starts client
processes (`websockets`; each holds whole rooms, at most two processes), connects every
participant (staggered: each connection enters the room through the database), lets them all
walk at 10 Hz for --seconds after a two-second warm-up, and reports:

- p50/p99 latency: a receiver's clock at receipt minus the sender's clock when it sent that
  position (senders and receivers of one room are in one process: the same clock);
- messages/s: moves sent by the clients, and frames (snapshots) received by the clients;
- CPU: of each server process (from /proc, % of one core) and of the client processes;
- unseen: the share of (move, other participant) pairs that never arrived. The server sends the
  latest position per tick (66 ms) by design, so a move superseded within a tick is not sent:
  at 10 Hz a few percent are expected; lost messages would show as more. `errors` counts
  connections refused or closed during the run.
"""

from __future__ import annotations

import argparse
import asyncio
import json
import os
import random
import socket
import statistics
import subprocess
import sys
import time
from pathlib import Path
from typing import Any

from benchkit import PY, ROOT, VAR, child_env

DB = VAR / "meetings.sqlite3"
PEOPLE = VAR / "meetings-people.json"
REDIS = "redis://127.0.0.1:6379/14"
PER_ROOM = 20
HZ = 10
WARMUP = 2.0
RESULT_MARK = "MEETING-LOAD "
PORTS = (8731, 8732)


# --- The throwaway database -----------------------------------------------------------------------

def setup_child(rooms: int) -> None:
    """(Child, Django loaded.) Migrate, then one agency, the people, meetings and sessions."""
    import django

    django.setup()
    import datetime as dt

    from django.contrib.auth import BACKEND_SESSION_KEY, HASH_SESSION_KEY, SESSION_KEY
    from django.contrib.sessions.backends.db import SessionStore
    from django.core.management import call_command
    from django.utils import timezone

    from anrong.accounts.models import User
    from anrong.agencies.models import Agency
    from anrong.meetings.models import Meeting, MeetingMember

    call_command("migrate", verbosity=0, interactive=False)
    agency = Agency.objects.create(code="BENCH", name="Dinas Uji Beban", kind="dinas")
    users = User.objects.bulk_create(
        [User(email=f"peserta{i}@bench.example", display_name=f"Peserta {i}", password="!")  # noqa: S106 (unusable)
         for i in range(rooms * PER_ROOM)])
    start = timezone.now()
    result = []
    for r in range(rooms):
        people = users[r * PER_ROOM:(r + 1) * PER_ROOM]
        meeting = Meeting.objects.create(
            code=f"RPT-BENCH-{r:03d}", agency=agency, title=f"Rapat uji {r}", starts_at=start,
            ends_at=start + dt.timedelta(hours=3), created_by=people[0])
        MeetingMember.objects.bulk_create(
            [MeetingMember(meeting=meeting, user=u, role="host" if i == 0 else "invitee")
             for i, u in enumerate(people)])
        sessions = []
        for user in people:
            store = SessionStore()
            store[SESSION_KEY] = str(user.pk)
            store[BACKEND_SESSION_KEY] = "django.contrib.auth.backends.ModelBackend"
            store[HASH_SESSION_KEY] = user.get_session_auth_hash()
            store.create()
            sessions.append([user.pk, store.session_key])
        result.append({"code": meeting.code, "people": sessions})
    PEOPLE.write_text(json.dumps(result))


def make_database(rooms: int) -> dict[str, str]:
    VAR.mkdir(parents=True, exist_ok=True)
    for suffix in ("", "-wal", "-shm"):
        Path(f"{DB}{suffix}").unlink(missing_ok=True)
    env = child_env(f"sqlite:///{DB}")
    started = time.monotonic()
    subprocess.run([PY, __file__, "--setup", str(rooms)], cwd=ROOT, env=env, check=True)
    print(f"database: {rooms} rooms, {rooms * PER_ROOM} people, in {time.monotonic() - started:.0f} s")
    return env


# --- Servers ------------------------------------------------------------------------------------

def start_servers(env: dict[str, str], mode: str, pool: int = 0) -> list[subprocess.Popen]:
    env = dict(env)
    ports = PORTS[:1] if mode == "memory" else PORTS
    if mode == "redis":
        env["REDIS_URL"] = REDIS
        if pool:
            env.update(DJANGO_SETTINGS_MODULE="meeting_settings", BENCH_REDIS_MAX_CONNECTIONS=str(pool),
                       PYTHONPATH=os.pathsep.join([str(ROOT / "bench"), str(ROOT)]))
        import redis

        redis.Redis.from_url(REDIS).flushdb()
    else:
        env.pop("REDIS_URL", None)
    servers = [subprocess.Popen(
        [PY, "-m", "uvicorn", "config.asgi:application", "--host", "127.0.0.1", "--port", str(port),
         "--no-access-log", "--log-level", "warning", "--lifespan", "off"],
        cwd=ROOT, env=env) for port in ports]
    deadline = time.monotonic() + 60
    for port in ports:
        while True:
            try:
                socket.create_connection(("127.0.0.1", port), timeout=1).close()
                break
            except OSError:
                if time.monotonic() > deadline:
                    raise SystemExit(f"uvicorn on port {port} did not start") from None
                time.sleep(0.3)
    return servers


def cpu_seconds(pid: int) -> float:
    fields = Path(f"/proc/{pid}/stat").read_text().rsplit(")", 1)[1].split()
    return (int(fields[11]) + int(fields[12])) / os.sysconf("SC_CLK_TCK")


# --- Clients (no Django here) -------------------------------------------------------------------

async def participant(url: str, origin: str, uid: int, session: str, y: float, room: dict,
                      clock: dict) -> None:
    from websockets.asyncio.client import connect

    sent: dict = room["sent"]
    try:
        async with connect(url, origin=origin, additional_headers={"Cookie": f"sessionid={session}"},
                           compression=None, max_size=2**20, open_timeout=60) as ws:
            welcome = json.loads(await ws.recv())
            if welcome.get("t") != "welcome" or welcome.get("lobby"):
                room["errors"] += 1
                return
            room["connected"] += 1

            async def walk() -> None:
                await clock["go"].wait()
                await asyncio.sleep(random.random() / HZ)
                k = random.randrange(200)
                while not clock["stop"]:
                    k += 1
                    x = round(2.0 + (k % 200) * 0.1, 2)
                    now = time.time() * 1000
                    sent[(uid, x, y)] = now
                    if clock["t0"] <= now < clock["t1"]:
                        room["moves"] += 1
                    await ws.send(json.dumps({"t": "move", "x": x, "y": y}))
                    await asyncio.sleep(1 / HZ)

            walker = asyncio.create_task(walk())
            last: dict[int, tuple[float, float]] = {}   # per mover: the position seen last
            try:
                while not clock["stop"]:
                    try:
                        text = await asyncio.wait_for(ws.recv(), 1.0)
                    except TimeoutError:
                        continue
                    at = time.time() * 1000
                    frame = json.loads(text)
                    if frame.get("t") != "snapshot":
                        continue
                    if clock["t0"] <= at < clock["t1"]:
                        room["frames"] += 1
                    for mover, mx, my in frame["moves"]:
                        if last.get(mover) == (mx, my):
                            continue  # a repeat (the engine's periodic refresh), not a move
                        last[mover] = (mx, my)
                        started = sent.get((mover, mx, my))
                        if started is not None and clock["t0"] <= started < clock["t1"]:
                            room["latencies"].append(at - started)
            finally:
                walker.cancel()
    except Exception as exc:  # noqa: BLE001 (counted and reported)
        room["errors"] += 1
        room.setdefault("why", []).append(f"{type(exc).__name__}: {exc}"[:120])


async def run_clients(spec: dict) -> dict:
    people = json.loads(PEOPLE.read_text())
    # Moves sent between t0 and t1 (ms) are measured; receivers listen until a second after t1.
    clock: dict[str, Any] = {"go": asyncio.Event(), "stop": False, "t0": float("inf"),
                             "t1": float("inf")}
    rooms, tasks = [], []
    for r in spec["rooms"]:
        room = {"sent": {}, "latencies": [], "moves": 0, "frames": 0, "errors": 0, "connected": 0}
        rooms.append(room)
        for i, (uid, session) in enumerate(people[r]["people"]):
            port = spec["ports"][i % len(spec["ports"])]
            url = f"ws://127.0.0.1:{port}/ws/rapat/{people[r]['code']}/"
            y = 3.5 + (i % 12)
            tasks.append(asyncio.create_task(participant(url, f"http://127.0.0.1:{port}", uid,
                                                         session, y, room, clock)))
            await asyncio.sleep(0.015)  # each connection enters the room in the database
    expected = len(tasks)
    deadline = time.monotonic() + 90
    while sum(r["connected"] + r["errors"] for r in rooms) < expected and time.monotonic() < deadline:
        await asyncio.sleep(0.1)
    clock["go"].set()
    await asyncio.sleep(WARMUP)
    cpu_before = time.process_time()
    clock["t0"] = time.time() * 1000
    clock["t1"] = clock["t0"] + spec["seconds"] * 1000
    await asyncio.sleep(spec["seconds"])
    cpu = time.process_time() - cpu_before
    await asyncio.sleep(1.0)
    clock["stop"] = True
    await asyncio.gather(*tasks, return_exceptions=True)
    latencies = [v for r in rooms for v in r["latencies"]]
    return {"latencies": latencies, "moves": sum(r["moves"] for r in rooms),
            "frames": sum(r["frames"] for r in rooms), "errors": sum(r["errors"] for r in rooms),
            "connected": sum(r["connected"] for r in rooms), "cpu": cpu,
            "why": [w for r in rooms for w in r.get("why", [])][:5],
            # pairs expected: each move, seen by the other 19 of its room
            "expected": sum(r["moves"] for r in rooms) * (PER_ROOM - 1)}


def measure(mode: str, servers: list[subprocess.Popen], rooms: int, seconds: float) -> dict:
    ports = list(PORTS[:len(servers)])
    groups = [list(range(rooms))] if rooms == 1 else [list(range(rooms))[i::2] for i in range(2)]
    cpu_before = [cpu_seconds(s.pid) for s in servers]
    started = time.monotonic()
    procs = [subprocess.Popen([PY, __file__, "--clients", json.dumps(
        {"rooms": g, "ports": ports, "seconds": seconds})], cwd=ROOT, stdout=subprocess.PIPE,
        text=True) for g in groups]
    outs = []
    for proc in procs:
        stdout, _ = proc.communicate()
        line = next((ln for ln in stdout.splitlines() if ln.startswith(RESULT_MARK)), None)
        if line is None:
            raise SystemExit(f"client process printed no result:\n{stdout[-2000:]}")
        outs.append(json.loads(line[len(RESULT_MARK):]))
    wall = time.monotonic() - started
    server_cpu = [(cpu_seconds(s.pid) - b) / wall * 100 for s, b in zip(servers, cpu_before, strict=True)]
    latencies = sorted(v for o in outs for v in o["latencies"])
    q = statistics.quantiles(latencies, n=100) if len(latencies) > 100 else [float("nan")] * 99
    moves, expected = sum(o["moves"] for o in outs), sum(o["expected"] for o in outs)
    return {"mode": mode, "rooms": rooms, "people": sum(o["connected"] for o in outs),
            "p50": q[49], "p99": q[98], "moves_s": moves / seconds,
            "frames_s": sum(o["frames"] for o in outs) / seconds,
            "unseen": 1 - len(latencies) / expected if expected else float("nan"),
            "errors": sum(o["errors"] for o in outs), "why": [w for o in outs for w in o["why"]],
            "server_cpu": [round(c) for c in server_cpu],
            "client_cpu": round(sum(o["cpu"] for o in outs) / seconds * 100)}


def line(r: dict) -> str:
    return (f"{r['mode']:<7} {r['rooms']:>5} {r['people']:>6} {r['p50']:>7.1f} {r['p99']:>7.1f} "
            f"{r['moves_s']:>8.0f} {r['frames_s']:>9.0f} {r['unseen'] * 100:>7.1f}% {r['errors']:>6} "
            f"{'+'.join(f'{c}%' for c in r['server_cpu']):>11} {r['client_cpu']:>5}%")


HEADER = (f"{'mode':<7} {'rooms':>5} {'people':>6} {'p50 ms':>7} {'p99 ms':>7} {'moves/s':>8} "
          f"{'frames/s':>9} {'unseen':>8} {'errors':>6} {'server CPU':>11} {'clients':>6}")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--rooms", default="1,5,10,15,20,25,30")
    parser.add_argument("--seconds", type=float, default=10.0)
    parser.add_argument("--modes", default="memory,redis")
    parser.add_argument("--target-p99", type=float, default=150.0)
    parser.add_argument("--keep-going", action="store_true",
                        help="measure every room count, also past the target")
    parser.add_argument("--redis-max-connections", type=int, default=0,
                        help="the channel layer's Redis pool size (bench/meeting_settings.py); "
                             "default: the project's settings (redis-py's 100)")
    parser.add_argument("--setup", type=int)
    parser.add_argument("--clients")
    args = parser.parse_args()
    if args.setup is not None:
        setup_child(args.setup)
        return
    if args.clients is not None:
        print(RESULT_MARK + json.dumps(asyncio.run(run_clients(json.loads(args.clients)))))
        return
    counts = sorted({int(n) for n in args.rooms.split(",")})
    env = make_database(max(counts))
    results = []
    for mode in args.modes.split(","):
        servers = start_servers(env, mode, args.redis_max_connections)
        try:
            print(HEADER)
            for rooms in counts:
                result = measure(mode, servers, rooms, args.seconds)
                results.append(result)
                print(line(result), flush=True)
                for why in result["why"][:3]:
                    print(f"        error: {why}")
                if rooms > 1 and result["p99"] > args.target_p99 and not args.keep_going:
                    break
        finally:
            for server in servers:
                server.terminate()
            for server in servers:
                server.wait(timeout=20)
    print(f"\nMost rooms at p99 <= {args.target_p99:.0f} ms:")
    for mode in args.modes.split(","):
        ok = [r for r in results if r["mode"] == mode and r["p99"] <= args.target_p99 and not r["errors"]]
        best = max(ok, key=lambda r: r["rooms"]) if ok else None
        print(f"  {mode}: " + (f"{best['rooms']} rooms ({best['people']} people), p99 "
                               f"{best['p99']:.0f} ms" if best else "none"))


if __name__ == "__main__":
    sys.path.insert(0, str(ROOT))
    main()
