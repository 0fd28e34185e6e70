"""Every write of Lapor. Each step is keyword-only, runs in one transaction, locks the report row,
checks permission on what it finds locked, writes the timeline (ReportUpdate), an audit event
and an outbox event, and tells the reporter and followers in their language.

The clock: the first response is due 2×24 hours after the report (Makassar's rule, counted in
real hours: a street light out on Saturday is answered by Monday). Verifying, responding,
starting, resolving or rejecting is a response; a reassignment is not (the citizen still waits).
Unanswered reports past their due time are escalated once, to the responsible agency's
supervisors and admins and to Diskominfo's operators (`escalate_overdue`).

Two officers at once: staff steps take the `version` their page showed; the first step bumps
it, the second is refused with StaleReport.
"""

from __future__ import annotations

import datetime as dt
import hashlib
import hmac
import math
from collections.abc import Iterable, Mapping, Sequence
from typing import Any

from django.conf import settings
from django.core.files.base import ContentFile
from django.db import IntegrityError, transaction
from django.urls import NoReverseMatch, reverse
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from anrong.accounts.models import PlatformRole
from anrong.agencies.models import Agency, Membership
from anrong.core import notifications
from anrong.core.audit import record_audit
from anrong.core.outbox import emit
from anrong.core.queries import region_at
from anrong.core.uploads import UploadError, check_upload
from anrong.services.tracking import new_tracking_no

from . import categories, permissions
from .errors import ReportError, ReportPermissionError, StaleReport, TooManyReports
from .exif import photo_location
from .models import Report, ReportFollower, ReportPhoto, ReportUpdate

Status = Report.Status
FIRST_RESPONSE = dt.timedelta(hours=48)
PHOTO_TYPES = ("image/jpeg", "image/png", "image/webp")
MAX_PHOTOS = 3
DESCRIPTION_MIN, DESCRIPTION_MAX = 10, 4000
NOTE_MAX = 2000
TRACKING_PREFIX = "LPR"

_NOTIFY: dict[str, tuple[Any, Any]] = {
    "received": (gettext_lazy("Laporan %(tracking_no)s diterima"),
                 gettext_lazy("Laporan %(category)s Anda diteruskan ke %(agency)s. Tanggapan "
                              "pertama paling lambat 2×24 jam.")),
    "verified": (gettext_lazy("Laporan %(tracking_no)s terverifikasi"),
                 gettext_lazy("%(agency)s memastikan laporan %(category)s ini benar dan akan "
                              "menanganinya.")),
    "in_progress": (gettext_lazy("Laporan %(tracking_no)s sedang dikerjakan"),
                    gettext_lazy("%(agency)s mulai mengerjakan laporan %(category)s ini.")),
    "resolved": (gettext_lazy("Laporan %(tracking_no)s selesai"),
                 gettext_lazy("%(agency)s menyatakan masalahnya sudah beres: %(note)s")),
    "rejected": (gettext_lazy("Laporan %(tracking_no)s ditolak"),
                 gettext_lazy("%(agency)s menolak laporan ini. Alasannya: %(note)s")),
    "response": (gettext_lazy("Tanggapan untuk laporan %(tracking_no)s"),
                 gettext_lazy("%(agency)s: %(note)s")),
    "reassigned": (gettext_lazy("Laporan %(tracking_no)s dialihkan"),
                   gettext_lazy("Laporan ini kini ditangani %(agency)s.")),
    "merged": (gettext_lazy("Laporan %(tracking_no)s digabung"),
               gettext_lazy("Masalah yang sama sudah dilaporkan di %(into)s; Anda kini mengikuti "
                            "laporan itu.")),
    "reopened": (gettext_lazy("Laporan %(tracking_no)s dibuka lagi"),
                 gettext_lazy("Pelapor menyatakan masalahnya belum beres: %(note)s")),
}


# --- helpers ------------------------------------------------------------------------------------


def _url(name: str, report: Report) -> str:
    try:
        return reverse(name, args=[report.tracking_no])
    except NoReverseMatch:  # a page not mounted (a trimmed deployment): the inbox still tells
        return ""


def detail_url(report: Report) -> str:
    return _url("reports:detail", report)


def console_url(report: Report) -> str:
    return _url("reports_console:detail", report)


