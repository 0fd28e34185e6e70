"""Lapor's JSON API for the citizen app and the web map, mounted at /api/v1/reports/.

Public reads (the map's points and the list) need no sign-in and carry nothing about who made a
report; they may be cached for a minute. One report is answered to whoever may see it (a
private one only to its reporter and the agencies handling it; 404 for everyone else, as for
one that does not exist). Reporting, following, confirming and reopening need the signed-in
session or the citizen app's bearer token; agency API keys are refused (403): agency systems
use Open311 (/open311/v2/).

Errors use the platform's one body ({"code", "message", "details"}): 400 `invalid` with
`details.errors` {field: message} when a report cannot be filed as sent (fields: category,
description, location, photos, address, attribute[<code>]), 403 `forbidden`, 404 `not_found`,
409 `conflict`, 429 `rate_limited` (too many reports from one account or network)."""

from __future__ import annotations

import datetime as dt
import json
import math
from typing import Any

from django.http import Http404, HttpRequest, HttpResponse, JsonResponse
from django.urls import reverse
from django.utils.translation import gettext as _
from ninja import Query, Router, Status
from ninja.errors import HttpError
from ninja.responses import NinjaJSONEncoder
from ninja.security import SessionAuth

from anrong.core.api_auth import ApiKeyAuth, AppBearerAuth, api_auth, key_or_person
from anrong.core.middleware import client_ip

from . import actions, permissions, queries
from .categories import Category
from .errors import ReportError, ReportPermissionError, StaleReport, TooManyReports
from .forms import PER_PAGE
from .models import Report
from .photos import photo_response
from .schemas import FollowOut, MapOut, NoteIn, ReportIn, ReportOut, ReportPageOut

router = Router(tags=["reports"])

PUBLIC_CACHE = "public, max-age=60"
MAX_PAGE = 10_000


class _AnyoneWithoutCredentials:
    """Lets a caller with no credentials through as anonymous, after the session and the bearer
    token were tried. A caller who sent an Authorization header that was not accepted is
    refused (401) instead of silently reading as a stranger."""

    def __call__(self, request: HttpRequest) -> Any:
        if request.headers.get("Authorization"):
            return None
        return request.user


# An agency key with `complaints:read` reads its agency's reports, private ones included (the key
# acts as the agency's system account, which the permission functions treat as its staff).
ANYONE = [ApiKeyAuth("complaints:read"), AppBearerAuth(), SessionAuth(),
          _AnyoneWithoutCredentials()]
# In the schema: no credential at all, or the session, or the app's token.
ANYONE_OPENAPI = {"security": [{}, {"SessionAuth": []}, {"AppBearerAuth": []}]}

_CREATE = {
    "requestBody": {"content": {
        "multipart/form-data": {"schema": {
            "type": "object", "required": ["category", "description"],
            "properties": {
                "category": {"type": "string", "enum": list(Category.values)},
                "description": {"type": "string"},
                "lat": {"type": "number", "description": "Kosongkan untuk memakai lokasi EXIF foto."},
                "lng": {"type": "number"},
                "address": {"type": "string", "description": "Alamat atau patokan."},
                "is_public": {"type": "boolean", "default": True},
                "attributes": {"type": "string",
                               "description": "Isian tambahan kategori sebagai objek JSON."},
                "photos": {"type": "array", "maxItems": actions.MAX_PHOTOS,
                           "items": {"type": "string", "format": "binary"},
                           "description": "Foto JPG/PNG/WEBP; metadata dihapus."},
            },
        }},
        "application/json": {"schema": ReportIn.model_json_schema()},
    }},
}


# --- helpers ------------------------------------------------------------------------------------


def _error(status: int, code: str, message: str, errors: dict[str, str] | None = None
           ) -> JsonResponse:
    response = JsonResponse({"code": code, "message": message,
                             "details": {"errors": errors} if errors else {}}, status=status)
    if status == 429:
        response["Retry-After"] = "3600"
    return response


def _refused(exc: ReportError) -> JsonResponse:
    if isinstance(exc, ReportPermissionError):
        return _error(403, "forbidden", exc.message)
    if isinstance(exc, StaleReport):
        return _error(409, "conflict", exc.message)
    if isinstance(exc, TooManyReports):
        return _error(429, "rate_limited", exc.message)
    return _error(400, "invalid" if exc.errors else "bad_request", exc.message, exc.errors)


def _visible_or_404(request: HttpRequest, tracking_no: str) -> Report:
    report = queries.visible_report(request.user, tracking_no)
    if report is None:
        raise Http404
    return report


