"""The pages of the shell: home, offline page, PWA manifest and service worker, health check."""

from __future__ import annotations

import hashlib
import json

from django.conf import settings
from django.contrib.staticfiles import finders
from django.db import connection
from django.http import HttpRequest, HttpResponse, JsonResponse
from django.shortcuts import render
from django.template import loader
from django.templatetags.static import static
from django.urls import reverse
from django.utils.translation import gettext as _
from django.views.decorators.cache import cache_control
from django.views.decorators.http import require_GET

from . import modules

THEME_COLOUR = "#0a4d68"
BACKGROUND_COLOUR = "#f4f7f8"

# Files the service worker stores on install, so the shell and the offline page open offline.
SHELL_ASSETS = (
    "css/anrong.css",
    "js/app.js",
    "icons/anrong.svg",
    "icons/anrong-192.png",
    "vendor/htmx.org/dist/htmx.min.js",
)
# Templates whose text ends up in the precached offline page.
_OFFLINE_TEMPLATES = ("base.html", "core/offline.html")


def home(request: HttpRequest) -> HttpResponse:
    return render(request, "core/home.html", {"tiles": modules.home_tiles()})


def offline(request: HttpRequest) -> HttpResponse:
    """What the service worker shows when a page cannot be fetched. No personal data: the shell
    is drawn without the account menu, because this page is stored on the phone."""
    return render(request, "core/offline.html", {"shell_minimal": True})


@require_GET
def manifest(request: HttpRequest) -> JsonResponse:
    data = {
        "name": "Anrong — Layanan Kota Makassar",
        "short_name": "Anrong",
        "description": _("Layanan publik Pemerintah Kota Makassar dalam satu aplikasi."),
        "lang": "id",
        "dir": "ltr",
        "id": "/",
        "start_url": "/",
        "scope": "/",
        "display": "standalone",
        "theme_color": THEME_COLOUR,
        "background_color": BACKGROUND_COLOUR,
        "icons": [
            {"src": static("icons/anrong-192.png"), "sizes": "192x192", "type": "image/png"},
            {"src": static("icons/anrong-512.png"), "sizes": "512x512", "type": "image/png"},
            {"src": static("icons/anrong.svg"), "sizes": "any", "type": "image/svg+xml"},
        ],
    }
    return JsonResponse(
        data,
        content_type="application/manifest+json",
        json_dumps_params={"ensure_ascii": False},
    )


def _cache_version(precache: list[str]) -> str:
    """Changes whenever a precached file or the offline page's templates change, so a new
    service worker is installed and the old cache deleted."""
    digest = hashlib.sha256()
    for url in precache:
        digest.update(url.encode())
    for path in SHELL_ASSETS:
        found = finders.find(path)
        if found:
            with open(found, "rb") as handle:
                digest.update(handle.read())
    for name in _OFFLINE_TEMPLATES:
        digest.update(loader.get_template(name).template.source.encode())
    return digest.hexdigest()[:16]


@require_GET
@cache_control(no_cache=True)
def service_worker(request: HttpRequest) -> HttpResponse:
    """Served from the site root so its scope is the whole site."""
    offline_url = reverse("core:offline")
    precache = [offline_url, *(static(path) for path in SHELL_ASSETS)]
    response = render(
        request,
        "core/sw.js",
        {
            "version": _cache_version(precache),
            "offline_url_json": json.dumps(offline_url),
            "static_url_json": json.dumps(settings.STATIC_URL),
            "precache_json": json.dumps(precache),
        },
        content_type="text/javascript; charset=utf-8",
    )
    response["Service-Worker-Allowed"] = "/"
    return response


def healthz(request: HttpRequest) -> JsonResponse:
    with connection.cursor() as cursor:
        cursor.execute("SELECT 1")
    return JsonResponse({"status": "ok"})


def not_found(request: HttpRequest, exception: Exception | None = None) -> HttpResponse:
    """404: the API's one error body under /api/, the Indonesian page everywhere else."""
    from django.utils.translation import gettext as _
    from django.views.defaults import page_not_found

    if request.path.startswith("/api/"):
        return JsonResponse({"code": "not_found", "message": _("Data tidak ditemukan."), "details": {}},
                            status=404)
    return page_not_found(request, exception)  # type: ignore[arg-type]
