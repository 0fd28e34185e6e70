"""POST requests: an agency system (or a city app) files a report for someone, with its agency
API key (scope complaints:write). The form-encoded fields of the spec become one call of
`actions.submit_report`; its refusals become the spec's 400 errors, one per field."""

from __future__ import annotations

import re
from typing import Any

from django.core.exceptions import ValidationError
from django.core.validators import validate_email
from django.http import HttpRequest
from django.utils.translation import gettext as _
from ninja.errors import AuthenticationError, HttpError, Throttled

from anrong.core.middleware import client_ip
from anrong.integrations.api_auth import check_key

from .. import actions
from ..categories import CATEGORIES, attribute
from ..errors import ReportError, TooManyReports
from ..models import Report
from .problems import Open311Error

SCOPE = "complaints:write"
ATTRIBUTE = re.compile(r"^attribute\[([^\[\]]+)\](\[\])?$")

# Our field names in ReportError.errors → the spec's parameter names.
PARAMETERS = {"category": "service_code", "location": "lat/long", "address": "address_string",
              "description": "description", "photos": "media_url"}


def param(request: HttpRequest, name: str) -> str:
    """A field of the form body, or of the query string (the spec's swagger puts them there)."""
    value = request.POST.get(name)
    if value is None:
        value = request.GET.get(name, "")
    return value.strip()


def authenticate(request: HttpRequest) -> Any:
    """The agency API key of the request (`api_key`, or `Authorization: Bearer`), checked as
    /api/v1/ checks it: rate limits, failures counted per address, the scope. 403 when missing,
    unknown, revoked, expired or without complaints:write; 429 when over a limit."""
    text = param(request, "api_key")
    if not text:
        header = request.headers.get("Authorization", "")
        text = header[7:].strip() if header.lower().startswith("bearer ") else ""
    if not text:
        raise Open311Error(403, _("api_key wajib diisi: kunci API OPD dengan izin "
                                  "complaints:write."))
    try:
        check_key(request, text, SCOPE)
    except AuthenticationError as exc:
        raise Open311Error(403, str(exc.message)) from exc
    except Throttled as exc:
        raise Open311Error(429, _("Terlalu banyak permintaan. Coba lagi dalam %(s)s detik.")
                           % {"s": exc.wait or 60}) from exc
    except HttpError as exc:
        raise Open311Error(exc.status_code, str(exc.message)) from exc
    return request.api_key  # type: ignore[attr-defined]


def _attributes(request: HttpRequest, service_code: str) -> dict[str, str]:
    """attribute[code]=value (attribute[code][]=value for a multivaluelist, joined by commas).
    Codes the service does not have are refused here; values are checked by the action."""
    found: dict[str, str] = {}
    problems = []
    data = request.POST if request.POST else request.GET
    for name in data:
        match = ATTRIBUTE.match(name)
        if match is None:
            continue
        code, many = match.group(1), bool(match.group(2))
        values = [v.strip() for v in data.getlist(name) if v.strip()]
        definition = attribute(service_code, code)
        if definition is None:
            problems.append(_("attribute[%(code)s]: isian ini tidak ada pada layanan %(service)s "
                              "(lihat services/%(service)s.json).")
                            % {"code": code, "service": service_code})
        elif len(values) > 1 and not (many and definition.datatype == "multivaluelist"):
            problems.append(_("attribute[%(code)s]: hanya satu nilai.") % {"code": code})
        elif values:
            found[code] = ",".join(values)
    if problems:
        raise Open311Error(400, *problems)
    return found


def _contact(request: HttpRequest) -> dict[str, str]:
    """Who to contact, for the agency only (never shown in Open311 output)."""
    name = " ".join(part for part in (param(request, "first_name"), param(request, "last_name"))
                    if part)
    email = param(request, "email")
    if email:
        try:
            validate_email(email)
        except ValidationError:
            raise Open311Error(400, _("email: alamat email tidak valid.")) from None
    return {"name": name, "email": email, "phone": param(request, "phone")}


def submit(request: HttpRequest, key: Any) -> Report:
    service_code = param(request, "service_code")
    if not service_code:
        raise Open311Error(400, _("service_code wajib diisi (lihat services.json)."))
    if service_code not in CATEGORIES:
        raise Open311Error(400, _("service_code \"%(code)s\" tidak dikenal (lihat "
                                  "services.json).") % {"code": service_code})
    lat, lng = param(request, "lat"), param(request, "long")
    if not lat or not lng:
        # address_string or address_id alone is not enough: the point decides the kelurahan
        # and the kecamatan office, and Lapor does not geocode addresses.
        raise Open311Error(400, _("lat dan long wajib diisi: Lapor memerlukan titik lokasi "
                                  "(address_string atau address_id saja tidak cukup)."))
    attributes = _attributes(request, service_code)
    # media_url is not fetched (the platform makes no requests to addresses a client names);
    # photos come through Lapor's own app and API.
    try:
        return actions.submit_report(
            reporter=None, category=service_code, description=param(request, "description"),
            lat=lat, lng=lng, address=param(request, "address_string"), attributes=attributes,
            source=Report.Source.OPEN311, api_key=key, contact=_contact(request),
            sender_ip=client_ip(request))
    except TooManyReports as exc:
        raise Open311Error(429, exc.message) from exc
    except ReportError as exc:
        if exc.errors:
            raise Open311Error(400, *(f"{PARAMETERS.get(field, field)}: {message}"
                                      for field, message in exc.errors.items())) from exc
        raise Open311Error(400, exc.message) from exc
