"""/kantor/integrasi/: the agencies whose systems the signed-in admin connects."""

from __future__ import annotations

from django.contrib.auth.decorators import login_required
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, render

from anrong.agencies import queries as agency_queries
from anrong.agencies.models import Agency

from .. import permissions


def managed_agencies(user) -> list[Agency]:  # type: ignore[no-untyped-def]
    return [m.agency for m in agency_queries.memberships_of(user)
            if permissions.can_manage_integrations(user, m.agency)]


def agency_for(request: HttpRequest, agency_code: str) -> Agency:
    """The agency named in the URL, if the viewer manages its integrations; 404 otherwise (the
    page does not say whether an agency exists to someone who may not see it)."""
    agency = get_object_or_404(Agency, code=agency_code, is_active=True)
    if not permissions.can_manage_integrations(request.user, agency):
        raise Http404
    return agency


@login_required
def home(request: HttpRequest) -> HttpResponse:
    agencies = managed_agencies(request.user)
    if not agencies:
        return render(request, "agencies/forbidden.html", status=403)
    return render(request, "integrations/console/home.html", {"agencies": agencies})
