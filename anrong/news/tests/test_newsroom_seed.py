"""The demo data: groups, workflow, demo articles, through the real Wagtail paths; run twice it
adds nothing."""

from __future__ import annotations

import pytest

from anrong.accounts.demo import seed_demo_accounts
from anrong.agencies.seed import seed_agencies
from anrong.core.models import OutboxEvent
from anrong.news.models import ArticlePage
from anrong.news.seed import DEMO_ARTICLES, seed_news

pytestmark = pytest.mark.django_db


def test_the_demo_newsroom_has_articles_an_editor_and_a_reporter(client):
    seed_agencies()
    seed_demo_accounts()

    seed_news()
    seed_news()

    assert ArticlePage.objects.live().count() == len(DEMO_ARTICLES)
    assert OutboxEvent.objects.filter(type="news.article_published").count() == len(DEMO_ARTICLES)
    from django.contrib.auth import get_user_model

    users = get_user_model().objects
    assert list(users.get(email="redaksi@demo.anrong.id").groups.values_list("name", flat=True)) == ["Editor"]
    assert list(users.get(email="petugas.dinkes@demo.anrong.id").groups.values_list("name", flat=True)) == ["Reporter"]
    assert "Puskesmas Kassi-Kassi" in client.get("/berita/").content.decode()
