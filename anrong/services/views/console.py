"""The staff console's applications (/kantor/permohonan/): the agency's queue, one application,
and the supervisor's overview. Thin: parse, ask permissions and queries, render. The decisions
themselves (claim, assign, verify, revision, approve, reject) are actions posted to `transition`.
"""

from __future__ import annotations

from typing import Any

from django import forms
from django.contrib import messages
from django.contrib.auth import get_user_model
from django.contrib.auth.decorators import login_required
from django.forms.utils import flatatt
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils import timezone
from django.utils.html import format_html, format_html_join
from django.utils.http import urlencode
from django.utils.safestring import SafeString, mark_safe
from django.utils.translation import gettext_lazy as _
from django.views.decorators.http import require_POST, require_safe

from anrong.accounts import privacy
from anrong.agencies import permissions as agency_permissions
from anrong.agencies import queries as agency_queries
from anrong.agencies.models import Agency
from anrong.core.audit import record_audit
from anrong.core.workdays import working_days_between

from .. import actions, formdef, permissions, queries
from ..errors import AnswersInvalid, ApplicationError, ApplicationPermissionError
from ..models import Application, Document
from ..queries.console import is_overdue

Status = Application.Status
MAX_PAGE = 10_000


def _forbidden(request: HttpRequest) -> HttpResponse:
    return render(request, "agencies/forbidden.html", status=403)


def _agency_choice(request: HttpRequest, *, allowed: Any = agency_permissions.can_view_agency_work
                   ) -> tuple[Agency | None, list[Agency]]:
    """The agency whose work is shown: `?opd=CODE` among the viewer's agencies that `allowed`
    admits, else the first of them. (None, ...) when there is none, or ?opd names another."""
    agencies = [m.agency for m in agency_queries.memberships_of(request.user)
                if allowed(request.user, m.agency)]
    code = request.GET.get("opd", "").strip().upper()
    if code:
        chosen = next((a for a in agencies if a.code == code), None)
        return chosen, agencies
    return (agencies[0] if agencies else None), agencies


class PlainSelect(forms.Select):
    """A <select> written in Python. Django renders every <option> through its own template: the
    region filter's 170 options made that most of the queue page's time (bench/layanan.py)."""

    def render(self, name: str, value: Any, attrs: dict[str, Any] | None = None,
               renderer: Any = None) -> SafeString:
        chosen = {str(v) for v in self.format_value(value)}

        def options(pairs: Any) -> SafeString:
            return format_html_join("", "<option value=\"{}\"{}>{}</option>", (
                (v, mark_safe(" selected") if str(v) in chosen else "", label)  # noqa: S308 (constant)
                for v, label in pairs))

        parts = [format_html("<optgroup label=\"{}\">{}</optgroup>", group, options(items))
                 if isinstance(items, (list, tuple)) else options([(group, items)])
                 for group, items in self.choices]
        return format_html("<select{}>{}</select>",
                           flatatt({**self.build_attrs(self.attrs, attrs), "name": name}),
                           mark_safe("".join(parts)))  # noqa: S308 (each part escaped above)


