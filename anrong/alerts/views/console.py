"""The operators' console under /kantor/peringatan/ (namespace alerts_console): recent alerts,
issue one, update or cancel a live one. Thin: parse, ask permissions, call one action, render.
The /kantor/ middleware has already asked staff for their second factor."""

from __future__ import annotations

from collections.abc import Callable
from functools import wraps
from typing import Any

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods, require_POST, require_safe

from .. import actions, permissions, queries
from ..errors import AlertError
from ..forms import AlertForm, CancelForm
from ..models import Alert


def _issuers_only(view: Callable[..., HttpResponse]) -> Callable[..., HttpResponse]:
    @login_required
    @wraps(view)
    def wrapped(request: HttpRequest, *args: Any, **kwargs: Any) -> HttpResponse:
        if not permissions.can_use_alert_console(request.user):
            return render(request, "agencies/forbidden.html", status=403)
        return view(request, *args, **kwargs)

    return wrapped


def _choices() -> list[tuple[str, str]]:
    return [(region.code, region.name) for region in queries.kecamatan_choices()]


def _message(pk: int) -> Alert:
    alert = queries.cap_message(pk)
    if alert is None:
        raise Http404
    return alert


@require_safe
@_issuers_only
def home(request: HttpRequest) -> HttpResponse:
    return render(request, "alerts/console/home.html", {"alerts": queries.recent_chains(),
                                                        "now": timezone.now()})


def _show_errors(form: AlertForm, error: AlertError) -> None:
    for field, message in error.errors.items():
        form.add_error(field if field in form.fields else None, message)
    if not error.errors:
        form.add_error(None, error.message)


@require_http_methods(["GET", "POST"])
@_issuers_only
def new(request: HttpRequest) -> HttpResponse:
    agencies = permissions.issuing_agencies(request.user)
    form = AlertForm(request.POST or None, kecamatan_choices=_choices(), agencies=agencies)
    if request.method == "POST" and form.is_valid():
        try:
            alert = actions.issue_alert(actor=request.user, **form.action_kwargs())
        except AlertError as error:
            _show_errors(form, error)
        else:
            messages.success(request, _("Peringatan diterbitkan dan dikirim ke pelanggan di "
                                        "areanya."))
            return redirect("alerts_console:detail", pk=alert.pk)
    return render(request, "alerts/console/form.html", {
        "form": form, "title": _("Terbitkan peringatan")}, status=400 if form.errors else 200)


@require_safe
@_issuers_only
def detail(request: HttpRequest, pk: int) -> HttpResponse:
    alert = _message(pk)
    return render(request, "alerts/console/detail.html", {
        "alert": alert, "history": queries.chain(alert.original_id or alert.pk),
        "can_change": permissions.can_change_alert(request.user, alert),
        "cancel_form": CancelForm()})


def _initial(alert: Alert) -> dict[str, Any]:
    return {"event": alert.event, "severity": alert.severity, "urgency": alert.urgency,
            "certainty": alert.certainty, "headline": alert.headline,
            "description": alert.description, "instruction": alert.instruction,
            "city_wide": alert.city_wide,
            "kecamatan": [region.code for region in alert.kecamatan.all()],
            "polygon": " ".join(f"{lat},{lng}" for lat, lng in alert.polygon),
            "area_desc": alert.area_desc, "expires": timezone.localtime(alert.expires),
            "headline_en": alert.headline_en, "description_en": alert.description_en,
            "instruction_en": alert.instruction_en}


@require_http_methods(["GET", "POST"])
@_issuers_only
def update(request: HttpRequest, pk: int) -> HttpResponse:
    alert = _message(pk)
    if not permissions.can_change_alert(request.user, alert):
        return render(request, "agencies/forbidden.html", status=403)
    form = AlertForm(request.POST or None, initial=_initial(alert), kecamatan_choices=_choices(),
                     with_status=False)
    if request.method == "POST" and form.is_valid():
        try:
            new_alert = actions.update_alert(actor=request.user, alert=alert,
                                             **form.action_kwargs())
        except AlertError as error:
            _show_errors(form, error)
        else:
            messages.success(request, _("Pembaruan diterbitkan."))
            return redirect("alerts_console:detail", pk=new_alert.pk)
    return render(request, "alerts/console/form.html", {
        "form": form, "alert": alert, "title": _("Perbarui peringatan")},
        status=400 if form.errors else 200)


@require_POST
@_issuers_only
def cancel(request: HttpRequest, pk: int) -> HttpResponse:
    alert = _message(pk)
    form = CancelForm(request.POST)
    if form.is_valid():
        try:
            cancelled = actions.cancel_alert(actor=request.user, alert=alert,
                                             reason=form.cleaned_data["reason"])
        except AlertError as error:
            form.add_error("reason" if "reason" in error.errors else None, error.message)
        else:
            messages.success(request, _("Peringatan dibatalkan; warga diberi tahu."))
            return redirect("alerts_console:detail", pk=cancelled.pk)
    return render(request, "alerts/console/detail.html", {
        "alert": alert, "history": queries.chain(alert.original_id or alert.pk),
        "can_change": permissions.can_change_alert(request.user, alert), "cancel_form": form},
        status=400)
