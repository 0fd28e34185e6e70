"""Background work of the kernel, run by `manage.py db_worker`."""

from __future__ import annotations

from typing import Any

from django.db import transaction
from django_tasks import task, task_backends

from . import outbox


def enqueue_transactionally(task_obj: Any, *args: Any, run_after: Any = None) -> None:
    """Enqueue `task_obj` so that it exists if and only if the caller's transaction commits.
    With the database backend the task row is written in that transaction; with others it is
    enqueued after commit. `run_after` is honoured where the backend can defer, and otherwise
    dropped (the immediate backend of the tests runs everything at once)."""
    backend = task_backends[task_obj.backend]
    if run_after is not None and backend.supports_defer:
        task_obj = task_obj.using(run_after=run_after)

    def enqueue() -> None:
        task_obj.enqueue(*args)

    if outbox.task_queue_is_transactional():
        enqueue()
    else:
        transaction.on_commit(enqueue)


def drop_redundant(task_obj: Any) -> int:
    """Delete the queued, due runs of `task_obj` that the run about to start makes redundant.

    For a task that handles "everything pending" (publishing the outbox, delivering webhooks)
    a run started now sees every row committed before it looks, and a queued task row was
    committed with the rows it was queued for, so those queued runs have nothing left to do.
    Measured: without this, one task per action at 100 actions/s kept the worker busy with
    empty runs and the webhook latency grew past 2 s. Call it inside the same transaction as
    the first look for work (before it): a crash then rolls the deletion back with the rest, so
    no work is left without a task. Only the database backend queues rows."""
    if not outbox.task_queue_is_transactional():
        return 0
    from django_tasks_db.models import DBTaskResult

    ids = list(DBTaskResult.objects.ready().filter(task_path=task_obj.module_path)
               .values_list("id", flat=True)[:10_000])
    if not ids:
        return 0
    deleted, _ = DBTaskResult.objects.filter(id__in=ids, status="READY").delete()
    return deleted


@task()
def publish_outbox() -> int:
    """Publish pending outbox events to in-process consumers, then run the after-publish hooks
    (webhook delivery). Idempotent."""
    published = outbox.publish_pending(first=lambda: drop_redundant(publish_outbox))
    outbox.run_after_publish()
    return published


@task()
def deliver_notification(notification_id: int) -> list[str]:
    """Send a notification by SMS/WhatsApp and email (see anrong.core.notifications.deliver).
    Idempotent. On failure the error is recorded on the notification, a retry is scheduled with
    exponential backoff where the backend can defer (database backend), and the error re-raised
    so the task result shows it."""
    import datetime as dt

    from django.utils import timezone
    from django_tasks import task_backends

    from . import notifications
    from .models import Notification

    try:
        return notifications.deliver(notification_id)
    except Exception:
        attempts = Notification.objects.filter(pk=notification_id).values_list(
            "delivery_attempts", flat=True
        ).first() or 0
        backend = task_backends[deliver_notification.backend]
        if attempts < notifications.MAX_ATTEMPTS and backend.supports_defer:
            delay = dt.timedelta(seconds=30 * 2 ** min(attempts, 10))
            deliver_notification.using(run_after=timezone.now() + delay).enqueue(notification_id)
        raise
