"""The transactional outbox: actions call `emit` inside their transaction; after commit, the task
worker publishes pending events to in-process consumers. External delivery (webhooks) is tracked
per subscriber by `anrong.integrations` and reads the same table."""

from __future__ import annotations

import logging
from collections.abc import Callable
from typing import Any

from django.core.serializers.json import DjangoJSONEncoder
from django.db import transaction
from django.utils import timezone

from . import context
from .models import OutboxEvent

log = logging.getLogger(__name__)

Consumer = Callable[[OutboxEvent], None]
_consumers: list[tuple[str, Consumer]] = []


def register_consumer(event_prefix: str, consumer: Consumer) -> None:
    """Run `consumer` for every published event whose type starts with `event_prefix`
    ("" for all). Consumers must be idempotent: an event may be published again after a crash."""
    if (event_prefix, consumer) not in _consumers:
        _consumers.append((event_prefix, consumer))


def _jsonable(payload: dict[str, Any]) -> dict[str, Any]:
    import json

    return json.loads(json.dumps(payload, cls=DjangoJSONEncoder))


def emit(
    type: str, payload: dict[str, Any], *, aggregate: Any = None
) -> OutboxEvent:
    """Write an outbox event. Must run inside the caller's transaction (an action)."""
    conn = transaction.get_connection()
    if not conn.in_atomic_block:
        raise RuntimeError("outbox.emit() must be called inside an action's transaction.")
    event = OutboxEvent.objects.create(
        type=type,
        payload=_jsonable(payload),
        aggregate_type=aggregate._meta.label_lower if aggregate is not None else "",
        aggregate_id=str(aggregate.pk) if aggregate is not None else "",
        request_id=context.current().request_id,
    )
    if _task_queue_is_transactional():
        # The task row is written in this same transaction: committed with the event or not at
        # all, so no event is ever left without a publisher (a crash after commit loses nothing).
        _enqueue_publish()
    else:
        transaction.on_commit(_enqueue_publish)
    return event


def _task_queue_is_transactional() -> bool:
    from django_tasks import task_backends
    from django_tasks_db import DatabaseBackend

    return isinstance(task_backends["default"], DatabaseBackend)


def _enqueue_publish() -> None:
    from .tasks import publish_outbox

    publish_outbox.enqueue()


def publish_pending(limit: int = 500) -> int:
    """Hand pending events to the in-process consumers, oldest first. Safe to run in several
    workers at once: each event is claimed with a row lock (SKIP LOCKED where supported)."""
    done = 0
    while done < limit:
        with transaction.atomic():
            qs = OutboxEvent.objects.filter(published_at__isnull=True).order_by("created_at")
            if transaction.get_connection().features.has_select_for_update_skip_locked:
                qs = qs.select_for_update(skip_locked=True)
            event = qs.first()
            if event is None:
                break
            try:
                for prefix, consumer in list(_consumers):
                    if event.type.startswith(prefix):
                        with transaction.atomic():
                            consumer(event)
            except Exception as exc:
                log.exception("outbox consumer failed for %s", event.id)
                OutboxEvent.objects.filter(pk=event.pk).update(
                    attempts=event.attempts + 1, last_error=repr(exc)[:2000]
                )
                break
            OutboxEvent.objects.filter(pk=event.pk).update(
                published_at=timezone.now(), attempts=event.attempts + 1, last_error=""
            )
            done += 1
    return done
