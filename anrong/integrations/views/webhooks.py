"""/kantor/integrasi/<agency>/webhook/: an agency admin's webhook endpoints, their deliveries and
every attempt, with replay. Every change is a plain POST to an action, so the pages work
without JavaScript; a new or rotated secret is shown once, on the POST's own response."""

from __future__ import annotations

import datetime as dt
from typing import Any

from django import forms
from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views.decorators.http import require_http_methods, require_POST

from anrong.core import modules
from anrong.core.workdays import WITA

from ..actions import webhooks as actions
from ..errors import IntegrationError
from ..models import WebhookDelivery, WebhookEndpoint
from ..queries import webhooks as queries
from .console import agency_for


class EndpointForm(forms.Form):
    # Checked by the action (one set of messages for the console and any other caller).
    url = forms.CharField(label=gettext_lazy("URL endpoint"), required=False,
                          help_text=gettext_lazy("Alamat https:// di sistem OPD yang menerima "
                                                 "kiriman POST."))
    description = forms.CharField(label=gettext_lazy("Keterangan (boleh kosong)"),
                                  max_length=200, required=False)
    event_types = forms.MultipleChoiceField(label=gettext_lazy("Jenis kejadian"),
                                            widget=forms.CheckboxSelectMultiple, required=False)

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["event_types"].choices = [(t, t) for t in modules.webhook_event_types()]


class ReplayForm(forms.Form):
    since = forms.DateField(label=gettext_lazy("Sejak tanggal"),
                            widget=forms.DateInput(attrs={"type": "date"}))
    include_succeeded = forms.BooleanField(
        label=gettext_lazy("Termasuk yang sudah terkirim (misalnya data di sistem Anda hilang)"),
        required=False)


def _apply_errors(form: forms.Form, exc: IntegrationError) -> None:
    for name, message in exc.errors.items():
        form.add_error(name if name in form.fields else None, str(message))
    if not exc.errors:
        form.add_error(None, str(exc.message))


def _endpoint(agency: Any, pk: int) -> WebhookEndpoint:
    try:
        return queries.endpoint_of(agency, pk)
    except WebhookEndpoint.DoesNotExist:
        raise Http404 from None


def _secret_page(request: HttpRequest, agency: Any, endpoint: WebhookEndpoint, secret: str,
                 *, rotated: bool) -> HttpResponse:
    response = render(request, "integrations/webhooks/secret.html", {
        "agency": agency, "endpoint": endpoint, "secret": secret, "rotated": rotated})
    response["Cache-Control"] = "no-store"
    return response


@login_required
@require_http_methods(["GET", "POST"])
def index(request: HttpRequest, agency_code: str) -> HttpResponse:
    agency = agency_for(request, agency_code)
    form = EndpointForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        try:
            endpoint, secret = actions.create_endpoint(
                actor=request.user, agency=agency, url=form.cleaned_data["url"],
                description=form.cleaned_data["description"],
                event_types=form.cleaned_data["event_types"])
        except IntegrationError as exc:
            _apply_errors(form, exc)
        else:
            return _secret_page(request, agency, endpoint, secret, rotated=False)
    return render(request, "integrations/webhooks/index.html", {
        "agency": agency, "endpoints": list(queries.endpoints_of(agency)), "form": form},
        status=400 if form.errors else 200)