def snapshot(report: Report) -> dict[str, Any]:
    """The outbox payload: what an agency system needs, never who reported it."""
    return {
        "agency": report.agency.code,
        "tracking_no": report.tracking_no,
        "category": report.category,
        "status": report.status,
        "is_public": report.is_public,
        "lat": report.lat,
        "lng": report.lng,
        "kelurahan": report.kelurahan_id,
        "kecamatan": report.kecamatan_id,
        "due_at": report.due_at,
        "first_response_at": report.first_response_at,
        "version": report.version,
    }


def _locked(report: Report) -> Report:
    return (Report.objects.select_for_update(of=("self",))
            .select_related("agency", "verifier", "kelurahan", "kecamatan")
            .get(pk=report.pk))


def _check_version(report: Report, version: int | str | None) -> None:
    if version in (None, ""):
        return
    try:
        same = int(version) == report.version  # type: ignore[arg-type]
    except (TypeError, ValueError):
        same = False
    if not same:
        raise StaleReport(
            _("Laporan %(tracking_no)s sudah diubah orang lain sejak halaman Anda dimuat "
              "(sekarang: %(status)s). Muat ulang halaman lalu periksa lagi.")
            % {"tracking_no": report.tracking_no, "status": report.get_status_display()})


def _require(allowed: bool, message: str | None = None) -> None:
    if not allowed:
        raise ReportPermissionError(message or _("Anda tidak berhak melakukan ini pada laporan ini."))


def _text(value: str, *, field: str, required: bool, minimum: int = 5,
          maximum: int = NOTE_MAX) -> str:
    text = (value or "").strip()
    if required and len(text) < minimum:
        message = _("Tuliskan paling sedikit %(min)s huruf.") % {"min": minimum}
        raise ReportError(message, errors={field: message})
    if len(text) > maximum:
        message = _("Paling banyak %(max)s huruf.") % {"max": maximum}
        raise ReportError(message, errors={field: message})
    return text


def _people_to_tell(report: Report, *, except_user: Any = None) -> list[Any]:
    followers = (ReportFollower.objects.filter(report=report, user__is_active=True)
                 .select_related("user"))
    return [f.user for f in followers if except_user is None or f.user_id != except_user.pk]


def _tell_followers(report: Report, what: str, *, actor: Any = None, **params: Any) -> None:
    title, body = _NOTIFY[what]
    values = {"tracking_no": report.tracking_no, "category": report.get_category_display(),
              "agency": report.agency.short_name or report.agency.name, "note": report.note,
              **params}
    for person in _people_to_tell(report, except_user=actor):
        notifications.notify_translated(
            user=person, kind=f"complaint.{what}", title=title, body=body, params=values,
            url=detail_url(report), channels=(notifications.INBOX,))


def _step(report: Report, *, actor: Any, kind: str, to_status: str = "", note: str = "",
          public: bool = True, agency: Agency | None = None, event: str = "",
          details: Mapping[str, Any] | None = None) -> None:
    """Write one timeline entry, the audit event and the outbox event of a step."""
    from_status = report.status
    ReportUpdate.objects.create(report=report, kind=kind, from_status=from_status if to_status else "",
                                to_status=to_status, agency=agency or report.agency,
                                by=actor if getattr(actor, "is_authenticated", False) else None,
                                note=note, public=public)
    if to_status:
        report.status = to_status
    report.version += 1
    report.save()
    audit_details = {"from": from_status, "to": report.status, **(details or {})}
    record_audit(actor=actor, action=event or f"complaint.{kind}", target=report,
                 details=audit_details)
    emit(event or "complaint.status_changed", {**snapshot(report), "from_status": from_status,
                                               "step": kind}, aggregate=report)


def _first_response(report: Report, now: dt.datetime) -> None:
    if report.first_response_at is None:
        report.first_response_at = now


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


