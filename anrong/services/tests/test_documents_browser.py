"""Checking a document on a 360 px phone, with axe-core's WCAG A/AA checks: the genuine page, a
PDF check, and a code that is not ours."""

from __future__ import annotations

import pytest
from playwright.sync_api import expect

from anrong.services.models import Application, Document, Service
from anrong.services.testing import make_application

from .document_helpers import PDF_BYTES, make_document, remove_written_files

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

CODE = "7Q4M9X-H3KD2P-WZ8RTB-5NFG6C"


@pytest.fixture
def output(regions, personas):  # type: ignore[no-untyped-def]
    application = make_application(service=Service.objects.get(code="DKC-AKTA-LAHIR"),
                                   citizen=personas["citizen"],
                                   status=Application.Status.COMPLETED)
    yield make_document(application, kind=Document.Kind.OUTPUT, verification_code=CODE)
    remove_written_files()


def fits_the_phone(page) -> bool:  # type: ignore[no-untyped-def]
    return page.evaluate("() => document.documentElement.scrollWidth") <= 360


def test_a_genuine_document_and_a_pdf_check_on_a_phone(page, live_server, output, axe_violations,
                                                       tmp_path):
    page.goto(live_server.url + "/verifikasi/")
    assert axe_violations(page) == []
    page.get_by_label("Kode verifikasi").fill(CODE.lower().replace("-", " "))
    page.get_by_role("button", name="Periksa", exact=True).click()
    expect(page.locator("h1")).to_have_text("Dokumen asli")
    expect(page.get_by_text("Berlaku")).to_be_visible()
    assert fits_the_phone(page) and axe_violations(page) == []

    held = tmp_path / "dokumen.pdf"
    held.write_bytes(PDF_BYTES)
    page.get_by_label("Berkas PDF", exact=True).set_input_files(str(held))
    page.get_by_role("button", name="Periksa berkas").click()
    expect(page.get_by_role("status")).to_contain_text("Cocok: berkas ini sama persis")
    assert fits_the_phone(page) and axe_violations(page) == []


def test_an_unknown_code_on_a_phone(page, live_server, output, axe_violations):
    page.goto(live_server.url + "/verifikasi/7Q4M9X-H3KD2P-WZ8RTB-5NFG6D/")
    expect(page.get_by_role("alert")).to_contain_text("mungkin palsu")
    expect(page.locator("h1")).to_have_text("Dokumen tidak dikenal")
    assert fits_the_phone(page) and axe_violations(page) == []
