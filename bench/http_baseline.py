#!/usr/bin/env python
"""HTTP baseline: requests/s and p50/p95 latency of the home page and one API endpoint at 50
concurrent clients, measured in the same run against a bare Django view on the same server.

    .venv/bin/python bench/http_baseline.py [--clients 50] [--seconds 10] [--workers 1]

Starts uvicorn with production settings (DEBUG off, SQLite under var/bench/ unless DATABASE_URL
is set), loads the demo data, then drives each target in turn with keep-alive HTTP/1.1 clients
written on asyncio streams (one process, uvloop). The client shares the machine's cores with the
server, so absolute figures are a floor; the ratio to the bare view is the figure to compare.
"""

from __future__ import annotations

import argparse
import asyncio
import os
import secrets
import socket
import statistics
import subprocess
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
PY = sys.executable
API_CANDIDATES = ["/api/v1/agencies/", "/api/v1/core/regions?level=kecamatan", "/api/v1/openapi.json"]


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def server_env() -> dict[str, str]:
    env = dict(os.environ)
    var = ROOT / "var" / "bench"
    var.mkdir(parents=True, exist_ok=True)
    env.update(
        DEBUG="false",
        ANRONG_TESTING="",
        ANRONG_BENCH="true",
        SECRET_KEY=secrets.token_urlsafe(50),
        ALLOWED_HOSTS="127.0.0.1,localhost",
        SECURE_SSL_REDIRECT="false",
        ANRONG_VAR_DIR=str(var),
        LOG_LEVEL="WARNING",
    )
    return env


def prepare(env: dict[str, str]) -> None:
    for args in (["migrate", "--noinput"], ["seed_demo"], ["collectstatic", "--noinput"]):
        subprocess.run([PY, "manage.py", *args], cwd=ROOT, env=env, check=True,
                       stdout=subprocess.DEVNULL)


async def fetch_once(reader, writer, request: bytes) -> int:
    writer.write(request)
    await writer.drain()
    head = await reader.readuntil(b"\r\n\r\n")
    status = int(head.split(b" ", 2)[1])
    length = 0
    chunked = False
    for line in head.split(b"\r\n")[1:]:
        name, _, value = line.partition(b":")
        if name.lower() == b"content-length":
            length = int(value.strip())
        elif name.lower() == b"transfer-encoding" and b"chunked" in value.lower():
            chunked = True
    if chunked:
        while True:
            size = int((await reader.readuntil(b"\r\n")).strip(), 16)
            await reader.readexactly(size + 2)
            if size == 0:
                break
    elif length:
        await reader.readexactly(length)
    return status


async def client(port: int, path: str, deadline: float, latencies: list[float], errors: list[int]):
    reader, writer = await asyncio.open_connection("127.0.0.1", port)
    request = (f"GET {path} HTTP/1.1\r\nHost: 127.0.0.1\r\nAccept-Encoding: identity\r\n"
               "Connection: keep-alive\r\n\r\n").encode()
    try:
        while time.perf_counter() < deadline:
            start = time.perf_counter()
            status = await fetch_once(reader, writer, request)
            latencies.append(time.perf_counter() - start)
            if status != 200:
                errors.append(status)
    finally:
        writer.close()


async def drive(port: int, path: str, clients: int, seconds: float) -> dict[str, float]:
    # Warm up (imports, caches, connections), then measure.
    await asyncio.gather(*(client(port, path, time.perf_counter() + 1.0, [], []) for _ in range(4)))
    latencies: list[float] = []
    errors: list[int] = []
    start = time.perf_counter()
    await asyncio.gather(*(client(port, path, start + seconds, latencies, errors) for _ in range(clients)))
    elapsed = time.perf_counter() - start
    q = statistics.quantiles(latencies, n=100)
    return {"requests": len(latencies), "rps": len(latencies) / elapsed, "p50": q[49] * 1000,
            "p95": q[94] * 1000, "errors": len(errors)}


def wait_for(port: int, timeout: float = 30) -> None:
    end = time.time() + timeout
    while time.time() < end:
        try:
            with socket.create_connection(("127.0.0.1", port), timeout=1):
                return
        except OSError:
            time.sleep(0.2)
    raise SystemExit("server did not start")


def first_ok(port: int, paths: list[str]) -> str:
    import urllib.request

    for path in paths:
        try:
            with urllib.request.urlopen(f"http://127.0.0.1:{port}{path}", timeout=5) as r:  # noqa: S310
                if r.status == 200:
                    return path
        except OSError:
            continue
    raise SystemExit("no API endpoint answered 200")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--clients", type=int, default=50)
    parser.add_argument("--seconds", type=float, default=10)
    parser.add_argument("--workers", type=int, default=1)
    args = parser.parse_args()

    try:
        import uvloop

        uvloop.install()
    except ImportError:
        pass

    env = server_env()
    prepare(env)
    port = free_port()
    server = subprocess.Popen(
        [PY, "-m", "uvicorn", "config.asgi:application", "--host", "127.0.0.1", "--port", str(port),
         "--workers", str(args.workers), "--no-access-log", "--lifespan", "off", "--log-level", "warning"],
        cwd=ROOT, env=env,
    )
    try:
        wait_for(port)
        api_path = first_ok(port, API_CANDIDATES)
        targets = [("bare Django view", "/_bench/bare"), ("home page", "/"), ("API", api_path)]
        results = {}
        for label, path in targets:
            results[label] = asyncio.run(drive(port, path, args.clients, args.seconds))
    finally:
        server.terminate()
        server.wait(timeout=10)

    bare = results["bare Django view"]
    print(f"\nHTTP baseline: {args.clients} concurrent keep-alive clients, {args.seconds:.0f} s per "
          f"target, uvicorn workers={args.workers}, database={os.environ.get('DATABASE_URL', 'SQLite')}")
    print(f"{'target':<18} {'path':<40} {'req/s':>8} {'p50 ms':>8} {'p95 ms':>8} {'errors':>6} "
          f"{'rps/bare':>9} {'p95/bare':>9}")
    for (label, path) in targets:
        r = results[label]
        print(f"{label:<18} {path:<40} {r['rps']:>8.0f} {r['p50']:>8.1f} {r['p95']:>8.1f} "
              f"{r['errors']:>6} {r['rps'] / bare['rps']:>9.2f} {r['p95'] / bare['p95']:>9.2f}")


if __name__ == "__main__":
    main()
