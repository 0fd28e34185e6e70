"""Test helpers other apps use to act as signed-in people (tests only)."""

from __future__ import annotations

from typing import Any

from allauth.mfa.models import Authenticator
from django.urls import reverse

from .roles import is_staff_member

TEST_TOTP_SECRET = "JBSWY3DPEHPK3PXPJBSWY3DPEHPK3PXP"  # noqa: S105 (tests only)


def totp_code(secret: str = TEST_TOTP_SECRET) -> str:
    from .management.commands.demo_totp import current_code

    return current_code(secret)


def sign_in(client: Any, user: Any) -> Any:
    """Sign `user` in on the test client the way they would really be: citizens by session; staff
    then confirm with their TOTP code (set up for them if missing), as every staff role must."""
    client.force_login(user)
    if not is_staff_member(user):
        return client
    from .actions.identity import enable_totp

    if not Authenticator.objects.filter(user=user, type=Authenticator.Type.TOTP).exists():
        enable_totp(user=user, secret=TEST_TOTP_SECRET)
    response = client.post(reverse("mfa_reauthenticate"), {"code": totp_code()})
    if response.status_code != 302:
        raise AssertionError(f"TOTP confirmation failed for {user}: {response.status_code}")
    return client
