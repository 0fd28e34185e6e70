"""Newsroom writes: groups, workflow, scheduled publishing, audit of Wagtail page events.

Pages themselves are written by Wagtail (its editor, its moderation workflow, its scheduled
publishing); what Anrong adds is who may work there (the "Reporter" and "Editor" groups, joined
through `add_to_newsroom`), the workflow on the news index, and the audit log and outbox events
of every article published or unpublished (`record_article_event`, fed by Wagtail's log entries
in `anrong.news.signals`)."""

from __future__ import annotations

from typing import Any

from django.contrib.auth.models import Group, Permission
from django.core.management import call_command
from django.db import transaction
from django.utils.translation import gettext as _
from wagtail.models import (
    Collection,
    GroupApprovalTask,
    GroupCollectionPermission,
    GroupPagePermission,
    Page,
    Workflow,
    WorkflowPage,
    WorkflowTask,
)

from anrong.accounts.roles import forget_cached_roles
from anrong.core.audit import record_audit
from anrong.core.outbox import emit

from .. import permissions
from ..errors import NewsError, NewsPermissionError
from ..models import ArticlePage
from ..pages import ensure_newsroom

__all__ = [
    "NEWSROOM_ROLES",
    "add_to_newsroom",
    "ensure_newsroom_groups",
    "publish_scheduled_pages",
    "record_article_event",
    "remove_from_newsroom",
]

REPORTER_GROUP = "Reporter"
EDITOR_GROUP = "Editor"
WORKFLOW_NAME = "Moderasi berita"
TASK_NAME = "Persetujuan redaktur"
NEWSROOM_ROLES = {"reporter": REPORTER_GROUP, "editor": EDITOR_GROUP}

# Wagtail's page permissions on the news index (and so every article under it).
_PAGE_PERMS = {
    REPORTER_GROUP: ("add_page", "change_page"),
    EDITOR_GROUP: ("add_page", "change_page", "publish_page", "lock_page", "unlock_page",
                   "bulk_delete_page"),
}
# Images (lead images, figures) in the root collection.
_IMAGE_PERMS = {
    REPORTER_GROUP: ("add_image", "choose_image"),
    EDITOR_GROUP: ("add_image", "change_image", "choose_image", "delete_image"),
}
# Page events Wagtail logs -> our outbox event type.
ARTICLE_EVENTS = {
    "wagtail.publish": "news.article_published",
    "wagtail.publish.scheduled": "news.article_published",
    "wagtail.unpublish": "news.article_unpublished",
    "wagtail.unpublish.scheduled": "news.article_unpublished",
}


def _perm(app_label: str, codename: str) -> Permission:
    return Permission.objects.get(content_type__app_label=app_label, codename=codename)


@transaction.atomic
def ensure_newsroom_groups() -> tuple[Group, Group, Workflow]:
    """The groups "Reporter" (draft, submit for moderation) and "Editor" (approve, publish) with
    their Wagtail permissions, and the workflow "Moderasi berita" (one task: an editor approves)
    assigned to the news index. Idempotent: run by the news seeder (every `make run`) and by tests."""
    news, _checks = ensure_newsroom()
    access_admin = _perm("wagtailadmin", "access_admin")
    root_collection = Collection.get_first_root_node()
    groups = {}
    for name in (REPORTER_GROUP, EDITOR_GROUP):
        group, _created = Group.objects.get_or_create(name=name)
        group.permissions.add(access_admin)
        for codename in _PAGE_PERMS[name]:
            GroupPagePermission.objects.get_or_create(
                group=group, page=news, permission=_perm("wagtailcore", codename))
        for codename in _IMAGE_PERMS[name]:
            GroupCollectionPermission.objects.get_or_create(
                group=group, collection=root_collection,
                permission=_perm("wagtailimages", codename))
        groups[name] = group
    workflow, _created = Workflow.objects.get_or_create(name=WORKFLOW_NAME)
    task = GroupApprovalTask.objects.filter(name=TASK_NAME).first()
    if task is None:
        task = GroupApprovalTask.objects.create(name=TASK_NAME)
    task.groups.set([groups[EDITOR_GROUP]])
    WorkflowTask.objects.get_or_create(workflow=workflow, task=task, defaults={"sort_order": 0})
    if not workflow.active:
        workflow.active = True
        workflow.save(update_fields=["active"])
    WorkflowPage.objects.update_or_create(page=news, defaults={"workflow": workflow})
    return groups[REPORTER_GROUP], groups[EDITOR_GROUP], workflow