def _check_photos(photos: Sequence[Any]) -> tuple[list[Any], tuple[float, float] | None]:
    """Checked photos (metadata stripped) and the first EXIF position found in the originals."""
    if len(photos) > MAX_PHOTOS:
        message = _("Paling banyak %(n)s foto.") % {"n": MAX_PHOTOS}
        raise ReportError(message, errors={"photos": message})
    max_bytes = int(getattr(settings, "LAPOR_PHOTO_MAX_BYTES", 8 * 1024 * 1024))
    checked, located = [], None
    for photo in photos:
        try:
            upload = check_upload(photo, accept=PHOTO_TYPES, max_bytes=max_bytes)
        except UploadError as exc:
            message = _("Foto \"%(name)s\": %(problem)s") % {
                "name": getattr(photo, "name", "") or "foto", "problem": exc.message}
            raise ReportError(message, errors={"photos": message}) from exc
        if located is None:
            if hasattr(photo, "seek"):
                photo.seek(0)
            original = photo.read() if hasattr(photo, "read") else b""
            located = photo_location(original)
        checked.append(upload)
    return checked, located


def _save_photos(report: Report, checked: Iterable[Any], *, by_agency: bool) -> None:
    for upload in checked:
        photo = ReportPhoto(report=report, content_type=upload.content_type, sha256=upload.sha256,
                            size=upload.size, by_agency=by_agency)
        photo.file.save(f"photo{upload.extension}", ContentFile(upload.content), save=False)
        photo.save()


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


# --- the agency's steps -------------------------------------------------------------------------


@transaction.atomic
def verify(*, actor: Any, report: Report, version: Any = None, note: str = "") -> Report:
    report = _locked(report)
    _check_version(report, version)
    _require(permissions.can_verify(actor, report))
    text = _text(note, field="note", required=False)
    now = timezone.now()
    _first_response(report, now)
    report.verified_at = now
    if text:
        report.note = text
    _step(report, actor=actor, kind=ReportUpdate.Kind.STATUS, to_status=Status.VERIFIED, note=text)
    _tell_followers(report, "verified", actor=actor)
    return report


@transaction.atomic
def respond(*, actor: Any, report: Report, note: str, public: bool = True,
            version: Any = None) -> Report:
    """A response without a change of status ("petugas sudah ke lokasi"); an internal note when
    `public` is false (not a response to the citizen, so it does not stop the clock)."""
    report = _locked(report)
    _check_version(report, version)
    _require(permissions.can_respond(actor, report))
    text = _text(note, field="note", required=True)
    if public:
        _first_response(report, timezone.now())
        report.note = text
    _step(report, actor=actor, kind=ReportUpdate.Kind.RESPONSE, note=text, public=public,
          event="complaint.responded" if public else "complaint.noted")
    if public:
        _tell_followers(report, "response", actor=actor)
    return report


@transaction.atomic
def start_work(*, actor: Any, report: Report, version: Any = None, note: str = "") -> Report:
    report = _locked(report)
    _check_version(report, version)
    _require(permissions.can_work(actor, report))
    if report.status == Status.IN_PROGRESS:
        raise ReportError(_("Laporan ini sudah dikerjakan."))
    text = _text(note, field="note", required=False)
    now = timezone.now()
    _first_response(report, now)
    if report.verified_at is None:  # the responsible agency saw it for itself
        report.verified_at = now
    if text:
        report.note = text
    _step(report, actor=actor, kind=ReportUpdate.Kind.STATUS, to_status=Status.IN_PROGRESS,
          note=text)
    _tell_followers(report, "in_progress", actor=actor)
    return report


@transaction.atomic
def resolve(*, actor: Any, report: Report, note: str, version: Any = None,
            photos: Sequence[Any] = ()) -> Report:
    report = _locked(report)
    _check_version(report, version)
    _require(permissions.can_work(actor, report))
    text = _text(note, field="note", required=True)
    checked, _point = _check_photos(list(photos))
    now = timezone.now()
    _first_response(report, now)
    report.verified_at = report.verified_at or now
    report.resolved_at = now
    report.confirmed_at = None
    report.closed_at = now
    report.note = text
    _save_photos(report, checked, by_agency=True)
    _step(report, actor=actor, kind=ReportUpdate.Kind.STATUS, to_status=Status.RESOLVED, note=text)
    _tell_followers(report, "resolved", actor=actor)
    return report


