"""Wagtail's page events feed Anrong's audit log and outbox; a published fact-check tells
everyone who sent its claim. Connected in NewsConfig.ready()."""

from __future__ import annotations

from typing import Any

from django.db.models.signals import post_save
from django.dispatch import receiver
from wagtail.models import PageLogEntry

# --- newsroom -----------------------------------------------------------------------------------
# Wagtail writes a PageLogEntry for every publish and unpublish, from its editor, its moderation
# workflow (the approving editor) and its scheduled publishing (no user): the one place that
# knows who did it on every path, so the audit and outbox hang off it rather than off
# `page_published` (which carries no user).


@receiver(post_save, sender=PageLogEntry, dispatch_uid="news_article_log_entry")
def _article_log_entry(sender: Any, instance: PageLogEntry, created: bool, **kwargs: Any) -> None:
    from . import actions
    from .actions.newsroom import ARTICLE_EVENTS

    if not created or instance.action not in ARTICLE_EVENTS or instance.page_id is None:
        return
    actions.record_article_event(page=instance.page, action=instance.action, actor=instance.user,
                                 revision_id=instance.revision_id)


# --- Cek Fakta ----------------------------------------------------------------------------------


def _fact_check_published(sender, instance, **kwargs):  # type: ignore[no-untyped-def]
    """Wagtail published a FactCheckPage (console or /cms/): its claims' submitters are told."""
    from . import actions

    actions.fact_check_published(page=instance)


def _fact_check_unpublished(sender, instance, **kwargs):  # type: ignore[no-untyped-def]
    """Wagtail took a FactCheckPage down: its claims go back to the fact-checkers' queue."""
    from . import actions

    actions.fact_check_unpublished(page=instance)


def _connect_factcheck() -> None:
    from wagtail.signals import page_published, page_unpublished

    from .models import FactCheckPage

    page_published.connect(_fact_check_published, sender=FactCheckPage,
                           dispatch_uid="news.factcheck_published")
    page_unpublished.connect(_fact_check_unpublished, sender=FactCheckPage,
                             dispatch_uid="news.factcheck_unpublished")


_connect_factcheck()