def _place(region: Any) -> dict[str, str]:
    return {"code": region.code, "name": region.name}


def _row(report: Report) -> dict[str, Any]:
    return {
        "tracking_no": report.tracking_no, "category": report.category,
        "category_label": str(report.get_category_display()), "status": report.status,
        "status_label": str(report.get_status_display()), "agency_code": report.agency.code,
        "agency_name": report.agency.name, "kelurahan": _place(report.kelurahan),
        "kecamatan": _place(report.kecamatan), "lat": report.lat, "lng": report.lng,
        "created_at": report.created_at,
        "url": reverse("reports:detail", args=[report.tracking_no]),
    }


def _out(request: HttpRequest, report: Report) -> dict[str, Any]:
    user = request.user
    photos = list(report.photos.all())
    return {
        **_row(report),
        "description": report.description, "address": report.address,
        "is_public": report.is_public, "note": report.note,
        "attributes": {str(k): str(v) for k, v in (report.attributes or {}).items()},
        "due_at": report.due_at, "first_response_at": report.first_response_at,
        "resolved_at": report.resolved_at, "confirmed_at": report.confirmed_at,
        "closed_at": report.closed_at, "confirm_deadline": permissions.confirm_deadline(report),
        "merged_into": report.merged_into.tracking_no if report.merged_into_id else None,
        "photos": [{"id": p.pk, "by_agency": p.by_agency,
                    "url": reverse("api-v1:reports_photo", args=[report.tracking_no, p.pk])}
                   for p in photos],
        "timeline": [{
            "kind": u.kind, "kind_label": str(u.get_kind_display()),
            "from_status": u.from_status, "to_status": u.to_status,
            "status_label": str(Report.Status(u.to_status).label) if u.to_status else "",
            "agency_code": u.agency.code if u.agency_id else None,
            "agency_name": u.agency.name if u.agency_id else None,
            "note": u.note, "at": u.at,
        } for u in queries.timeline(report, internal=False)],
        "is_mine": permissions.is_reporter(user, report),
        "following": queries.is_following(user, report),
        "can_follow": permissions.can_follow(user, report),
        "can_confirm": permissions.can_confirm(user, report),
        "can_reopen": permissions.can_reopen(user, report),
    }


def _fresh(request: HttpRequest, tracking_no: str) -> dict[str, Any]:
    return _out(request, _visible_or_404(request, tracking_no))


def _check_filters(category: str | None, status: str | None) -> None:
    if category and not set(category.split(",")) <= set(Category.values):
        raise HttpError(400, _("Kategori tidak dikenal. Pilih salah satu dari: %(values)s.")
                        % {"values": ", ".join(Category.values)})
    if status and not set(status.split(",")) <= {*Report.Status.values, "open", "closed"}:
        raise HttpError(400, _("Status tidak dikenal."))


def _bbox(text: str) -> tuple[float, float, float, float]:
    """south,west,north,east in degrees (WGS 84)."""
    try:
        south, west, north, east = (float(part) for part in text.split(","))
    except ValueError as exc:
        raise HttpError(400, _("bbox harus empat angka: selatan,barat,utara,timur "
                               "(mis. -5.20,119.38,-5.10,119.50).")) from exc
    values = (south, west, north, east)
    if (not all(math.isfinite(v) for v in values) or not -90 <= south <= north <= 90
            or not -180 <= west <= east <= 180):
        raise HttpError(400, _("bbox tidak sah: selatan ≤ utara (−90…90) dan barat ≤ timur "
                               "(−180…180)."))
    return values


def _cached(data: Any) -> HttpResponse:
    response = JsonResponse(data, safe=False, encoder=NinjaJSONEncoder)
    response["Cache-Control"] = PUBLIC_CACHE
    return response


# --- public reads -------------------------------------------------------------------------------


@router.get("/map", response=MapOut, auth=None, url_name="reports_map_points",
            summary="Titik laporan publik di peta / Public reports in a map area")