@login_required
@require_http_methods(["GET", "POST"])
def detail(request: HttpRequest, agency_code: str, pk: int) -> HttpResponse:
    agency = agency_for(request, agency_code)
    endpoint = _endpoint(agency, pk)
    if request.method == "POST":
        form = EndpointForm(request.POST)
        if form.is_valid():
            try:
                actions.update_endpoint(actor=request.user, endpoint=endpoint,
                                        url=form.cleaned_data["url"],
                                        description=form.cleaned_data["description"],
                                        event_types=form.cleaned_data["event_types"])
            except IntegrationError as exc:
                _apply_errors(form, exc)
            else:
                messages.success(request, _("Endpoint disimpan."))
                return redirect("integrations:webhook", agency.code, endpoint.pk)
    else:
        form = EndpointForm(initial={"url": endpoint.url, "description": endpoint.description,
                                     "event_types": endpoint.event_types})
    status = request.GET.get("status", "")
    page = queries.deliveries(endpoint, status=status, page=request.GET.get("page", 1))
    today = timezone.now().astimezone(WITA).date()
    return render(request, "integrations/webhooks/detail.html", {
        "agency": agency, "endpoint": endpoint, "form": form, "page": page,
        "status": status if status in WebhookDelivery.Status.values else "",
        "statuses": WebhookDelivery.Status.choices,
        "replay_form": ReplayForm(initial={"since": today - dt.timedelta(days=1)}),
    }, status=400 if form.errors else 200)


@login_required
@require_POST
def rotate(request: HttpRequest, agency_code: str, pk: int) -> HttpResponse:
    agency = agency_for(request, agency_code)
    endpoint, secret = actions.rotate_secret(actor=request.user, endpoint=_endpoint(agency, pk))
    return _secret_page(request, agency, endpoint, secret, rotated=True)


@login_required
@require_POST
def toggle(request: HttpRequest, agency_code: str, pk: int) -> HttpResponse:
    agency = agency_for(request, agency_code)
    enabled = request.POST.get("enabled") == "1"
    actions.set_enabled(actor=request.user, endpoint=_endpoint(agency, pk), enabled=enabled)
    messages.success(request, _("Endpoint dinyalakan; kiriman yang menunggu dikirim sekarang.")
                     if enabled else _("Endpoint dimatikan; kiriman baru disimpan dan menunggu."))
    return redirect("integrations:webhook", agency.code, pk)


@login_required
@require_http_methods(["GET", "POST"])
def delete(request: HttpRequest, agency_code: str, pk: int) -> HttpResponse:
    agency = agency_for(request, agency_code)
    endpoint = _endpoint(agency, pk)
    if request.method == "POST":
        actions.delete_endpoint(actor=request.user, endpoint=endpoint)
        messages.success(request, _("Endpoint dihapus."))
        return redirect("integrations:webhooks", agency.code)
    return render(request, "integrations/webhooks/delete.html",
                  {"agency": agency, "endpoint": endpoint})


@login_required
@require_POST
def replay(request: HttpRequest, agency_code: str, pk: int) -> HttpResponse:
    agency = agency_for(request, agency_code)
    endpoint = _endpoint(agency, pk)
    form = ReplayForm(request.POST)
    if not form.is_valid():
        messages.error(request, _("Isi tanggal mulai kirim ulang."))
        return redirect("integrations:webhook", agency.code, pk)
    since = dt.datetime.combine(form.cleaned_data["since"], dt.time.min, tzinfo=WITA)
    count = actions.replay_endpoint(actor=request.user, endpoint=endpoint, since=since,
                                    include_succeeded=form.cleaned_data["include_succeeded"])
    messages.success(request, _("%(n)d kiriman dijadwalkan ulang.") % {"n": count})
    return redirect("integrations:webhook", agency.code, pk)


@login_required
@require_http_methods(["GET", "POST"])
def delivery(request: HttpRequest, agency_code: str, pk: int, delivery_pk: int) -> HttpResponse:
    agency = agency_for(request, agency_code)
    try:
        item = queries.delivery_of(agency, pk, delivery_pk)
    except WebhookDelivery.DoesNotExist:
        raise Http404 from None
    if request.method == "POST":
        actions.replay_delivery(actor=request.user, delivery_id=item.pk, agency=agency)
        messages.success(request, _("Kiriman dijadwalkan ulang sekarang."))
        return redirect("integrations:webhook_delivery", agency.code, pk, item.pk)
    from ..delivery import body

    return render(request, "integrations/webhooks/delivery.html", {
        "agency": agency, "endpoint": item.endpoint, "item": item,
        "body": body(item.event).decode(), "attempts": list(item.attempt_log.all())})
