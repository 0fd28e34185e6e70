"""Lapor's citizen pages (/lapor/): the public list and map of public reports, a new report, one
report with its photos and timeline, and the reporter's and followers' steps. Thin: parse, ask
permissions and queries, call one action, render.

A report someone may not see answers 404, never 403: whether a private report exists is itself
private. The public pages never show who made a report; only the reporter reads "Laporan Anda"."""

from __future__ import annotations

from typing import Any

from django.conf import settings
from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils.http import urlencode
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods, require_POST, require_safe

from anrong.core.middleware import client_ip

from .. import actions, permissions, queries
from ..categories import Category
from ..errors import ReportError, TooManyReports
from ..forms import PER_PAGE, ReportDraft, ReportFilterForm, category_options, filter_params
from ..models import Report, ReportUpdate
from ..photos import photo_response

Status = Report.Status

# The errors of `actions.submit_report` by field, and where the page shows them.
FORM_FIELDS = ("category", "description", "location", "photos", "address")


def _visible_or_404(request: HttpRequest, tracking_no: str) -> Report:
    report = queries.visible_report(request.user, tracking_no)
    if report is None:
        raise Http404
    return report


def _page_link(params: dict[str, str], page: int) -> str:
    query = dict(params)
    if page > 1:
        query["page"] = str(page)
    return "?" + urlencode(query) if query else "?"


# --- the public list and map --------------------------------------------------------------------


@require_safe
def home(request: HttpRequest) -> HttpResponse:
    """/lapor/: public reports, newest first, 20 a page, with filters."""
    form = ReportFilterForm(request.GET)
    chosen = form.chosen()
    page = form.page_number()
    start = (page - 1) * PER_PAGE
    rows = list(queries.public_reports(**chosen)[start:start + PER_PAGE + 1])
    has_next = len(rows) > PER_PAGE
    params = filter_params(chosen)
    return render(request, "reports/home.html", {
        "form": form,
        "reports": rows[:PER_PAGE],
        "page": page,
        "filtered": bool(params),
        "params": params,
        "map_link": reverse("reports:map") + ("?" + urlencode(params) if params else ""),
        "previous_link": _page_link(params, page - 1) if page > 1 else "",
        "next_link": _page_link(params, page + 1) if has_next else "",
    })


@require_safe
def map_page(request: HttpRequest) -> HttpResponse:
    """/lapor/peta/: the markers come from the JSON API (the viewport's public reports); without
    JavaScript the page points to the list with the same filters."""
    form = ReportFilterForm(request.GET)
    params = filter_params(form.chosen())
    return render(request, "reports/map.html", {
        "form": form,
        "filtered": bool(params),
        "list_link": reverse("reports:home") + ("?" + urlencode(params) if params else ""),
        "points_url": reverse("api-v1:reports_map_points"),
        "detail_url": reverse("reports:detail", args=["LPR-0000-000000"]),
        "status_labels": {s.value: str(s.label) for s in Report.Status},
        "category_labels": {c.value: str(c.label) for c in Category},
    })


# --- a new report -------------------------------------------------------------------------------


