"""The shell in a real browser (Debian's Chromium, 360 px wide): language switch, offline page
served by the service worker, and axe-core's WCAG 2.x A/AA checks."""

import pytest
from playwright.sync_api import expect

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


def _wait_for_service_worker(page) -> None:  # type: ignore[no-untyped-def]
    page.evaluate("() => navigator.serviceWorker.ready")
    if not page.evaluate("() => Boolean(navigator.serviceWorker.controller)"):
        # The worker claims open pages on activation; wait until it controls this one.
        page.wait_for_function("() => Boolean(navigator.serviceWorker.controller)")


def test_home_page_fits_a_phone_screen(page, live_server):
    page.goto(live_server.url + "/")
    assert page.locator("h1").inner_text() == "Selamat datang di Anrong"
    assert page.evaluate("() => document.documentElement.lang") == "id"
    assert page.evaluate("() => document.documentElement.scrollWidth") <= 360
    sign_in = page.get_by_role("link", name="Masuk").bounding_box()
    assert sign_in["height"] >= 44 and sign_in["width"] >= 44


def test_skip_link_is_the_first_stop_and_leads_to_the_main_content(page, live_server):
    page.goto(live_server.url + "/")
    page.keyboard.press("Tab")
    assert page.evaluate("() => document.activeElement.textContent") == "Langsung ke isi utama"
    page.keyboard.press("Enter")
    assert page.evaluate("() => document.activeElement.id") == "main"


def test_language_switch_to_english_and_back(page, live_server):
    page.goto(live_server.url + "/")
    page.get_by_role("button", name="English").click()
    expect(page.locator("h1")).to_have_text("Welcome to Anrong")
    assert page.url == live_server.url + "/"
    expect(page.locator("html")).to_have_attribute("lang", "en")
    page.get_by_role("button", name="Bahasa Indonesia").click()
    expect(page.locator("h1")).to_have_text("Selamat datang di Anrong")
    expect(page.locator("html")).to_have_attribute("lang", "id")


def test_service_worker_caches_the_offline_page_and_shows_it_without_a_network(
    page, browser_context, live_server
):
    page.goto(live_server.url + "/")
    _wait_for_service_worker(page)
    cached = page.evaluate(
        """async () => {
            const names = await caches.keys();
            const name = names.find((n) => n.startsWith("anrong-"));
            const cache = await caches.open(name);
            return {names, offline: Boolean(await cache.match("/offline/")),
                    css: Boolean(await cache.match("/static/css/anrong.css"))};
        }"""
    )
    assert len(cached["names"]) == 1
    assert cached["offline"] and cached["css"]

    browser_context.set_offline(True)
    try:
        page.goto(live_server.url + "/layanan/yang-belum-pernah-dibuka/")
        expect(page.locator("h1")).to_have_text("Tidak ada sambungan internet")
        # The stylesheet came from the cache too: the header is styled, not default.
        background = page.evaluate(
            "() => getComputedStyle(document.querySelector('.site-header')).backgroundColor"
        )
        assert background == "rgb(10, 77, 104)"
    finally:
        browser_context.set_offline(False)


@pytest.mark.parametrize("path", ["/", "/offline/", "/halaman-yang-tidak-ada/"])
def test_pages_have_no_wcag_a_or_aa_violations(page, live_server, axe_violations, path):
    page.goto(live_server.url + path)
    assert axe_violations(page) == []


def test_english_home_has_no_wcag_a_or_aa_violations(page, live_server, axe_violations):
    page.goto(live_server.url + "/")
    page.get_by_role("button", name="English").click()
    expect(page.locator("h1")).to_have_text("Welcome to Anrong")
    assert page.evaluate("() => document.documentElement.scrollWidth") <= 360
    assert axe_violations(page) == []


def test_a_new_shell_version_replaces_the_old_cache(page, live_server, settings, tmp_path):
    from django.contrib.staticfiles import finders

    page.goto(live_server.url + "/")
    _wait_for_service_worker(page)
    first = page.evaluate("() => caches.keys()")
    page.evaluate("() => caches.open('anrong-0000000000000000')")  # a cache left by an old version

    # The stylesheet changes on the server: a new worker version with a new cache.
    (tmp_path / "css").mkdir()
    (tmp_path / "css" / "anrong.css").write_text(".site-header { background: #073849; }")
    settings.STATICFILES_DIRS = [str(tmp_path), *settings.STATICFILES_DIRS]
    finders.get_finder.cache_clear()
    try:
        page.evaluate("async () => (await navigator.serviceWorker.getRegistration()).update()")
        names = page.evaluate(
            """async (first) => {
                // The new worker installs, then activates and deletes older caches.
                for (let attempt = 0; attempt < 100; attempt += 1) {
                    const names = await caches.keys();
                    if (names.length === 1 && !first.includes(names[0])) return names;
                    await new Promise((resolve) => setTimeout(resolve, 100));
                }
                return await caches.keys();
            }""",
            first,
        )
    finally:
        finders.get_finder.cache_clear()
    assert len(names) == 1 and names[0].startswith("anrong-") and names[0] not in first
