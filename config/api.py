"""The JSON API at /api/v1/: one NinjaAPI, each module's router mounted from the registry.

Errors always have one body: {"code": ..., "message": ..., "details": ...}.
"""

from __future__ import annotations

import math

from django.http import Http404
from django.utils.module_loading import import_string
from django.utils.translation import gettext as _
from ninja import NinjaAPI
from ninja.errors import AuthenticationError, HttpError, Throttled, ValidationError

from anrong.core import modules
from anrong.core.api_auth import api_auth
from anrong.services.errors import AnswersInvalid

api = NinjaAPI(
    title="Anrong API",
    version="1",
    description="API platform layanan publik Kota Makassar. / The City of Makassar's public-service platform API.",
    auth=api_auth,
    urls_namespace="api-v1",
)


def error(request, status: int, code: str, message: str, details=None):  # type: ignore[no-untyped-def]
    return api.create_response(
        request, {"code": code, "message": message, "details": details or {}}, status=status
    )


@api.exception_handler(ValidationError)
def on_validation_error(request, exc: ValidationError):  # type: ignore[no-untyped-def]
    return error(request, 422, "invalid", _("Data yang dikirim tidak valid."), {"errors": exc.errors})


@api.exception_handler(AnswersInvalid)
def on_answers_invalid(request, exc: AnswersInvalid):  # type: ignore[no-untyped-def]
    return error(request, 422, "invalid", exc.message, {"errors": exc.errors})


@api.exception_handler(AuthenticationError)
def on_auth_error(request, exc):  # type: ignore[no-untyped-def]
    # ninja's own AuthenticationError says "Unauthorized"; ours (e.g. a refused API key) say why.
    message = exc.message if exc.message != "Unauthorized" else _("Silakan masuk terlebih dahulu.")
    return error(request, 401, "unauthenticated", message)


@api.exception_handler(Throttled)
def on_throttled(request, exc: Throttled):  # type: ignore[no-untyped-def]
    wait = max(1, math.ceil(exc.wait or 60))
    response = error(request, 429, "rate_limited",
                     _("Terlalu banyak permintaan. Coba lagi dalam %(n)s detik.") % {"n": wait},
                     {"retry_after": wait})
    response["Retry-After"] = str(wait)
    return response


@api.exception_handler(Http404)
def on_not_found(request, exc):  # type: ignore[no-untyped-def]
    return error(request, 404, "not_found", _("Data tidak ditemukan."))


@api.exception_handler(HttpError)
def on_http_error(request, exc: HttpError):  # type: ignore[no-untyped-def]
    code = {400: "bad_request", 403: "forbidden", 404: "not_found", 409: "conflict",
            429: "rate_limited"}.get(exc.status_code, "error")
    return error(request, exc.status_code, code, str(exc))


api.add_router("/auth/", "anrong.accounts.identity_api.router")
api.add_router("/applications/", "anrong.services.api_applications.router")

for _module in modules.all_modules():
    if _module.api_router:
        api.add_router(f"/{_module.slug}/", import_string(_module.api_router))
    for _subpath, _router in _module.api_routers:
        api.add_router(f"/{_module.slug}/{_subpath}/", import_string(_router))
