"""The Cek Fakta story in a real browser on 360 px phones (second half of issue 7's browser
check): two citizens forward the same hoax, worded differently, from two accounts; the
fact-checker finds one queue item of count 2, publishes the verdict; both citizens find it in
their inbox, the verdict page carries a ClaimReview that parses, and "Cek dulu" finds it.
axe-core's WCAG A/AA checks on each page."""

from __future__ import annotations

import datetime as dt
import json
import re

import pytest
from django.conf import settings
from django.test import Client
from playwright.sync_api import expect

from anrong.accounts.actions.identity import enable_totp
from anrong.accounts.actions.profile import complete_profile
from anrong.accounts.management.commands.demo_totp import current_code
from anrong.accounts.models import User
from anrong.agencies import actions as agency_actions
from anrong.agencies.seed import seed_agencies
from anrong.core.models import Notification, Region
from anrong.news.models import Claim
from anrong.news.pages import ensure_newsroom

from .fixtures_factcheck import HOAX, HOAX_AGAIN

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

PASSWORD = "Sandi-Panjang-2026!"  # noqa: S105 (tests only)
TOTP_SECRET = "JBSWY3DPEHPK3PXPJBSWY3DPEHPK3PXP"


@pytest.fixture
def people(regions):  # type: ignore[no-untyped-def]
    seed_agencies()
    ensure_newsroom()
    root = User.objects.create_superuser(email="root@makassarkota.go.id", password=PASSWORD)
    checker = User.objects.create_user(email="redaktur@makassarkota.go.id", password=PASSWORD,
                                       display_name="Redaktur Cek Fakta")
    agency_actions.grant_platform_role(actor=root, user=checker, role="editor")
    enable_totp(user=checker, secret=TOTP_SECRET)
    citizens = {}
    for name, phone, nik, born, sex in [
            ("ani", "+6281234567811", "7371015508900011", dt.date(1990, 8, 15), "P"),
            ("budi", "+6281234567812", "7371011508920012", dt.date(1992, 8, 15), "L")]:
        person = User.objects.create_user(phone=phone)
        complete_profile(user=person, full_name=f"Warga {name}", nik=nik, birth_date=born,
                         sex=sex, kelurahan=Region.objects.get(code="73.71.01.1002"),
                         address="Jl. Contoh No. 1")
        citizens[name] = person
    return {"checker": checker, **citizens}


def phone_of(browser, base: str, user=None):  # type: ignore[no-untyped-def]
    context = browser.new_context(viewport={"width": 360, "height": 740}, locale="id-ID",
                                  timezone_id="Asia/Makassar")
    context.set_default_timeout(15_000)
    if user is not None:
        client = Client()
        client.force_login(user)
        context.add_cookies([{"name": settings.SESSION_COOKIE_NAME,
                              "value": client.cookies[settings.SESSION_COOKIE_NAME].value,
                              "url": base}])
    return context, context.new_page()


def fits_the_phone(page) -> bool:  # type: ignore[no-untyped-def]
    return page.evaluate("() => document.documentElement.scrollWidth") <= 360


def send(phone, base: str, text: str, axe_violations) -> None:  # type: ignore[no-untyped-def]
    phone.goto(f"{base}/cek-fakta/kirim/")
    expect(phone.locator("h1")).to_have_text("Kirim ke Cek Fakta")
    assert axe_violations(phone) == []
    phone.locator("#text").fill(text)
    phone.get_by_role("button", name="Kirim ke tim Cek Fakta").click()
    phone.wait_for_url(re.compile(r"/cek-fakta/saya/$"))
    expect(phone.locator("main")).to_contain_text("Sedang menunggu pemeriksaan")


def test_a_hoax_sent_twice_is_one_item_and_both_senders_are_told(browser, page, live_server,
                                                                 people, axe_violations):
    base = live_server.url
    ani_context, ani = phone_of(browser, base, people["ani"])
    budi_context, budi = phone_of(browser, base, people["budi"])
    send(ani, base, HOAX, axe_violations)
    send(budi, base, HOAX_AGAIN, axe_violations)
    assert fits_the_phone(budi)
    assert axe_violations(budi) == []

    # The fact-checker signs in (password + TOTP) and finds one item of count 2.
    page.goto(f"{base}/akun/login/")
    page.fill("input[name=login]", "redaktur@makassarkota.go.id")
    page.fill("input[name=password]", PASSWORD)
    page.locator("main form button[type=submit]").first.click()
    page.wait_for_url(re.compile(r"/akun/2fa/authenticate/"))
    page.fill("input[name=code]", current_code(TOTP_SECRET))
    page.locator("main form button[type=submit]").first.click()
    page.wait_for_load_state()
    page.goto(f"{base}/kantor/cek-fakta/")
    rows = page.locator("tr[data-claim]")
    expect(rows).to_have_count(1)
    expect(rows.first.locator(".claim-count")).to_have_text("2")
    assert axe_violations(page) == []

    rows.first.get_by_role("link").click()
    expect(page.locator("dd.claim-count")).to_have_text("2")
    assert axe_violations(page) == []
    page.fill("#title", "Hoaks: Pemkot Makassar bagikan bantuan tunai Rp5 juta")
    page.select_option("#verdict", "salah")
    page.fill("#summary", "Tidak ada program bantuan tunai Rp5 juta; situsnya palsu.")
    page.fill("#explanation", "Dinas Sosial Kota Makassar memastikan tidak ada program itu.")
    page.fill("#sources", "Dinas Sosial Kota Makassar | https://makassarkota.go.id/")
    page.get_by_role("button", name="Terbitkan putusan").click()
    expect(page.locator(".messages")).to_contain_text("Putusan terbit")

    claim = Claim.objects.get()
    assert claim.status == Claim.Status.PUBLISHED and claim.submission_count == 2
    assert Notification.objects.filter(kind="factcheck.verdict").count() == 2

    # Both senders are told: the inbox, and their list of messages.
    for phone in (ani, budi):
        phone.goto(f"{base}/kotak-masuk/")
        expect(phone.locator("main")).to_contain_text("Putusan Cek Fakta: SALAH/HOAKS")
        phone.goto(f"{base}/cek-fakta/saya/")
        expect(phone.locator("main")).to_contain_text("SALAH/HOAKS")

    # The verdict page: readable on a phone, ClaimReview JSON-LD that parses.
    ani.get_by_role("link", name="Hoaks: Pemkot Makassar bagikan bantuan tunai Rp5 juta").click()
    data = json.loads(ani.locator('script[type="application/ld+json"]').text_content())
    assert data["@type"] == "ClaimReview" and data["reviewRating"]["alternateName"] == "SALAH/HOAKS"
    assert {"claimReviewed", "itemReviewed", "author", "datePublished", "url"} <= set(data)
    assert fits_the_phone(ani)
    assert axe_violations(ani) == []

    # Someone else pastes the forward into "Cek dulu" and sees the verdict at once.
    other_context, other = phone_of(browser, base)
    other.goto(f"{base}/cek-fakta/")
    other.locator("#pesan").fill(HOAX_AGAIN)
    other.get_by_role("button", name="Cek dulu").click()
    expect(other.locator("#hasil")).to_contain_text("SALAH/HOAKS")
    assert axe_violations(other) == []
    for context in (ani_context, budi_context, other_context):
        context.close()
