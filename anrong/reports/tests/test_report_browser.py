"""The whole Lapor story in a real browser on 360 px phones: a citizen reports a broken street
light with a photo and a point tapped on the map; the Dishub officer finds it in the console,
responds and resolves it; the citizen confirms the fix. Everyone else sees it on the public map
without who made it. axe-core's WCAG A/AA checks on each page; OpenStreetMap's tiles are
blocked (no network here), the pages work without them."""

from __future__ import annotations

import datetime as dt
import re

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
from anrong.core.models import Region
from anrong.reports.models import Report
from anrong.reports.testing import sample_jpeg

from .test_console_browser import PASSWORD, TOTP_SECRET, fits_the_phone, sign_in

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

CITIZEN_NAME = "Daeng Ngai Pelapor"


@pytest.fixture
def people(regions):  # type: ignore[no-untyped-def]
    seed_agencies()
    root = User.objects.create_superuser(email="root@makassarkota.go.id", password=PASSWORD)
    officer = User.objects.create_user(email="pju@makassarkota.go.id", password=PASSWORD,
                                       display_name="Andi PJU")
    agency_actions.add_member(actor=root, user=officer, agency=Agency.objects.get(code="DISHUB"),
                              role="officer")
    enable_totp(user=officer, secret=TOTP_SECRET)
    citizen = User.objects.create_user(phone="+6281234567801")
    complete_profile(user=citizen, full_name=CITIZEN_NAME, nik="7371011508900001",
                     birth_date=dt.date(1990, 8, 15), sex="L",
                     kelurahan=Region.objects.get(code="73.71.01.1002"), address="Jl. Contoh 1")
    return {"officer": officer, "citizen": citizen}


def phone_of(browser, base: str, user=None):  # type: ignore[no-untyped-def]
    context = browser.new_context(viewport={"width": 360, "height": 740}, locale="id-ID",
                                  timezone_id="Asia/Makassar")
    context.set_default_timeout(15_000)
    context.route(re.compile(r"^https://tile\.openstreetmap\.org/"), lambda route: route.abort())
    if user is not None:
        client = Client()
        client.force_login(user)
        context.add_cookies([{"name": settings.SESSION_COOKIE_NAME,
                              "value": client.cookies[settings.SESSION_COOKIE_NAME].value,
                              "url": base}])
    return context, context.new_page()


def test_a_street_light_from_report_to_confirmed_fix(browser, page, live_server, people,
                                                     axe_violations, tmp_path):
    base = live_server.url
    context, phone = phone_of(browser, base, people["citizen"])
    photo = tmp_path / "lampu.jpg"
    photo.write_bytes(sample_jpeg(gps=(-5.1335, 119.4125)).read())

    # The citizen reports it: category, description, photo, a point tapped on the map.
    phone.goto(f"{base}/lapor/baru/")
    assert axe_violations(phone) == []
    phone.locator("label[for='category-lampu_jalan']").click()
    phone.locator("#description").fill("Lampu jalan di depan Balai Kota mati sejak tiga hari.")
    phone.locator("#photos").set_input_files(str(photo))
    picker = phone.locator("[data-report-map='picker']")
    picker.scroll_into_view_if_needed()
    picker.click()  # the middle of the map: Makassar's centre
    expect(phone.locator("#lat")).not_to_have_value("")
    tapped = float(phone.locator("#lat").input_value()), float(phone.locator("#lng").input_value())
    assert fits_the_phone(phone)
    phone.get_by_role("button", name="Kirim laporan").click()
    phone.wait_for_url(re.compile(r"/lapor/LPR-\d{4}-[A-Z0-9]{6}/$"))
    expect(phone.locator("main")).to_contain_text("Diterima")
    report = Report.objects.get()
    assert report.agency.code == "DISHUB" and report.photos.count() == 1
    assert (round(report.lat, 5), round(report.lng, 5)) == (round(tapped[0], 5), round(tapped[1], 5))
    assert report.kelurahan_id.startswith("73.71.")
    assert axe_violations(phone) == []

    # Anyone sees it on the public map and its page, never who made it.
    stranger_context, stranger = phone_of(browser, base)
    stranger.goto(f"{base}/lapor/peta/")
    expect(stranger.locator(".leaflet-interactive").first).to_be_visible()
    assert axe_violations(stranger) == []
    stranger.goto(f"{base}/lapor/{report.tracking_no}/")
    expect(stranger.locator("main")).to_contain_text("Lampu jalan di depan Balai Kota")
    expect(stranger.locator("main")).not_to_contain_text(CITIZEN_NAME)
    stranger_context.close()

    # The Dishub officer finds it in the console, responds and resolves it.
    sign_in(page, base, "pju@makassarkota.go.id")
    page.goto(f"{base}/kantor/lapor/")
    page.get_by_role("link", name="Dishub").click()
    page.get_by_role("link", name=report.tracking_no).click()
    expect(page.locator("h1")).to_contain_text(report.tracking_no)
    expect(page.locator("main")).to_contain_text(CITIZEN_NAME)  # the handler may see who
    assert axe_violations(page) == []
    page.get_by_label("Tanggapan", exact=True).fill("Petugas kami ke lokasi sore ini.")
    page.get_by_role("button", name="Kirim tanggapan").click()
    expect(page.locator(".messages")).to_contain_text("tersimpan")
    page.get_by_label("Apa yang sudah dikerjakan").fill("Lampu LED baru sudah menyala.")
    page.get_by_role("button", name="Tandai selesai").click()
    expect(page.locator(".messages")).to_contain_text("selesai")

    # The citizen reads the answer and confirms the fix.
    phone.goto(f"{base}/lapor/{report.tracking_no}/")
    expect(phone.locator("main")).to_contain_text("Petugas kami ke lokasi sore ini.")
    expect(phone.locator("main")).to_contain_text("Lampu LED baru sudah menyala.")
    phone.get_by_role("button", name="Sudah beres").click()
    expect(phone.locator(".messages")).to_contain_text("Terima kasih")
    report.refresh_from_db()
    assert report.status == "resolved" and report.confirmed_at is not None
    assert report.first_response_at is not None
    assert axe_violations(phone) == []
    context.close()
