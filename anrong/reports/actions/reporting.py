"""Filing a report: checks, floods, photos, routing, the idempotency key."""

from __future__ import annotations

import datetime as dt
import hashlib
import hmac
import math
from collections.abc import Mapping, Sequence
from typing import Any

from django.conf import settings
from django.db import IntegrityError, transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from anrong.agencies.models import Agency
from anrong.core.audit import record_audit
from anrong.core.outbox import emit
from anrong.core.queries import region_at
from anrong.services.tracking import new_tracking_no

from .. import categories, permissions
from ..errors import ReportError, TooManyReports
from ..models import Report, ReportFollower, ReportUpdate
from .common import (
    DESCRIPTION_MAX,
    DESCRIPTION_MIN,
    FIRST_RESPONSE,
    TRACKING_PREFIX,
    Status,
    _check_photos,
    _require,
    _save_photos,
    _tell_followers,
    _text,
    snapshot,
)

# --- reporting ----------------------------------------------------------------------------------


def sender_hash(ip: str | None) -> str:
    """An HMAC of the sender's address: enough to count a flood, not enough to find anyone."""
    if not ip:
        return ""
    return hmac.new(settings.SECRET_KEY.encode(), f"lapor:{ip}".encode(), hashlib.sha256).hexdigest()


def _limits() -> dict[str, int]:
    return {
        "account_hour": int(getattr(settings, "LAPOR_MAX_PER_ACCOUNT_HOUR", 5)),
        "account_day": int(getattr(settings, "LAPOR_MAX_PER_ACCOUNT_DAY", 20)),
        "address_hour": int(getattr(settings, "LAPOR_MAX_PER_ADDRESS_HOUR", 30)),
    }


def _refuse_floods(*, reporter: Any, sender: str, now: dt.datetime) -> None:
    limits = _limits()
    hour_ago, day_ago = now - dt.timedelta(hours=1), now - dt.timedelta(days=1)
    if reporter is not None:
        mine = Report.objects.filter(reporter=reporter)
        if mine.filter(created_at__gte=hour_ago).count() >= limits["account_hour"]:
            raise TooManyReports(_("Anda sudah mengirim %(n)s laporan dalam satu jam terakhir. "
                                   "Tunggu sebentar lalu kirim lagi; laporan Anda sebelumnya "
                                   "sudah kami terima.") % {"n": limits["account_hour"]})
        if mine.filter(created_at__gte=day_ago).count() >= limits["account_day"]:
            raise TooManyReports(_("Anda sudah mengirim %(n)s laporan hari ini, batas harian. "
                                   "Kirim lagi besok.") % {"n": limits["account_day"]})
    if sender and Report.objects.filter(sender_hash=sender, created_at__gte=hour_ago).count() \
            >= limits["address_hour"]:
        raise TooManyReports(_("Terlalu banyak laporan dari jaringan ini dalam satu jam terakhir. "
                               "Coba lagi nanti."))


def _parse_point(lat: Any, lng: Any) -> tuple[float, float] | None:
    if lat in (None, "") and lng in (None, ""):
        return None
    try:
        point = float(lat), float(lng)
    except (TypeError, ValueError):
        message = _("Titik lokasi tidak terbaca. Pilih titik di peta lagi.")
        raise ReportError(message, errors={"location": message}) from None
    if not all(math.isfinite(v) for v in point):
        message = _("Titik lokasi tidak terbaca. Pilih titik di peta lagi.")
        raise ReportError(message, errors={"location": message})
    return point


def _clean_attributes(category: str, attributes: Mapping[str, Any] | None) -> dict[str, str]:
    cleaned: dict[str, str] = {}
    for code, raw in (attributes or {}).items():
        attribute = categories.attribute(category, code)
        if attribute is None:
            message = _("Isian tambahan \"%(code)s\" tidak dikenal untuk kategori ini.") % {"code": code}
            raise ReportError(message, errors={f"attribute[{code}]": message})
        value = str(raw).strip()
        if not value:
            continue
        if attribute.datatype == "number":
            try:
                if not math.isfinite(float(value)):
                    raise ValueError(value)
            except ValueError:
                message = _("\"%(label)s\" harus berupa angka.") % {"label": attribute.description}
                raise ReportError(message, errors={f"attribute[{code}]": message}) from None
        if attribute.values and value not in {key for key, _label in attribute.values}:
            message = _("Pilihan untuk \"%(label)s\" tidak dikenal.") % {"label": attribute.description}
            raise ReportError(message, errors={f"attribute[{code}]": message})
        cleaned[code] = value[:200]
    for attribute in categories.info(category).attributes:
        if attribute.required and attribute.code not in cleaned:
            message = _("\"%(label)s\" wajib diisi.") % {"label": attribute.description}
            raise ReportError(message, errors={f"attribute[{attribute.code}]": message})
    return cleaned


