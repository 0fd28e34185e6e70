"""Sign in with the city account, end to end: a real OpenID Connect client (Authlib, through the
documented relying party in docs/examples/sso_client.py) against the live server. A signed-in
person's browser is an httpx client carrying their session cookie."""

from __future__ import annotations

import base64
import hashlib
import secrets
from urllib.parse import parse_qs, urlencode, urlsplit

import httpx
import pytest
from authlib.integrations.base_client.errors import OAuthError

from anrong.integrations.models import Consent

from ..actions import oidc as actions
from .fixtures_oidc import (
    POST_LOGOUT_URI,
    REDIRECT_URI,
    answer_consent,
    browser_for,
    load_sso_example,
    register_app,
)

sso = load_sso_example()


@pytest.fixture
def personas(regions, personas):  # type: ignore[no-untyped-def]
    """The personas, with the regions reloaded after a live-server test flushed the tables."""
    return personas


def query_of(url: str) -> dict[str, str]:
    return {k: v[0] for k, v in parse_qs(urlsplit(url).query).items()}


def account_for(live_server, agency_client, secret: str = "", scope: str = "openid profile phone"):  # type: ignore[no-untyped-def]
    return sso.CityAccount(issuer=f"{live_server.url}/o",
                           client_id=agency_client.application.client_id,
                           client_secret=secret, redirect_uri=REDIRECT_URI, scope=scope)


def sign_in_through_consent(account, browser, *, scope=None, expect_screen=True):  # type: ignore[no-untyped-def]
    """Start at the app, pass the consent screen (if shown) with Izinkan, return the login and
    the URL the browser is sent back to."""
    login = account.start_login(scope=scope)
    page = browser.get(login.url)
    if expect_screen:
        assert page.status_code == 200, page.text[:2000]
        assert "Izinkan" in page.text and "Tolak" in page.text
        page = answer_consent(browser, page, allow=True)
    assert page.status_code == 302, page.text[:2000]
    return login, page.headers["location"]


def test_the_whole_sign_in_with_a_real_oidc_client(live_server, personas):  # type: ignore[no-untyped-def]
    # Given Disdukcapil's confidential app, registered by its admin
    citizen = personas["citizen"]
    agency_client, secret = register_app(personas["agency_admin"])
    account = account_for(live_server, agency_client, secret, scope="openid profile phone nik")
    browser = browser_for(live_server.url, citizen)

    # Discovery says what the provider does
    metadata = account.metadata()
    assert metadata["issuer"] == f"{live_server.url}/o"
    assert metadata["code_challenge_methods_supported"] == ["S256"]
    assert "RS256" in metadata["id_token_signing_alg_values_supported"]
    assert metadata["end_session_endpoint"].endswith("/o/logout/")
    assert {"openid", "profile", "phone", "nik"} <= set(metadata["scopes_supported"])
    assert {"sub", "name", "phone_number", "nik"} <= set(metadata["claims_supported"])
    jwks = httpx.get(metadata["jwks_uri"]).json()
    assert jwks["keys"][0]["kty"] == "RSA" and jwks["keys"][0]["alg"] == "RS256"

    # The consent screen names the app, its agency and each scope, in Indonesian
    login = account.start_login()
    assert "code_challenge_method=S256" in login.url
    page = browser.get(login.url)
    assert page.status_code == 200
    assert "SI Penduduk" in page.text and "Dinas Kependudukan" in page.text
    assert "NIK" in page.text and "Nomor HP" in page.text and '<html lang="id"' in page.text

    # Izinkan: back to the app with a code, exchanged with the PKCE verifier for tokens
    back = answer_consent(browser, page, allow=True)
    assert back.status_code == 302 and back.headers["location"].startswith(REDIRECT_URI + "?")
    callback = back.headers["location"]
    assert query_of(callback)["state"] == login.state
    result = account.finish_login(login, callback)
    token, claims = result["token"], result["claims"]

    # The ID token was verified against the JWKS (signature, iss, aud, exp, nonce) by the
    # example; its claims are the person's
    assert claims["iss"] == f"{live_server.url}/o"
    assert claims["aud"] == agency_client.application.client_id
    assert claims["nonce"] == login.nonce
    assert claims["sub"] == str(citizen.pk) and claims["sub"] != citizen.phone
    assert claims["name"] == "Warga citizen"
    assert claims["phone_number"] == "+6281234567801"
    assert claims["nik"] == "7371011508900001"
    with pytest.raises(Exception):  # noqa: B017 (any verification error)
        account.verify_id_token(token["id_token"], nonce="another-nonce")

    # Userinfo answers the same person
    info = account.userinfo(token["access_token"])
    assert info.status_code == 200
    assert info.json()["sub"] == claims["sub"] and info.json()["nik"] == "7371011508900001"

    # Refresh: new tokens, the old access token stops working (rotation)
    fresh = account.refresh(token["refresh_token"])
    assert fresh["access_token"] != token["access_token"]
    assert fresh["refresh_token"] != token["refresh_token"]
    assert account.userinfo(fresh["access_token"]).status_code == 200
    assert account.userinfo(token["access_token"]).status_code == 401

    # Consent is remembered: signing in again goes straight back to the app
    login2, callback2 = sign_in_through_consent(account, browser, expect_screen=False)
    second = account.finish_login(login2, callback2)
    assert second["claims"]["sub"] == claims["sub"]

    # RP-initiated logout: back to the registered post-logout URI, signed out of Anrong, and the
    # app's tokens for this person end
    out = browser.get(account.logout_url(id_token=second["token"]["id_token"],
                                         post_logout_redirect_uri=POST_LOGOUT_URI, state="bye"))
    assert out.status_code == 302
    assert out.headers["location"] == f"{POST_LOGOUT_URI}?state=bye"
    assert browser.get("/akun/").status_code == 302  # to the sign-in page
    assert account.userinfo(second["token"]["access_token"]).status_code == 401
    assert account.userinfo(fresh["access_token"]).status_code == 401