def map_points(  # type: ignore[no-untyped-def]
    request,
    bbox: str = Query(..., max_length=100, description="selatan,barat,utara,timur, mis. -5.20,119.38,-5.10,119.50"),  # noqa: B008
    category: str | None = Query(None, max_length=200, description="Satu atau beberapa kategori, dipisah koma."),  # noqa: B008
    status: str | None = Query(None, max_length=100, description="Status, `open` atau `closed`."),  # noqa: B008
    kecamatan: str | None = Query(None, max_length=13, description="Kode kecamatan, mis. 73.71.01."),  # noqa: B008
    since: dt.date | None = Query(None, description="Dilaporkan sejak tanggal ini (WITA)."),  # noqa: B008
    until: dt.date | None = Query(None, description="Dilaporkan sampai tanggal ini (WITA)."),  # noqa: B008
):
    """Public reports inside the area, newest first, at most 500: only what a marker needs
    (number, point, category, status, date). The same for everyone: cacheable for a minute."""
    south, west, north, east = _bbox(bbox)
    _check_filters(category, status)
    data = queries.map_points(south=south, west=west, north=north, east=east,
                              category=category or None, status=status or None,
                              kecamatan=kecamatan or None, since=since, until=until)
    return _cached(data)


@router.get("/", response=ReportPageOut, auth=None, url_name="reports_list",
            summary="Laporan publik / Public reports")
def public_list(  # type: ignore[no-untyped-def]
    request,
    category: str | None = Query(None, max_length=200),  # noqa: B008
    status: str | None = Query(None, max_length=100, description="Status, `open` atau `closed`."),  # noqa: B008
    kecamatan: str | None = Query(None, max_length=13),  # noqa: B008
    since: dt.date | None = Query(None),  # noqa: B008
    until: dt.date | None = Query(None),  # noqa: B008
    page: int = Query(1, ge=1, le=MAX_PAGE),  # noqa: B008
):
    """Newest first, 20 a page; the same filters as the public list at /lapor/."""
    _check_filters(category, status)
    start = (page - 1) * PER_PAGE
    rows = list(queries.public_reports(category=category or None, status=status or None,
                                       kecamatan=kecamatan or None, since=since,
                                       until=until)[start:start + PER_PAGE + 1])
    return _cached({"page": page, "per_page": PER_PAGE, "has_next": len(rows) > PER_PAGE,
                    "items": [_row(r) for r in rows[:PER_PAGE]]})


@router.get("/queue", response=ReportPageOut, auth=key_or_person("complaints:read"),
            url_name="reports_queue", tags=["reports", "staff"],
            summary="Antrean laporan OPD / An agency's report queue")
def agency_queue(  # type: ignore[no-untyped-def]
    request,
    agency: str = Query(..., max_length=40, description="Kode OPD, mis. DISHUB."),  # noqa: B008
    status: str | None = Query(None, max_length=100, description="Status, `open` atau `closed`; kosong: yang masih berjalan."),  # noqa: B008
    verifying: bool = Query(False, description="Kecamatan: laporan di wilayahnya yang menunggu verifikasi."),  # noqa: B008
    page: int = Query(1, ge=1, le=MAX_PAGE),  # noqa: B008
):
    """The agency's reports as in the console (open work, the soonest due first), private ones
    included, for its staff and its systems (an API key with `complaints:read`). Fetch one
    report for its description, photos and timeline."""
    from anrong.agencies.models import Agency

    found = Agency.objects.filter(code=agency.strip().upper(), is_active=True).first()
    if found is None or not permissions.can_view_agency_reports(request.user, found):
        raise Http404
    _check_filters(None, status)
    start = (page - 1) * PER_PAGE
    rows = list(queries.agency_queue(found, status=status or None,
                                     verifying=verifying)[start:start + PER_PAGE + 1])
    return {"page": page, "per_page": PER_PAGE, "has_next": len(rows) > PER_PAGE,
            "items": [_row(r) for r in rows[:PER_PAGE]]}


@router.get("/{tracking_no}", response=ReportOut, auth=ANYONE, url_name="reports_detail",
            openapi_extra=ANYONE_OPENAPI,
            summary="Satu laporan dan riwayatnya / One report and its timeline")
def report_detail(request, tracking_no: str):  # type: ignore[no-untyped-def]
    """A public report for anyone; a private one for its reporter and the agencies handling
    it. Never who made it (`is_mine` tells the reporter it is theirs)."""
    return _fresh(request, tracking_no)


@router.get("/{tracking_no}/photos/{photo_id}", auth=ANYONE, url_name="reports_photo",
            openapi_extra=ANYONE_OPENAPI,
            summary="Foto laporan / A report's photo")
def report_photo(request, tracking_no: str, photo_id: int):  # type: ignore[no-untyped-def]
    """The photo's bytes, stripped of every metadata block when it was taken in."""
    return photo_response(_visible_or_404(request, tracking_no), photo_id)


# --- the citizen's steps ------------------------------------------------------------------------


