"""Background work of the kernel, run by `manage.py db_worker`."""

from __future__ import annotations

from django_tasks import task

from . import outbox


@task()
def publish_outbox() -> int:
    """Publish pending outbox events to in-process consumers. Idempotent."""
    return outbox.publish_pending()


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
