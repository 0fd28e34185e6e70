"""The page shell (base.html), the home screen and the error pages."""

import gzip
import re
from pathlib import Path

import pytest
from django.contrib import messages
from django.contrib.staticfiles import finders
from django.shortcuts import redirect
from django.test import override_settings
from django.urls import path

from anrong.accounts.actions.identity import enable_totp
from anrong.accounts.models import PlatformRole, User
from anrong.accounts.tests.profile_factories import citizen_with_profile
from anrong.core import modules
from config import urls as site_urls

pytestmark = pytest.mark.django_db


def _html(response) -> str:
    return response.content.decode()


@pytest.fixture
def no_modules(monkeypatch):
    """A registry with no module in it, whatever the installed apps register."""
    monkeypatch.setattr(modules, "_registry", {})


def citizen_named(name: str, phone: str) -> User:
    citizen = citizen_with_profile(phone)  # a citizen without a profile is sent to complete it
    User.objects.filter(pk=citizen.pk).update(display_name=name)
    citizen.refresh_from_db()
    return citizen


@pytest.fixture
def service_module():
    """A module with a citizen page that resolves (the offline page stands in for one)."""
    module = modules.register(
        modules.Module(slug="test-layanan", name="Layanan Uji", icon="document",
                       description="Ajukan permohonan", citizen_url="core:offline", order=5)
    )
    yield module
    modules._registry.pop(module.slug, None)


def test_home_page_has_the_landmarks_skip_link_and_one_heading(client):
    html = _html(client.get("/"))
    assert '<html lang="id"' in html
    assert '<a class="skip-link" href="#main">' in html
    assert '<main id="main"' in html
    for landmark in ("<header", "<nav", "<footer"):
        assert landmark in html
    assert html.count("<h1") == 1
    assert "Selamat datang di Anrong" in html


def test_header_links_home_and_offers_sign_in_and_english(client):
    html = _html(client.get("/"))
    assert re.search(r'<a class="brand" href="/">', html)
    assert 'href="/akun/login/"' in html and "Masuk" in html
    assert 'action="/i18n/setlang/" method="post"' in html
    assert re.search(r'name="language" value="en" lang="en">English<', html)
    assert 'name="next" value="/"' in html
    assert "Keluar" not in html and 'href="/kantor/"' not in html


def test_signed_in_citizen_sees_name_and_a_sign_out_form_but_no_staff_link(client):
    client.force_login(citizen_named("Daeng Ngalle", "+6281234567890"))
    html = _html(client.get("/"))
    assert "Daeng Ngalle" in html
    assert "Halo, Daeng Ngalle" in html
    assert re.search(r'<form action="/akun/logout/" method="post">.*?csrfmiddlewaretoken.*?Keluar', html, re.S)
    assert 'href="/kantor/"' not in html and 'href="/akun/login/"' not in html


def test_signed_in_name_links_to_the_account_page(client):
    client.force_login(citizen_named("Andi Rahma", "+6281234567891"))
    html = _html(client.get("/"))
    assert re.search(r'<a class="header-link" href="/akun/">.*?Akun saya:.*?Andi Rahma</span></a>', html)


def test_sign_in_link_brings_the_citizen_back_to_the_page_they_were_on(client):
    html = _html(client.get("/tidak-ada/?x=1"))
    assert 'href="/akun/login/?next=/tidak-ada/%3Fx%3D1"' in html


def test_staff_member_gets_a_link_to_the_staff_console(client):
    editor = User.objects.create_user(email="redaksi@makassarkota.go.id", password="kata-sandi-panjang-1")
    PlatformRole.objects.create(user=editor, role=PlatformRole.Role.EDITOR)
    enable_totp(user=editor, secret="JBSWY3DPEHPK3PXPJBSWY3DPEHPK3PXP")  # staff must have TOTP
    client.force_login(editor)
    assert 'href="/kantor/"' in _html(client.get("/"))


def test_home_without_modules_pages_shows_the_empty_state_and_emergency_numbers(client, no_modules):
    html = _html(client.get("/"))
    assert 'class="tiles"' not in html
    assert "Belum ada layanan yang bisa dibuka di sini" in html
    assert 'href="tel:112"' in html and 'href="tel:119"' in html