def _report_input(request: HttpRequest) -> tuple[dict[str, Any], list[Any]]:
    """(fields, photos) from a JSON or multipart body."""
    if request.content_type == "application/json":
        try:
            body = json.loads(request.body or b"{}")
        except ValueError as exc:
            raise HttpError(400, _("Badan permintaan bukan JSON yang sah.")) from exc
        if not isinstance(body, dict):
            raise HttpError(400, _("Badan permintaan bukan JSON yang sah."))
        fields, photos = body, []
    else:
        post = request.POST
        fields = {name: post.get(name) for name in ("category", "description", "lat", "lng",
                                                    "address", "is_public") if name in post}
        raw = post.get("attributes")
        if raw:
            try:
                fields["attributes"] = json.loads(raw)
            except ValueError as exc:
                raise HttpError(400, _("Isian `attributes` harus berupa objek JSON.")) from exc
        photos = request.FILES.getlist("photos")
    attributes = fields.get("attributes") or {}
    if not isinstance(attributes, dict):
        raise HttpError(400, _("Isian `attributes` harus berupa objek JSON."))
    is_public = fields.get("is_public", True)
    if isinstance(is_public, str):
        is_public = is_public.strip().lower() not in ("false", "0", "no", "tidak", "")
    return {
        "category": str(fields.get("category") or ""),
        "description": str(fields.get("description") or ""),
        "lat": fields.get("lat") if fields.get("lat") not in ("", None) else None,
        "lng": fields.get("lng") if fields.get("lng") not in ("", None) else None,
        "address": str(fields.get("address") or ""),
        "is_public": bool(is_public),
        "attributes": attributes,
    }, photos


@router.post("/", response={201: ReportOut}, auth=api_auth, openapi_extra=_CREATE,
             url_name="reports_create", summary="Kirim laporan / File a report")
def create(request):  # type: ignore[no-untyped-def]
    """Category, description, a point (or a photo whose EXIF holds one), up to 3 photos,
    public or private. Refused with `details.errors` beside the fields when it cannot be filed:
    photos that are not images or too large, a point outside Kota Makassar; 429 for a flood.
    Send an `Idempotency-Key` header (up to 64 characters): a retry with the same key answers
    the report already filed instead of filing it twice."""
    fields, photos = _report_input(request)
    try:
        report = actions.submit_report(reporter=request.user, photos=photos,
                                       source=Report.Source.API, sender_ip=client_ip(request),
                                       idempotency_key=request.headers.get("Idempotency-Key"),
                                       **fields)
    except ReportError as exc:
        return _refused(exc)
    return Status(201, _fresh(request, report.tracking_no))


@router.post("/{tracking_no}/follow", response=FollowOut, auth=api_auth,
             url_name="reports_follow", summary="Ikuti laporan / Follow a report")
def follow(request, tracking_no: str):  # type: ignore[no-untyped-def]
    report = _visible_or_404(request, tracking_no)
    try:
        actions.follow(user=request.user, report=report)
    except ReportError as exc:
        return _refused(exc)
    return {"tracking_no": report.tracking_no, "following": True}


@router.delete("/{tracking_no}/follow", response=FollowOut, auth=api_auth,
               url_name="reports_unfollow", summary="Berhenti mengikuti / Unfollow a report")
def unfollow(request, tracking_no: str):  # type: ignore[no-untyped-def]
    report = _visible_or_404(request, tracking_no)
    try:
        actions.unfollow(user=request.user, report=report)
    except ReportError as exc:
        return _refused(exc)
    return {"tracking_no": report.tracking_no, "following": False}


@router.post("/{tracking_no}/confirm", response=ReportOut, auth=api_auth,
             url_name="reports_confirm", summary="Sudah beres / Confirm the fix")
def confirm(request, tracking_no: str):  # type: ignore[no-untyped-def]
    """The reporter, within 7 days of the agency resolving it."""
    report = _visible_or_404(request, tracking_no)
    try:
        actions.confirm(actor=request.user, report=report)
    except ReportError as exc:
        return _refused(exc)
    return _fresh(request, report.tracking_no)


@router.post("/{tracking_no}/reopen", response=ReportOut, auth=api_auth,
             url_name="reports_reopen", summary="Belum beres, buka lagi / Reopen")
def reopen(request, tracking_no: str, body: NoteIn):  # type: ignore[no-untyped-def]
    """The reporter, within 7 days of the agency resolving it, saying what is still wrong."""
    report = _visible_or_404(request, tracking_no)
    try:
        actions.reopen(actor=request.user, report=report, note=body.note)
    except ReportError as exc:
        return _refused(exc)
    return _fresh(request, report.tracking_no)
