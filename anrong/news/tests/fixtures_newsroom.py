"""The newsroom's test fixtures: a reporter and an editor in their Wagtail groups, and articles
made the way Wagtail makes them (a child of the news index, a revision, published or not)."""

from __future__ import annotations

import datetime as dt
from typing import Any

import pytest
from django.utils import timezone

from anrong.accounts.models import User
from anrong.agencies import actions as agency_actions
from anrong.agencies.models import Agency
from anrong.news import actions
from anrong.news.models import ArticlePage
from anrong.news.pages import ensure_newsroom


@pytest.fixture
def newsroom_staff(personas, root, editor):  # type: ignore[no-untyped-def]
    """(reporter, editor): a Diskominfo officer who reports, the platform editor who approves."""
    actions.ensure_newsroom_groups()
    reporter = User.objects.create_user(email="wartawan@makassarkota.go.id", password="x-Secret-12345",
                                        display_name="Wartawan Diskominfo")
    agency_actions.add_member(actor=root, user=reporter, agency=Agency.objects.get(code="DISKOMINFO"),
                              role="officer")
    actions.add_to_newsroom(actor=editor, user=reporter, role="reporter")
    actions.add_to_newsroom(actor=editor, user=editor, role="editor")
    return reporter, editor


def body(*paragraphs: str) -> list[tuple[str, Any]]:
    return [("paragraph", f"<p>{p}</p>") for p in paragraphs]


def make_article(*, title: str, lead: str = "Teras berita.", category: str = "pemerintahan",
                 tags: tuple[str, ...] = (), kecamatan: Any = None, paragraphs: tuple[str, ...] = (),
                 published_at: dt.datetime | None = None, live: bool = True,
                 user: Any = None) -> ArticlePage:
    """An article under the news index; published (live) at `published_at` unless live=False."""
    news, _checks = ensure_newsroom()
    article = ArticlePage(title=title, lead=lead, category=category, kecamatan=kecamatan,
                          body=body(*(paragraphs or ("Isi berita " + title + ".",))), live=False)
    news.add_child(instance=article)
    for tag in tags:
        article.tags.add(tag)
    revision = article.save_revision(user=user)
    if live:
        revision.publish(user=user)
        article.refresh_from_db()
        if published_at is not None:
            ArticlePage.objects.filter(pk=article.pk).update(
                first_published_at=published_at, last_published_at=published_at)
            article.refresh_from_db()
    return article


def at(year: int, month: int, day: int, hour: int = 10, minute: int = 30) -> dt.datetime:
    return timezone.make_aware(dt.datetime(year, month, day, hour, minute),
                               timezone=dt.timezone(dt.timedelta(hours=8)))
