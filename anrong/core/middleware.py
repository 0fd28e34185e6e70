"""Every request gets an id: taken from X-Request-ID when well formed, else new; echoed back."""

from __future__ import annotations

from asgiref.sync import iscoroutinefunction, markcoroutinefunction

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
