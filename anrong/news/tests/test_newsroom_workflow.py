"""The newsroom in Wagtail: groups, the moderation workflow on the news index, staff-only
membership, Anrong's sign-in in front of /cms/, and audit + outbox of every publish."""

from __future__ import annotations

import pytest
from django.contrib.auth.models import Group
from django.urls import reverse
from wagtail.models import WorkflowPage

from anrong.accounts.testing import sign_in
from anrong.core.models import AuditEvent, OutboxEvent
from anrong.news import actions
from anrong.news.errors import NewsError, NewsPermissionError
from anrong.news.models import ArticlePage
from anrong.news.pages import ensure_newsroom

from . import fixtures_newsroom
from .fixtures_newsroom import make_article

newsroom_staff = fixtures_newsroom.newsroom_staff

pytestmark = pytest.mark.django_db


def test_the_groups_and_the_workflow_are_made_once_and_bound_to_the_news_index(newsroom):
    reporter, editor, workflow = actions.ensure_newsroom_groups()
    again = actions.ensure_newsroom_groups()

    assert again == (reporter, editor, workflow)
    assert Group.objects.filter(name__in=["Reporter", "Editor"]).count() == 2
    news, _checks = newsroom
    assert WorkflowPage.objects.get(page=news).workflow == workflow
    task = workflow.tasks.get().specific
    assert list(task.groups.all()) == [editor]
    reporter_perms = set(reporter.page_permissions.values_list("permission__codename", flat=True))
    editor_perms = set(editor.page_permissions.values_list("permission__codename", flat=True))
    assert reporter_perms == {"add_page", "change_page"}
    assert "publish_page" in editor_perms


def test_a_reporter_can_draft_but_not_publish_and_an_editor_can(newsroom_staff):
    reporter, editor = newsroom_staff
    article = make_article(title="Jalan Perintis diperbaiki", live=False, user=reporter)

    assert article.permissions_for_user(reporter).can_edit()
    assert not article.permissions_for_user(reporter).can_publish()
    assert article.permissions_for_user(editor).can_publish()
    assert article.get_workflow().name == "Moderasi berita"


def test_an_editor_approves_a_submitted_article_and_it_is_published_audited_and_announced(
        client, newsroom_staff):
    reporter, editor = newsroom_staff
    article = make_article(title="Pasar Terong dibuka kembali", live=False, user=reporter)
    state = article.get_workflow().start(article, reporter)
    task_state = state.current_task_state
    assert not ArticlePage.objects.get(pk=article.pk).live

    sign_in(client, editor)
    response = client.post(reverse("wagtailadmin_pages:workflow_action",
                                   args=[article.pk, "approve", task_state.pk]), {"comment": "Oke"})

    assert response.status_code in (200, 302)
    article.refresh_from_db()
    assert article.live
    audit = AuditEvent.objects.get(action="news.article_published", target_id=str(article.pk))
    assert audit.actor == editor
    event = OutboxEvent.objects.get(type="news.article_published")
    assert event.payload["slug"] == "pasar-terong-dibuka-kembali"
    assert event.payload["category"] == "pemerintahan"


def test_unpublishing_an_article_is_audited_and_announced(newsroom_staff):
    reporter, editor = newsroom_staff
    article = make_article(title="Jadwal CFD Boulevard", user=editor)

    article.unpublish(user=editor)

    audit = AuditEvent.objects.get(action="news.article_unpublished")
    assert audit.actor == editor and audit.target_id == str(article.pk)
    assert OutboxEvent.objects.filter(type="news.article_unpublished").count() == 1


def test_publishing_other_pages_records_no_article_event(newsroom):
    news, checks = ensure_newsroom()
    checks.save_revision().publish()

    assert not OutboxEvent.objects.filter(type__startswith="news.article_").exists()


