"""A worker killed in the middle of a batch loses nothing: the real `db_worker`, in its own
process, delivers to a real receiver; it is killed with SIGKILL while a batch is in flight, a new
worker is started, and every event arrives, each duplicate under the same `webhook-id`."""

from __future__ import annotations

import os
import signal
import subprocess
import sys
import time
from pathlib import Path

import pytest
from django.conf import settings
from django.db import connection, transaction
from django.test import override_settings
from django.utils import timezone
from standardwebhooks.webhooks import Webhook

from anrong.agencies.models import Agency
from anrong.core import outbox
from anrong.integrations.actions import webhooks as actions
from anrong.integrations.models import WebhookDelivery
from anrong.integrations.testing import Receiver

pytestmark = pytest.mark.django_db(transaction=True)

DB_TASKS = {"default": {"BACKEND": "django_tasks_db.DatabaseBackend"}}
EVENTS = 240


def _database_url() -> str:
    """The test database, as DATABASE_URL for a worker process."""
    db = connection.settings_dict
    if db["ENGINE"].endswith("sqlite3"):
        return f"sqlite:///{db['NAME']}"
    user = db.get("USER") or "postgres"
    password = f":{db['PASSWORD']}" if db.get("PASSWORD") else ""
    return (f"postgres://{user}{password}@{db.get('HOST') or '127.0.0.1'}:"
            f"{db.get('PORT') or 5432}/{db['NAME']}")


def _start_worker() -> subprocess.Popen:
    env = {k: v for k, v in os.environ.items() if k not in {"ANRONG_TESTING", "TASKS_BACKEND"}}
    env.update({
        "DATABASE_URL": _database_url(), "DEBUG": "true",
        "WEBHOOK_LEASE_SECONDS": "3", "WEBHOOK_BATCH_SIZE": "40", "WEBHOOK_CONCURRENCY": "8",
        "WEBHOOK_ALLOW_HTTP": "true",
    })
    return subprocess.Popen(  # noqa: S603 (our own manage.py)
        [sys.executable, "manage.py", "db_worker", "--interval", "0.1", "--no-reload",
         "--no-startup-delay"],
        cwd=Path(settings.BASE_DIR), env=env,
        stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)


def _wait(condition, seconds: float, what: str) -> None:  # type: ignore[no-untyped-def]
    deadline = time.monotonic() + seconds
    while not condition():
        if time.monotonic() > deadline:
            pytest.fail(f"timed out waiting for {what}")
        time.sleep(0.05)


@override_settings(TASKS=DB_TASKS)
def test_killing_the_worker_mid_batch_loses_no_event(regions, personas):
    def slow_ok(received):  # type: ignore[no-untyped-def]
        time.sleep(0.03)
        return 200

    receiver = Receiver(answer=slow_ok).start()
    workers: list[subprocess.Popen] = []
    try:
        endpoint, secret = actions.create_endpoint(
            actor=personas["agency_admin"], agency=Agency.objects.get(code="DISDUKCAPIL"),
            url=receiver.url, event_types=["application.submitted"])
        expected = set()
        for start in range(0, EVENTS, 20):
            with transaction.atomic():
                for n in range(start, start + 20):
                    event = outbox.emit("application.submitted",
                                        {"agency": "DISDUKCAPIL", "tracking_no": f"T{n:04d}"})
                    expected.add(f"msg_{event.pk.hex}")

        workers.append(_start_worker())
        _wait(lambda: len(receiver.received) >= 60, 60, "the first worker to get going")
        workers[0].send_signal(signal.SIGKILL)
        workers[0].wait(10)
        received_before = {r.msg_id for r in receiver.received}
        assert received_before < expected  # killed before the end
        in_flight = WebhookDelivery.objects.filter(
            status=WebhookDelivery.Status.PENDING, next_attempt_at__gt=timezone.now(),
            attempts=0)
        assert in_flight.exists()  # claimed (leased) and never recorded: the batch was cut

        workers.append(_start_worker())
        _wait(lambda: {r.msg_id for r in receiver.received} >= expected, 90,
              "every event to arrive after the restart")
        _wait(lambda: not WebhookDelivery.objects.exclude(
            status=WebhookDelivery.Status.SUCCEEDED).exists(), 30, "the deliveries to be recorded")
    finally:
        for worker in workers:
            if worker.poll() is None:
                worker.send_signal(signal.SIGTERM)
                try:
                    worker.wait(10)
                except subprocess.TimeoutExpired:
                    worker.kill()
        receiver.stop()

    ids = [r.msg_id for r in receiver.received]
    assert set(ids) == expected
    verifier = Webhook(secret)
    tracking = {verifier.verify(r.body, r.headers)["data"]["tracking_no"]
                for r in receiver.received}
    assert len(tracking) == EVENTS
    # Whatever arrived twice (sent by the killed worker, never recorded) carries the same id.
    assert len(ids) >= EVENTS
