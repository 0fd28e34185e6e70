"""Identity rules enforced on every request.

StaffTotpMiddleware: every staff member (accounts.roles.is_staff_member) must use TOTP.
  - no TOTP yet: only the TOTP set-up pages, sign-out, static files and the language switch
    are reachable; everything else redirects to the set-up page (JSON 403 under /api/v1/);
  - TOTP set up but this session was not confirmed with it (e.g. set up during this session,
    or enabled by an administrator meanwhile): the staff areas (/kantor/, /admin/, ...) redirect
    to the TOTP step.
LanguagePreferenceMiddleware: the language switch also updates the signed-in user's language.
"""

from __future__ import annotations

from allauth.account.internal.flows.login import get_authentication_records
from allauth.mfa.models import Authenticator
from django.conf import settings
from django.http import HttpRequest, HttpResponse, HttpResponseRedirect, JsonResponse
from django.urls import reverse
from django.utils.http import url_has_allowed_host_and_scheme, urlencode
from django.utils.translation import gettext as _

from .roles import is_staff_member

ALWAYS_OPEN = ("/static/", "/media/", "/i18n/", "/jsi18n/", "/favicon.ico", "/api/auth/")
STAFF_AREAS = ("/kantor/", "/admin/", "/cms/", "/warroom/")


def _open_paths() -> tuple[str, ...]:
    return ALWAYS_OPEN + (
        reverse("mfa_index"),  # /akun/2fa/: TOTP set-up, recovery codes, re-authentication
        reverse("account_logout"),
        reverse("account_reauthenticate"),
    )


def has_totp(user) -> bool:  # type: ignore[no-untyped-def]
    return Authenticator.objects.filter(user=user, type=Authenticator.Type.TOTP).exists()


def session_used_mfa(request: HttpRequest) -> bool:
    return any(r.get("method") == "mfa" for r in get_authentication_records(request, request.user))


def _redirect(request: HttpRequest, urlname: str) -> HttpResponse:
    target = reverse(urlname)
    here = request.get_full_path()
    if request.method == "GET" and url_has_allowed_host_and_scheme(here, allowed_hosts=None):
        target = f"{target}?{urlencode({'next': here})}"
    return HttpResponseRedirect(target)


class StaffTotpMiddleware:
    def __init__(self, get_response):  # type: ignore[no-untyped-def]
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponse:
        refusal = self._check(request)
        return refusal if refusal is not None else self.get_response(request)

    def _check(self, request: HttpRequest) -> HttpResponse | None:
        user = getattr(request, "user", None)
        if user is None or not user.is_authenticated or not is_staff_member(user):
            return None
        path = request.path
        if path.startswith(_open_paths()):
            return None
        if not has_totp(user):
            if path.startswith("/api/"):
                return JsonResponse(
                    {"code": "totp_required",
                     "message": _("Petugas wajib memasang aplikasi autentikator (TOTP) dulu."),
                     "details": {"setup_url": reverse("mfa_activate_totp")}},
                    status=403,
                )
            return _redirect(request, "mfa_activate_totp")
        if path.startswith(STAFF_AREAS) and not session_used_mfa(request):
            return _redirect(request, "mfa_reauthenticate")
        return None


class LanguagePreferenceMiddleware:
    """After Django's set_language view answered, store the chosen language on the account."""

    def __init__(self, get_response):  # type: ignore[no-untyped-def]
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponse:
        response = self.get_response(request)
        user = getattr(request, "user", None)
        cookie = response.cookies.get(settings.LANGUAGE_COOKIE_NAME)
        if (request.method == "POST" and cookie is not None and user is not None
                and user.is_authenticated and request.path == reverse("set_language")):
            from .actions.identity import IdentityError, set_language

            try:
                set_language(user=user, language=cookie.value)
            except IdentityError:
                pass  # Django already refused languages not in LANGUAGES
        return response