@login_required
@require_http_methods(["GET", "HEAD", "POST"])
def new(request: HttpRequest) -> HttpResponse:
    """/lapor/baru/: category, description, photos, a point on the map, public or private.
    A refused report comes back with every message beside its field and all that was typed."""
    draft = ReportDraft(category=request.GET.get("kategori", "").strip())
    errors: dict[str, str] = {}
    message = ""
    status = 200
    photos_sent = False
    if request.method == "POST":
        draft = ReportDraft.from_post(request.POST)
        photos = request.FILES.getlist("photos")
        photos_sent = bool(photos)
        try:
            report = actions.submit_report(
                reporter=request.user, category=draft.category, description=draft.description,
                lat=draft.lat or None, lng=draft.lng or None, is_public=draft.is_public,
                photos=photos, address=draft.address, attributes=draft.attributes,
                source=Report.Source.WEB, sender_ip=client_ip(request),
                idempotency_key=draft.idempotency_key)
        except ReportError as exc:
            errors = _field_errors(exc.errors)
            message = exc.message
            status = 429 if isinstance(exc, TooManyReports) else 400
        else:
            messages.success(request, _(
                "Laporan %(tracking_no)s terkirim ke %(agency)s. Tanggapan pertama paling lambat "
                "2×24 jam; kami kabari setiap ada perkembangan.") % {
                    "tracking_no": report.tracking_no,
                    "agency": report.agency.short_name or report.agency.name})
            return redirect("reports:detail", tracking_no=report.tracking_no)
    max_bytes = int(getattr(settings, "LAPOR_PHOTO_MAX_BYTES", 8 * 1024 * 1024))
    return render(request, "reports/new.html", {
        "draft": draft,
        "categories": category_options(draft, errors),
        "errors": errors,
        "message": message,
        "photos_sent": photos_sent,
        "max_photos": actions.MAX_PHOTOS,
        "max_photo_bytes": max_bytes,
        "max_photo_mb": max_bytes // (1024 * 1024),
        "description_max": actions.DESCRIPTION_MAX,
    }, status=status)


def _field_errors(errors: dict[str, str]) -> dict[str, str]:
    """The action's errors keyed the way the page shows them: a point's problem beside the
    map, an extra question's beside it (`attribute[code]` → `attr-code`)."""
    shown: dict[str, str] = {}
    for name, text in errors.items():
        if name in ("lat", "lng"):
            name = "location"
        elif name.startswith("attribute[") and name.endswith("]"):
            name = f"attr-{name[len('attribute['):-1]}"
        shown.setdefault(name, text)
    return shown


# --- one report ---------------------------------------------------------------------------------


@require_safe
def detail(request: HttpRequest, tracking_no: str) -> HttpResponse:
    report = _visible_or_404(request, tracking_no)
    return _render_detail(request, report)


def _render_detail(request: HttpRequest, report: Report, *, reopen_note: str = "",
                   reopen_error: str = "", status: int = 200) -> HttpResponse:
    user = request.user
    is_mine = permissions.is_reporter(user, report)
    photos = list(report.photos.all())
    duplicates = []
    if is_mine and report.is_open:
        duplicates = [r for r in queries.likely_duplicates(report)
                      if permissions.can_view_report(user, r)]
    return render(request, "reports/detail.html", {
        "report": report,
        "is_mine": is_mine,
        "photos": [p for p in photos if not p.by_agency],
        "agency_photos": [p for p in photos if p.by_agency],
        "timeline": [_step(u) for u in queries.timeline(report, internal=False)],
        "following": queries.is_following(user, report),
        "can_follow": permissions.can_follow(user, report),
        "can_confirm": permissions.can_confirm(user, report),
        "can_reopen": permissions.can_reopen(user, report),
        "confirm_deadline": permissions.confirm_deadline(report),
        "duplicates": duplicates,
        "reopen_note": reopen_note,
        "reopen_error": reopen_error,
        "osm_link": "https://www.openstreetmap.org/?" + urlencode({
            "mlat": f"{report.lat:.6f}", "mlon": f"{report.lng:.6f}"})
        + f"#map=18/{report.lat:.6f}/{report.lng:.6f}",
    }, status=status)


def _step(update: ReportUpdate) -> dict[str, Any]:
    """One public step as the page says it. A reporter's own steps (confirming, reopening) are
    not put in the agency's mouth, and name nobody."""
    row: dict[str, Any] = {"at": update.at, "note": update.note, "status": update.to_status,
                           "label": "", "agency": update.agency}
    if update.to_status == Status.IN_PROGRESS and update.from_status == Status.RESOLVED:
        row.update(status="", label=_("Dibuka lagi oleh pelapor"), agency=None)
    elif update.to_status in Status.values:
        row["label"] = Status(update.to_status).label
    elif update.kind == ReportUpdate.Kind.STATUS:  # the reporter confirmed the fix
        row.update(label=_("Dikonfirmasi pelapor"), agency=None)
    else:
        row["label"] = update.get_kind_display()
    return row


