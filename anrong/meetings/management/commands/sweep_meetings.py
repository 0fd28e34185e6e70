"""Close presences and attendance sessions whose connection stopped being seen: a node that
died, a phone that lost its network without saying goodbye. Each node's room engine refreshes
its live connections every 30 seconds (`actions.touch`); what has not been refreshed for 90
seconds is closed at the time it was last seen, and the lobby is let in.

Run it every minute: `make run` starts `sweep_meetings --every 60` beside the server; in
production a timer or one long-running `--every 60` process (it is safe to run on several
nodes at once: each meeting is locked while it is swept)."""

from __future__ import annotations

import time

from django.core.management.base import BaseCommand

from anrong.meetings.actions import sweep


class Command(BaseCommand):
    help = "Close meeting presences whose connection has not been seen for 90 seconds."

    def add_arguments(self, parser):  # type: ignore[no-untyped-def]
        parser.add_argument("--every", type=int, default=0,
                            help="Repeat every N seconds instead of running once.")
        parser.add_argument("--stale-after", type=int, default=90,
                            help="Seconds without a sign of life before a presence is closed.")

    def handle(self, *args, every: int = 0, stale_after: int = 90, **options):  # type: ignore[no-untyped-def]
        while True:
            closed = sweep(stale_after_s=stale_after)
            if closed or not every:
                self.stdout.write(f"{closed} stale meeting presences closed")
            if not every:
                return
            time.sleep(every)
