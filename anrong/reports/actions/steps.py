"""The agency's steps, the reporter's steps, and following."""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any

from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from anrong.agencies.models import Agency, Membership
from anrong.core import notifications
from anrong.core.audit import record_audit

from .. import permissions
from ..errors import ReportError
from ..models import Report, ReportFollower, ReportUpdate
from .common import (
    _NOTIFY,
    Status,
    _check_photos,
    _check_version,
    _first_response,
    _locked,
    _require,
    _save_photos,
    _step,
    _tell_followers,
    _text,
    console_url,
)

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


