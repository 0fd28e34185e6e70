"""Background work of Integrasi, run by `manage.py db_worker`."""

from __future__ import annotations

from django_tasks import task


@task()
def deliver_webhooks() -> dict[str, int]:
    """Send the webhook deliveries that are due (see anrong.integrations.delivery). Idempotent:
    a delivery is claimed before it is sent, and a second run finds nothing due."""
    from . import delivery

    return delivery.deliver_now()