@require_safe
def photo(request: HttpRequest, tracking_no: str, pk: int) -> HttpResponse:
    """A report's photo (metadata already stripped when it was taken in), for whoever may see
    the report; 404 for everyone else, as for a photo that does not exist."""
    return photo_response(_visible_or_404(request, tracking_no), pk)


# --- following and the reporter's steps ---------------------------------------------------------


def _sign_in_first(request: HttpRequest, tracking_no: str) -> HttpResponse:
    back = reverse("reports:detail", args=[tracking_no])
    return redirect(f"{reverse(settings.LOGIN_URL)}?{urlencode({'next': back})}")


@require_POST
def follow(request: HttpRequest, tracking_no: str) -> HttpResponse:
    if not request.user.is_authenticated:
        return _sign_in_first(request, tracking_no)
    report = _visible_or_404(request, tracking_no)
    try:
        actions.follow(user=request.user, report=report)
    except ReportError as exc:
        messages.error(request, exc.message)
    else:
        messages.success(request, _("Anda mengikuti laporan %(tracking_no)s. Setiap "
                                    "perkembangannya masuk ke kotak masuk Anda.")
                         % {"tracking_no": report.tracking_no})
    return redirect("reports:detail", tracking_no=report.tracking_no)


@require_POST
def unfollow(request: HttpRequest, tracking_no: str) -> HttpResponse:
    if not request.user.is_authenticated:
        return _sign_in_first(request, tracking_no)
    report = _visible_or_404(request, tracking_no)
    actions.unfollow(user=request.user, report=report)
    messages.success(request, _("Anda berhenti mengikuti laporan %(tracking_no)s.")
                     % {"tracking_no": report.tracking_no})
    return redirect("reports:detail", tracking_no=report.tracking_no)


@require_POST
@login_required
def confirm(request: HttpRequest, tracking_no: str) -> HttpResponse:
    report = _visible_or_404(request, tracking_no)
    try:
        actions.confirm(actor=request.user, report=report)
    except ReportError as exc:
        messages.error(request, exc.message)
    else:
        messages.success(request, _("Terima kasih. Laporan %(tracking_no)s ditutup sebagai "
                                    "sudah beres.") % {"tracking_no": report.tracking_no})
    return redirect("reports:detail", tracking_no=report.tracking_no)


@require_POST
@login_required
def reopen(request: HttpRequest, tracking_no: str) -> HttpResponse:
    report = _visible_or_404(request, tracking_no)
    note = request.POST.get("note", "")
    try:
        actions.reopen(actor=request.user, report=report, note=note)
    except ReportError as exc:
        if not exc.errors:  # not allowed (any more): nothing typed to keep
            messages.error(request, exc.message)
            return redirect("reports:detail", tracking_no=report.tracking_no)
        return _render_detail(request, report, reopen_note=note[:4000],
                              reopen_error=exc.errors.get("note", exc.message), status=400)
    messages.success(request, _("Laporan %(tracking_no)s dibuka lagi dan dikembalikan ke "
                                "%(agency)s.") % {
        "tracking_no": report.tracking_no,
        "agency": report.agency.short_name or report.agency.name})
    return redirect("reports:detail", tracking_no=report.tracking_no)


# --- mine ---------------------------------------------------------------------------------------


@login_required
@require_safe
def mine(request: HttpRequest) -> HttpResponse:
    return render(request, "reports/mine.html", {
        "reported": list(queries.reported_by(request.user)[:100]),
        "followed": list(queries.followed_by(request.user)[:100]),
    })