@transaction.atomic
def reject(*, actor: Any, report: Report, reason: str, version: Any = None) -> Report:
    report = _locked(report)
    _check_version(report, version)
    _require(permissions.can_reject(actor, report))
    text = _text(reason, field="reason", required=True)
    now = timezone.now()
    _first_response(report, now)
    report.closed_at = now
    report.note = text
    _step(report, actor=actor, kind=ReportUpdate.Kind.STATUS, to_status=Status.REJECTED, note=text)
    _tell_followers(report, "rejected", actor=actor)
    return report


@transaction.atomic
def reassign(*, actor: Any, report: Report, agency: Agency, note: str,
             version: Any = None) -> Report:
    """Hand the report to another agency (an operator, or the responsible agency's supervisors
    and admins). The first-response clock keeps running: the citizen is still waiting."""
    report = _locked(report)
    _check_version(report, version)
    _require(permissions.can_reassign(actor, report))
    text = _text(note, field="note", required=True)
    if not agency.is_active:
        raise ReportError(_("OPD tujuan tidak aktif."), errors={"agency": _("OPD tujuan tidak aktif.")})
    if agency.pk == report.agency_id:
        message = _("Laporan ini sudah ditangani %(agency)s.") % {"agency": agency.name}
        raise ReportError(message, errors={"agency": message})
    previous = report.agency
    report.agency = agency
    if report.status == Status.VERIFIED:
        pass  # verified stays verified: the facts did not change, only who fixes it
    _step(report, actor=actor, kind=ReportUpdate.Kind.REASSIGNED, note=text, public=True,
          agency=agency, event="complaint.reassigned", details={"from_agency": previous.code,
                                                                "to_agency": agency.code})
    _tell_followers(report, "reassigned", actor=actor)
    return report


@transaction.atomic
def merge(*, actor: Any, duplicate: Report, into: Report, version: Any = None) -> Report:
    """Close `duplicate` as merged into `into`; its followers (the reporter among them) follow
    `into` from now on and are told so. Returns `into`."""
    first, second = sorted([duplicate.pk, into.pk])
    locked = {r.pk: r for r in Report.objects.select_for_update(of=("self",))
              .select_related("agency", "verifier").filter(pk__in=[first, second])}
    duplicate, into = locked[duplicate.pk], locked[into.pk]
    _check_version(duplicate, version)
    _require(permissions.can_merge(actor, duplicate, into),
             _("Laporan ini tidak dapat digabung ke laporan itu."))
    now = timezone.now()
    followers = list(ReportFollower.objects.filter(report=duplicate).values_list("user_id", flat=True))
    already = set(ReportFollower.objects.filter(report=into).values_list("user_id", flat=True))
    ReportFollower.objects.bulk_create([ReportFollower(report=into, user_id=user_id)
                                        for user_id in followers if user_id not in already])
    duplicate.merged_into = into
    duplicate.closed_at = now
    _first_response(duplicate, now)
    duplicate.note = _("Digabung ke laporan %(into)s.") % {"into": into.tracking_no}
    _step(duplicate, actor=actor, kind=ReportUpdate.Kind.MERGED, to_status=Status.MERGED,
          note=duplicate.note, event="complaint.merged", details={"into": into.tracking_no})
    ReportUpdate.objects.create(report=into, kind=ReportUpdate.Kind.MERGED, agency=into.agency,
                                by=actor, public=True,
                                note=_("Laporan %(duplicate)s digabung ke sini.")
                                % {"duplicate": duplicate.tracking_no})
    _tell_followers(duplicate, "merged", actor=actor, into=into.tracking_no)
    return into


# --- the reporter's steps -----------------------------------------------------------------------


@transaction.atomic
def confirm(*, actor: Any, report: Report) -> Report:
    report = _locked(report)
    _require(permissions.can_confirm(actor, report),
             _("Hanya pelapor yang dapat mengonfirmasi, paling lambat 7 hari setelah selesai."))
    report.confirmed_at = timezone.now()
    _step(report, actor=actor, kind=ReportUpdate.Kind.STATUS, note=_("Pelapor mengonfirmasi "
                                                                     "masalahnya sudah beres."),
          event="complaint.confirmed")
    return report


