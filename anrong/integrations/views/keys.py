"""/kantor/integrasi/<agency_code>/kunci-api/: the agency admin issues, rotates and revokes the
agency's API keys. A new key's text is shown once, in the answer to the POST that made it (no
redirect, `Cache-Control: no-store`), and never again."""

from __future__ import annotations

from typing import Any

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.cache import never_cache

from .. import scopes
from ..actions import keys as actions
from ..errors import IntegrationError, IntegrationPermissionError
from ..forms_keys import IssueKeyForm, RotateKeyForm
from ..models import ApiKey
from ..queries import keys as queries
from .console import agency_for


def _key_or_404(agency: Any, key_id: int) -> ApiKey:
    key = queries.key_of(agency, key_id)
    if key is None:
        raise Http404
    return key


def _forbidden(request: HttpRequest) -> HttpResponse:
    return render(request, "agencies/forbidden.html", status=403)


def _shown_once(request: HttpRequest, agency: Any, issued: actions.IssuedKey,
                replaces: ApiKey | None = None) -> HttpResponse:
    response = render(request, "integrations/keys/issued.html", {
        "agency": agency, "key": issued.key, "text": issued.text, "replaces": replaces,
        "scope_labels": [scopes.label(s) for s in issued.key.scopes],
    })
    response["Cache-Control"] = "no-store"
    return response


@never_cache
@login_required
def index(request: HttpRequest, agency_code: str) -> HttpResponse:
    """The list, and the form for a new key (POST here issues it)."""
    agency = agency_for(request, agency_code)
    form = IssueKeyForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        try:
            issued = actions.issue_key(actor=request.user, agency=agency,
                                       name=form.cleaned_data["name"],
                                       scopes=form.cleaned_data["scopes"])
        except IntegrationPermissionError:
            return _forbidden(request)
        except IntegrationError as exc:
            form.add_error(None, exc.message)
        else:
            return _shown_once(request, agency, issued)
    keys = queries.keys_of(agency)
    for key in keys:
        key.scope_labels = [scopes.label(s) for s in key.scopes]  # type: ignore[attr-defined]
    return render(request, "integrations/keys/index.html", {
        "agency": agency, "keys": keys, "form": form,
    }, status=400 if request.method == "POST" else 200)


@never_cache
@login_required
def rotate(request: HttpRequest, agency_code: str, key_id: int) -> HttpResponse:
    agency = agency_for(request, agency_code)
    key = _key_or_404(agency, key_id)
    form = RotateKeyForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        try:
            issued = actions.rotate_key(actor=request.user, key=key,
                                        overlap=form.cleaned_data["overlap"])
        except IntegrationPermissionError:
            return _forbidden(request)
        except IntegrationError as exc:
            form.add_error(None, exc.message)
        else:
            key.refresh_from_db()
            return _shown_once(request, agency, issued, replaces=key)
    return render(request, "integrations/keys/rotate.html",
                  {"agency": agency, "key": key, "form": form},
                  status=400 if request.method == "POST" else 200)


@never_cache
@login_required
def revoke(request: HttpRequest, agency_code: str, key_id: int) -> HttpResponse:
    """GET asks to confirm; POST revokes."""
    agency = agency_for(request, agency_code)
    key = _key_or_404(agency, key_id)
    error = ""
    if request.method == "POST":
        try:
            actions.revoke_key(actor=request.user, key=key)
        except IntegrationPermissionError:
            return _forbidden(request)
        except IntegrationError as exc:
            error = exc.message
        else:
            messages.success(request, _("Kunci “%(name)s” dicabut. Permintaan berikutnya "
                                        "dengan kunci ini ditolak.") % {"name": key.name})
            return redirect("integrations:keys", agency_code=agency.code)
    return render(request, "integrations/keys/revoke.html",
                  {"agency": agency, "key": key, "error": error},
                  status=400 if error else 200)
