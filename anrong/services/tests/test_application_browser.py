"""The whole story in a real browser on a 360 px phone: a citizen applies for an akta kelahiran
with uploads; the officer asks for a revision; the citizen fixes it; the officer approves with a
generated PDF; the citizen downloads it and its QR verification page says it is genuine."""

from __future__ import annotations

import hashlib
import re

import pytest
from django.conf import settings
from django.test import Client
from playwright.sync_api import expect

from anrong.accounts.actions.identity import bootstrap_sysadmin, enable_totp
from anrong.accounts.actions.profile import complete_profile
from anrong.accounts.models import User
from anrong.agencies import actions as agency_actions
from anrong.agencies.models import Agency
from anrong.agencies.seed import seed_agencies
from anrong.core.models import Region
from anrong.services.models import Application, Document
from anrong.services.seed import seed_catalogue

from .test_application_actions import PDF
from .test_console_browser import PASSWORD, TOTP_SECRET, sign_in

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


@pytest.fixture
def people(regions):  # type: ignore[no-untyped-def]
    import datetime as dt

    seed_agencies()
    seed_catalogue()
    root = bootstrap_sysadmin(email="root@makassarkota.go.id", password=PASSWORD,
                              display_name="Root")
    officer = User.objects.create_user(email="officer@makassarkota.go.id", password=PASSWORD,
                                       display_name="Andi Petugas")
    agency_actions.add_member(actor=root, user=officer, agency=Agency.objects.get(
        code="DISDUKCAPIL"), role="officer")
    enable_totp(user=officer, secret=TOTP_SECRET)
    citizen = User.objects.create_user(phone="+6281234567801")
    complete_profile(user=citizen, full_name="Daeng Ngai", nik="7371011508900001",
                     birth_date=dt.date(1990, 8, 15), sex="L",
                     kelurahan=Region.objects.get(code="73.71.01.1002"), address="Jl. Contoh 1")
    return {"officer": officer, "citizen": citizen}


def citizen_context(browser, citizen):  # type: ignore[no-untyped-def]
    """A phone whose owner is signed in (phone sign-in itself is tested in accounts)."""
    client = Client()
    client.force_login(citizen)
    context = browser.new_context(viewport={"width": 360, "height": 740}, locale="id-ID",
                                  timezone_id="Asia/Makassar", accept_downloads=True)
    context.set_default_timeout(15_000)
    return context, client.cookies[settings.SESSION_COOKIE_NAME].value


def test_akta_kelahiran_from_application_to_verified_pdf(browser, page, live_server, people,
                                                         axe_violations, tmp_path):
    base = live_server.url
    context, session = citizen_context(browser, people["citizen"])
    context.add_cookies([{"name": settings.SESSION_COOKIE_NAME, "value": session,
                          "url": base}])
    phone = context.new_page()
    letter = tmp_path / "surat-lahir.pdf"
    letter.write_bytes(PDF)
    marriage = tmp_path / "buku-nikah.pdf"
    marriage.write_bytes(PDF)

    # The citizen applies from the service page.
    phone.goto(f"{base}/layanan/DKC-AKTA-LAHIR/")
    phone.get_by_role("button", name="Ajukan daring").click()
    phone.wait_for_url(re.compile(r"/layanan/permohonan/DKC-\d{4}-[A-Z0-9]{6}/isi/"))
    assert axe_violations(phone) == []
    assert phone.evaluate("() => document.documentElement.scrollWidth") <= 360
    application = Application.objects.get()
    form = application.form_version.fields
    answers = {
        "nama_anak": "Muhammad Fajar", "tanggal_lahir": "2026-11-02",
        "nik_ayah": "7371011508900001", "nik_ibu": "7371015508920002",
    }
    generic = {"date": "2026-11-02", "number": "1", "nik": "7371011508900001",
               "phone": "081234567801"}
    for field in form:  # the seeded form, whatever its agency made of it: fill what is asked
        name, kind = field["name"], field["type"]
        locator = phone.locator(f"[name='{name}']").first
        if not locator.is_visible() or (not field.get("required") and name not in answers):
            continue
        if kind == "file":
            locator.set_input_files(str(letter if "lahir" in name else marriage))
        elif kind in ("choice", "multichoice"):
            if phone.locator(f"input[name='{name}']").count():
                locator.check()
            else:
                locator.select_option(index=1)
        elif kind == "kelurahan":
            locator.select_option("73.71.01.1002")
        elif kind == "declaration":
            locator.check()
        else:
            locator.fill(answers.get(name) or generic.get(kind, "Jl. Cendrawasih No. 10, Makassar"))
    phone.get_by_role("button", name="Ajukan permohonan").click()
    phone.wait_for_url(re.compile(r"/layanan/permohonan/DKC-\d{4}-[A-Z0-9]{6}/$"))
    expect(phone.locator("main")).to_contain_text("Diajukan")
    application.refresh_from_db()
    assert application.status == "submitted", application.answers
    assert application.documents.filter(kind="upload").exists()

    # The officer claims it and asks for a revision.
    sign_in(page, base, "officer@makassarkota.go.id")
    page.goto(f"{base}/kantor/permohonan/{application.tracking_no}/")
    page.get_by_role("button", name="Ambil").click()
    expect(page.locator(".messages")).to_contain_text("sekarang Anda tangani")
    page.get_by_label("Apa yang harus diperbaiki pemohon").fill(
        "Nama anak harus sama dengan surat keterangan lahir: Muhammad Fajar Ramadhan.")
    page.get_by_role("button", name="Kirim permintaan perbaikan").click()
    expect(page.locator(".messages")).to_contain_text("Permintaan perbaikan terkirim")

    # The citizen reads what to fix, fixes it and sends it back.
    phone.goto(f"{base}/layanan/permohonan/{application.tracking_no}/")
    expect(phone.locator("main")).to_contain_text("Muhammad Fajar Ramadhan")
    phone.get_by_role("link", name="Perbaiki permohonan").click()
    phone.locator("[name='nama_anak']").fill("Muhammad Fajar Ramadhan")
    phone.get_by_role("button", name="Kirim ulang").click()
    phone.wait_for_url(re.compile(r"/layanan/permohonan/DKC-\d{4}-[A-Z0-9]{6}/$"))
    application.refresh_from_db()
    assert application.status == "verification"

    # The officer verifies and approves; Anrong generates the PDF.
    page.goto(f"{base}/kantor/permohonan/{application.tracking_no}/")
    page.get_by_role("button", name="Verifikasi dan proses").click()
    expect(page.locator(".messages")).to_contain_text("terverifikasi")
    page.get_by_role("button", name="Setujui permohonan").click()
    expect(page.locator(".messages")).to_contain_text("selesai")

    # The citizen downloads it, and its verification page says it is genuine.
    phone.goto(f"{base}/layanan/permohonan/{application.tracking_no}/")
    assert axe_violations(phone) == []
    with phone.expect_download() as download:
        phone.get_by_role("link", name=re.compile("^Unduh")).first.click()
    saved = tmp_path / "akta.pdf"
    download.value.save_as(saved)
    content = saved.read_bytes()
    assert content.startswith(b"%PDF-")
    output = Document.objects.get(application=application, kind="output")
    assert hashlib.sha256(content).hexdigest() == output.sha256
    phone.locator("main a[href*='/verifikasi/']").first.click()
    expect(phone.locator("main")).to_contain_text("Dokumen asli")
    expect(phone.locator("main")).not_to_contain_text("Daeng Ngai")
    assert axe_violations(phone) == []
    context.close()
