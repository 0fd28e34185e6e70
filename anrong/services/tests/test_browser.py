"""The catalogue in a real browser on a 360 px phone screen, with axe-core's WCAG A/AA checks."""

import pytest
from playwright.sync_api import expect

from anrong.agencies.seed import seed_agencies
from anrong.services.seed import seed_services

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


@pytest.fixture
def seeded(regions):  # type: ignore[no-untyped-def]
    seed_agencies()
    seed_services()


def test_search_for_a_birth_certificate_and_open_it(page, live_server, seeded, axe_violations):
    page.goto(live_server.url + "/layanan/")
    assert axe_violations(page) == []
    assert page.evaluate("() => document.documentElement.scrollWidth") <= 360
    page.get_by_label("Cari layanan").fill("akta kelahiran")
    page.get_by_role("button", name="Cari").click()
    expect(page.locator("#results-heading")).to_contain_text("layanan ditemukan")
    page.get_by_role("link", name="Akta kelahiran", exact=True).click()
    expect(page.locator("h1")).to_have_text("Akta kelahiran")
    expect(page.get_by_text("Kutipan akta kelahiran").first).to_be_visible()
    assert page.evaluate("() => document.documentElement.scrollWidth") <= 360
    assert axe_violations(page) == []


def test_national_system_detail_page_is_accessible(page, live_server, seeded, axe_violations):
    page.goto(live_server.url + "/layanan/DPMPTSP-NIB/")
    expect(page.get_by_role("link", name="Ajukan di oss.go.id")).to_have_attribute(
        "href", "https://oss.go.id")
    assert axe_violations(page) == []