class QueueFilterForm(forms.Form):
    """The queue's GET filters. Choices are filled from the agency; an unknown value is dropped
    (the filter is ignored and the form says so) rather than failing the page."""

    status = forms.ChoiceField(label=_("Status"), required=False, widget=PlainSelect)
    service = forms.ChoiceField(label=_("Layanan"), required=False, widget=PlainSelect)
    due = forms.ChoiceField(label=_("Tenggat"), required=False, widget=PlainSelect, choices=[
        ("", _("Semua tenggat")), ("overdue", _("Terlambat")),
        ("today", _("Jatuh tempo hari ini")), ("week", _("Jatuh tempo dalam 5 hari kerja"))])
    kelurahan = forms.ChoiceField(label=_("Wilayah"), required=False, widget=PlainSelect)
    assignee = forms.ChoiceField(label=_("Petugas"), required=False, widget=PlainSelect)
    page = forms.IntegerField(required=False, min_value=1, max_value=MAX_PAGE)

    def __init__(self, data: Any, *, filters: dict[str, Any]) -> None:
        super().__init__(data)
        self.fields["status"].choices = [
            ("", _("Semua yang masih berjalan")),
            *[(s.value, s.label) for s in Status if s != Status.DRAFT],
            ("all", _("Semua status")),
        ]
        self.fields["service"].choices = [("", _("Semua layanan"))] + [
            (s["code"], s["name"]) for s in filters["services"]]
        regions: list[Any] = [("", _("Semua wilayah"))]
        for kecamatan in filters["kecamatan"]:
            regions.append((kecamatan["name"], [
                (kecamatan["code"], _("Seluruh Kecamatan %(name)s") % {"name": kecamatan["name"]}),
                *[(k["code"], k["name"]) for k in kecamatan["kelurahan"]]]))
        self.fields["kelurahan"].choices = regions
        self.fields["assignee"].choices = [
            ("", _("Semua petugas")), ("mine", _("Ditugaskan ke saya")),
            ("unassigned", _("Belum ditugaskan")),
            *[(str(o["id"]), o["name"]) for o in filters["officers"]]]

    def chosen(self) -> dict[str, Any]:
        """The valid filters (invalid ones are left out)."""
        self.is_valid()
        data = getattr(self, "cleaned_data", {})
        return {name: data.get(name) or None for name in
                ("status", "service", "due", "kelurahan", "assignee")}


def _page_link(params: dict[str, Any], page: int) -> str:
    query = {k: v for k, v in params.items() if v and k != "page"}
    if page > 1:
        query["page"] = page
    return "?" + urlencode(query)


@require_safe
@login_required
def queue(request: HttpRequest) -> HttpResponse:
    agency, agencies = _agency_choice(request)
    if agency is None:
        return _forbidden(request)
    filters = queries.queue_filters(agency)
    form = QueueFilterForm(request.GET, filters=filters)
    chosen = form.chosen()
    page = form.cleaned_data.get("page") or 1
    result = queries.queue(agency, viewer=request.user, page=page, **chosen)
    params = {"opd": agency.code, **{k: v for k, v in chosen.items() if v}}
    return render(request, "services/console/queue.html", {
        "agency": agency,
        "agencies": agencies if len(agencies) > 1 else [],
        "form": form,
        "filtered": any(chosen.values()),
        "result": result,
        "previous_link": _page_link(params, page - 1) if result.has_previous else "",
        "next_link": _page_link(params, page + 1) if result.has_next else "",
        "clear_link": _page_link({"opd": params["opd"]}, 1),
        "can_supervise": permissions.can_supervise_queue(request.user, agency),
    })


def document_href(document: Document) -> str:
    """Where an application's document is downloaded (checked there with can_view_document)."""
    return reverse("services_documents:download", args=[document.pk])


def _steps(user: Any, application: Application) -> dict[str, bool]:
    """Which decision forms the page offers. Who may act comes from permissions; which step fits
    which status follows the workflow in the contract (claim: submitted; verify: verification →
    in process; approve: in process; revision and reject: while the agency holds the work). The
    actions check again and refuse what does not fit."""
    may_process = permissions.can_process(user, application)
    status = application.status
    return {
        "claim": permissions.can_claim(user, application),
        "assign": permissions.can_assign(user, application),
        "verify": may_process and status == Status.VERIFICATION,
        "revision": may_process and status in (Status.VERIFICATION, Status.IN_PROCESS),
        "approve": may_process and status == Status.IN_PROCESS,
        "reject": may_process,
    }


