"""Helpers for the API-key tests: an issued key, its Authorization header, a clean cache."""

from __future__ import annotations

from typing import Any

import pytest
from django.core.cache import cache

from anrong.agencies.models import Agency
from anrong.integrations.actions import keys as key_actions

ALL_SCOPES = ["catalogue:read", "applications:read", "applications:act"]


@pytest.fixture(autouse=True)
def fresh_rate_limits():  # type: ignore[no-untyped-def]
    """Rate-limit counters live in the (local-memory) cache: each test starts with none."""
    cache.clear()
    yield
    cache.clear()


def disdukcapil() -> Agency:
    return Agency.objects.get(code="DISDUKCAPIL")


def issue(personas: dict[str, Any], *, scopes: list[str] | None = None, name: str = "SIAK",
          agency: Agency | None = None, admin: str = "agency_admin") -> key_actions.IssuedKey:
    return key_actions.issue_key(actor=personas[admin], agency=agency or disdukcapil(),
                                 name=name, scopes=ALL_SCOPES if scopes is None else scopes)


def bearer(text: str) -> dict[str, str]:
    return {"HTTP_AUTHORIZATION": f"Bearer {text}"}
