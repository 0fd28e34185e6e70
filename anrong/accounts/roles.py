"""Who someone is to the platform. The one place that answers "is this person staff?".

Permission questions about objects (can this officer process that application?) live in each
app's `permissions.py` and build on these answers.
"""

from __future__ import annotations

from typing import Any

from .models import PlatformRole


def platform_roles(user: Any) -> set[str]:
    if not getattr(user, "is_authenticated", False):
        return set()
    cached = getattr(user, "_platform_roles_cache", None)
    if cached is None:
        cached = set(PlatformRole.objects.filter(user=user).values_list("role", flat=True))
        user._platform_roles_cache = cached
    return cached


def has_platform_role(user: Any, role: str) -> bool:
    return getattr(user, "is_superuser", False) and role == PlatformRole.Role.SYSADMIN or role in platform_roles(user)


def agency_roles(user: Any) -> dict[int, str]:
    """Active memberships as {agency_id: role}."""
    if not getattr(user, "is_authenticated", False):
        return {}
    cached = getattr(user, "_agency_roles_cache", None)
    if cached is None:
        cached = dict(
            user.memberships.filter(is_active=True, agency__is_active=True).values_list("agency_id", "role")
        )
        user._agency_roles_cache = cached
    return cached


def is_staff_member(user: Any) -> bool:
    """Staff: anyone with a platform role, an active agency membership, or Django admin access.
    Every staff member must sign in with a password and TOTP."""
    if not getattr(user, "is_authenticated", False) or not user.is_active:
        return False
    return bool(user.is_staff or user.is_superuser or platform_roles(user) or agency_roles(user))


def is_citizen(user: Any) -> bool:
    return bool(getattr(user, "is_authenticated", False) and user.is_active and not is_staff_member(user))


def forget_cached_roles(user: Any) -> None:
    """Drop the roles cached on this user object, after an action changed them."""
    for name in ("_platform_roles_cache", "_agency_roles_cache"):
        if hasattr(user, name):
            delattr(user, name)
