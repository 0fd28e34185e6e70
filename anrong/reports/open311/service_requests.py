"""Open311 service requests: Lapor's public reports as GeoReport v2 `request` objects, and the
spec's filters on them.

Only public reports, and only public columns: never who reported it (reporter, contact, the
sender's hash) — Open311 output is read by anyone. One query for the reports (with agency and
places joined, as plain values) and one for their first photos, whatever the number of rows."""

from __future__ import annotations

import datetime as dt
import re
import uuid
from collections.abc import Callable, Iterable, Mapping
from typing import Any
from zoneinfo import ZoneInfo

from django.conf import settings
from django.db.models import Case, F, Min, QuerySet, When
from django.db.models.functions import Coalesce
from django.urls import NoReverseMatch, reverse
from django.utils import timezone
from django.utils.dateparse import parse_date, parse_datetime
from django.utils.translation import gettext as _

from .. import queries
from ..categories import Category
from ..models import Report, ReportPhoto
from .problems import Open311Error

WITA = ZoneInfo("Asia/Makassar")
MAX_SPAN = dt.timedelta(days=90)  # the spec's longest date range
LIMIT = 1000  # the spec's default: at most the first 1000 requests
MAX_IDS = 1000
DESCRIPTION_MAX = 4000  # the spec's schema

FIELDS = ("id", "tracking_no", "category", "status", "note", "description", "address", "lat",
          "lng", "created_at", "agency__name", "kelurahan__name", "kecamatan__name")
# updated_datetime: when a closed request was closed (the spec), else the last change.
UPDATED = Case(When(status__in=Report.CLOSED_STATUSES,
                    then=Coalesce("closed_at", "resolved_at", "updated_at")),
               default=F("updated_at"))


def _rows(found: QuerySet[Report], limit: int) -> list[dict[str, Any]]:
    return represent(found.values(*FIELDS, updated=UPDATED)[:limit])


def iso(value: dt.datetime | None) -> str | None:
    """ISO 8601 in Makassar time with its offset: 2026-01-31T08:00:00+08:00."""
    if value is None:
        return None
    return value.astimezone(WITA).isoformat(timespec="seconds")


def absolute(path: str) -> str:
    return settings.SITE_URL.rstrip("/") + path


def _split(value: str | None) -> list[str]:
    return [part.strip() for part in (value or "").split(",") if part.strip()]


def _parse_moment(name: str, value: str, *, end: bool = False) -> dt.datetime:
    """ISO 8601 / W3C datetime, or a date: its start in WITA (its last moment for an
    `end`). A "+08:00" whose plus a client forgot to encode arrives as a space; it is read
    as the plus it was."""
    text = re.sub(r"([T ]\d{2}:\d{2}(:\d{2}(\.\d+)?)?) (\d{2}(:?\d{2})?)$", r"\1+\4",
                  value.strip())
    try:
        moment = parse_datetime(text)
        day = None if moment else parse_date(text)
    except ValueError:
        moment = day = None
    if moment is None and day is not None:
        moment = dt.datetime.combine(day, dt.time.max if end else dt.time.min)
    if moment is None:
        raise Open311Error(400, _("%(name)s \"%(value)s\" bukan tanggal ISO 8601 (misalnya "
                                  "2026-01-31T08:00:00+08:00).") % {"name": name, "value": value})
    if timezone.is_naive(moment):
        moment = moment.replace(tzinfo=WITA)
    return moment


def date_range(start: str | None, end: str | None, *,
               now: dt.datetime | None = None) -> tuple[dt.datetime, dt.datetime]:
    """The spec's window: at most 90 days; without dates the last 90 days; with one of them,
    90 days from (or up to) it."""
    if start and end:
        start_at, end_at = _parse_moment("start_date", start), _parse_moment("end_date", end, end=True)
    elif start:
        start_at = _parse_moment("start_date", start)
        end_at = start_at + MAX_SPAN
    else:
        end_at = _parse_moment("end_date", end, end=True) if end else (now or timezone.now())
        start_at = end_at - MAX_SPAN
    if end_at < start_at:
        raise Open311Error(400, _("end_date harus sesudah start_date."))
    if end_at - start_at > MAX_SPAN:
        raise Open311Error(400, _("Rentang start_date sampai end_date paling lama 90 hari."))
    return start_at, end_at


def _statuses(value: str | None) -> str | None:
    """"open", "closed", or None for both (the default)."""
    wanted = set(_split(value))
    unknown = wanted - {"open", "closed"}
    if unknown:
        raise Open311Error(400, _("status harus open atau closed (boleh keduanya, dipisah koma)."))
    return wanted.pop() if len(wanted) == 1 else None