def test_home_draws_a_tile_for_each_module_with_a_citizen_page(client, no_modules, service_module):
    modules.register(modules.Module(slug="test-tanpa-halaman", name="Tanpa Halaman",
                                    citizen_url="tidak:ada"))
    try:
        html = _html(client.get("/"))
    finally:
        modules._registry.pop("test-tanpa-halaman")
    tiles = re.search(r'<ul class="tiles">(.*?)</ul>', html, re.S).group(1)
    assert tiles.count("<li>") == 1
    assert '<a class="tile" href="/offline/">' in tiles
    assert "Layanan Uji" in tiles and "Ajukan permohonan" in tiles
    assert '<svg class="icon"' in tiles and 'aria-hidden="true"' in tiles
    assert "Tanpa Halaman" not in html
    assert "Belum ada layanan" not in html


def test_an_emoji_icon_is_shown_as_text_and_markup_is_escaped():
    from anrong.core.templatetags.anrong_shell import module_icon

    assert module_icon("🍜") == '<span class="icon icon-text" aria-hidden="true">🍜</span>'
    assert "<b>" not in module_icon("<b>")
    assert "<rect" in module_icon("")  # the generic grid icon


@override_settings(ROOT_URLCONF=__name__)
def test_messages_are_rendered_as_status_notices_once(client):
    response = client.get("/kirim/", follow=True)
    assert '<div class="notice notice-success" role="status">Permohonan Anda sudah terkirim.</div>' in _html(response)
    assert "Permohonan Anda sudah terkirim." not in _html(client.get("/"))


def test_home_page_with_its_css_and_scripts_weighs_well_under_50_kb_compressed(client, service_module):
    html = client.get("/").content
    total = len(gzip.compress(html))
    assets = re.findall(rb'<(?:link rel="stylesheet" href|script src)="/static/([^"]+)"', html)
    assert len(assets) == 3  # one stylesheet, htmx, app.js; no web fonts
    for asset in assets:
        total += len(gzip.compress(Path(finders.find(asset.decode())).read_bytes()))
    assert total < 35_000


@override_settings(DEBUG=False)
def test_missing_page_gives_404_in_indonesian(client):
    response = client.get("/tidak-ada-halaman-ini/")
    assert response.status_code == 404
    html = _html(response)
    assert "Halaman tidak ditemukan" in html
    assert html.count("<h1") == 1 and '<main id="main"' in html


def _boom(request):
    raise RuntimeError("rusak")


def _sent(request):
    messages.success(request, "Permohonan Anda sudah terkirim.")
    return redirect("core:home")


def _forbidden(request):
    from django.core.exceptions import PermissionDenied

    raise PermissionDenied


# The real site plus two views that fail, for the error pages.
urlpatterns = [path("rusak/", _boom), path("terlarang/", _forbidden), path("kirim/", _sent), *site_urls.urlpatterns]


@override_settings(DEBUG=False, ROOT_URLCONF=__name__)
def test_server_error_gives_500_in_indonesian(client):
    client.raise_request_exception = False
    response = client.get("/rusak/")
    assert response.status_code == 500
    html = _html(response)
    assert "Terjadi masalah di sistem kami" in html
    assert '<html lang="id">' in html and "tel:112" in html


@override_settings(DEBUG=False, ROOT_URLCONF=__name__)
def test_forbidden_gives_403_in_indonesian(client):
    response = client.get("/terlarang/")
    assert response.status_code == 403
    assert "Anda tidak punya akses ke halaman ini" in _html(response)


def test_the_header_links_the_inbox_with_the_unread_count(client):
    from anrong.core.notifications import notify

    citizen = citizen_named("Daeng Tiro", "+6281234567892")
    notify(user=citizen, kind="test", title="Permohonan diterima", body="Nomor DKC-2026-7Q4M9X",
           channels=("inbox",))
    client.force_login(citizen)
    html = _html(client.get("/"))
    assert re.search(r'<a class="header-link" href="/kotak-masuk/">Kotak masuk <span class="badge">1<span class="visually-hidden"> belum dibaca', html)
    assert 'href="/kotak-masuk/"' not in _html(client.__class__().get("/"))  # visitors have no inbox
