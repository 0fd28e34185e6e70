"""The citizen's side of applications: their list, one application with its timeline, a life
event's applications tracked together. Each read returns only the viewer's own rows (a
stranger's tracking number reads as not found, never as forbidden)."""

from __future__ import annotations

from typing import Any

from django.db.models import Prefetch, QuerySet

from ..models import Application, Document, LifeEventFiling, Service, StatusChange


def my_applications(user: Any, *, limit: int = 100) -> list[Application]:
    """The citizen's applications, newest first, with what the list shows (one query)."""
    if not getattr(user, "is_authenticated", False):
        return []
    return list(
        Application.objects.filter(citizen=user)
        .select_related("service", "agency", "life_event_filing")
        .only("tracking_no", "status", "created_at", "submitted_at", "due_at", "decided_at",
              "service__name", "service__code", "agency__name", "agency__short_name",
              "life_event_filing__reference")
        .order_by("-created_at", "-id")[:limit]
    )


def _with_timeline(qs: QuerySet[Application]) -> QuerySet[Application]:
    return qs.select_related(
        "service", "agency", "form_version", "kelurahan", "life_event_filing",
    ).prefetch_related(
        Prefetch("status_changes", queryset=StatusChange.objects.order_by("at", "id")),
        Prefetch("documents", queryset=Document.objects.filter(replaced_at__isnull=True)
                 .order_by("created_at", "id"), to_attr="current_documents"),
    )


def my_application(user: Any, tracking_no: str) -> Application | None:
    """One application of the citizen with its timeline and current documents (4 queries)."""
    if not getattr(user, "is_authenticated", False):
        return None
    return _with_timeline(Application.objects.filter(citizen=user,
                                                     tracking_no=tracking_no)).first()


def my_filing(user: Any, reference: str) -> LifeEventFiling | None:
    if not getattr(user, "is_authenticated", False):
        return None
    return (LifeEventFiling.objects.filter(citizen=user, reference=reference)
            .select_related("life_event")
            .prefetch_related(Prefetch(
                "applications",
                queryset=Application.objects.select_related("service", "agency")
                .order_by("service__name")))
            .first())


def applicable_service(code: str) -> Service | None:
    """An active service that can be applied for online here, with its agency."""
    return (Service.objects.filter(code=code, is_active=True, delivery=Service.Delivery.ONLINE)
            .select_related("agency", "category").first())


def current_uploads(application: Application) -> dict[str, Document]:
    documents = getattr(application, "current_documents", None)
    if documents is None:
        documents = application.documents.filter(replaced_at__isnull=True)
    return {doc.field_name: doc for doc in documents if doc.kind == Document.Kind.UPLOAD}


def outputs(application: Application) -> list[Document]:
    documents = getattr(application, "current_documents", None)
    if documents is None:
        documents = application.documents.filter(replaced_at__isnull=True)
    return [doc for doc in documents if doc.kind == Document.Kind.OUTPUT]


def visible_application(user: Any, tracking_no: str) -> Application | None:
    """An application with its timeline and documents if `user` may see it (its citizen, or a
    member of the handling agency once submitted); None otherwise."""
    from .. import permissions

    application = _with_timeline(Application.objects.filter(tracking_no=tracking_no)).select_related(
        "citizen").first()
    if application is None or not permissions.can_view_application(user, application):
        return None
    return application
