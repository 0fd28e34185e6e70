"""Background work of the newsroom, run by `manage.py db_worker`."""

from __future__ import annotations

from django_tasks import task

from anrong.core.tasks import drop_redundant


@task()
def publish_scheduled_pages() -> None:
    """Publish the articles whose scheduled time has come and unpublish the expired ones
    (Wagtail's scheduled publishing). Idempotent: a run publishes whatever is due, so queued
    runs it makes redundant are dropped first."""
    from . import actions

    drop_redundant(publish_scheduled_pages)
    actions.publish_scheduled_pages()