@require_safe
@login_required
def detail(request: HttpRequest, tracking_no: str) -> HttpResponse:
    if not agency_permissions.can_use_staff_console(request.user):
        return _forbidden(request)
    application = queries.application_for_staff(tracking_no)
    if application is None or not permissions.can_view_application(request.user, application):
        raise Http404
    # The page shows the citizen's identity and answers: every view is on the record.
    record_audit(actor=request.user, action="application.viewed", target=application)
    now = timezone.now()
    overdue = is_overdue(application.status, application.due_at, now)
    profile = getattr(application.citizen, "citizen_profile", None)
    steps = _steps(request.user, application)
    documents = list(application.documents.all())
    return render(request, "services/console/detail.html", {
        "application": application,
        "status_label": Status(application.status).label,
        # The reason the citizen was given, while it still applies.
        "last_note": application.note if application.status in (
            Status.NEEDS_REVISION, Status.REJECTED) else "",
        "overdue": overdue,
        "overdue_days": working_days_between(application.due_at, now) if overdue else 0,
        "citizen_name": (profile.full_name if profile else "") or application.citizen.display_name,
        "citizen_nik": privacy.shown_nik(profile, request.user),
        "citizen_phone": privacy.shown_phone(application.citizen, request.user),
        "answers": formdef.display_answers(application.form_version.fields, application.answers),
        "uploads": [(d, document_href(d)) for d in documents if d.kind == Document.Kind.UPLOAD],
        "outputs": [(d, document_href(d)) for d in documents if d.kind == Document.Kind.OUTPUT],
        "timeline": [{"change": c, "to_label": _status_label(c.to_status)}
                     for c in application.status_changes.all()],
        "steps": steps,
        "any_step": any(steps.values()),
        "officers": queries.officers_of(application.agency) if steps["assign"] else [],
    })


def _status_label(value: str) -> str:
    return str(Status(value).label) if value in Status.values else value


@require_safe
@login_required
def overview(request: HttpRequest) -> HttpResponse:
    agency, agencies = _agency_choice(request, allowed=permissions.can_supervise_queue)
    if agency is None:
        return _forbidden(request)
    return render(request, "services/console/overview.html", {
        "agency": agency,
        "agencies": agencies if len(agencies) > 1 else [],
        "overview": queries.overview(agency),
    })


_DONE = {
    "claim": _("Permohonan %(tracking_no)s sekarang Anda tangani."),
    "assign": _("Permohonan %(tracking_no)s ditugaskan."),
    "verify": _("Permohonan %(tracking_no)s terverifikasi dan masuk proses."),
    "revision": _("Permintaan perbaikan terkirim ke pemohon %(tracking_no)s."),
    "approve": _("Permohonan %(tracking_no)s selesai; hasilnya terkirim ke pemohon."),
    "reject": _("Permohonan %(tracking_no)s ditolak; pemohon diberi tahu alasannya."),
}


def _step_arguments(request: HttpRequest, step: str, application: Application) -> dict[str, Any]:
    data = request.POST
    if step == "assign":
        officer = next((o for o in queries.officers_of(application.agency)
                        if str(o["id"]) == data.get("assignee", "")), None)
        if officer is None:
            raise ApplicationError(_("Pilih petugas OPD ini dari daftar."))
        return {"assignee": get_user_model().objects.get(pk=officer["id"])}
    if step in ("verify", "revision"):
        return {"note": data.get("note", "")}
    if step == "approve":
        return {"note": data.get("note", ""), "output_file": request.FILES.get("output_file")}
    if step == "reject":
        return {"reason": data.get("reason", "")}
    return {}


@require_POST
@login_required
def transition(request: HttpRequest, tracking_no: str, step: str) -> HttpResponse:
    """One decision form of the detail page, through its action. A decision made on a page that
    someone else changed meanwhile is refused and the officer sees the fresh state."""
    if not agency_permissions.can_use_staff_console(request.user):
        return _forbidden(request)
    application = queries.application_for_staff(tracking_no)
    if application is None or not permissions.can_view_application(request.user, application):
        raise Http404
    back = redirect("services_console:detail", tracking_no=application.tracking_no)
    try:
        version = int(request.POST.get("version", ""))
    except ValueError:
        messages.error(request, _("Halaman ini sudah lama. Muat ulang lalu coba lagi."))
        return back
    try:
        arguments = _step_arguments(request, step, application)
        STEPS[step](actor=request.user, application=application, version=version, **arguments)
    except ApplicationPermissionError:
        return _forbidden(request)
    except AnswersInvalid as exc:
        messages.error(request, " ".join(exc.errors.values()) or exc.message)
    except ApplicationError as exc:  # StaleApplication included: the officer reads the news
        messages.error(request, exc.message)
    else:
        messages.success(request, _DONE[step] % {"tracking_no": application.tracking_no})
    return back


STEPS = {
    "claim": actions.claim_application, "assign": actions.assign_application,
    "verify": actions.verify_application, "revision": actions.request_revision,
    "approve": actions.approve_application, "reject": actions.reject_application,
}
