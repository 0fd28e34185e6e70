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
# Fact-checkers: the platform's editors (Redaktur) and Diskominfo operators, and Diskominfo's own
# staff (any membership), who run the city's Cek Fakta desk. Agency staff of other OPD are not
# fact-checkers: they are a source, not the judge. The functions take any user (AnonymousUser
# too) and never raise.

FACT_CHECK_AGENCY = "DISKOMINFO"


def _active_user(user: Any) -> bool:
    return bool(getattr(user, "is_authenticated", False) and user.is_active)


def is_fact_checker(user: Any) -> bool:
    if not _active_user(user):
        return False
    from anrong.accounts import roles
    from anrong.accounts.models import PlatformRole
    from anrong.agencies.models import Agency

    if (roles.has_platform_role(user, PlatformRole.Role.EDITOR)
            or roles.has_platform_role(user, PlatformRole.Role.OPERATOR)):
        return True
    agency_ids = roles.agency_roles(user)
    if not agency_ids:
        return False
    return Agency.objects.filter(pk__in=list(agency_ids), code=FACT_CHECK_AGENCY,
                                 is_active=True).exists()


def can_submit_claim(user: Any) -> bool:
    """Send a message to Cek Fakta: any signed-in, active person (so the verdict can reach them)."""
    return _active_user(user)


def can_view_submission(user: Any, submission: Any) -> bool:
    """A submission (its text, link, screenshot): the person who sent it, and fact-checkers."""
    if not _active_user(user):
        return False
    return submission.submitter_id == user.pk or is_fact_checker(user)


def can_view_claim_queue(user: Any) -> bool:
    return is_fact_checker(user)


def can_work_claim(user: Any, claim: Any) -> bool:
    """Dismiss it, or write its verdict: fact-checkers, while it is not yet decided."""
    return is_fact_checker(user) and claim.status in ("open", "in_review")
