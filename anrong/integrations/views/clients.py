"""/kantor/integrasi/<agency>/aplikasi/: the agency's apps that sign people in with the city
account. Register, edit redirect URIs, reset the client secret (shown once), delete."""

from __future__ import annotations

from django.contrib import messages
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils.translation import gettext as _
from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_POST

from ..actions import oidc as actions
from ..forms_clients import ClientForm
from ..models import AgencyClient
from ..queries import oidc as queries
from .console import agency_for


def _client(agency, client_id: str) -> AgencyClient:  # type: ignore[no-untyped-def]
    agency_client = queries.client_of(agency, client_id)
    if agency_client is None:
        raise Http404
    return agency_client


def _issuer(request: HttpRequest) -> str:
    return request.build_absolute_uri(reverse("oauth2_provider:oidc-connect-discovery-info"))[
        : -len("/.well-known/openid-configuration")]


def _forbidden(request: HttpRequest) -> HttpResponse:
    return render(request, "agencies/forbidden.html", status=403)


def clients(request: HttpRequest, agency_code: str) -> HttpResponse:
    agency = agency_for(request, agency_code)
    return render(request, "integrations/clients/list.html", {
        "agency": agency, "clients": queries.clients_of(agency), "issuer": _issuer(request),
    })


def _show_secret(request: HttpRequest, agency_client: AgencyClient, secret: str,
                 *, new: bool) -> HttpResponse:
    """The one time the client secret is shown: rendered by the POST itself, never cached."""
    response = render(request, "integrations/clients/secret.html", {
        "agency": agency_client.agency, "agency_client": agency_client, "secret": secret,
        "new": new, "issuer": _issuer(request),
    })
    response["Cache-Control"] = "no-store"
    return response


@never_cache
def register(request: HttpRequest, agency_code: str) -> HttpResponse:
    agency = agency_for(request, agency_code)
    form = ClientForm(request.POST or None, initial={"client_type": "confidential"})
    if request.method == "POST" and form.is_valid():
        try:
            agency_client, secret = actions.register_client(actor=request.user, agency=agency,
                                                            **form.cleaned_data)
        except actions.IntegrationPermissionError:
            return _forbidden(request)
        except actions.IntegrationError as exc:
            form.add_error(exc.field if exc.field in form.fields else None, exc.message)
        else:
            return _show_secret(request, agency_client, secret, new=True)
    return render(request, "integrations/clients/form.html", {"agency": agency, "form": form},
                  status=400 if request.method == "POST" else 200)


def edit(request: HttpRequest, agency_code: str, client_id: str) -> HttpResponse:
    agency = agency_for(request, agency_code)
    agency_client = _client(agency, client_id)
    application = agency_client.application
    initial = {"name": application.name, "description": agency_client.description,
               "redirect_uris": "\n".join(application.redirect_uris.split()),
               "post_logout_redirect_uris": "\n".join(application.post_logout_redirect_uris.split())}
    form = ClientForm(request.POST or None, initial=initial, editing=True)
    if request.method == "POST" and form.is_valid():
        try:
            actions.update_client(actor=request.user, agency_client=agency_client,
                                  **form.cleaned_data)
        except actions.IntegrationPermissionError:
            return _forbidden(request)
        except actions.IntegrationError as exc:
            form.add_error(exc.field if exc.field in form.fields else None, exc.message)
        else:
            messages.success(request, _("Aplikasi %(name)s disimpan.") % {"name": application.name})
            return redirect("integrations:clients", agency_code=agency.code)
    return render(request, "integrations/clients/form.html",
                  {"agency": agency, "form": form, "agency_client": agency_client},
                  status=400 if request.method == "POST" else 200)


@require_POST
def reset_secret(request: HttpRequest, agency_code: str, client_id: str) -> HttpResponse:
    agency = agency_for(request, agency_code)
    agency_client = _client(agency, client_id)
    try:
        secret = actions.reset_client_secret(actor=request.user, agency_client=agency_client)
    except actions.IntegrationPermissionError:
        return _forbidden(request)
    except actions.IntegrationError as exc:
        messages.error(request, exc.message)
        return redirect("integrations:clients", agency_code=agency.code)
    return _show_secret(request, agency_client, secret, new=False)


def delete(request: HttpRequest, agency_code: str, client_id: str) -> HttpResponse:
    agency = agency_for(request, agency_code)
    agency_client = _client(agency, client_id)
    if request.method == "POST":
        name = agency_client.application.name
        try:
            actions.delete_client(actor=request.user, agency_client=agency_client)
        except actions.IntegrationPermissionError:
            return _forbidden(request)
        messages.success(request, _("Aplikasi %(name)s dihapus. Semua sesi masuknya berakhir.")
                         % {"name": name})
        return redirect("integrations:clients", agency_code=agency.code)
    return render(request, "integrations/clients/delete.html",
                  {"agency": agency, "agency_client": agency_client})
