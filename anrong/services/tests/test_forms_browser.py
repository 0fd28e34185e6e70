"""The form builder and a form's conditional fields in a real browser on a 360 px phone screen,
with axe-core's WCAG A/AA checks."""

import pytest
from django.conf import settings
from django.test import Client
from playwright.sync_api import expect

from anrong.accounts.models import User
from anrong.accounts.testing import sign_in
from anrong.agencies import actions as agency_actions
from anrong.agencies.models import Agency
from anrong.agencies.seed import seed_agencies
from anrong.services import actions
from anrong.services.models import FormVersion, Service
from anrong.services.seed import seed_services

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

FIELDS = [
    {"name": "alasan", "type": "choice", "label": "Alasan perubahan", "required": True,
     "choices": [{"value": "lahir", "label": "Kelahiran"}, {"value": "pindah", "label": "Pindah"}]},
    {"name": "alamat_asal", "type": "textarea", "label": "Alamat asal", "required": True,
     "show_if": {"field": "alasan", "equals": "pindah"}},
    {"name": "setuju", "type": "declaration", "label": "Data yang saya isi benar.",
     "required": True},
    {"name": "hp", "type": "phone", "label": "Nomor HP", "show_if": {"field": "setuju",
                                                                   "equals": True}},
]


@pytest.fixture
def admin_page(page, live_server, regions):  # type: ignore[no-untyped-def]
    """The page signed in as DISDUKCAPIL's admin (session made by the test client, TOTP done)."""
    seed_agencies()
    seed_services()
    root = User.objects.create_superuser(email="root@makassarkota.go.id", password="x-Secret-12345")
    admin = User.objects.create_user(email="admin@makassarkota.go.id", password="x-Secret-12345")
    agency_actions.add_member(actor=root, user=admin, agency=Agency.objects.get(code="DISDUKCAPIL"),
                              role="admin")
    client = sign_in(Client(), admin)
    page.context.add_cookies([{"name": settings.SESSION_COOKIE_NAME, "url": live_server.url,
                               "value": client.cookies[settings.SESSION_COOKIE_NAME].value}])
    service = Service.objects.get(code="DKC-KK-UBAH")
    FormVersion.objects.filter(service=service).delete()
    actions.save_form_draft(actor=admin, service=service, fields=FIELDS)
    return page


def test_preview_shows_a_conditional_field_as_soon_as_its_condition_holds(admin_page, live_server,
                                                                          axe_violations):
    page = admin_page
    page.goto(live_server.url + "/kantor/layanan/DKC-KK-UBAH/formulir/")
    preview = page.locator(".form-preview")
    address = preview.get_by_label("Alamat asal")
    phone = preview.get_by_label("Nomor HP (tidak wajib)")
    expect(address).to_be_hidden()
    expect(phone).to_be_hidden()
    preview.get_by_label("Pindah").check()
    expect(address).to_be_visible()
    expect(address).to_be_enabled()
    preview.get_by_label("Kelahiran").check()
    expect(address).to_be_hidden()
    expect(address).to_be_disabled()
    preview.get_by_label("Data yang saya isi benar.").check()
    expect(phone).to_be_visible()
    assert page.evaluate("() => document.documentElement.scrollWidth") <= 360
    assert axe_violations(page) == []


def test_add_a_field_without_javascript_knowledge(admin_page, live_server, axe_violations):
    page = admin_page
    page.goto(live_server.url + "/kantor/layanan/DKC-KK-UBAH/formulir/")
    form = page.locator("form.form-builder-form")
    form.get_by_label("Jenis isian").select_option("nik")
    form.get_by_label("Label (bahasa Indonesia)").fill("NIK kepala keluarga")
    form.get_by_label("Nama isian (kode)").fill("nik_kepala")
    form.get_by_role("button", name="Tambahkan ke draf").click()
    expect(page.get_by_role("status")).to_contain_text("Isian NIK kepala keluarga ditambahkan")
    expect(page.locator(".form-builder-fields h3")).to_have_count(5)
    expect(page.locator(".form-preview").get_by_label("NIK kepala keluarga (tidak wajib)")) \
        .to_have_attribute("inputmode", "numeric")
    # A wrong name comes back with the typed values kept and the problem next to the form.
    form = page.locator("form.form-builder-form")
    form.get_by_label("Label (bahasa Indonesia)").fill("Nama ibu")
    form.get_by_label("Nama isian (kode)").fill("Nama Ibu")
    form.get_by_role("button", name="Tambahkan ke draf").click()
    expect(page.get_by_role("alert")).to_contain_text("Nama isian hanya huruf kecil")
    expect(page.locator("form.form-builder-form").get_by_label("Label (bahasa Indonesia)")) \
        .to_have_value("Nama ibu")
    assert page.evaluate("() => document.documentElement.scrollWidth") <= 360
    assert axe_violations(page) == []
