"""Wagtail's page events feed Anrong's audit log and outbox; a published fact-check tells
everyone who sent its claim. Connected in NewsConfig.ready()."""

from __future__ import annotations

# --- newsroom -----------------------------------------------------------------------------------


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
