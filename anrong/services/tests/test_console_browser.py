"""The console's application pages in a real browser on a 360 px phone: an officer signs in
(password, then TOTP), finds the overdue application in the queue's cards, opens it; a supervisor
opens the overview. axe-core's WCAG A/AA checks on each page."""

import datetime as dt
import re

import pytest
from django.utils import timezone
from playwright.sync_api import expect

from anrong.accounts.actions.identity import bootstrap_sysadmin, enable_totp
from anrong.accounts.management.commands.demo_totp import current_code
from anrong.accounts.models import User
from anrong.agencies import actions as agency_actions
from anrong.agencies.models import Agency
from anrong.agencies.seed import seed_agencies
from anrong.services.models import Service
from anrong.services.seed import seed_services
from anrong.services.testing import make_application

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

TOTP_SECRET = "JBSWY3DPEHPK3PXPJBSWY3DPEHPK3PXP"
PASSWORD = "Sandi-Panjang-2026!"  # noqa: S105 (tests only)


@pytest.fixture
def staff(regions):  # type: ignore[no-untyped-def]
    seed_agencies()
    seed_services()
    root = bootstrap_sysadmin(email="root@makassarkota.go.id", password=PASSWORD,
                              display_name="Root")
    agency = Agency.objects.get(code="DISDUKCAPIL")
    people = {}
    for role in ("officer", "supervisor"):
        person = User.objects.create_user(email=f"{role}@makassarkota.go.id", password=PASSWORD,
                                          display_name=f"Andi {role.title()}")
        agency_actions.add_member(actor=root, user=person, agency=agency, role=role)
        enable_totp(user=person, secret=TOTP_SECRET)
        people[role] = person
    citizen = User.objects.create_user(phone="+6281234567801")
    late = make_application(service=Service.objects.get(code="DKC-AKTA-LAHIR"), citizen=citizen,
                            status="in_process", assignee=people["officer"],
                            submitted_at=timezone.now() - dt.timedelta(days=30))
    make_application(service=Service.objects.get(code="DKC-KIA"), citizen=citizen)
    return {**people, "late": late}


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


def test_officer_finds_the_overdue_application_and_opens_it(page, live_server, staff,
                                                            axe_violations):
    sign_in(page, live_server.url, "officer@makassarkota.go.id")
    page.goto(f"{live_server.url}/kantor/permohonan/")
    expect(page.locator("h1")).to_have_text("Permohonan masuk")
    assert fits_the_phone(page)
    assert axe_violations(page) == []

    page.get_by_label("Tenggat").select_option("overdue")
    page.get_by_role("button", name="Terapkan filter").click()
    row = page.locator("tr.is-overdue")
    expect(row).to_have_count(1)
    expect(row).to_contain_text("Terlambat")
    expect(row).to_contain_text("Akta kelahiran")
    assert fits_the_phone(page)

    page.get_by_role("link", name=staff["late"].tracking_no).click()
    expect(page.locator("h1")).to_contain_text(staff["late"].tracking_no)
    expect(page.get_by_text(re.compile(r"Terlambat \d+ hari kerja"))).to_be_visible()
    expect(page.get_by_role("heading", name="Tindakan")).to_be_visible()
    assert fits_the_phone(page)
    assert axe_violations(page) == []


def test_supervisor_overview_is_accessible(page, live_server, staff, axe_violations):
    sign_in(page, live_server.url, "supervisor@makassarkota.go.id")
    page.goto(f"{live_server.url}/kantor/permohonan/pengawasan/")
    expect(page.locator("h1")).to_have_text("Pengawasan permohonan")
    load = page.locator("section", has=page.get_by_role("heading", name="Beban per petugas"))
    expect(load.get_by_role("row", name=re.compile("Andi Officer"))).to_have_text(
        re.compile(r"Andi Officer\s*Petugas\s*1\s*1\s*Terlambat"))
    assert fits_the_phone(page)
    assert axe_violations(page) == []
