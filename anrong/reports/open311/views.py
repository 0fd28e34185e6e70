"""Open311 GeoReport v2 at /open311/v2/ (http://wiki.open311.org/GeoReport_v2): discovery,
services, service definitions, service requests (read, and filed with an agency API key) and
tokens; every one as .json and .xml.

Each view parses, calls one query or action, and renders (formats.py). Shared by all of them
(`endpoint`): the format from the URL (another extension → 404), the allowed methods (→ 405),
the language (`?locale=en`, else the Accept-Language header, else Indonesian), the optional
`jurisdiction_id` (only makassarkota.go.id; another → 404), and problems answered as the
spec's errors."""

from __future__ import annotations

import functools
from collections.abc import Callable
from typing import Any

from django.conf import settings
from django.http import HttpRequest, HttpResponse
from django.urls import reverse
from django.utils import translation
from django.utils.cache import patch_vary_headers
from django.utils.translation import gettext as _
from django.views.decorators.csrf import csrf_exempt

from ..models import Report
from . import catalogue, formats, service_requests, submit
from .problems import Open311Error

JURISDICTION = "makassarkota.go.id"
# When this API last changed (discovery's changeset).
CHANGESET = "2026-11-23T00:00:00+08:00"
SPECIFICATION = "http://wiki.open311.org/GeoReport_v2"

View = Callable[..., HttpResponse]


def _language(request: HttpRequest) -> str:
    locale = request.GET.get("locale", "").strip().replace("_", "-")
    if locale:
        try:
            return translation.get_supported_language_variant(locale.lower())
        except LookupError:
            pass
    return translation.get_language_from_request(request)


def endpoint(*methods: str) -> Callable[[View], View]:
    def wrap(view: View) -> View:
        @functools.wraps(view)
        def run(request: HttpRequest, *args: Any, fmt: str, **kwargs: Any) -> HttpResponse:
            fmt = fmt.lower()
            language = _language(request)
            with translation.override(language):
                response = _run(view, methods, request, *args, fmt=fmt, **kwargs)
            response.headers["Content-Language"] = language
            patch_vary_headers(response, ("Accept-Language",))
            return response

        return run

    return wrap


def _run(view: View, methods: tuple[str, ...], request: HttpRequest, *args: Any, fmt: str,
         **kwargs: Any) -> HttpResponse:
    if fmt not in formats.FORMATS:
        return formats.errors(formats.JSON, 404, _("Format \"%(fmt)s\" tidak tersedia; gunakan "
                                                   ".json atau .xml.") % {"fmt": fmt})
    if request.method not in methods:
        response = formats.errors(fmt, 405, _("Metode %(method)s tidak diterima di sini.")
                                  % {"method": request.method})
        response.headers["Allow"] = ", ".join(methods)
        return response
    try:
        jurisdiction = (request.POST.get("jurisdiction_id") if request.method == "POST" else None) \
            or request.GET.get("jurisdiction_id", "")
        if jurisdiction.strip() and jurisdiction.strip().lower() != JURISDICTION:
            raise Open311Error(404, _("jurisdiction_id \"%(given)s\" tidak dikenal; API ini "
                                      "melayani %(ours)s.")
                               % {"given": jurisdiction.strip(), "ours": JURISDICTION})
        return view(request, *args, fmt=fmt, **kwargs)
    except Open311Error as problem:
        return formats.errors(fmt, problem.status, problem.descriptions, code=problem.code)


def _absolute(name: str) -> str:
    return service_requests.absolute(reverse(name))


@endpoint("GET", "HEAD")
def discovery(request: HttpRequest, *, fmt: str) -> HttpResponse:
    data = {
        "changeset": CHANGESET,
        "contact": getattr(settings, "OPEN311_CONTACT", "")
        or _("Dinas Komunikasi dan Informatika Kota Makassar"),
        "key_service": _("Kunci API diterbitkan admin OPD Anda di %(url)s (Integrasi → Kunci "
                         "API), dengan izin complaints:write untuk mengirim laporan.")
        % {"url": _absolute("integrations:home")},
        "endpoints": [{
            "specification": SPECIFICATION,
            "url": _absolute("open311:root"),
            "changeset": CHANGESET,
            "type": "production",
            "formats": ["text/xml", "application/json"],
        }],
    }
    return formats.respond(fmt, data, root="discovery", item=None)


def root(request: HttpRequest) -> HttpResponse:
    """The endpoint's base URL answers with the discovery, in JSON."""
    return discovery(request, fmt=formats.JSON)


@endpoint("GET", "HEAD")
def services(request: HttpRequest, *, fmt: str) -> HttpResponse:
    return formats.respond(fmt, catalogue.services(), root="services", item="service")


@endpoint("GET", "HEAD")
def service_definition(request: HttpRequest, service_code: str, *, fmt: str) -> HttpResponse:
    if not catalogue.is_service(service_code):
        raise Open311Error(404, _("service_code \"%(code)s\" tidak dikenal (lihat services.json).")
                           % {"code": service_code})
    return formats.respond(fmt, catalogue.definition(service_code), root="service_definition",
                           item=None)


@csrf_exempt  # authenticated by an API key in the form, not by a session cookie
@endpoint("GET", "HEAD", "POST")
def requests(request: HttpRequest, *, fmt: str) -> HttpResponse:
    if request.method == "POST":
        return _create(request, fmt)
    return formats.respond(fmt, service_requests.search(request.GET), root="service_requests",
                           item="request")


def _create(request: HttpRequest, fmt: str) -> HttpResponse:
    key = submit.authenticate(request)
    report = submit.submit(request, key)
    data = [{
        "service_request_id": report.tracking_no,
        "token": str(report.token),
        "service_notice": _notice(report),
        # No account_id: a report filed over Open311 belongs to no Anrong account, and the
        # spec's RequestResponse allows only a string there (so it is left out, not null).
    }]
    return formats.respond(fmt, data, root="service_requests", item="request")


def _notice(report: Report) -> str:
    return _("Laporan diteruskan ke %(agency)s. Tanggapan pertama paling lambat 2×24 jam.") % {
        "agency": report.agency.name}


@endpoint("GET", "HEAD")
def request_detail(request: HttpRequest, service_request_id: str, *, fmt: str) -> HttpResponse:
    found = service_requests.one(service_request_id)
    if found is None:
        raise Open311Error(404, _("service_request_id \"%(id)s\" tidak ditemukan.")
                           % {"id": service_request_id})
    return formats.respond(fmt, [found], root="service_requests", item="request")


@endpoint("GET", "HEAD")
def token(request: HttpRequest, token: str, *, fmt: str) -> HttpResponse:
    found = service_requests.by_token(token)
    if found is None:
        raise Open311Error(404, _("Token \"%(token)s\" tidak ditemukan.") % {"token": token})
    return formats.respond(fmt, [found], root="service_requests", item="request")
