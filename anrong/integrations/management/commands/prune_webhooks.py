"""Forget old webhook history: delivered (and dead-lettered) deliveries older than --days, with
their attempts. Pending deliveries are never pruned. Run daily (cron or a timer):

    manage.py prune_webhooks --days 30
"""

from __future__ import annotations

import datetime as dt

from django.core.management.base import BaseCommand
from django.utils import timezone

from anrong.integrations.models import WebhookDelivery


class Command(BaseCommand):
    help = "Delete webhook deliveries (and their attempts) finished more than --days ago."

    def add_arguments(self, parser) -> None:  # type: ignore[no-untyped-def]
        parser.add_argument("--days", type=int, default=30)

    def handle(self, *args, days: int, **options) -> None:  # type: ignore[no-untyped-def]
        if days < 1:
            raise SystemExit("--days must be at least 1")
        cutoff = timezone.now() - dt.timedelta(days=days)
        old = WebhookDelivery.objects.filter(
            status__in=[WebhookDelivery.Status.SUCCEEDED, WebhookDelivery.Status.DEAD],
            created_at__lt=cutoff)
        deleted, by_model = old.delete()
        self.stdout.write(f"deleted {by_model.get('integrations.WebhookDelivery', 0)} deliveries "
                          f"and {by_model.get('integrations.WebhookAttempt', 0)} attempts "
                          f"older than {days} days")
