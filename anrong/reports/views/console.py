"""Lapor's staff console (/kantor/lapor/): counts per agency, an agency's queue, one report, and
the steps an officer takes on it. Thin: parse, ask permissions and queries, call one action,
render. Each step form posts to its own URL; on success the officer is sent back to the report,
on refusal the page is shown again with the reason and with what they typed."""

from __future__ import annotations

from collections.abc import Callable
from functools import wraps
from typing import Any

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.paginator import EmptyPage, Paginator
from django.db.models import Case, IntegerField, QuerySet, Value, When
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils import timezone
from django.utils.http import urlencode
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views.decorators.http import require_POST, require_safe

from anrong.accounts import privacy
from anrong.agencies import permissions as agency_permissions
from anrong.agencies import queries as agency_queries
from anrong.agencies.models import Agency
from anrong.core.audit import record_audit

from .. import actions, categories, permissions, queries
from ..errors import ReportError, ReportPermissionError, StaleReport
from ..forms_console import (
    OPEN,
    VERIFYING,
    MergeForm,
    QueueFilterForm,
    ReassignForm,
    RejectForm,
    ResolveForm,
    RespondForm,
    StartForm,
    StepForm,
    VerifyForm,
    queue_tabs,
)
from ..models import Report, ReportUpdate

Status = Report.Status
PAGE_SIZE = 25


def _forbidden(request: HttpRequest) -> HttpResponse:
    return render(request, "agencies/forbidden.html", status=403)


def _staff(view: Callable[..., HttpResponse]) -> Callable[..., HttpResponse]:
    """Signed-in staff only (the /kantor/ middleware has already asked for their second factor);
    anyone else signed in is told the page is not for them."""

    @login_required
    @wraps(view)
    def wrapped(request: HttpRequest, *args: Any, **kwargs: Any) -> HttpResponse:
        if not agency_permissions.can_use_staff_console(request.user):
            return _forbidden(request)
        return view(request, *args, **kwargs)

    return wrapped


def _my_agencies(user: Any) -> list[Agency]:
    """The agencies whose reports the viewer sees as a member (operators see every agency, but
    their switcher lists only their own memberships, if any)."""
    return [m.agency for m in agency_queries.memberships_of(user)
            if permissions.can_view_agency_reports(user, m.agency)]


def is_overdue(report: Any, now: Any) -> bool:
    """No first response and the 2×24 hours are past, while it is still open."""
    return (report.status in Report.OPEN_STATUSES and report.first_response_at is None
            and report.due_at is not None and report.due_at < now)


# --- counts per agency --------------------------------------------------------------------------


COUNTED = ("received", "verified", "in_progress", "resolved", "rejected", "overdue", "escalated")


@require_safe
@_staff
def overview(request: HttpRequest) -> HttpResponse:
    """Reports per agency: operators see every agency that has any, other staff their own
    agencies (with zeros, so that a quiet agency is seen to be quiet)."""
    user = request.user
    sees_all = permissions.can_view_all_reports(user)
    mine = _my_agencies(user)
    if not sees_all and not mine:
        return _forbidden(request)
    rows = queries.agency_counts(agencies=None if sees_all else mine)
    if not sees_all:
        counted = {row["agency"].pk for row in rows}
        rows += [{"agency": agency, **dict.fromkeys(COUNTED, 0)}
                 for agency in mine if agency.pk not in counted]
    return render(request, "reports/console/overview.html", {
        "rows": rows,
        "totals": {key: sum(row[key] for row in rows) for key in COUNTED},
        "sees_all": sees_all,
        # Kecamatan offices verify the reports made in their area (not theirs to work).
        "to_verify": [{"agency": agency,
                       "count": queries.agency_queue(agency, verifying=True).count()}
                      for agency in mine if agency.kind == Agency.Kind.KECAMATAN],
    })


# --- an agency's queue --------------------------------------------------------------------------


def _agency_or_404(user: Any, code: str) -> Agency:
    agency = Agency.objects.filter(code=code.strip().upper()).first()
    if agency is None or not permissions.can_view_agency_reports(user, agency):
        raise Http404
    return agency


def _overdue_first(reports: QuerySet[Report], now: Any) -> QuerySet[Report]:
    """Open work: the unanswered reports past their 2×24 hours on top, then by due time."""
    late = Case(When(first_response_at__isnull=True, due_at__lt=now, then=Value(0)),
                default=Value(1), output_field=IntegerField())
    return reports.order_by(late, "due_at", "id")


