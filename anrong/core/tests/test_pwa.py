"""Installable app: manifest, service worker, offline page, icons."""

import json
import re
import struct
from pathlib import Path

import pytest
from django.conf import settings
from django.contrib.staticfiles import finders

pytestmark = pytest.mark.django_db


def _png_size(path: str) -> tuple[int, int]:
    data = Path(path).read_bytes()
    assert data[:8] == b"\x89PNG\r\n\x1a\n"
    return struct.unpack(">II", data[16:24])


def test_manifest_describes_an_installable_standalone_app(client):
    response = client.get("/manifest.webmanifest")
    assert response.status_code == 200
    assert response["Content-Type"] == "application/manifest+json"
    manifest = json.loads(response.content)
    assert manifest["name"] == "Anrong — Layanan Kota Makassar"
    assert manifest["short_name"] == "Anrong"
    assert (manifest["start_url"], manifest["scope"], manifest["display"]) == ("/", "/", "standalone")
    assert re.fullmatch(r"#[0-9a-f]{6}", manifest["theme_color"])
    assert re.fullmatch(r"#[0-9a-f]{6}", manifest["background_color"])
    sizes = {icon["sizes"]: icon for icon in manifest["icons"]}
    assert sizes["any"]["type"] == "image/svg+xml"
    for size in (192, 512):
        icon = sizes[f"{size}x{size}"]
        assert icon["type"] == "image/png"
        assert client.get(icon["src"]).status_code == 200
        static_path = icon["src"].removeprefix(settings.STATIC_URL)
        assert _png_size(finders.find(static_path)) == (size, size)


def test_pages_link_the_manifest_and_register_the_worker_from_a_module(client):
    html = client.get("/").content.decode()
    assert '<link rel="manifest" href="/manifest.webmanifest">' in html
    assert 'data-service-worker="/sw.js"' in html
    assert re.search(r'<script src="/static/js/app.js" type="module"></script>', html)
    assert re.search(r'<script src="/static/vendor/htmx.org/dist/htmx.min.js" defer></script>', html)


def test_service_worker_is_served_from_the_root_uncached_with_root_scope(client):
    response = client.get("/sw.js")
    assert response.status_code == 200
    assert response["Content-Type"].startswith("text/javascript")
    assert response["Service-Worker-Allowed"] == "/"
    assert "no-cache" in response["Cache-Control"]


def test_service_worker_precaches_the_shell_and_the_offline_page(client):
    script = client.get("/sw.js").content.decode()
    precache = json.loads(re.search(r"const PRECACHE = (\[.*?\]);", script).group(1))
    assert "/offline/" in precache
    assert "/static/css/anrong.css" in precache and "/static/js/app.js" in precache
    for url in precache:
        assert client.get(url).status_code == 200, url
    version = re.search(r'const CACHE = "anrong-([0-9a-f]{16})";', script).group(1)
    assert f"version {version}" in script
    assert 'name.startsWith("anrong-") && name !== CACHE' in script  # old caches are deleted


def test_cache_version_changes_when_a_shell_file_changes(client, tmp_path, settings):
    before = re.search(r'anrong-([0-9a-f]{16})', client.get("/sw.js").content.decode()).group(1)
    changed = tmp_path / "css"
    changed.mkdir()
    (changed / "anrong.css").write_text("body { color: black; }")
    settings.STATICFILES_DIRS = [str(tmp_path), *settings.STATICFILES_DIRS]
    finders.get_finder.cache_clear()
    try:
        after = re.search(r'anrong-([0-9a-f]{16})', client.get("/sw.js").content.decode()).group(1)
    finally:
        finders.get_finder.cache_clear()
    assert after != before


def test_offline_page_is_indonesian_and_carries_no_account_menu(client, django_user_model):
    user = django_user_model.objects.create_user(phone="+6281111111111", display_name="Andi Rahma")
    client.force_login(user)
    html = client.get("/offline/").content.decode()
    assert "Tidak ada sambungan internet" in html
    assert html.count("<h1") == 1
    assert "Andi Rahma" not in html and "csrfmiddlewaretoken" not in html
    assert 'href="tel:112"' in html