@transaction.atomic
def reopen(*, actor: Any, report: Report, note: str) -> Report:
    report = _locked(report)
    _require(permissions.can_reopen(actor, report),
             _("Hanya pelapor yang dapat membuka lagi, paling lambat 7 hari setelah selesai."))
    text = _text(note, field="note", required=True)
    report.resolved_at = None
    report.closed_at = None
    report.reopened_count += 1
    report.note = text
    _step(report, actor=actor, kind=ReportUpdate.Kind.STATUS, to_status=Status.IN_PROGRESS,
          note=text, event="complaint.reopened")
    _tell_staff(report, "reopened")
    return report


def _tell_staff(report: Report, what: str) -> None:
    title, body = _NOTIFY[what]
    members = (Membership.objects.filter(agency=report.agency, is_active=True, user__is_active=True)
               .select_related("user"))
    for membership in members:
        notifications.notify_translated(
            user=membership.user, kind=f"complaint.{what}", title=title, body=body,
            params={"tracking_no": report.tracking_no, "note": report.note},
            url=console_url(report),
            channels=(notifications.INBOX,))


# --- following ----------------------------------------------------------------------------------


@transaction.atomic
def follow(*, user: Any, report: Report) -> None:
    _require(permissions.can_follow(user, report), _("Masuk dulu untuk mengikuti laporan."))
    _follower, created = ReportFollower.objects.get_or_create(report=report, user=user)
    if created:
        record_audit(actor=user, action="complaint.followed", target=report)


@transaction.atomic
def unfollow(*, user: Any, report: Report) -> None:
    deleted, _rows = ReportFollower.objects.filter(report=report, user=user).delete()
    if deleted:
        record_audit(actor=user, action="complaint.unfollowed", target=report)


# --- the clock ----------------------------------------------------------------------------------


def escalate_overdue(*, now: dt.datetime | None = None, batch: int = 200) -> int:
    """Escalate, once, every open report with no first response past its due time: mark it,
    note it in the timeline (internal), audit it, emit `complaint.escalated`, and tell the
    responsible agency's supervisors and admins and every operator. One transaction per report."""
    from anrong.accounts.models import User

    now = now or timezone.now()
    done = 0
    while True:
        ids = list(Report.objects.filter(
            status__in=Report.OPEN_STATUSES, due_at__lt=now, first_response_at__isnull=True,
            escalated_at__isnull=True).order_by("due_at").values_list("pk", flat=True)[:batch])
        if not ids:
            return done
        for pk in ids:
            with transaction.atomic():
                report = (Report.objects.select_for_update(of=("self",))
                          .select_related("agency").filter(
                              pk=pk, escalated_at__isnull=True, first_response_at__isnull=True,
                              status__in=Report.OPEN_STATUSES).first())
                if report is None:
                    continue
                report.escalated_at = now
                report.save(update_fields=["escalated_at", "updated_at"])
                ReportUpdate.objects.create(
                    report=report, kind=ReportUpdate.Kind.ESCALATED, agency=report.agency,
                    public=False, note=_("Belum ditanggapi dalam 2×24 jam; dieskalasi ke pimpinan "
                                         "OPD dan operator."))
                record_audit(actor=None, action="complaint.escalated", target=report,
                             details={"due_at": report.due_at.isoformat()})
                emit("complaint.escalated", snapshot(report), aggregate=report)
                heads = [m.user for m in Membership.objects.filter(
                    agency=report.agency, is_active=True, user__is_active=True,
                    role__in=(Membership.Role.SUPERVISOR, Membership.Role.ADMIN))
                    .select_related("user")]
                operators = list(User.objects.filter(
                    is_active=True, platform_roles__role=PlatformRole.Role.OPERATOR))
                seen: set[int] = set()
                for person in [*heads, *operators]:
                    if person.pk in seen:
                        continue
                    seen.add(person.pk)
                    notifications.notify_translated(
                        user=person, kind="complaint.escalated",
                        title=gettext_lazy("Laporan %(tracking_no)s belum ditanggapi"),
                        body=gettext_lazy("Laporan %(category)s untuk %(agency)s melewati batas "
                                          "tanggapan pertama 2×24 jam."),
                        params={"tracking_no": report.tracking_no,
                                "category": report.get_category_display(),
                                "agency": report.agency.short_name or report.agency.name},
                        url=console_url(report),
                        channels=(notifications.INBOX, notifications.EMAIL))
                done += 1
