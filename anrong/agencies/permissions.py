"""Who may do what with agencies, staff and personal data: one function per question.

Every answer builds on `anrong.accounts.roles` (the one definition of staff). The functions take
any user object, including AnonymousUser, and never raise; actions and views ask them first.
"""

from __future__ import annotations

from typing import Any

from anrong.accounts import roles
from anrong.accounts.models import PlatformRole

from .models import Agency, Membership


def _is_active_user(user: Any) -> bool:
    return bool(getattr(user, "is_authenticated", False) and user.is_active)


def _is_sysadmin(user: Any) -> bool:
    return _is_active_user(user) and roles.has_platform_role(user, PlatformRole.Role.SYSADMIN)


def agency_role(user: Any, agency: Agency) -> str | None:
    """The user's active role in the agency ("officer", "supervisor", "admin"), or None."""
    return _agency_role(user, agency)


def _agency_role(user: Any, agency: Agency) -> str | None:
    if not _is_active_user(user) or not agency.is_active:
        return None
    return roles.agency_roles(user).get(agency.pk)


def can_use_staff_console(user: Any) -> bool:
    """The /kantor/ landing page: any staff member (platform role or agency membership)."""
    return roles.is_staff_member(user)


def can_view_agency_work(user: Any, agency: Agency) -> bool:
    """Queues, applications and reports of the agency: its active members only. Platform roles
    (even sysadmin) do not see an agency's casework: least privilege under UU 27/2022."""
    return _agency_role(user, agency) is not None


def can_supervise(user: Any, agency: Agency) -> bool:
    """Reassign work, see SLA breaches: supervisors and admins of the agency."""
    return _agency_role(user, agency) in {Membership.Role.SUPERVISOR, Membership.Role.ADMIN}


def can_manage_agency(user: Any, agency: Agency) -> bool:
    """Offices, units and members of the agency: its admins, or a system administrator."""
    return _agency_role(user, agency) == Membership.Role.ADMIN or _is_sysadmin(user)


def can_view_agency_staff(user: Any, agency: Agency) -> bool:
    """The agency page of the staff console (offices, units, who works there)."""
    return can_view_agency_work(user, agency) or can_manage_agency(user, agency)


def can_create_agency(user: Any) -> bool:
    """New agencies, and an agency's code, kind, parent, region or active flag: system admins."""
    return _is_sysadmin(user)


def can_manage_platform_roles(user: Any) -> bool:
    return _is_sysadmin(user)


def can_deactivate_accounts(user: Any) -> bool:
    """Switching an account off (and signing it out everywhere): system administrators."""
    return _is_sysadmin(user)


def can_view_audit_log(user: Any) -> bool:
    """System administrators only. The log says who looked at which citizen's data; operators
    watch services in the war room and have no need for it, so they are not given it."""
    return _is_sysadmin(user)


def can_view_reference_admin(user: Any) -> bool:
    """The read-only /admin/ pages of regions, agencies, memberships and the outbox."""
    return _is_sysadmin(user)


def can_view_accounts_admin(user: Any) -> bool:
    """The user and citizen-profile pages of /admin/ (masked, every view audited)."""
    return _is_sysadmin(user)


def can_view_citizen_personal_data(user: Any, citizen: Any) -> bool:
    """Unmasked NIK, phone and address: only the citizen themselves. Staff see masked data."""
    return _is_active_user(user) and citizen is not None and user.pk == citizen.pk
