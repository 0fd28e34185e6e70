"""Who may do what in Makaverse News: one function per question, tested as a matrix
(tests/test_permissions.py)."""

from __future__ import annotations

from typing import Any  # noqa: F401 (the questions take Any users)

from anrong.accounts import roles
from anrong.accounts.models import PlatformRole

# --- newsroom (articles, Wagtail) ---------------------------------------------------------------
# What a reporter or an editor may do to pages is Wagtail's business (the groups "Reporter" and
# "Editor" and the moderation workflow, made by actions.ensure_newsroom_groups). These questions
# are who may put people in those groups, and who may be put there.


def _active_user(user: Any) -> bool:
    return bool(getattr(user, "is_authenticated", False) and user.is_active)


def can_manage_newsroom(user: Any) -> bool:
    """Platform editors (Redaktur) and sysadmins decide who reports and who edits."""
    return _active_user(user) and (
        roles.has_platform_role(user, PlatformRole.Role.EDITOR)
        or roles.has_platform_role(user, PlatformRole.Role.SYSADMIN)
    )


def can_join_newsroom(user: Any) -> bool:
    """Only staff (a platform role or an agency membership) may work in /cms/: staff must sign in
    with password + TOTP, so a citizen account is never a door into the newsroom."""
    return _active_user(user) and roles.is_staff_member(user)



# --- Cek Fakta ----------------------------------------------------------------------------------
