"""Fixtures every app's tests share."""

from __future__ import annotations

import os
import socket
from urllib.parse import urlparse

import pytest


def _under_ci() -> bool:
    return os.environ.get("CI", "").lower() == "true"


def need_server(url: str, what: str) -> None:
    """Skip (locally) or fail (under CI) when a real server the test needs is not reachable."""
    parsed = urlparse(url)
    try:
        with socket.create_connection((parsed.hostname or "127.0.0.1", parsed.port or 0), timeout=2):
            return
    except OSError:
        message = f"{what} is not reachable at {url}"
        if _under_ci():
            pytest.fail(f"{message} (CI requires it)")
        pytest.skip(message)


@pytest.fixture(scope="session")
def django_db_setup(django_db_setup, django_db_blocker):  # type: ignore[no-untyped-def]
    """Makassar's regions are reference data: load them once into the test database."""
    from anrong.core.seed import seed_regions

    with django_db_blocker.unblock():
        seed_regions()


@pytest.fixture
def regions(db):  # type: ignore[no-untyped-def]
    """The regions, also after a transactional test flushed the tables."""
    from anrong.core.models import Region
    from anrong.core.queries import clear_region_index
    from anrong.core.seed import seed_regions

    if not Region.objects.filter(level="kelurahan").exists():
        seed_regions()
    clear_region_index()
    yield
    clear_region_index()


@pytest.fixture
def redis_url() -> str:
    url = os.environ.get("TEST_REDIS_URL", "redis://127.0.0.1:6379/15")
    need_server(url, "Redis")
    return url
