"""Escalate overdue work in every module that keeps a clock (Layanan: applications past their
due time; Lapor: reports with no first response within 2×24 hours).

Run it from cron or a systemd timer (every 15 minutes), or with `--every SECONDS` as a small
long-running process (`make run` starts one beside the worker). Escalation is idempotent: each
item is escalated once."""

from __future__ import annotations

import time

from django.core.management.base import BaseCommand

from anrong.core import modules


class Command(BaseCommand):
    help = "Escalate overdue work (applications, reports) to the people who must act."

    def add_arguments(self, parser):  # type: ignore[no-untyped-def]
        parser.add_argument("--every", type=int, default=0,
                            help="Repeat every N seconds instead of running once.")

    def handle(self, *args, every: int = 0, **options):  # type: ignore[no-untyped-def]
        while True:
            counts = modules.escalate_everywhere()
            if any(counts.values()) or not every:
                self.stdout.write(", ".join(f"{slug}: {n} escalated" for slug, n in counts.items()))
            if not every:
                return
            time.sleep(every)
