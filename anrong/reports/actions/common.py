"""What every step of a report shares: constants, the messages people are told, the row lock,
the version check, the timeline entry with its audit and outbox events."""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable, Mapping, Sequence
from typing import Any

from django.conf import settings
from django.core.files.base import ContentFile
from django.urls import NoReverseMatch, reverse
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from anrong.agencies.models import Agency
from anrong.core import notifications
from anrong.core.audit import record_audit
from anrong.core.outbox import emit
from anrong.core.uploads import UploadError, check_upload

from ..errors import ReportError, ReportPermissionError, StaleReport
from ..exif import photo_location
from ..models import Report, ReportFollower, ReportPhoto, ReportUpdate

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