def submit_report(*, reporter: Any, category: str, description: str, lat: Any = None,
                  lng: Any = None, is_public: bool = True, photos: Sequence[Any] = (),
                  address: str = "", attributes: Mapping[str, Any] | None = None,
                  source: str = Report.Source.WEB, api_key: Any = None,
                  contact: Mapping[str, str] | None = None, sender_ip: str | None = None,
                  idempotency_key: str | None = None) -> Report:
    """File a report. The category decides the responsible agency; the point decides the
    kelurahan (and so the kecamatan office that may verify). Without a point the first photo's
    EXIF position is used. Refused, with nothing written: an unknown category, a description
    too short, photos that are not images or too large, a point outside Kota Makassar, a flood.
    The same `idempotency_key` from the same reporter answers the report already filed."""
    if reporter is None:
        _require(source == Report.Source.OPEN311 and api_key is not None)
    else:
        _require(permissions.can_report(reporter), _("Masuk dulu untuk melapor."))
    key = (idempotency_key or "").strip()[:64] or None if reporter is not None else None
    if key is not None:
        earlier = Report.objects.filter(reporter=reporter, idempotency_key=key).first()
        if earlier is not None:
            return earlier
    if category not in categories.CATEGORIES:
        message = _("Pilih kategori laporan.")
        raise ReportError(message, errors={"category": message})
    text = _text(description, field="description", required=True, minimum=DESCRIPTION_MIN,
                 maximum=DESCRIPTION_MAX)
    place = _text(address, field="address", required=False, maximum=300)
    cleaned_attributes = _clean_attributes(category, attributes)
    point = _parse_point(lat, lng)
    checked, exif_point = _check_photos(list(photos))
    point = point or exif_point
    if point is None:
        message = _("Tandai lokasi masalahnya di peta (atau unggah foto yang menyimpan lokasi).")
        raise ReportError(message, errors={"location": message})
    kelurahan = region_at(*point)
    if kelurahan is None:
        message = _("Titik ini di luar Kota Makassar. Lapor hanya menerima masalah di wilayah "
                    "Kota Makassar; geser titiknya ke lokasi yang benar.")
        raise ReportError(message, errors={"location": message})
    contact = contact or {}
    try:
        return _file(reporter=reporter, category=category, text=text, place=place, point=point,
                     kelurahan=kelurahan, is_public=is_public, attributes=cleaned_attributes,
                     checked=checked, source=source, api_key=api_key, contact=contact,
                     sender_ip=sender_ip, key=key)
    except _SameKey:
        return Report.objects.get(reporter=reporter, idempotency_key=key)


class _SameKey(Exception):
    """Another request with the same idempotency key filed the report first."""


def _file(*, reporter: Any, category: str, text: str, place: str, point: tuple[float, float],
          kelurahan: Any, is_public: bool, attributes: dict[str, str], checked: list[Any],
          source: str, api_key: Any, contact: Mapping[str, str], sender_ip: str | None,
          key: str | None) -> Report:
    now = timezone.now()
    sender = sender_hash(sender_ip)
    with transaction.atomic():
        _refuse_floods(reporter=reporter, sender=sender, now=now)
        agency = Agency.objects.filter(code=categories.info(category).agency_code,
                                       is_active=True).first()
        if agency is None:  # the responsible agency was switched off: the operators take it
            agency = Agency.objects.get(code="DISKOMINFO")
        verifier = Agency.objects.filter(kind=Agency.Kind.KECAMATAN, region=kelurahan.parent,
                                         is_active=True).first()
        report = Report(
            category=category, agency=agency, verifier=verifier, reporter=reporter,
            contact_name=str(contact.get("name", ""))[:150],
            contact_email=str(contact.get("email", ""))[:254],
            contact_phone=str(contact.get("phone", ""))[:20],
            description=text, address=place, lat=round(point[0], 6), lng=round(point[1], 6),
            kelurahan=kelurahan, kecamatan=kelurahan.parent, is_public=bool(is_public),
            attributes=attributes, source=source, api_key=api_key, sender_hash=sender,
            idempotency_key=key, created_at=now, due_at=now + FIRST_RESPONSE)
        for _attempt in range(5):
            report.tracking_no = new_tracking_no(TRACKING_PREFIX, now)
            try:
                with transaction.atomic():
                    report.save()
                break
            except IntegrityError:
                if key is not None and Report.objects.filter(reporter=reporter,
                                                             idempotency_key=key).exists():
                    raise _SameKey from None  # the other request with this key filed it
                continue
        else:  # pragma: no cover - 5 collisions in 729 million
            raise ReportError(_("Laporan belum tersimpan. Coba kirim sekali lagi."))
        _save_photos(report, checked, by_agency=False)
        ReportUpdate.objects.create(report=report, kind=ReportUpdate.Kind.STATUS,
                                    to_status=Status.RECEIVED, agency=agency, public=True)
        if reporter is not None:
            ReportFollower.objects.create(report=report, user=reporter)
        record_audit(actor=reporter, action="complaint.created", target=report,
                     details={"category": category, "source": source, "agency": agency.code})
        emit("complaint.created", snapshot(report), aggregate=report)
        if reporter is not None:
            _tell_followers(report, "received")
    return report