def _queue_rows(reports: Any, now: Any) -> list[dict[str, Any]]:
    return [{
        "report": report,
        "category_label": report.get_category_display(),
        "status_label": report.get_status_display(),
        "overdue": is_overdue(report, now),
        "escalated": report.escalated_at is not None and report.status in Report.OPEN_STATUSES,
    } for report in reports]


@require_safe
@_staff
def queue(request: HttpRequest, agency_code: str) -> HttpResponse:
    agency = _agency_or_404(request.user, agency_code)
    verifies = agency.kind == Agency.Kind.KECAMATAN
    form = QueueFilterForm(request.GET, verifies=verifies)
    tab, page_number = form.chosen()
    now = timezone.now()
    if tab == VERIFYING:
        reports = queries.agency_queue(agency, verifying=True)
    else:
        reports = queries.agency_queue(agency, status=None if tab == OPEN else tab)
    if tab == VERIFYING or tab == OPEN or tab in Report.OPEN_STATUSES:
        reports = _overdue_first(reports, now)
    paginator = Paginator(reports, PAGE_SIZE)
    try:
        page = paginator.page(page_number)
        rows = _queue_rows(page.object_list, now)
    except EmptyPage:
        page, rows = None, []

    def link(number: int) -> str:
        return "?" + urlencode({k: v for k, v in (("status", "" if tab == OPEN else tab),
                                                  ("page", number if number > 1 else "")) if v})

    mine = _my_agencies(request.user)
    return render(request, "reports/console/queue.html", {
        "agency": agency,
        "agencies": mine if len(mine) > 1 or agency not in mine else [],
        "tabs": [{"value": value, "label": label, "current": value == tab,
                  "href": f"?status={value}" if value != OPEN else "?"}
                 for value, label in queue_tabs(verifies=verifies)],
        "tab": tab,
        "rows": rows,
        "page_number": page_number,
        "previous_link": link(page.previous_page_number()) if page and page.has_previous() else "",
        "next_link": link(page.next_page_number()) if page and page.has_next() else "",
        "sees_all": permissions.can_view_all_reports(request.user),
    })


# --- one report ---------------------------------------------------------------------------------


def _report_or_404(user: Any, tracking_no: str) -> Report:
    """The report, for those who work with it: the responsible agency, the verifying kecamatan,
    operators. Staff of other agencies get a 404 (the public page is at /lapor/)."""
    report = queries.visible_report(user, tracking_no.strip().upper())
    if report is None or not permissions.can_view_internal(user, report):
        raise Http404
    return report


def _reporter(user: Any, report: Report) -> dict[str, str] | None:
    if not permissions.can_view_reporter(user, report):
        return None
    person = report.reporter
    if person is not None:
        profile = getattr(person, "citizen_profile", None)
        return {"name": (getattr(profile, "full_name", "") or person.display_name or ""),
                "phone": privacy.shown_phone(person, user)}
    return {"name": report.contact_name, "phone": privacy.mask_phone(report.contact_phone)}


def _offered(user: Any, report: Report) -> dict[str, bool]:
    """Which step forms the page offers: who may comes from permissions (the actions ask again);
    starting the work follows verification."""
    may_work = permissions.can_work(user, report)
    return {
        "verify": permissions.can_verify(user, report),
        "respond": permissions.can_respond(user, report),
        "start": may_work and report.status == Status.VERIFIED,
        "resolve": may_work,
        "reject": permissions.can_reject(user, report),
        "reassign": permissions.can_reassign(user, report),
    }


# Each step form's heading, what it does (one line) and its button.
STEP_TEXT: dict[str, tuple[Any, Any, Any]] = {
    "verify": (gettext_lazy("Verifikasi"),
               gettext_lazy("Laporan ini benar dan masalahnya ada di lokasi."),
               gettext_lazy("Verifikasi laporan")),
    "respond": (gettext_lazy("Tanggapi"),
                gettext_lazy("Kabari pelapor tanpa mengubah status, atau tulis catatan internal. "
                             "Tanggapan publik menghentikan hitungan 2×24 jam."),
                gettext_lazy("Kirim tanggapan")),
    "start": (gettext_lazy("Mulai kerjakan"),
              gettext_lazy("Tim OPD mulai menangani masalahnya."),
              gettext_lazy("Mulai kerjakan")),
    "resolve": (gettext_lazy("Selesaikan"),
                gettext_lazy("Masalahnya sudah beres. Pelapor punya 7 hari untuk mengonfirmasi "
                             "atau membukanya lagi."),
                gettext_lazy("Tandai selesai")),
    "reject": (gettext_lazy("Tolak"),
               gettext_lazy("Laporan tidak benar, ganda, atau bukan urusan pemerintah kota."),
               gettext_lazy("Tolak laporan")),
    "reassign": (gettext_lazy("Alihkan ke OPD lain"),
                 gettext_lazy("Laporan salah alamat: OPD tujuan yang menanganinya. Hitungan "
                              "2×24 jam tetap berjalan."),
                 gettext_lazy("Alihkan laporan")),
}


