"""Browser tests of sign-in (Playwright driving Debian's Chromium on a 360 px phone screen)."""

import re

import pytest

from anrong.accounts.actions.identity import bootstrap_sysadmin, enable_totp
from anrong.accounts.management.commands.demo_totp import current_code
from anrong.accounts.models import CitizenProfile
from anrong.core.gateways import ConsoleGateway

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

TOTP_SECRET = "JBSWY3DPEHPK3PXPJBSWY3DPEHPK3PXP"


def code_sent_to(phone: str) -> str:
    message = ConsoleGateway.last_message(phone)
    assert message is not None, f"no code was sent to {phone}"
    return re.search(r"\b(\d{6})\b", message.text).group(1)


def test_new_citizen_signs_up_by_phone_completes_the_profile_and_reaches_home(live_server, page, regions):
    ConsoleGateway.clear()
    # Given a new citizen on the sign-in page
    page.goto(f"{live_server.url}/akun/login/code/")
    # When they type their number the way it is written on a card
    page.fill("input[name=phone]", "0812-3456-7890")
    page.click("main button[type=submit]")
    # Then a code is sent to the E.164 number and they type it
    page.fill("input[name=code]", code_sent_to("+6281234567890"))
    page.get_by_role("button", name="Masuk").click()

    # They are asked for their profile before anything else
    page.wait_for_url(re.compile(r"/akun/profil/"))
    page.get_by_label("Nama lengkap").fill("Andi Baso Makkulau")
    page.get_by_label("NIK").fill("737113010190")  # 12 digits: a typo
    page.get_by_label("Tanggal lahir").fill("1990-01-01")
    page.get_by_label("Laki-laki").check()
    page.get_by_label("Kelurahan domisili").select_option("73.71.13.1001")
    page.get_by_label("Alamat").fill("Jl. Tidung X No. 5, RT 01/RW 02")
    page.locator("main form button[type=submit]").last.click()

    # An invalid NIK is refused with the Indonesian message next to the field, nothing saved
    error = page.locator("#nik-error")
    assert "NIK harus 16 angka" in error.inner_text()
    assert page.get_by_label("NIK").get_attribute("aria-invalid") == "true"
    assert not CitizenProfile.objects.exists()

    # With the NIK from the KTP the profile is saved and the home screen opens
    page.get_by_label("NIK").fill("7371130101900001")
    page.locator("main form button[type=submit]").last.click()
    page.wait_for_url(f"{live_server.url}/")
    assert page.locator("h1").inner_text().startswith("Selamat datang")
    profile = CitizenProfile.objects.get()
    assert profile.user.phone == "+6281234567890" and profile.user.phone_verified
    assert profile.nik == "7371130101900001"


def test_staff_cannot_enter_without_totp(live_server, page):
    admin = bootstrap_sysadmin(email="admin@makassarkota.go.id", password="Sandi-Panjang-2026!",
                               display_name="Admin")
    enable_totp(user=admin, secret=TOTP_SECRET)
    # Given a system administrator who signs in with email and password
    page.goto(f"{live_server.url}/akun/login/")
    page.fill("input[name=login]", "admin@makassarkota.go.id")
    page.fill("input[name=password]", "Sandi-Panjang-2026!")
    page.locator("main form button[type=submit]").first.click()
    # Then the TOTP code is asked before anything else
    page.wait_for_url(re.compile(r"/akun/2fa/authenticate/"))
    # and the admin stays closed while the code has not been given
    page.goto(f"{live_server.url}/admin/")
    assert "/admin/login/" in page.url

    # Django's own admin login form does not get around the TOTP step either
    page.fill("input[name=username]", "admin@makassarkota.go.id")
    page.fill("input[name=password]", "Sandi-Panjang-2026!")
    page.locator("input[type=submit]").click()
    page.wait_for_url(re.compile(r"/akun/2fa/reauthenticate/"))
    page.goto(f"{live_server.url}/admin/")
    assert "/akun/2fa/reauthenticate/" in page.url

    # With the code from the authenticator app the admin opens
    page.fill("input[name=code]", current_code(TOTP_SECRET))
    page.locator("main form button[type=submit]").first.click()
    page.wait_for_url(re.compile(r"/admin/$"))
    assert page.locator("#site-name").count() == 1
