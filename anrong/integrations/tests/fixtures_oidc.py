"""Agency apps registered through the console's actions, and a browser signed in as a person,
for the single sign-on tests."""

from __future__ import annotations

import importlib.util
import re
import sys
from pathlib import Path
from typing import Any

import httpx
from django.conf import settings
from django.test import Client

from ..actions import oidc as actions

RP = "https://sipenduduk.disdukcapil.example"
REDIRECT_URI = f"{RP}/callback"
POST_LOGOUT_URI = f"{RP}/sampai-jumpa"


def load_sso_example() -> Any:
    """docs/examples/sso_client.py, the relying party the documentation shows."""
    path = Path(settings.BASE_DIR) / "docs" / "examples" / "sso_client.py"
    spec = importlib.util.spec_from_file_location("sso_client_example", path)
    assert spec and spec.loader
    module = importlib.util.module_from_spec(spec)
    sys.modules[spec.name] = module  # dataclasses look their module up
    spec.loader.exec_module(module)
    return module


def register_app(admin: Any, *, client_type: str = "confidential", name: str = "SI Penduduk",
                 agency: Any = None) -> tuple[Any, str]:
    from anrong.agencies.models import Agency

    agency = agency or Agency.objects.get(code="DISDUKCAPIL")
    return actions.register_client(
        actor=admin, agency=agency, name=name, client_type=client_type,
        redirect_uris=[REDIRECT_URI], post_logout_redirect_uris=[POST_LOGOUT_URI],
        description="Layanan kependudukan Disdukcapil",
    )


def browser_for(base_url: str, user: Any = None) -> httpx.Client:
    """An httpx client carrying the session of `user` (signed in through Django's test client),
    not following redirects, like a browser whose redirects we read."""
    browser = httpx.Client(base_url=base_url, follow_redirects=False, timeout=20)
    if user is not None:
        django_client = Client()
        django_client.force_login(user)
        browser.cookies.set(settings.SESSION_COOKIE_NAME,
                            django_client.cookies[settings.SESSION_COOKIE_NAME].value)
    return browser


HIDDEN = re.compile(r'<input type="hidden" name="([^"]+)" value="([^"]*)"')


def consent_form(html: str) -> dict[str, str]:
    """The hidden fields of the consent screen (the CSRF token among them)."""
    import html as html_lib

    return {name: html_lib.unescape(value) for name, value in HIDDEN.findall(html)}


def answer_consent(browser: httpx.Client, page: httpx.Response, *, allow: bool) -> httpx.Response:
    fields = consent_form(page.text)
    assert "csrfmiddlewaretoken" in fields and "client_id" in fields, page.text[:2000]
    fields["allow" if allow else "deny"] = "on"
    return browser.post("/o/authorize/", data=fields,
                        headers={"Referer": str(page.url)})