def test_a_public_app_signs_in_with_pkce_and_no_secret(live_server, personas):  # type: ignore[no-untyped-def]
    agency_client, secret = register_app(personas["agency_admin"], client_type="public",
                                         name="Makassar Mobile")
    assert secret == ""
    account = account_for(live_server, agency_client)
    browser = browser_for(live_server.url, personas["citizen"])
    login, callback = sign_in_through_consent(account, browser)
    claims = account.finish_login(login, callback)["claims"]
    assert claims["sub"] == str(personas["citizen"].pk)
    assert "nik" not in claims  # not asked for


# --- Refusals ----------------------------------------------------------------------------------


def authorize_url(live_server, agency_client, **params):  # type: ignore[no-untyped-def]
    verifier = secrets.token_urlsafe(48)
    challenge = base64.urlsafe_b64encode(hashlib.sha256(verifier.encode()).digest()).rstrip(b"=")
    query = {"response_type": "code", "client_id": agency_client.application.client_id,
             "redirect_uri": REDIRECT_URI, "scope": "openid profile", "state": "s1",
             "nonce": "n1", "code_challenge": challenge.decode(),
             "code_challenge_method": "S256", **params}
    query = {k: v for k, v in query.items() if v is not None}
    return f"{live_server.url}/o/authorize/?{urlencode(query)}", verifier


def test_a_wrong_redirect_uri_gets_an_error_page_and_no_redirect(live_server, personas):  # type: ignore[no-untyped-def]
    agency_client, _ = register_app(personas["agency_admin"])
    browser = browser_for(live_server.url, personas["citizen"])
    for wrong in ("https://penipu.example/callback", REDIRECT_URI + "/lain", REDIRECT_URI + "#x"):
        url, _verifier = authorize_url(live_server, agency_client, redirect_uri=wrong)
        page = browser.get(url)
        assert page.status_code == 400
        assert "location" not in page.headers
        assert "Permintaan masuk tidak dapat diproses" in page.text


def get_code(live_server, personas, *, client_type="confidential"):  # type: ignore[no-untyped-def]
    agency_client, secret = register_app(personas["agency_admin"], client_type=client_type)
    account = account_for(live_server, agency_client, secret)
    browser = browser_for(live_server.url, personas["citizen"])
    login, callback = sign_in_through_consent(account, browser)
    return account, login, callback


def post_token(account, **data):  # type: ignore[no-untyped-def]
    auth = (account.client_id, account.client_secret) if account.client_secret else None
    data.setdefault("grant_type", "authorization_code")
    data.setdefault("redirect_uri", account.redirect_uri)
    if auth is None:
        data.setdefault("client_id", account.client_id)
    return httpx.post(account.metadata()["token_endpoint"], data=data, auth=auth)


def test_the_code_needs_the_right_pkce_verifier(live_server, personas):  # type: ignore[no-untyped-def]
    account, login, callback = get_code(live_server, personas, client_type="public")
    code = query_of(callback)["code"]

    missing = post_token(account, code=code)
    assert missing.status_code == 400 and missing.json()["error"] == "invalid_request"

    wrong = post_token(account, code=code, code_verifier=secrets.token_urlsafe(48))
    assert wrong.status_code == 400 and wrong.json()["error"] == "invalid_grant"


