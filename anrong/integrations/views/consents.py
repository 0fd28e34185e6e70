"""/akun/aplikasi/: the agency apps a person let sign them in, and "Cabut izin"."""

from __future__ import annotations

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from ..actions import oidc as actions
from ..models import Consent
from ..oidc_validator import SCOPE_TEXT
from ..queries import oidc as queries


@login_required
def connected_apps(request: HttpRequest) -> HttpResponse:
    rows = [
        {"consent": consent, "application": consent.application,
         "agency": getattr(queries.agency_client_of(consent.application), "agency", None),
         "scopes": [SCOPE_TEXT.get(scope, (scope, ""))[0] for scope in consent.scopes]}
        for consent in queries.connected_apps_of(request.user)
    ]
    return render(request, "integrations/consents/list.html", {"rows": rows})


@login_required
@require_POST
def withdraw(request: HttpRequest, consent_id: int) -> HttpResponse:
    consent = Consent.objects.filter(pk=consent_id, user=request.user,
                                     withdrawn_at__isnull=True).select_related("application").first()
    if consent is None:
        raise Http404
    try:
        actions.withdraw_consent(user=request.user, consent=consent)
    except actions.IntegrationError as exc:
        messages.error(request, exc.message)
    else:
        messages.success(request, _("Izin untuk %(app)s sudah dicabut. Aplikasi itu tidak lagi "
                                    "dapat membaca data Anda.") % {"app": consent.application.name})
    return redirect("connected_apps:list")
