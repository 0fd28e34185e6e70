"""The form builder of the staff console (/kantor/layanan/): an agency admin edits a service's
form without code. Every change is a plain POST (no JavaScript needed) that takes the working list
of fields (the draft, or a copy of the published form), changes it, and saves it as the draft
through `actions.save_form_draft`; what is wrong is shown next to the form, with what was typed
kept, and status 400."""

from __future__ import annotations

from functools import wraps
from typing import Any

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods, require_POST, require_safe

from .. import actions, formbuilder, permissions, queries
from ..errors import ServiceError, ServicePermissionError
from ..formdef import FormDefinitionError, bound_fields
from ..models import FormVersion, Service


def _forbidden(request: HttpRequest) -> HttpResponse:
    return render(request, "agencies/forbidden.html", status=403)


def manages_service(view):  # type: ignore[no-untyped-def]
    """Resolves `code` to the service (404 if unknown) and answers 403 unless the signed-in
    person may manage its agency's services; the view receives `service` instead of `code`."""

    @wraps(view)
    def wrapped(request, code: str, *args, **kwargs):  # type: ignore[no-untyped-def]
        service = queries.service_for_form_builder(code)
        if service is None:
            raise Http404
        if not permissions.can_manage_service(request.user, service.agency):
            return _forbidden(request)
        try:
            return view(request, service, *args, **kwargs)
        except ServicePermissionError:  # the right was taken away between the check and the write
            return _forbidden(request)

    return wrapped


def _working(service: Service) -> tuple[list[dict[str, Any]], FormVersion | None,
                                        FormVersion | None]:
    """(the fields being edited, the draft, the published form)."""
    draft, current = queries.form_draft(service), queries.current_form(service)
    source = draft or current
    return (list(source.fields) if source else []), draft, current


def _builder_url(service: Service, anchor: str = "") -> str:
    url = reverse("services_forms:builder", args=[service.code])
    return f"{url}#{anchor}" if anchor else url


def _numbered(errors: list[dict[str, Any]], fields: list[dict[str, Any]]) -> list[str]:
    """Definition errors as sentences that say which field they are about."""
    lines = []
    for error in errors:
        index = error["index"]
        if index is None:
            lines.append(error["message"])
            continue
        name = error["name"] or (fields[index].get("name", "") if index < len(fields) else "")
        lines.append(_("Isian ke-%(number)s (%(name)s): %(problem)s")
                     % {"number": index + 1, "name": name or "?", "problem": error["message"]})
    return lines


def _page(request: HttpRequest, service: Service, *, status: int = 200,
          add_form: formbuilder.FieldForm | None = None, add_errors: list[str] | None = None,
          page_errors: list[str] | None = None) -> HttpResponse:
    fields, draft, current = _working(service)
    return render(request, "services/forms/builder.html", {
        "service": service, "draft": draft, "current": current,
        "next_number": (draft.number if draft else (current.number + 1 if current else 1)),
        "rows": [formbuilder.describe(field, fields) for field in fields],
        "add_form": add_form or formbuilder.FieldForm(earlier=fields),
        "add_errors": add_errors or [], "page_errors": page_errors or [],
        "preview": bound_fields(fields, {}, {}, {}),
    }, status=status)


def _save(request: HttpRequest, service: Service, fields: list[dict[str, Any]],
          done: str) -> FormDefinitionError | None:
    try:
        actions.save_form_draft(actor=request.user, service=service, fields=fields)
    except FormDefinitionError as error:
        return error
    messages.success(request, done)
    return None


@require_safe
@login_required
def service_list(request: HttpRequest) -> HttpResponse:
    agencies = queries.form_builder_agencies(request.user)
    if not agencies:
        return _forbidden(request)
    return render(request, "services/forms/service_list.html", {
        "agencies": agencies, "services": queries.services_for_form_builder(request.user)})


@require_safe
@login_required
@manages_service
def builder(request: HttpRequest, service: Service) -> HttpResponse:
    return _page(request, service)


@require_POST
@login_required
@manages_service
def add_field(request: HttpRequest, service: Service) -> HttpResponse:
    fields, _draft, _current = _working(service)
    form = formbuilder.FieldForm(request.POST, earlier=fields)
    if form.is_valid():
        new = form.definition()
        error = _save(request, service, [*fields, new],
                      _("Isian %(label)s ditambahkan ke draf.") % {"label": new["label"]})
        if error is None:
            return redirect(_builder_url(service, "isian-daftar"))
        mine = [e for e in error.errors if e["index"] == len(fields)]
        others = [e for e in error.errors if e["index"] != len(fields)]
        return _page(request, service, status=400, add_form=form,
                     add_errors=[e["message"] for e in mine],
                     page_errors=_numbered(others, fields))
    return _page(request, service, status=400, add_form=form)