def test_scheduled_articles_are_published_by_the_task_when_their_time_comes(newsroom_staff):
    import datetime as dt

    from django.utils import timezone

    from anrong.news.tasks import publish_scheduled_pages

    reporter, editor = newsroom_staff
    article = make_article(title="Pengumuman pajak daerah", live=False, user=reporter)
    article.go_live_at = timezone.now() + dt.timedelta(hours=1)
    revision = article.save_revision(user=editor)
    revision.publish(user=editor)  # an editor approves it for later
    article.refresh_from_db()
    assert not article.live  # scheduled, not yet

    publish_scheduled_pages.enqueue()
    article.refresh_from_db()
    assert not article.live

    # an hour later: the approved time, and the go-live time in the revision, have passed
    past = timezone.now() - dt.timedelta(minutes=1)
    revision.content["go_live_at"] = past.isoformat()
    revision.approved_go_live_at = past
    revision.save(update_fields=["content", "approved_go_live_at"])
    publish_scheduled_pages.enqueue()  # the immediate backend runs it now

    article.refresh_from_db()
    assert article.live
    audit = AuditEvent.objects.get(action="news.article_published", target_id=str(article.pk))
    assert audit.actor is None  # the system, at the scheduled time
    assert audit.details["wagtail_action"] == "wagtail.publish.scheduled"


def test_only_editors_and_sysadmins_put_staff_in_the_newsroom(personas, editor, newsroom):
    officer = personas["officer"]
    for actor in (personas["anonymous"], personas["citizen"], personas["officer"],
                  personas["agency_admin"]):
        with pytest.raises(NewsPermissionError):
            actions.add_to_newsroom(actor=actor, user=officer, role="reporter")
        assert not officer.groups.exists()
    assert not AuditEvent.objects.filter(action="news.newsroom_member_added").exists()

    actions.add_to_newsroom(actor=personas["sysadmin"], user=officer, role="reporter")
    actions.add_to_newsroom(actor=editor, user=officer, role="editor")

    assert list(officer.groups.values_list("name", flat=True)) == ["Editor"]
    actions.remove_from_newsroom(actor=editor, user=officer)
    assert not officer.groups.exists()


def test_a_citizen_is_never_put_in_the_newsroom(personas, editor, newsroom):
    citizen = personas["citizen"]

    with pytest.raises(NewsError):
        actions.add_to_newsroom(actor=editor, user=citizen, role="reporter")
    with pytest.raises(NewsError):
        actions.add_to_newsroom(actor=editor, user=personas["officer"], role="pemimpin")

    assert not citizen.groups.exists()


def test_cms_sends_strangers_to_anrongs_sign_in_and_staff_through_totp(client, newsroom_staff):
    reporter, _editor = newsroom_staff

    response = client.get("/cms/")
    assert response.status_code == 302
    assert response["Location"].startswith(reverse("account_login"))

    client.force_login(reporter)  # a password alone (e.g. Wagtail's own form) is not enough
    response = client.get("/cms/")
    assert response.status_code == 302
    assert "/akun/2fa/" in response["Location"]

    sign_in(client, reporter)
    assert client.get("/cms/").status_code == 200


def test_the_embed_finder_builds_players_without_fetching():
    from wagtail.embeds.embeds import get_embed_hash  # noqa: F401 (Wagtail's embeds are importable)

    from anrong.news.embeds import OfflineVideoFinder, video_source

    finder = OfflineVideoFinder()
    assert video_source("https://www.youtube.com/watch?v=dQw4w9WgXcQ") == ("youtube", "dQw4w9WgXcQ")
    assert video_source("https://youtu.be/dQw4w9WgXcQ") == ("youtube", "dQw4w9WgXcQ")
    assert video_source("https://vimeo.com/76979871") == ("vimeo", "76979871")
    assert video_source("https://example.com/video.mp4") is None
    assert video_source("javascript:alert(1)//youtube.com/watch?v=dQw4w9WgXcQ") is None
    embed = finder.find_embed("https://www.youtube.com/watch?v=dQw4w9WgXcQ")
    assert 'src="https://www.youtube-nocookie.com/embed/dQw4w9WgXcQ"' in embed["html"]
    assert not finder.accept("https://evil.example/?v=dQw4w9WgXcQ")
