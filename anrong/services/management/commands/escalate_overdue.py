"""Escalate applications past their due time to the agency's supervisors.

Run it from cron or a systemd timer (every 15 minutes is plenty: due times are end of day), or
with `--every SECONDS` as a small long-running process (`make run` starts one beside the
worker). Escalation is idempotent: each application is escalated once."""

from __future__ import annotations

import time

from django.core.management.base import BaseCommand

from anrong.services.actions import escalate_overdue


class Command(BaseCommand):
    help = "Escalate overdue applications to the agency's supervisors and admins."

    def add_arguments(self, parser):  # type: ignore[no-untyped-def]
        parser.add_argument("--every", type=int, default=0,
                            help="Repeat every N seconds instead of running once.")

    def handle(self, *args, every: int = 0, **options):  # type: ignore[no-untyped-def]
        while True:
            count = escalate_overdue()
            if count or not every:
                self.stdout.write(f"{count} overdue applications escalated")
            if not every:
                return
            time.sleep(every)
