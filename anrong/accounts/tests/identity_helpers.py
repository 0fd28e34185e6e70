"""Shared steps for the identity tests: read codes from the console SMS gateway, sign in."""

from __future__ import annotations

import re

import pytest
from django.core.cache import cache

from anrong.core.gateways import ConsoleGateway


@pytest.fixture(autouse=True)
def fresh_limits_and_sms():  # type: ignore[no-untyped-def]
    """Rate limits live in the cache, codes in the console gateway: start each test clean."""
    cache.clear()
    ConsoleGateway.clear()
    yield
    cache.clear()
    ConsoleGateway.clear()


def last_code(phone: str) -> str:
    message = ConsoleGateway.last_message(phone)
    assert message is not None, f"no SMS was sent to {phone}"
    found = re.search(r"\b(\d{6})\b", message.text)
    assert found, message.text
    return found.group(1)


def request_code(client, phone: str):  # type: ignore[no-untyped-def]
    return client.post("/akun/login/code/", {"phone": phone})


def confirm_code(client, code: str):  # type: ignore[no-untyped-def]
    return client.post("/akun/login/code/confirm/", {"code": code})


def sign_in_by_phone(client, phone: str, e164: str):  # type: ignore[no-untyped-def]
    request_code(client, phone)
    return confirm_code(client, last_code(e164))


DEMO_SECRET = "JBSWY3DPEHPK3PXPJBSWY3DPEHPK3PXP"
STAFF_EMAIL = "petugas@makassarkota.go.id"
STAFF_PASSWORD = "pisang-epe-losari-77"


def totp_now(secret: str = DEMO_SECRET) -> str:
    import time

    from allauth.mfa.totp.internal.auth import format_hotp_value, hotp_value

    return format_hotp_value(hotp_value(secret, int(time.time()) // 30))


def make_staff(*, email: str = STAFF_EMAIL, with_totp: bool = False):  # type: ignore[no-untyped-def]
    from anrong.accounts.actions.identity import create_staff_user, enable_totp
    from anrong.accounts.models import PlatformRole

    user = create_staff_user(email=email, password=STAFF_PASSWORD, display_name="Petugas Uji")
    PlatformRole.objects.create(user=user, role=PlatformRole.Role.OPERATOR)
    if with_totp:
        enable_totp(user=user, secret=DEMO_SECRET)
    return user


def staff_password_login(client, email: str = STAFF_EMAIL, password: str = STAFF_PASSWORD):  # type: ignore[no-untyped-def]
    return client.post("/akun/login/", {"login": email, "password": password})
