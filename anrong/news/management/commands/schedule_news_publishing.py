"""Queue the newsroom's scheduled publishing for the task worker.

Wagtail publishes a page "at 10.30" only when something runs its scheduled publishing. The
publishing itself is a task (`anrong.news.tasks.publish_scheduled_pages`) run by the task
worker, like every other background job; this command only queues it, once or every N seconds.
`make run` starts `schedule_news_publishing --every 60` beside the worker (as `sweep_meetings
--every 60`); in production a timer or one long-running `--every 60` process. Queued runs that
pile up (the worker was down) are collapsed into one by the task itself."""

from __future__ import annotations

import time

from django.core.management.base import BaseCommand

from anrong.news.tasks import publish_scheduled_pages


class Command(BaseCommand):
    help = "Queue Wagtail's scheduled publishing of news articles for the task worker."

    def add_arguments(self, parser):  # type: ignore[no-untyped-def]
        parser.add_argument("--every", type=int, default=0,
                            help="Queue it every N seconds instead of once.")

    def handle(self, *args, every: int = 0, **options):  # type: ignore[no-untyped-def]
        while True:
            publish_scheduled_pages.enqueue()
            if not every:
                self.stdout.write("scheduled publishing queued")
                return
            time.sleep(every)