def _index_or_none(fields: list[dict[str, Any]], name: str) -> int | None:
    return next((i for i, field in enumerate(fields) if field.get("name") == name), None)


def _gone(request: HttpRequest, service: Service) -> HttpResponse:
    messages.error(request, _("Isian itu tidak ada lagi di draf; mungkin baru diubah admin lain. "
                              "Periksa daftar isian di bawah."))
    return redirect(_builder_url(service))


@require_http_methods(["GET", "HEAD", "POST"])
@login_required
@manages_service
def edit_field(request: HttpRequest, service: Service, name: str) -> HttpResponse:
    fields, _draft, _current = _working(service)
    index = _index_or_none(fields, name)
    if index is None:
        if request.method == "POST":
            return _gone(request, service)
        raise Http404
    form = formbuilder.FieldForm(request.POST or None, earlier=fields[:index],
                                 initial=formbuilder.initial_of(fields[index]))
    errors: list[str] = []
    others: list[str] = []
    if request.method == "POST" and form.is_valid():
        changed = form.definition()
        new = [*fields[:index], changed, *fields[index + 1:]]
        if changed["name"] != name:  # keep later conditions pointing at the renamed field
            new = [{**f, "show_if": {**f["show_if"], "field": changed["name"]}}
                   if f.get("show_if", {}).get("field") == name else f for f in new]
        error = _save(request, service, new,
                      _("Isian %(label)s diubah di draf.") % {"label": changed["label"]})
        if error is None:
            return redirect(_builder_url(service, "isian-daftar"))
        errors = [e["message"] for e in error.errors if e["index"] == index]
        others = _numbered([e for e in error.errors if e["index"] != index], new)
    return render(request, "services/forms/field_edit.html", {
        "service": service, "field": fields[index], "form": form, "errors": errors,
        "page_errors": others,
    }, status=400 if request.method == "POST" else 200)


@require_POST
@login_required
@manages_service
def move_field(request: HttpRequest, service: Service, name: str) -> HttpResponse:
    fields, _draft, _current = _working(service)
    index = _index_or_none(fields, name)
    if index is None:
        return _gone(request, service)
    target = index - 1 if request.POST.get("direction") == "up" else index + 1
    if not 0 <= target < len(fields):
        return redirect(_builder_url(service, "isian-daftar"))
    new = list(fields)
    new[index], new[target] = new[target], new[index]
    error = _save(request, service, new, _("Urutan isian diubah di draf."))
    if error is None:
        return redirect(_builder_url(service, "isian-daftar"))
    return _page(request, service, status=400, page_errors=_numbered(error.errors, new))


@require_POST
@login_required
@manages_service
def remove_field(request: HttpRequest, service: Service, name: str) -> HttpResponse:
    fields, _draft, _current = _working(service)
    index = _index_or_none(fields, name)
    if index is None:
        return _gone(request, service)
    new = [*fields[:index], *fields[index + 1:]]
    error = _save(request, service, new, _("Isian %(label)s dihapus dari draf.")
                  % {"label": fields[index].get("label", name)})
    if error is None:
        return redirect(_builder_url(service, "isian-daftar"))
    return _page(request, service, status=400, page_errors=_numbered(error.errors, new))


@require_POST
@login_required
@manages_service
def publish(request: HttpRequest, service: Service) -> HttpResponse:
    try:
        version = actions.publish_form(actor=request.user, service=service)
    except ServicePermissionError:
        raise
    except FormDefinitionError as error:
        fields, _draft, _current = _working(service)
        return _page(request, service, status=400, page_errors=_numbered(error.errors, fields))
    except ServiceError as error:
        return _page(request, service, status=400, page_errors=[error.message])
    messages.success(request, _("Formulir versi %(number)s terbit. Permohonan baru memakai versi "
                                "ini.") % {"number": version.number})
    return redirect(_builder_url(service))


@require_POST
@login_required
@manages_service
def discard(request: HttpRequest, service: Service) -> HttpResponse:
    try:
        actions.discard_form_draft(actor=request.user, service=service)
    except ServicePermissionError:
        raise
    except ServiceError as error:
        return _page(request, service, status=400, page_errors=[error.message])
    messages.success(request, _("Draf dibuang. Formulir yang terbit tidak berubah."))
    return redirect(_builder_url(service))
