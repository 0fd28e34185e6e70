"""Background work of the emergency alerts, run by `manage.py db_worker`."""

from __future__ import annotations

import datetime as dt

from django.utils import timezone
from django_tasks import task, task_backends

RETRY_AFTER = (dt.timedelta(seconds=30), dt.timedelta(minutes=2), dt.timedelta(minutes=10),
               dt.timedelta(minutes=30))


@task()
def deliver_alert_push(alert_id: int, attempt: int = 0) -> dict[str, int]:
    """Push one alert to its area's subscribers (anrong.alerts.actions.deliver_push). Idempotent;
    when some deliveries failed, tries again later where the backend can defer."""
    from .actions import deliver_push

    counts = deliver_push(alert_id)
    backend = task_backends[deliver_alert_push.backend]
    if counts["failed"] and attempt < len(RETRY_AFTER) and backend.supports_defer:
        deliver_alert_push.using(run_after=timezone.now() + RETRY_AFTER[attempt]).enqueue(
            alert_id, attempt + 1)
    return counts
