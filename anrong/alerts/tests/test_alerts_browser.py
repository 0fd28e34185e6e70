"""In a real browser on 360 px phones: a BPBD officer signs in (password, then TOTP), issues a
flood alert for Mariso from the console; a citizen of Mariso sees it in the banner on the home
page and opens it; a citizen who chose Tamalate does not see it. axe-core's WCAG A/AA checks."""

from __future__ import annotations

import datetime as dt

import pytest
from django.conf import settings
from django.test import Client
from playwright.sync_api import expect

from anrong.accounts.actions.identity import enable_totp
from anrong.accounts.actions.profile import complete_profile
from anrong.accounts.models import User
from anrong.agencies import actions as agency_actions
from anrong.agencies.models import Agency
from anrong.agencies.seed import seed_agencies
from anrong.alerts.models import Alert
from anrong.core.models import Region
from anrong.reports.tests.test_console_browser import PASSWORD, TOTP_SECRET, sign_in

from .conftest import MARISO, TAMALATE

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


@pytest.fixture
def cast(regions):  # type: ignore[no-untyped-def]
    seed_agencies()
    root = User.objects.create_superuser(email="root@makassarkota.go.id", password=PASSWORD)
    officer = User.objects.create_user(email="siaga@makassarkota.go.id", password=PASSWORD,
                                       display_name="Petugas Siaga BPBD")
    agency_actions.add_member(actor=root, user=officer, agency=Agency.objects.get(code="BPBD"),
                              role="officer")
    enable_totp(user=officer, secret=TOTP_SECRET)
    citizen = User.objects.create_user(phone="+6281234567801")
    complete_profile(user=citizen, full_name="Daeng Mariso", nik="7371011508900001",
                     birth_date=dt.date(1990, 8, 15), sex="L",
                     kelurahan=Region.objects.get(code="73.71.01.1002"), address="Jl. Contoh 1")
    return {"officer": officer, "citizen": citizen}


def phone(browser, base: str, *, user=None, area: str = ""):  # type: ignore[no-untyped-def]
    context = browser.new_context(viewport={"width": 360, "height": 740}, locale="id-ID",
                                  timezone_id="Asia/Makassar")
    context.set_default_timeout(15_000)
    cookies = []
    if user is not None:
        client = Client()
        client.force_login(user)
        cookies.append({"name": settings.SESSION_COOKIE_NAME,
                        "value": client.cookies[settings.SESSION_COOKIE_NAME].value, "url": base})
    if area:
        cookies.append({"name": "anrong_kecamatan", "value": area, "url": base})
    if cookies:
        context.add_cookies(cookies)
    return context, context.new_page()


def test_an_officer_issues_a_flood_alert_and_citizens_of_mariso_see_it(
        browser, page, live_server, cast, axe_violations):
    base = live_server.url
    sign_in(page, base, "siaga@makassarkota.go.id")
    page.goto(f"{base}/kantor/peringatan/")
    assert axe_violations(page) == []
    page.get_by_role("link", name="Terbitkan peringatan").click()
    page.wait_for_url(f"{base}/kantor/peringatan/baru/")
    assert axe_violations(page) == []
    page.select_option("#id_event", "banjir")
    page.select_option("#id_severity", "Severe")
    page.fill("#id_headline", "Banjir rob di pesisir Mariso")
    page.fill("#id_description", "Air laut pasang masuk ke permukiman di pesisir Mariso sejak "
                                 "pukul 16.00 WITA, setinggi 30 cm.")
    page.fill("#id_instruction", "Naikkan barang ke tempat tinggi dan jauhi saluran terbuka.")
    page.locator(f"input[name=kecamatan][value='{MARISO}']").check()
    expires = (dt.datetime.now(dt.timezone(dt.timedelta(hours=8))) + dt.timedelta(hours=6))
    page.fill("#id_expires", expires.strftime("%Y-%m-%dT%H:%M"))
    page.get_by_role("button", name="Terbitkan peringatan").click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Banjir rob di pesisir Mariso")
    alert = Alert.objects.get()
    assert alert.agency.code == "BPBD" and alert.msg_type == "Alert"
    assert list(alert.kecamatan.values_list("code", flat=True)) == [MARISO]

    # A citizen whose profile is in Mariso sees the banner on the home page and opens the alert.
    context, citizen = phone(browser, base, user=cast["citizen"])
    citizen.goto(f"{base}/")
    banner = citizen.locator("[data-alert-banner]")
    expect(banner).to_contain_text("Banjir rob di pesisir Mariso")
    expect(banner).to_contain_text("Naikkan barang")
    assert axe_violations(citizen) == []
    banner.get_by_role("link", name="Banjir rob di pesisir Mariso").click()
    citizen.wait_for_url(f"{base}/peringatan/{alert.pk}/")
    expect(citizen.get_by_role("heading", level=1)).to_have_text("Banjir rob di pesisir Mariso")
    assert axe_violations(citizen) == []
    context.close()

    # Someone who chose Tamalate on the alerts page sees no banner for Mariso.
    context, visitor = phone(browser, base, area=TAMALATE)
    visitor.goto(f"{base}/")
    expect(visitor.locator("[data-alert-banner]")).to_have_count(0)
    visitor.goto(f"{base}/peringatan/")
    expect(visitor.get_by_text("Banjir rob di pesisir Mariso")).to_be_visible()  # listed, not bannered
    assert axe_violations(visitor) == []
    context.close()
