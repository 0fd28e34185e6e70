"""Who may change the service catalogue: one function per question."""

from __future__ import annotations

from typing import Any

from anrong.agencies import permissions as agency_permissions
from anrong.agencies.models import Agency


def can_manage_service(user: Any, agency: Agency) -> bool:
    """Add, change or withdraw the agency's catalogue entries: the agency's admins, or a system
    administrator (the same people who manage the agency itself)."""
    return agency_permissions.can_manage_agency(user, agency)
