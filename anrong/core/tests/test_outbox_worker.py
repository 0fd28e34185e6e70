"""With the database task backend, the outbox's publish task is written in the same transaction
as the event, and the real worker (`db_worker`) publishes it."""

import pytest
from django.core.management import call_command
from django.db import transaction
from django.test import override_settings
from django_tasks_db.models import DBTaskResult

from anrong.core import outbox
from anrong.core.models import OutboxEvent

DB_TASKS = {"default": {"BACKEND": "django_tasks_db.DatabaseBackend"}}

pytestmark = pytest.mark.django_db(transaction=True)


@override_settings(TASKS=DB_TASKS)
def test_event_and_its_publish_task_roll_back_together():
    with pytest.raises(RuntimeError), transaction.atomic():
        outbox.emit("test.rolled_back", {})
        assert DBTaskResult.objects.count() == 1  # visible inside the transaction
        raise RuntimeError("the action failed after emitting")
    assert not OutboxEvent.objects.exists()
    assert not DBTaskResult.objects.exists()


@override_settings(TASKS=DB_TASKS)
def test_the_worker_publishes_committed_events():
    seen = []
    outbox.register_consumer("test.worker", lambda event: seen.append(event.payload["n"]))
    with transaction.atomic():
        outbox.emit("test.worker", {"n": 7})
    assert DBTaskResult.objects.filter(status="READY").count() == 1

    call_command("db_worker", batch=True, startup_delay=False, reload=False, verbosity=0)

    assert seen == [7]
    assert OutboxEvent.objects.get(type="test.worker").published_at is not None
    assert DBTaskResult.objects.get().status == "SUCCESSFUL"


@override_settings(TASKS=DB_TASKS)
def test_one_publish_task_per_transaction_and_none_for_a_rolled_back_savepoint():
    with transaction.atomic():
        outbox.emit("test.many", {"n": 1})
        outbox.emit("test.many", {"n": 2})
    assert DBTaskResult.objects.count() == 1
    with transaction.atomic():
        with pytest.raises(RuntimeError), transaction.atomic():
            outbox.emit("test.many", {"n": 3})
            raise RuntimeError("the inner step failed")
        outbox.emit("test.many", {"n": 4})  # its task must still be written
    assert DBTaskResult.objects.count() == 2


@override_settings(TASKS=DB_TASKS)
def test_a_publish_run_takes_the_queued_runs_work_and_drops_them():
    from anrong.core.tasks import publish_outbox

    for n in range(3):
        with transaction.atomic():
            outbox.emit("test.coalesced", {"n": n})
    assert DBTaskResult.objects.filter(status="READY").count() == 3
    assert publish_outbox.call() == 3
    assert not DBTaskResult.objects.filter(status="READY").exists()
    assert not OutboxEvent.objects.filter(published_at__isnull=True).exists()