def _check_role(role: str) -> str:
    if role not in NEWSROOM_ROLES:
        raise NewsError(_("Peran redaksi tidak dikenal: pilih reporter atau editor."))
    return NEWSROOM_ROLES[role]


@transaction.atomic
def add_to_newsroom(*, actor: Any, user: Any, role: str) -> Group:
    """Put a staff member in the newsroom as a reporter or an editor (one role at a time)."""
    group_name = _check_role(role)
    if not permissions.can_manage_newsroom(actor):
        raise NewsPermissionError(_("Hanya redaktur atau admin sistem yang dapat mengatur redaksi."))
    if not permissions.can_join_newsroom(user):
        raise NewsError(_("Hanya petugas (dengan masuk dua langkah) yang dapat bekerja di redaksi. "
                          "Beri dulu akun ini peran petugas."))
    reporter, editor, _workflow = ensure_newsroom_groups()
    group = reporter if group_name == REPORTER_GROUP else editor
    user.groups.remove(editor if group is reporter else reporter)
    user.groups.add(group)
    forget_cached_roles(user)
    record_audit(actor=actor, action="news.newsroom_member_added", target=user,
                 details={"role": role})
    emit("news.newsroom_member_added", {"user": user.pk, "role": role}, aggregate=user)
    return group


@transaction.atomic
def remove_from_newsroom(*, actor: Any, user: Any) -> None:
    if not permissions.can_manage_newsroom(actor):
        raise NewsPermissionError(_("Hanya redaktur atau admin sistem yang dapat mengatur redaksi."))
    user.groups.remove(*Group.objects.filter(name__in=NEWSROOM_ROLES.values()))
    record_audit(actor=actor, action="news.newsroom_member_removed", target=user)
    emit("news.newsroom_member_removed", {"user": user.pk}, aggregate=user)


def article_snapshot(article: ArticlePage) -> dict[str, Any]:
    """The outbox payload of an article event: what a subscriber (the mobile app's push, a
    partner's site) needs to fetch or drop it."""
    return {
        "id": article.pk,
        "title": article.title,
        "slug": article.slug,
        "url": article.full_url or "",
        "category": article.category,
        "kecamatan": article.kecamatan_id,  # the Kemendagri code, e.g. "73.71.13"
        "first_published_at": article.first_published_at,
        "live": article.live,
    }


@transaction.atomic
def record_article_event(*, page: Page, action: str, actor: Any, revision_id: int | None = None) -> bool:
    """Audit and outbox for a Wagtail page event (`action` is Wagtail's log action). Only
    articles; other actions are ignored. Returns whether something was recorded."""
    event_type = ARTICLE_EVENTS.get(action)
    if event_type is None:
        return False
    article = page.specific
    if not isinstance(article, ArticlePage):
        return False
    record_audit(actor=actor, action=event_type, target=article,
                 details={"wagtail_action": action, "revision": revision_id})
    emit(event_type, article_snapshot(article), aggregate=article)
    return True


def publish_scheduled_pages() -> None:
    """Wagtail's scheduled publishing: publish revisions whose go-live time has come, unpublish
    pages whose expiry has passed. Each page is published by Wagtail's own action (one per page,
    so one failure does not undo the others), and its log entry feeds `record_article_event`."""
    call_command("publish_scheduled", verbosity=0)
