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


# --- Browser tests: Playwright's sync API driving Debian's Chromium ------------------------------
# Mark a test `@pytest.mark.browser` and take `page` (a 360x740 phone screen) and `live_server`.
CHROMIUM_PATH = os.environ.get("CHROMIUM_PATH", "/usr/bin/chromium")
CHROMIUM_ARGS = [
    "--no-sandbox",
    "--disable-gpu",
    "--disable-quic",
    "--no-first-run",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
    # A fake camera and microphone, used without asking (the meeting room's calls); pages that
    # do not ask for media are unaffected.
    "--use-fake-device-for-media-stream",
    "--use-fake-ui-for-media-stream",
]
PHONE_VIEWPORT = {"width": 360, "height": 740}


@pytest.fixture(scope="session")
def browser():  # type: ignore[no-untyped-def]
    """One headless Chromium for the session. Playwright's own browser download does not work
    here, so it drives the system's Chromium through `executable_path`."""
    if not os.path.exists(CHROMIUM_PATH):
        message = f"Chromium is not installed at {CHROMIUM_PATH} (run `make browsers`)"
        if _under_ci():
            pytest.fail(f"{message}; CI requires the browser tests")
        pytest.skip(message)
    # Playwright's sync API runs an event loop in this thread; Django's live server and database
    # calls from the test would otherwise refuse to run "in an async context".
    os.environ["DJANGO_ALLOW_ASYNC_UNSAFE"] = "true"
    from playwright.sync_api import sync_playwright

    with sync_playwright() as playwright:
        chromium = playwright.chromium.launch(
            executable_path=CHROMIUM_PATH, headless=True, args=CHROMIUM_ARGS
        )
        yield chromium
        chromium.close()


@pytest.fixture
def browser_context(browser):  # type: ignore[no-untyped-def]
    """A fresh profile per test (cookies, storage, service workers), phone-sized, Indonesian."""
    context = browser.new_context(viewport=PHONE_VIEWPORT, locale="id-ID", timezone_id="Asia/Makassar")
    context.set_default_timeout(10_000)
    yield context
    context.close()


@pytest.fixture
def page(browser_context):  # type: ignore[no-untyped-def]
    yield browser_context.new_page()


AXE_PATH = os.path.join(os.path.dirname(__file__), "node_modules", "axe-core", "axe.min.js")
AXE_TAGS = ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa", "wcag22aa"]


@pytest.fixture
def axe_violations():  # type: ignore[no-untyped-def]
    """`axe_violations(page)` runs axe-core's WCAG 2.0/2.1/2.2 A and AA rules on the page and
    returns the violations as readable lines ("rule: selector …"), [] when there are none."""
    if not os.path.exists(AXE_PATH):
        pytest.fail(f"axe-core is missing at {AXE_PATH}: run `npm ci`")

    def run(page) -> list[str]:  # type: ignore[no-untyped-def]
        page.add_script_tag(path=AXE_PATH)
        result = page.evaluate(
            "tags => axe.run(document, {runOnly: {type: 'tag', values: tags}})", AXE_TAGS
        )
        return [
            f"{violation['id']}: {node['target']} {node.get('failureSummary', '')}"
            for violation in result["violations"]
            for node in violation["nodes"]
        ]

    return run


@pytest.fixture(autouse=True)
def _fresh_cache():  # type: ignore[no-untyped-def]
    """Rate limits and used TOTP codes live in the cache: no test inherits another's."""
    from django.core.cache import cache

    cache.clear()
    yield
    cache.clear()


@pytest.fixture(autouse=True)
def _indonesian_by_default():  # type: ignore[no-untyped-def]
    """Every test starts in the platform's default language."""
    from django.conf import settings
    from django.utils import translation

    translation.activate(settings.LANGUAGE_CODE)
    yield
    translation.activate(settings.LANGUAGE_CODE)
