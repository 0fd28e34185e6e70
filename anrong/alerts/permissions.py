"""Who may do what with emergency alerts: one function per question, tested as a matrix
(tests/test_permissions.py). They take any user object, including AnonymousUser, and never raise.

- Everyone reads live alerts, the banner and the CAP feed (they are public warnings).
- Diskominfo operators (platform role) and the staff of BPBD and Diskominfo issue alerts.
- An operator updates or cancels any live alert; agency staff those of their own agency.
- Anyone, signed in or not, may subscribe a browser to web push (a warning must reach
  everyone who asks).
"""

from __future__ import annotations

from typing import Any

from anrong.accounts import roles
from anrong.accounts.models import PlatformRole
from anrong.agencies.models import Agency

from .models import Alert

ISSUING_AGENCIES = ("BPBD", "DISKOMINFO")


def _active(user: Any) -> bool:
    return bool(getattr(user, "is_authenticated", False) and user.is_active)


def is_operator(user: Any) -> bool:
    return _active(user) and roles.has_platform_role(user, PlatformRole.Role.OPERATOR)


def issuing_agencies(user: Any) -> list[Agency]:
    """The agencies in whose name the user may issue: their own BPBD/Diskominfo memberships;
    an operator without one issues as Diskominfo."""
    if not _active(user):
        return []
    mine = roles.agency_roles(user)
    found = list(Agency.objects.filter(code__in=ISSUING_AGENCIES, is_active=True, pk__in=list(mine))
                 .order_by("code"))
    if not found and is_operator(user):
        found = list(Agency.objects.filter(code="DISKOMINFO", is_active=True))
    return found


def can_issue_alerts(user: Any) -> bool:
    return bool(issuing_agencies(user))


def can_use_alert_console(user: Any) -> bool:
    return can_issue_alerts(user)


def can_change_alert(user: Any, alert: Alert) -> bool:
    """Update or cancel: the alert must be live; operators any, staff their agency's."""
    if not alert.is_live:
        return False
    if is_operator(user):
        return True
    return any(agency.pk == alert.agency_id for agency in issuing_agencies(user))


def can_subscribe(user: Any) -> bool:
    return True
