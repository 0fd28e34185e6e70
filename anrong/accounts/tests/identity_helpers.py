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