def test_a_code_used_twice_is_refused_and_its_tokens_end(live_server, personas):  # type: ignore[no-untyped-def]
    account, login, callback = get_code(live_server, personas)
    first = account.finish_login(login, callback)
    assert account.userinfo(first["token"]["access_token"]).status_code == 200

    again = post_token(account, code=query_of(callback)["code"], code_verifier=login.code_verifier)
    assert again.status_code == 400 and again.json()["error"] == "invalid_grant"
    assert account.userinfo(first["token"]["access_token"]).status_code == 401
    with pytest.raises(OAuthError):
        account.refresh(first["token"]["refresh_token"])


def test_plain_pkce_and_no_pkce_are_refused_for_a_public_app(live_server, personas):  # type: ignore[no-untyped-def]
    agency_client, _ = register_app(personas["agency_admin"], client_type="public")
    browser = browser_for(live_server.url, personas["citizen"])
    plain, _ = authorize_url(live_server, agency_client, code_challenge="a" * 50,
                             code_challenge_method="plain")
    no_method, _ = authorize_url(live_server, agency_client, code_challenge="a" * 50,
                                 code_challenge_method=None)
    no_pkce, _ = authorize_url(live_server, agency_client, code_challenge=None,
                               code_challenge_method=None)
    for url in (plain, no_method, no_pkce):
        answer = browser.get(url)
        assert answer.status_code == 302, answer.text[:1000]
        assert answer.headers["location"].startswith(REDIRECT_URI)
        assert query_of(answer.headers["location"])["error"] == "invalid_request"


def test_an_app_of_an_inactive_agency_or_without_agency_is_refused(live_server, personas):  # type: ignore[no-untyped-def]
    agency_client, _ = register_app(personas["agency_admin"])
    agency = agency_client.agency
    agency.is_active = False
    agency.save(update_fields=["is_active"])
    browser = browser_for(live_server.url, personas["citizen"])
    url, _ = authorize_url(live_server, agency_client)
    page = browser.get(url)
    assert page.status_code == 400 and "location" not in page.headers


def test_nik_is_never_shared_without_consent(live_server, personas):  # type: ignore[no-untyped-def]
    citizen = personas["citizen"]
    agency_client, secret = register_app(personas["agency_admin"])
    account = account_for(live_server, agency_client, secret)
    browser = browser_for(live_server.url, citizen)

    # Tolak: the app hears access_denied and nothing is remembered
    login = account.start_login(scope="openid nik")
    page = browser.get(login.url)
    denied = answer_consent(browser, page, allow=False)
    assert denied.status_code == 302
    assert query_of(denied.headers["location"])["error"] == "access_denied"
    assert not Consent.objects.filter(user=citizen).exists()

    # Consent to the name only; a silent request for the NIK answers consent_required
    login, callback = sign_in_through_consent(account, browser, scope="openid profile")
    first = account.finish_login(login, callback)
    assert "nik" not in first["claims"]
    assert "nik" not in account.userinfo(first["token"]["access_token"]).json()
    silent = account.start_login(scope="openid profile nik", prompt="none")
    answer = browser.get(silent.url)
    assert answer.status_code == 302
    assert query_of(answer.headers["location"])["error"] == "consent_required"
    # ... while the scopes already agreed to need no screen, even silently
    silent_ok = account.start_login(scope="openid profile", prompt="none")
    assert "code" in query_of(browser.get(silent_ok.url).headers["location"])

    # Nobody signed in: login_required
    anonymous = browser_for(live_server.url)
    answer = anonymous.get(account.start_login(prompt="none").url)
    assert query_of(answer.headers["location"])["error"] == "login_required"

    # Consent to the NIK, then withdraw it from the account page: userinfo stops answering
    login, callback = sign_in_through_consent(account, browser, scope="openid profile nik")
    with_nik = account.finish_login(login, callback)
    assert with_nik["claims"]["nik"] == "7371011508900001"
    consent = Consent.objects.get(user=citizen, withdrawn_at__isnull=True)
    actions.withdraw_consent(user=citizen, consent=consent)
    assert account.userinfo(with_nik["token"]["access_token"]).status_code == 401
    with pytest.raises(OAuthError):
        account.refresh(with_nik["token"]["refresh_token"])

    # ... and the next sign-in asks again
    again = account.start_login(scope="openid profile nik")
    page = browser.get(again.url)
    assert page.status_code == 200 and "Izinkan" in page.text


def test_prompt_consent_always_asks(live_server, personas):  # type: ignore[no-untyped-def]
    agency_client, secret = register_app(personas["agency_admin"])
    account = account_for(live_server, agency_client, secret)
    browser = browser_for(live_server.url, personas["citizen"])
    sign_in_through_consent(account, browser)
    page = browser.get(account.start_login(prompt="consent").url)
    assert page.status_code == 200 and "Izinkan" in page.text
