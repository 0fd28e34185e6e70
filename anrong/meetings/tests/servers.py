"""Real ASGI servers for the room's tests: uvicorn in a child process on the site's ASGI
application, against the test database.

That works because the test database is a file on SQLite (settings: TEST NAME
var/test-<pid>.sqlite3, in WAL mode) and the tests that use it are transactional, so what a test
writes is committed and the child process reads it (and writes presence and chat the test can
read back). On PostgreSQL the child gets the test database's name the same way. With a
`redis_url` the node's channel layer is Redis: two nodes on one Redis are the two-node setup of
tier 2 (ARCHITECTURE.md)."""

from __future__ import annotations

import contextlib
import os
import socket
import subprocess
import sys
import time
from collections.abc import Iterator
from pathlib import Path

import pytest
from django.conf import settings
from django.db import connection

BASE_DIR = Path(settings.BASE_DIR)


def free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return int(probe.getsockname()[1])


def database_url() -> str:
    db = connection.settings_dict
    if db["ENGINE"] == "django.db.backends.sqlite3":
        return f"sqlite:///{db['NAME']}"
    return (f"postgres://{db['USER']}:{db['PASSWORD']}@{db['HOST'] or '127.0.0.1'}:"
            f"{db['PORT'] or 5432}/{db['NAME']}")


@contextlib.contextmanager
def asgi_node(var_dir: Path, *, redis_url: str = "") -> Iterator[str]:
    """Start one node; yields its base URL ("http://127.0.0.1:<port>"), stops it afterwards and
    prints what it logged above INFO (to stderr, shown when a test fails)."""
    var_dir.mkdir(parents=True, exist_ok=True)
    port = free_port()
    env = {**os.environ, "DATABASE_URL": database_url(), "ANRONG_TESTING": "true",
           "DJANGO_SETTINGS_MODULE": "config.settings", "ANRONG_VAR_DIR": str(var_dir),
           "REDIS_URL": redis_url, "DEBUG": "true"}
    log = open(var_dir / "uvicorn.log", "w+")  # noqa: SIM115 (closed below)
    child = subprocess.Popen(  # noqa: S603
        [str(BASE_DIR / ".venv" / "bin" / "uvicorn"), "config.asgi:application",
         "--host", "127.0.0.1", "--port", str(port), "--log-level", "warning"],
        cwd=BASE_DIR, env=env, stdout=log, stderr=subprocess.STDOUT)
    try:
        deadline = time.monotonic() + 60
        while True:
            try:
                with socket.create_connection(("127.0.0.1", port), timeout=1):
                    break
            except OSError:
                if child.poll() is not None or time.monotonic() > deadline:
                    log.seek(0)
                    pytest.fail(f"uvicorn did not start:\n{log.read()}")
                time.sleep(0.2)
        yield f"http://127.0.0.1:{port}"
    finally:
        child.terminate()
        try:
            child.wait(timeout=10)
        except subprocess.TimeoutExpired:
            child.kill()
        log.seek(0)
        problems = [line for line in log.read().splitlines() if '"level": "INFO"' not in line]
        log.close()
        print("\n".join(problems[-80:]), file=sys.stderr)