def _step_forms(report: Report, offered: dict[str, bool],
                bound: StepForm | None) -> dict[str, StepForm]:
    initial = {"version": report.version}
    result: dict[str, StepForm] = {}
    for step, form_class in FORMS.items():
        if step == "merge" or not offered.get(step):
            continue
        if bound is not None and bound.step == step:
            result[step] = bound
        elif form_class is ReassignForm:
            result[step] = ReassignForm(initial=initial, report=report)
        else:
            result[step] = form_class(initial=initial)
    return result


def _timeline(report: Report) -> list[dict[str, Any]]:
    return [{
        "update": update,
        "kind_label": ReportUpdate.Kind(update.kind).label if update.kind in ReportUpdate.Kind.values
        else update.kind,
        "status_label": Status(update.to_status).label if update.to_status in Status.values else "",
    } for update in queries.timeline(report, internal=True)]


def _render_detail(request: HttpRequest, report: Report, *, bound: StepForm | None = None,
                   error: str = "", status: int = 200) -> HttpResponse:
    user = request.user
    now = timezone.now()
    reporter = _reporter(user, report)
    if reporter is not None:
        # The page shows who reported it: every view is on the record.
        record_audit(actor=user, action="complaint.viewed", target=report)
    offered = _offered(user, report)
    forms = _step_forms(report, offered, bound)
    steps = [{"step": step, "form": form, "title": STEP_TEXT[step][0],
              "hint": STEP_TEXT[step][1], "button": STEP_TEXT[step][2],
              "action": reverse(f"reports_console:{step}", args=[report.tracking_no]),
              "danger": step == "reject", "multipart": step == "resolve"}
             for step, form in forms.items()]
    duplicates = queries.likely_duplicates(report) if report.is_open else []
    photos = list(report.photos.all())
    return render(request, "reports/console/detail.html", {
        "report": report,
        "status_label": report.get_status_display(),
        "category_label": report.get_category_display(),
        "overdue": is_overdue(report, now),
        "reporter": reporter,
        "attributes": _attributes(report),
        "reporter_photos": [p for p in photos if not p.by_agency],
        "agency_photos": [p for p in photos if p.by_agency],
        "timeline": _timeline(report),
        "duplicates": [{"report": other, "category_label": other.get_category_display(),
                        "status_label": other.get_status_display(),
                        "can_merge": permissions.can_merge(user, report, other)}
                       for other in duplicates],
        "steps": steps,
        "back_href": _back_href(user, report),
        "merge_error": bound.errors if bound is not None and bound.step == "merge" else None,
        "error": error,
        # What was typed, when the form it was typed in is no longer offered (the report moved on).
        "lost_text": _lost_text(bound, forms),
        "confirm_deadline": permissions.confirm_deadline(report),
    }, status=status)


def _back_href(user: Any, report: Report) -> str:
    if permissions.can_view_agency_reports(user, report.agency):
        return reverse("reports_console:queue", args=[report.agency.code])
    if report.verifier is not None and permissions.can_view_agency_reports(user, report.verifier):
        return reverse("reports_console:queue", args=[report.verifier.code]) + f"?status={VERIFYING}"
    return reverse("reports_console:overview")


def _attributes(report: Report) -> list[tuple[str, str]]:
    """The category's extra answers (a pole number, a size), labelled."""
    rows = []
    for code, value in (report.attributes or {}).items():
        found = categories.attribute(report.category, code)
        label = str(found.description) if found is not None else code
        if found is not None and found.values:
            value = str(dict(found.values).get(value, value))
        rows.append((label, value))
    return rows


def _lost_text(bound: StepForm | None, forms: dict[str, StepForm]) -> str:
    if bound is None or bound.step in forms:
        return ""
    return str(bound.data.get("note") or bound.data.get("reason") or "").strip()


@require_safe
@_staff
def detail(request: HttpRequest, tracking_no: str) -> HttpResponse:
    return _render_detail(request, _report_or_404(request.user, tracking_no))


# --- the steps ----------------------------------------------------------------------------------