def search(params: Mapping[str, str]) -> list[dict[str, Any]]:
    """GET requests: by service_request_id (comma-separated; then every other filter is
    ignored, as the spec says), else by service_code, start_date/end_date and status, newest
    first, at most 1000."""
    ids = _split(params.get("service_request_id"))
    if ids:
        if len(ids) > MAX_IDS:
            raise Open311Error(400, _("Paling banyak %(n)s service_request_id sekaligus.")
                               % {"n": MAX_IDS})
        found = queries.public_reports().filter(tracking_no__in=[i.upper() for i in ids])
        return _rows(found, MAX_IDS)
    codes = _split(params.get("service_code"))
    unknown = [code for code in codes if code not in Category.values]
    if unknown:
        raise Open311Error(400, _("service_code tidak dikenal: %(codes)s. Lihat services.json.")
                           % {"codes": ", ".join(unknown)})
    status = _statuses(params.get("status"))
    since, until = date_range(params.get("start_date"), params.get("end_date"))
    found = queries.public_reports(category=",".join(codes) or None, status=status)
    # The window as instants, end inclusive (public_reports reads a datetime `until` as the
    # exclusive end).
    found = found.filter(created_at__gte=since, created_at__lte=until)
    return _rows(found, LIMIT)


def one(tracking_no: str) -> dict[str, Any] | None:
    """GET requests/{id}: the public report, or None (unknown or private: the same 404)."""
    rows = _rows(queries.public_reports().filter(tracking_no=tracking_no.strip().upper()), 1)
    return rows[0] if rows else None


def by_token(token: str) -> dict[str, str] | None:
    """GET tokens/{token}: the request id behind the token a POST answered with. The token is
    known only to the client that filed the report, so this answers for private reports too
    (with nothing but the id)."""
    try:
        value = uuid.UUID(token.strip())
    except ValueError:
        return None
    number = Report.objects.filter(token=value).values_list("tracking_no", flat=True).first()
    return None if number is None else {"service_request_id": number, "token": str(value)}


def _photo_url_maker() -> Callable[[str, int], str] | None:
    """The absolute URL of a photo in the citizen photo view (`reports:photo`), or None while
    that view is not mounted. Reversed once with stand-ins and filled per row (a reverse() per
    row costs ~30 ms for 1000 rows); checked against a real reverse, and reversed per row
    should the URL pattern not take the stand-ins."""
    try:
        pattern = reverse("reports:photo", args=["LPR-0000-TTTTTT", 987654321])
    except NoReverseMatch:
        pattern = ""

    def by_reverse(tracking_no: str, photo_id: int) -> str:
        return absolute(reverse("reports:photo", args=[tracking_no, photo_id]))

    def by_pattern(tracking_no: str, photo_id: int) -> str:
        return absolute(pattern.replace("LPR-0000-TTTTTT", tracking_no)
                        .replace("987654321", str(photo_id)))

    try:
        by_reverse("LPR-2026-ABC123", 7)
    except NoReverseMatch:
        return None
    if pattern and by_pattern("LPR-2026-ABC123", 7) == by_reverse("LPR-2026-ABC123", 7):
        return by_pattern
    return by_reverse


def _photo_urls(rows: list[dict[str, Any]]) -> dict[int, str]:
    """The first photo of each report (one query), as an absolute URL."""
    if not rows:
        return {}
    url = _photo_url_maker()
    if url is None:
        return {}
    first = (ReportPhoto.objects.filter(report_id__in=[row["id"] for row in rows])
             .values("report_id").annotate(first=Min("id")).values_list("report_id", "first")
             .order_by())
    numbers = {row["id"]: row["tracking_no"] for row in rows}
    return {report_id: url(numbers[report_id], photo_id) for report_id, photo_id in first}


def _address_maker() -> Callable[[Mapping[str, Any]], str]:
    """Addresses from most specific to most general, as the spec asks: "Depan Balai Kota,
    Kel. Baru, Kec. Ujung Pandang, Kota Makassar". The words are translated once per answer,
    not once per row."""
    kelurahan, kecamatan, city = _("Kel. %(name)s"), _("Kec. %(name)s"), _("Kota Makassar")

    def address(row: Mapping[str, Any]) -> str:
        parts = [row["address"],
                 kelurahan % {"name": row["kelurahan__name"]} if row["kelurahan__name"] else "",
                 kecamatan % {"name": row["kecamatan__name"]} if row["kecamatan__name"] else "",
                 city]
        return ", ".join(part for part in parts if part)

    return address


def represent(rows: Iterable[dict[str, Any]]) -> list[dict[str, Any]]:
    rows = list(rows)
    photos = _photo_urls(rows)
    names = {code: str(label) for code, label in Category.choices}
    address = _address_maker()
    out = []
    for row in rows:
        closed = row["status"] in Report.CLOSED_STATUSES
        out.append({
            "service_request_id": row["tracking_no"],
            "status": "closed" if closed else "open",
            "status_notes": row["note"] or None,
            "service_name": names.get(row["category"], row["category"]),
            "service_code": row["category"],
            "description": row["description"][:DESCRIPTION_MAX],
            "agency_responsible": row["agency__name"],
            "service_notice": None,
            "requested_datetime": iso(row["created_at"]),
            "updated_datetime": iso(row["updated"]),
            # Lapor promises a first response in 2×24 hours, not a date of repair.
            "expected_datetime": None,
            "address": address(row),
            "address_id": None,
            "zipcode": None,
            "lat": row["lat"],
            "long": row["lng"],
            "media_url": photos.get(row["id"]),
        })
    return out
