"""Background work of the kernel, run by `manage.py db_worker`."""

from __future__ import annotations

from django_tasks import task

from . import outbox


@task()
def publish_outbox() -> int:
    """Publish pending outbox events to in-process consumers. Idempotent."""
    return outbox.publish_pending()
