"""Who may connect an agency's systems to the platform: one function per question.

API keys and webhooks give a machine access to an agency's casework, and apps that sign citizens
in act in the agency's name, so only the agency's own admins manage them. System administrators
do not: least privilege, as for the casework itself (see anrong.agencies.permissions)."""

from __future__ import annotations

from typing import Any

from anrong.agencies import permissions as agency_permissions
from anrong.agencies.models import Agency, Membership


def can_manage_integrations(user: Any, agency: Agency) -> bool:
    """Register OpenID Connect apps, issue/rotate/revoke API keys, manage webhook endpoints and
    replay deliveries for the agency: its active admins."""
    return agency_permissions.agency_role(user, agency) == Membership.Role.ADMIN


def can_view_integrations(user: Any, agency: Agency) -> bool:
    """See the agency's apps, keys (never the secrets) and delivery log: its admins."""
    return can_manage_integrations(user, agency)
