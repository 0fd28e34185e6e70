"""Serving a report's photo, the same way to the pages and the API: the bytes as stored
(metadata stripped when the photo was taken in), never in a shared cache."""

from __future__ import annotations

from django.http import FileResponse, Http404

from .models import Report


def photo_response(report: Report, photo_id: int) -> FileResponse:
    """The photo of `report` (already checked visible by the caller), or Http404."""
    found = report.photos.filter(pk=photo_id).first()
    if found is None:
        raise Http404
    try:
        handle = found.file.open("rb")
    except FileNotFoundError as exc:
        raise Http404 from exc
    response = FileResponse(handle, content_type=found.content_type)
    response["Content-Disposition"] = "inline"
    response["X-Content-Type-Options"] = "nosniff"
    # A public report's photo may stay in the browser a while; a private one is not kept.
    response["Cache-Control"] = "private, max-age=3600" if report.is_public else "private, no-store"
    return response
