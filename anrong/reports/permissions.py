"""Who may do what with a report: one function per question, tested as a matrix
(tests/test_permissions.py). They take any user object, including AnonymousUser, and never raise.

- Everyone sees public reports (never who made them); a private report only its reporter and
  the staff of the agencies that handle it (responsible and verifying), and operators.
- The responsible agency's staff, or the kecamatan office where the problem is, verify it.
- Only the responsible agency's staff work it (respond, start, resolve, reject).
- Diskominfo operators, and the responsible agency's supervisors and admins, reassign it.
- The reporter confirms the fix or reopens it, within 7 days of its resolution.
"""

from __future__ import annotations

import datetime as dt
from typing import Any

from django.utils import timezone

from anrong.accounts import roles
from anrong.accounts.models import PlatformRole
from anrong.agencies.models import Membership
from anrong.agencies.permissions import agency_role

from .models import Report

CONFIRM_DAYS = 7


def _active(user: Any) -> bool:
    return bool(getattr(user, "is_authenticated", False) and user.is_active)


def is_operator(user: Any) -> bool:
    """Diskominfo's operators, who watch all reports and pass on what went astray."""
    return _active(user) and roles.has_platform_role(user, PlatformRole.Role.OPERATOR)


def is_reporter(user: Any, report: Report) -> bool:
    return _active(user) and report.reporter_id is not None and report.reporter_id == user.pk


def _role_in(user: Any, agency: Any) -> str | None:
    return agency_role(user, agency) if agency is not None else None


def is_handler(user: Any, report: Report) -> bool:
    """Staff of the responsible agency."""
    return _role_in(user, report.agency) is not None


def is_verifier(user: Any, report: Report) -> bool:
    """Staff of the kecamatan office where the problem is."""
    return report.verifier_id is not None and _role_in(user, report.verifier) is not None


def can_report(user: Any) -> bool:
    """Any signed-in, active person (citizens and staff alike)."""
    return _active(user)


def can_view_report(user: Any, report: Report) -> bool:
    if report.is_public:
        return True
    return (is_reporter(user, report) or is_handler(user, report) or is_verifier(user, report)
            or is_operator(user))


def can_view_reporter(user: Any, report: Report) -> bool:
    """Who made it, and how to reach them: the reporter and the agencies working it, never the
    public (not even on a public report) and not operators, who have no need."""
    return is_reporter(user, report) or is_handler(user, report) or is_verifier(user, report)


def can_view_internal(user: Any, report: Report) -> bool:
    """Internal notes of the timeline: staff who handle it, and operators."""
    return is_handler(user, report) or is_verifier(user, report) or is_operator(user)


def can_verify(user: Any, report: Report) -> bool:
    return report.status == Report.Status.RECEIVED and (
        is_handler(user, report) or is_verifier(user, report))


def can_work(user: Any, report: Report) -> bool:
    """Respond, start, resolve, reject: the responsible agency's staff, while it is open."""
    return report.is_open and is_handler(user, report)


def can_respond(user: Any, report: Report) -> bool:
    return report.is_open and (is_handler(user, report) or is_verifier(user, report))


def can_reject(user: Any, report: Report) -> bool:
    """The responsible agency, or the verifying kecamatan while it is still unverified (a report
    that is not true, or not the city's business)."""
    return report.is_open and (is_handler(user, report) or (
        report.status == Report.Status.RECEIVED and is_verifier(user, report)))


def can_reassign(user: Any, report: Report) -> bool:
    return report.is_open and (is_operator(user) or _role_in(user, report.agency) in {
        Membership.Role.SUPERVISOR, Membership.Role.ADMIN})


def can_merge(user: Any, duplicate: Report, into: Report) -> bool:
    """Merge `duplicate` into `into`: both open or `into` may be closed, never into itself or a
    merged one; by the responsible agency of the duplicate, or an operator."""
    if duplicate.pk == into.pk or not duplicate.is_open or into.status == Report.Status.MERGED:
        return False
    return is_operator(user) or is_handler(user, duplicate)


def confirm_deadline(report: Report) -> dt.datetime | None:
    if report.resolved_at is None:
        return None
    return report.resolved_at + dt.timedelta(days=CONFIRM_DAYS)


def _within_confirm_window(report: Report) -> bool:
    deadline = confirm_deadline(report)
    return deadline is not None and timezone.now() <= deadline


def can_confirm(user: Any, report: Report) -> bool:
    return (report.status == Report.Status.RESOLVED and report.confirmed_at is None
            and is_reporter(user, report) and _within_confirm_window(report))


def can_reopen(user: Any, report: Report) -> bool:
    return (report.status == Report.Status.RESOLVED and report.confirmed_at is None
            and is_reporter(user, report) and _within_confirm_window(report))


def can_follow(user: Any, report: Report) -> bool:
    return _active(user) and can_view_report(user, report) and report.status != Report.Status.MERGED


def can_view_agency_reports(user: Any, agency: Any) -> bool:
    """An agency's report queue and counts: its members, and operators."""
    return _role_in(user, agency) is not None or is_operator(user)


def can_view_all_reports(user: Any) -> bool:
    """Every agency's queue and the per-agency counts: operators."""
    return is_operator(user)
