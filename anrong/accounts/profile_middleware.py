"""A signed-in citizen without a profile is sent to /akun/profil/ first: every service needs to
know who they are (NIK) and where they live (kelurahan). Staff are not asked."""

from __future__ import annotations

from asgiref.sync import iscoroutinefunction, markcoroutinefunction, sync_to_async
from django.http import HttpRequest, HttpResponseRedirect
from django.urls import reverse

from . import queries
from .roles import is_staff_member

# Sign-in (allauth) and the account pages (profile, data rights, deletion) live under /akun/.
EXEMPT_PREFIXES = (
    "/akun/", "/static/", "/media/", "/i18n/", "/jsi18n/", "/api/", "/admin/", "/kantor/",
    "/offline/", "/verifikasi/",
)
EXEMPT_PATHS = frozenset({"/healthz", "/manifest.webmanifest", "/sw.js", "/favicon.ico",
                          "/robots.txt"})


def is_exempt(path: str) -> bool:
    return path in EXEMPT_PATHS or path.startswith(EXEMPT_PREFIXES)


def needs_profile(user) -> bool:  # type: ignore[no-untyped-def]
    if not getattr(user, "is_authenticated", False) or not user.is_active:
        return False
    if queries.has_profile(user):
        return False
    return not is_staff_member(user)


class ProfileRequiredMiddleware:
    sync_capable = True
    async_capable = True

    def __init__(self, get_response):  # type: ignore[no-untyped-def]
        self.get_response = get_response
        self._async = iscoroutinefunction(get_response)
        if self._async:
            markcoroutinefunction(self)

    def __call__(self, request: HttpRequest):  # type: ignore[no-untyped-def]
        if self._async:
            return self.__acall__(request)
        if not is_exempt(request.path_info) and needs_profile(request.user):
            return HttpResponseRedirect(reverse("accounts:profile"))
        return self.get_response(request)

    async def __acall__(self, request: HttpRequest):  # type: ignore[no-untyped-def]
        if not is_exempt(request.path_info):
            user = await request.auser()
            if await sync_to_async(needs_profile)(user):
                return HttpResponseRedirect(reverse("accounts:profile"))
        return await self.get_response(request)
