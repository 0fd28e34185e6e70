"""Who may change the service catalogue: one function per question."""

from __future__ import annotations

from typing import Any

from anrong.agencies import permissions as agency_permissions
from anrong.agencies.models import Agency


def can_manage_service(user: Any, agency: Agency) -> bool:
    """Add, change or withdraw the agency's catalogue entries: the agency's admins, or a system
    administrator (the same people who manage the agency itself)."""
    return agency_permissions.can_manage_agency(user, agency)


# --- Applications -----------------------------------------------------------------------------
# An application is seen by the citizen who filed it and by the active members of the agency that
# handles it; nobody else (platform roles included: least privilege under UU 27/2022).


def _is_owner(user: Any, application: Any) -> bool:
    return bool(getattr(user, "is_authenticated", False) and user.is_active
                and application.citizen_id == user.pk)


def can_apply(user: Any) -> bool:
    """File applications: an active citizen (not staff) with a complete profile (NIK)."""
    from anrong.accounts import roles
    from anrong.accounts.queries import has_profile

    return roles.is_citizen(user) and has_profile(user)


def can_edit_application(user: Any, application: Any) -> bool:
    """Fill in, upload to and submit a draft, or correct one sent back for revision: its
    citizen, while it is a draft or needs revision."""
    return _is_owner(user, application) and application.status in ("draft", "needs_revision")


def can_view_application(user: Any, application: Any) -> bool:
    """The application, its timeline and its documents (every staff view is audited)."""
    if application.status == "draft":
        return _is_owner(user, application)  # a draft is the citizen's own until submitted
    return _is_owner(user, application) or agency_permissions.can_view_agency_work(
        user, application.agency)


def can_claim(user: Any, application: Any) -> bool:
    """Take an unassigned submitted application into one's own work: any member of its agency."""
    return (application.status == "submitted" and application.assignee_id is None
            and agency_permissions.can_view_agency_work(user, application.agency))


def can_assign(user: Any, application: Any) -> bool:
    """Give an open application to an officer of the agency: its supervisors and admins."""
    return (application.status in ("submitted", "verification", "in_process")
            and agency_permissions.can_supervise(user, application.agency))


def can_process(user: Any, application: Any) -> bool:
    """Verify, ask for revision, approve or reject: the assigned officer, or a supervisor or
    admin of the agency (who may step in on anyone's work)."""
    if application.status not in ("submitted", "verification", "in_process"):
        return False
    if not agency_permissions.can_view_agency_work(user, application.agency):
        return False
    return (application.assignee_id == user.pk
            or agency_permissions.can_supervise(user, application.agency))


def can_supervise_queue(user: Any, agency: Agency) -> bool:
    """Overdue work and load per officer of the agency."""
    return agency_permissions.can_supervise(user, agency)


def can_view_document(user: Any, document: Any) -> bool:
    """A document is seen by whoever may see its application."""
    return can_view_application(user, document.application)