_DONE = {
    "verify": gettext_lazy("Laporan %(tracking_no)s terverifikasi."),
    "respond": gettext_lazy("Tanggapan untuk laporan %(tracking_no)s tersimpan."),
    "start": gettext_lazy("Laporan %(tracking_no)s sekarang dikerjakan."),
    "resolve": gettext_lazy("Laporan %(tracking_no)s selesai; pelapor diminta mengonfirmasi."),
    "reject": gettext_lazy("Laporan %(tracking_no)s ditolak; pelapor diberi tahu alasannya."),
    "reassign": gettext_lazy("Laporan %(tracking_no)s dialihkan ke %(agency)s."),
    "merge": gettext_lazy("Laporan %(tracking_no)s digabung ke %(into)s; pengikutnya ikut pindah."),
}

# Where an action's field errors are shown on the form (the action names them its own way).
_FIELD_OF = {"photos": "photo"}


def _bind(step: str, request: HttpRequest, report: Report, data: Any = None) -> StepForm:
    data = request.POST if data is None else data
    if step == "reassign":
        return ReassignForm(data, request.FILES, report=report)
    return FORMS[step](data, request.FILES)


def _refused(request: HttpRequest, step: str, report: Report, exc: ReportError) -> HttpResponse:
    """Show the report again, fresh, with the reason and what the officer typed."""
    fresh = _report_or_404_or_none(request.user, report.tracking_no)
    if fresh is None:  # no longer theirs to see
        messages.error(request, exc.message)
        return redirect("reports_console:overview")
    data = request.POST.copy()
    if isinstance(exc, StaleReport):
        # They read the news on this page; a second try goes against what they now see.
        data["version"] = str(fresh.version)
    bound = _bind(step, request, fresh, data)
    bound.is_valid()
    for field, message in exc.errors.items():
        field = _FIELD_OF.get(field, field)
        if field in bound.fields and field not in bound.errors:
            bound.add_error(field, message)
    status = 409 if isinstance(exc, StaleReport) else 403 if isinstance(
        exc, ReportPermissionError) else 400
    return _render_detail(request, fresh, bound=bound, error=exc.message, status=status)


def _report_or_404_or_none(user: Any, tracking_no: str) -> Report | None:
    try:
        return _report_or_404(user, tracking_no)
    except Http404:
        return None


def _take_step(request: HttpRequest, tracking_no: str, step: str) -> HttpResponse:
    report = _report_or_404(request.user, tracking_no)
    form = _bind(step, request, report)
    if not form.is_valid():
        if "version" in form.errors:
            error = _("Halaman ini sudah lama. Muat ulang lalu coba lagi.")
        else:
            error = _("Periksa isian yang ditandai.")
        return _render_detail(request, report, bound=form, error=error, status=400)
    arguments = form.arguments()
    try:
        if step == "merge":
            into = queries.visible_report(request.user, form.cleaned_data["into"].strip().upper())
            if into is None:
                raise ReportError(_("Laporan tujuan tidak ditemukan."))
            done = actions.merge(actor=request.user, duplicate=report, into=into,
                                 version=arguments["version"])
            params = {"into": into.tracking_no}
        else:
            done = ACTIONS[step](actor=request.user, report=report, **arguments)
            params = {"agency": done.agency.name}
    except ReportError as exc:
        return _refused(request, step, report, exc)
    messages.success(request, _DONE[step] % {"tracking_no": report.tracking_no, **params})
    if _report_or_404_or_none(request.user, report.tracking_no) is None:
        # Passed on to an agency the officer is not in: back to where they came from.
        return redirect("reports_console:queue", agency_code=report.agency.code)
    return redirect("reports_console:detail", tracking_no=report.tracking_no)


def _step_view(step: str) -> Callable[..., HttpResponse]:
    def view(request: HttpRequest, tracking_no: str) -> HttpResponse:
        return _take_step(request, tracking_no, step)

    view.__name__ = view.__qualname__ = step
    return require_POST(_staff(view))


FORMS: dict[str, type[StepForm]] = {
    "verify": VerifyForm, "respond": RespondForm, "start": StartForm, "resolve": ResolveForm,
    "reject": RejectForm, "reassign": ReassignForm, "merge": MergeForm,
}
ACTIONS: dict[str, Callable[..., Report]] = {
    "verify": actions.verify, "respond": actions.respond, "start": actions.start_work,
    "resolve": actions.resolve, "reject": actions.reject, "reassign": actions.reassign,
}
verify = _step_view("verify")
respond = _step_view("respond")
start = _step_view("start")
resolve = _step_view("resolve")
reject = _step_view("reject")
reassign = _step_view("reassign")
merge = _step_view("merge")
