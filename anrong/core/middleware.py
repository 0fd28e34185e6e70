"""Every request gets an id: taken from X-Request-ID when well formed, else new; echoed back."""

from __future__ import annotations

from asgiref.sync import iscoroutinefunction, markcoroutinefunction
from django.conf import settings
from django.utils import translation
from django.utils.cache import patch_vary_headers

from . import context

HEADER = "X-Request-ID"


def client_ip(request) -> str | None:  # type: ignore[no-untyped-def]
    return request.META.get("REMOTE_ADDR") or None


class RequestIdMiddleware:
    sync_capable = True
    async_capable = True

    def __init__(self, get_response):  # type: ignore[no-untyped-def]
        self.get_response = get_response
        self._async = iscoroutinefunction(get_response)
        if self._async:
            markcoroutinefunction(self)

    def _start(self, request):  # type: ignore[no-untyped-def]
        request.id = context.new_request_id(request.headers.get(HEADER))
        return context.bind(context.RequestContext(request_id=request.id, ip=client_ip(request)))

    def __call__(self, request):  # type: ignore[no-untyped-def]
        if self._async:
            return self.__acall__(request)
        token = self._start(request)
        try:
            response = self.get_response(request)
        finally:
            context.unbind(token)
        response[HEADER] = request.id
        return response

    async def __acall__(self, request):  # type: ignore[no-untyped-def]
        token = self._start(request)
        try:
            response = await self.get_response(request)
        finally:
            context.unbind(token)
        response[HEADER] = request.id
        return response


class ChosenLanguageMiddleware:
    """Bahasa Indonesia unless the person chose English: the language switch's cookie first, then
    the signed-in user's saved language. Unlike Django's LocaleMiddleware, the browser's
    Accept-Language is not consulted: many phones in Makassar run an English system language while
    their owners read Indonesian. Sits after AuthenticationMiddleware."""

    def __init__(self, get_response):  # type: ignore[no-untyped-def]
        self.get_response = get_response
        self.languages = {code for code, _ in settings.LANGUAGES}

    def chosen(self, request) -> str:  # type: ignore[no-untyped-def]
        cookie = request.COOKIES.get(settings.LANGUAGE_COOKIE_NAME)
        if cookie in self.languages:
            return cookie
        user = getattr(request, "user", None)
        if user is not None and user.is_authenticated and getattr(user, "language", "") in self.languages:
            return user.language
        return settings.LANGUAGE_CODE

    def __call__(self, request):  # type: ignore[no-untyped-def]
        # override(), not activate(): the thread's language is restored after the request, so
        # one request's choice never leaks into the next piece of work on the same thread.
        with translation.override(self.chosen(request)):
            request.LANGUAGE_CODE = translation.get_language()
            response = self.get_response(request)
        response.headers.setdefault("Content-Language", request.LANGUAGE_CODE)
        patch_vary_headers(response, ("Cookie",))
        return response
