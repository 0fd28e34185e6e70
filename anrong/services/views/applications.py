"""The citizen's pages for applications: start from a service, fill the form (saved as they
go), submit, follow the timeline, correct what the officer asked, download the result; and the
guided life-event flow that files several applications at once.

A stranger's tracking number answers 404, never 403: whether an application exists is itself
personal data."""

from __future__ import annotations

from typing import Any

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.http import Http404, HttpRequest, HttpResponse, JsonResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST, require_safe

from .. import actions, formdef, permissions, queries
from ..errors import AnswersInvalid, ApplicationError
from ..models import Application


def _mine_or_404(request: HttpRequest, tracking_no: str) -> Application:
    application = queries.my_application(request.user, tracking_no.strip().upper())
    if application is None:
        raise Http404
    return application


@require_POST
def start(request: HttpRequest, code: str) -> HttpResponse:
    """The "Ajukan daring" button of a service page."""
    if not request.user.is_authenticated:
        return redirect(f"{reverse('account_login')}?next={reverse('services:detail', args=[code])}")
    service = queries.applicable_service(code)
    if service is None:
        raise Http404
    try:
        application = actions.start_application(actor=request.user, service=service)
    except ApplicationError as exc:
        messages.error(request, exc.message)
        return redirect("services:detail", code=code)
    return redirect("services_applications:edit", tracking_no=application.tracking_no)


@login_required
@require_safe
def mine(request: HttpRequest) -> HttpResponse:
    return render(request, "services/applications/mine.html",
                  {"applications": queries.my_applications(request.user)})


@login_required
@require_safe
def detail(request: HttpRequest, tracking_no: str) -> HttpResponse:
    application = _mine_or_404(request, tracking_no)
    fields = application.form_version.fields
    return render(request, "services/applications/detail.html", {
        "application": application,
        "answers": formdef.display_answers(fields, application.answers),
        "uploads": _upload_rows(fields, queries.current_uploads(application)),
        "outputs": queries.outputs(application),
        "timeline": list(application.status_changes.all()),
        "can_edit": permissions.can_edit_application(request.user, application),
    })


def _upload_rows(fields: list[dict[str, Any]], uploads: dict[str, Any]) -> list[dict[str, Any]]:
    labels = {field["name"]: formdef.label_of(field) for field in formdef.file_fields(fields)}
    return [{"label": labels.get(name, name), "document": document}
            for name, document in uploads.items()]


@login_required
def edit(request: HttpRequest, tracking_no: str) -> HttpResponse:
    """Fill in a draft or correct an application sent back. POST saves what is valid (the rest
    is shown again with its message, nothing typed is lost); `action=submit` also submits.
    With the header `X-Autosave: 1` (the page's script) the answer is JSON."""
    application = _mine_or_404(request, tracking_no)
    if not permissions.can_edit_application(request.user, application):
        return redirect("services_applications:detail", tracking_no=application.tracking_no)
    fields = application.form_version.fields
    values, errors = dict(application.answers), {}
    status = 200
    if request.method == "POST":
        sent = formdef.answers_from_post(fields, request.POST)
        values.update(sent)
        application, errors = actions.save_answers(actor=request.user, application=application,
                                                   answers=sent)
        for name, upload in request.FILES.items():
            try:
                actions.attach_upload(actor=request.user, application=application,
                                      field_name=name, file=upload)
            except AnswersInvalid as exc:
                errors.update(exc.errors)
        if request.headers.get("X-Autosave"):
            return JsonResponse({"saved": not errors, "errors": errors,
                                 "saved_at": timezone.now().isoformat()},
                                status=422 if errors else 200)
        if request.POST.get("action") == "submit" and not errors:
            try:
                submit = (actions.resubmit_application
                          if application.status == Application.Status.NEEDS_REVISION
                          else actions.submit_application)
                application = submit(actor=request.user, application=application)
            except AnswersInvalid as exc:
                errors = exc.errors
            except ApplicationError as exc:
                messages.error(request, exc.message)
                return redirect("services_applications:detail",
                                tracking_no=application.tracking_no)
            else:
                messages.success(request, _("Permohonan %(tracking_no)s terkirim. Kami kabari "
                                            "setiap ada perkembangan.")
                                 % {"tracking_no": application.tracking_no})
                return redirect("services_applications:detail",
                                tracking_no=application.tracking_no)
        if errors:
            status = 422
        else:
            messages.success(request, _("Tersimpan. Anda dapat melanjutkan kapan saja."))
            return redirect("services_applications:edit", tracking_no=application.tracking_no)
    application = _mine_or_404(request, application.tracking_no)
    uploads = queries.current_uploads(application)
    return render(request, "services/applications/edit.html", {
        "application": application,
        "fields": formdef.bound_fields(fields, values, errors, uploads),
        "errors": errors,
    }, status=status)


@login_required
def life_event(request: HttpRequest, code: str) -> HttpResponse:
    """The guided flow: choose the services of the event, answer once, file them all."""
    event = queries.life_event_by_code(code)
    if event is None:
        raise Http404
    online = [step.service for step in event.active_steps
              if step.service.delivery == "online"]
    forms = {service.pk: queries.current_form(service) for service in online}
    online = [service for service in online if forms[service.pk] is not None]
    wanted = set(request.POST.getlist("layanan") or request.GET.getlist("layanan"))
    chosen = [service for service in online if service.code in wanted] if wanted else []
    fields = _merged_fields([forms[service.pk].fields for service in chosen])
    values: dict[str, Any] = {}
    errors: dict[str, str] = {}
    status = 200
    if request.method == "POST" and chosen:
        values = formdef.answers_from_post(fields, request.POST)
        try:
            filing = actions.file_life_event(actor=request.user, life_event=event,
                                             services=chosen, answers=values,
                                             files=request.FILES)
        except AnswersInvalid as exc:
            errors, status = exc.errors, 422
        except ApplicationError as exc:
            messages.error(request, exc.message)
            status = 400
        else:
            messages.success(request, _("%(count)s permohonan terkirim dengan nomor rujukan "
                                        "%(reference)s.") % {"count": len(chosen),
                                                             "reference": filing.reference})
            return redirect("services_applications:filing", reference=filing.reference)
    return render(request, "services/applications/life_event.html", {
        "event": event, "online": online, "chosen": chosen,
        "others": [step.service for step in event.active_steps
                   if step.service not in online],
        "fields": formdef.bound_fields(fields, values, errors, {}) if chosen else [],
        "errors": errors,
    }, status=status)


def _merged_fields(forms: list[list[dict[str, Any]]]) -> list[dict[str, Any]]:
    """One form out of several: a field asked by more than one form (the same name) is asked
    once, where it first appears."""
    seen: set[str] = set()
    merged = []
    for fields in forms:
        for field in fields:
            if field["name"] not in seen:
                seen.add(field["name"])
                merged.append(field)
    return merged


@login_required
@require_safe
def filing(request: HttpRequest, reference: str) -> HttpResponse:
    found = queries.my_filing(request.user, reference.strip().upper())
    if found is None:
        raise Http404
    return render(request, "services/applications/filing.html", {"filing": found})
