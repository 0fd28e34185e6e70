"""Reads of application documents: the public verification lookup, a document for someone allowed
to see it, an application's current uploads and its output."""

from __future__ import annotations

from typing import Any

from django.db.models import QuerySet

from .. import permissions
from ..models import Application, Document


def _with_application() -> QuerySet[Document]:
    return Document.objects.select_related("application__service", "application__agency")


def document_by_verification_code(code: str) -> Document | None:
    """The output document whose QR carries `code`, or None. For the public page: callers must
    show nothing personal from it."""
    if not code:
        return None
    return _with_application().filter(kind=Document.Kind.OUTPUT, verification_code=code).first()


def document_for(user: Any, document_id: int) -> Document | None:
    """The document if `user` may see it; None both when it does not exist and when they may not
    (so a page can answer 404 alike and reveal nothing)."""
    document = _with_application().filter(pk=document_id).first()
    if document is None or not permissions.can_view_document(user, document):
        return None
    return document


def output_document(application: Application) -> Document | None:
    """The newest output document of the application, or None."""
    return (Document.objects.filter(application=application, kind=Document.Kind.OUTPUT)
            .order_by("-created_at", "-id").first())
