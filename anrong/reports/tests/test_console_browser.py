"""Lapor's console in a real browser on a 360 px phone: a Dishub officer signs in (password, then
TOTP), goes from the counts to Dishub's queue, opens the overdue street-light report, answers it
and resolves it. axe-core's WCAG A/AA checks on each page."""

from __future__ import annotations

import datetime as dt
import re

import pytest
from django.utils import timezone
from playwright.sync_api import expect

from anrong.accounts.actions.identity import enable_totp
from anrong.accounts.management.commands.demo_totp import current_code
from anrong.accounts.models import User
from anrong.agencies import actions as agency_actions
from anrong.agencies.models import Agency
from anrong.agencies.seed import seed_agencies
from anrong.reports import actions
from anrong.reports.models import Report
from anrong.reports.testing import sample_jpeg

from .conftest import POINT

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

TOTP_SECRET = "JBSWY3DPEHPK3PXPJBSWY3DPEHPK3PXP"
PASSWORD = "Sandi-Panjang-2026!"  # noqa: S105 (tests only)


@pytest.fixture
def street_light(regions):  # type: ignore[no-untyped-def]
    seed_agencies()
    root = User.objects.create_superuser(email="root@makassarkota.go.id", password=PASSWORD)
    officer = User.objects.create_user(email="pju@makassarkota.go.id", password=PASSWORD,
                                       display_name="Andi PJU")
    agency_actions.add_member(actor=root, user=officer, agency=Agency.objects.get(code="DISHUB"),
                              role="officer")
    enable_totp(user=officer, secret=TOTP_SECRET)
    citizen = User.objects.create_user(phone="+6281234567801")
    report = actions.submit_report(reporter=citizen, category="lampu_jalan",
                                   description="Lampu jalan di depan Balai Kota mati sejak tiga hari.",
                                   lat=POINT[0], lng=POINT[1], photos=[sample_jpeg()])
    Report.objects.filter(pk=report.pk).update(due_at=timezone.now() - dt.timedelta(hours=2))
    return report


def sign_in(page, base: str, email: str) -> None:  # type: ignore[no-untyped-def]
    page.goto(f"{base}/akun/login/")
    page.fill("input[name=login]", email)
    page.fill("input[name=password]", PASSWORD)
    page.locator("main form button[type=submit]").first.click()
    page.wait_for_url(re.compile(r"/akun/2fa/authenticate/"))
    page.fill("input[name=code]", current_code(TOTP_SECRET))
    page.locator("main form button[type=submit]").first.click()
    page.wait_for_load_state()


def fits_the_phone(page) -> bool:  # type: ignore[no-untyped-def]
    return page.evaluate("() => document.documentElement.scrollWidth") <= 360


def test_the_officer_goes_from_the_queue_to_a_resolved_report(page, live_server, street_light,
                                                              axe_violations):
    report = street_light
    sign_in(page, live_server.url, "pju@makassarkota.go.id")

    page.goto(f"{live_server.url}/kantor/lapor/")
    expect(page.locator("h1")).to_have_text("Laporan warga per OPD")
    assert fits_the_phone(page)
    assert axe_violations(page) == []

    page.get_by_role("link", name="Dishub").click()
    expect(page.locator("h1")).to_have_text("Laporan warga")
    row = page.locator("tr.is-overdue")
    expect(row).to_have_count(1)
    expect(row).to_contain_text("Terlambat")
    assert fits_the_phone(page)
    assert axe_violations(page) == []

    row.get_by_role("link", name=report.tracking_no).click()
    expect(page.locator("h1")).to_contain_text(report.tracking_no)
    assert fits_the_phone(page)
    assert axe_violations(page) == []

    page.get_by_label("Tanggapan", exact=True).fill("Petugas kami ke lokasi sore ini.")
    page.get_by_role("button", name="Kirim tanggapan").click()
    expect(page.locator(".messages")).to_contain_text("tersimpan")
    expect(page.locator(".timeline")).to_contain_text("Petugas kami ke lokasi sore ini.")

    page.get_by_label("Apa yang sudah dikerjakan").fill("Lampu LED baru sudah menyala.")
    page.get_by_role("button", name="Tandai selesai").click()
    expect(page.locator(".messages")).to_contain_text("selesai")
    expect(page.locator(".application-facts")).to_contain_text("Selesai")
    assert axe_violations(page) == []
