"""The transactional outbox: actions call `emit` inside their transaction; after commit, the task
worker publishes pending events to in-process consumers. External delivery (webhooks) is tracked
per subscriber by `anrong.integrations` and reads the same table."""

from __future__ import annotations

import logging
from collections.abc import Callable
from typing import Any

from django.core.serializers.json import DjangoJSONEncoder
from django.db import transaction
from django.db.models import F
from django.utils import timezone

from . import context
from .models import OutboxEvent

log = logging.getLogger(__name__)

Consumer = Callable[[OutboxEvent], None]
BatchConsumer = Callable[[list[OutboxEvent]], None]
# (event_prefix, consumer, takes_batch)
_consumers: list[tuple[str, Callable[..., None], bool]] = []
BATCH_SIZE = 200


def register_consumer(event_prefix: str, consumer: Consumer) -> None:
    """Run `consumer` for every published event whose type starts with `event_prefix`
    ("" for all). Consumers must be idempotent: an event may be published again after a crash."""
    if (event_prefix, consumer, False) not in _consumers:
        _consumers.append((event_prefix, consumer, False))


def register_batch_consumer(event_prefix: str, consumer: BatchConsumer) -> None:
    """Like `register_consumer`, but `consumer` gets the matching events of a batch in one call
    (oldest first), so it can write what they cause in a few queries (webhook fan-out)."""
    if (event_prefix, consumer, True) not in _consumers:
        _consumers.append((event_prefix, consumer, True))


_after_publish: list[Callable[[], Any]] = []


def register_after_publish(hook: Callable[[], Any]) -> None:
    """Run `hook` in the publish task after each publishing run, outside its transactions
    (webhook delivery starts there at once instead of waiting for a task of its own)."""
    if hook not in _after_publish:
        _after_publish.append(hook)


def run_after_publish() -> None:
    for hook in list(_after_publish):
        try:
            hook()
        except Exception:
            log.exception("after-publish hook %s failed", hook)


def unregister_consumer(event_prefix: str, consumer: Callable[..., None]) -> None:
    """Stop running `consumer` (either kind); used by tests."""
    _consumers[:] = [c for c in _consumers if c[:2] != (event_prefix, consumer)]


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
    if task_queue_is_transactional():
        # The task row is written in this same transaction: committed with the event or not at
        # all, so no event is ever left without a publisher (a crash after commit loses nothing).
        # One task per transaction is enough: it publishes every pending event.
        if not _publish_enqueued(conn):
            _enqueue_publish()
            transaction.on_commit(_publish_marker)
    else:
        transaction.on_commit(_enqueue_publish)
    return event


def _publish_marker() -> None:
    """Registered on commit to say "this transaction has enqueued its publish task already".
    Django drops it with the rest of a rolled-back (savepoint) block, as it drops the task row."""


def _publish_enqueued(conn) -> bool:  # type: ignore[no-untyped-def]
    return any(callback is _publish_marker for _sids, callback, *_rest in conn.run_on_commit)


def task_queue_is_transactional() -> bool:
    from django_tasks import task_backends
    from django_tasks_db import DatabaseBackend

    return isinstance(task_backends["default"], DatabaseBackend)


def _enqueue_publish() -> None:
    from .tasks import publish_outbox

    publish_outbox.enqueue()


def _consume(events: list[OutboxEvent]) -> None:
    for prefix, consumer, takes_batch in list(_consumers):
        matching = [event for event in events if event.type.startswith(prefix)]
        if not matching:
            continue
        if takes_batch:
            consumer(matching)
        else:
            for event in matching:
                consumer(event)


def publish_pending(limit: int = 10_000, batch_size: int = BATCH_SIZE,
                    first: Callable[[], Any] | None = None) -> int:
    """Hand pending events to the in-process consumers, oldest first, a batch per transaction.
    Safe to run in several workers at once: events are claimed with row locks (SKIP LOCKED where
    supported). If a batch fails, its events are retried one by one, so one bad event is recorded
    (attempts, last_error) and holds back only the events after it, until the next run.
    `first` runs inside the first batch's transaction, before it looks for events."""
    done = 0
    while done < limit:
        with transaction.atomic():
            if first is not None:
                first()
                first = None
            qs = OutboxEvent.objects.filter(published_at__isnull=True).order_by("created_at")
            if transaction.get_connection().features.has_select_for_update_skip_locked:
                qs = qs.select_for_update(skip_locked=True)
            events = list(qs[: min(batch_size, limit - done)])
            if not events:
                break
            published = _publish_batch(events)
            OutboxEvent.objects.filter(pk__in=[event.pk for event in published]).update(
                published_at=timezone.now(), attempts=F("attempts") + 1, last_error=""
            )
            done += len(published)
            if len(published) < len(events):
                break
    return done


def _publish_batch(events: list[OutboxEvent]) -> list[OutboxEvent]:
    """Run the consumers over the batch; the events that were consumed (all, or the ones before
    the first that failed)."""
    try:
        with transaction.atomic():
            _consume(events)
        return events
    except Exception:
        log.warning("outbox batch of %d failed; publishing one by one", len(events))
    published: list[OutboxEvent] = []
    for event in events:
        try:
            with transaction.atomic():
                _consume([event])
        except Exception as exc:
            log.exception("outbox consumer failed for %s", event.id)
            OutboxEvent.objects.filter(pk=event.pk).update(
                attempts=F("attempts") + 1, last_error=repr(exc)[:2000]
            )
            break
        published.append(event)
    return published
