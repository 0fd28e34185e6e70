"""Apps: phone code through allauth.headless, bearer token to /api/v1/."""

from __future__ import annotations

import pytest

from anrong.accounts.actions.identity import deactivate_user
from anrong.accounts.models import User

from .identity_helpers import fresh_limits_and_sms, last_code  # noqa: F401  (fixture)

pytestmark = pytest.mark.django_db

PHONE = "+6281234567890"
AUTH = "/api/auth/app/v1"


def app_sign_in(client, phone: str = "0812 3456 7890") -> dict:  # type: ignore[no-untyped-def]
    response = client.post(f"{AUTH}/auth/code/request", {"phone": phone},
                           content_type="application/json")
    assert response.status_code == 401, response.content  # pending: the code step
    session_token = response.json()["meta"]["session_token"]
    response = client.post(f"{AUTH}/auth/code/confirm", {"code": last_code(PHONE)},
                           content_type="application/json", HTTP_X_SESSION_TOKEN=session_token)
    assert response.status_code == 200, response.content
    return response.json()["meta"]


def test_app_signs_in_by_phone_code_and_calls_the_api_with_a_bearer_token(client):
    # given a phone not yet known, when the app goes through the code flow
    meta = app_sign_in(client)
    # then it holds an access token and a refresh token
    assert meta["access_token"] and meta["refresh_token"]
    user = User.objects.get(phone=PHONE)
    assert user.phone_verified
    # and the API knows who is calling
    response = client.get("/api/v1/auth/whoami", HTTP_AUTHORIZATION=f"Bearer {meta['access_token']}")
    assert response.status_code == 200
    assert response.json() == {"id": user.pk, "is_staff_member": False, "language": "id"}


def test_app_flow_refuses_foreign_numbers(client):
    response = client.post(f"{AUTH}/auth/code/request", {"phone": "+12025550143"},
                           content_type="application/json")
    assert response.status_code == 400
    assert "nomor HP Indonesia" in response.content.decode()
    assert not User.objects.exists()


def test_app_wrong_code_is_refused(client):
    response = client.post(f"{AUTH}/auth/code/request", {"phone": "081234567890"},
                           content_type="application/json")
    token = response.json()["meta"]["session_token"]
    wrong = "000000" if last_code(PHONE) != "000000" else "111111"
    response = client.post(f"{AUTH}/auth/code/confirm", {"code": wrong},
                           content_type="application/json", HTTP_X_SESSION_TOKEN=token)
    assert response.status_code == 400
    assert "access_token" not in response.json().get("meta", {})


@pytest.mark.parametrize("header", [None, "Bearer", "Bearer not-a-token", "Token abc",
                                    "Bearer eyJhbGciOiJIUzI1NiJ9.e30.ZRrHA1JJJW8opsbCGfG_HACGpVUMN_a9IV7pAx_Zmeo"])
def test_missing_or_invalid_token_gets_401_in_the_api_error_shape(client, header):
    extra = {"HTTP_AUTHORIZATION": header} if header else {}
    response = client.get("/api/v1/auth/whoami", **extra)
    assert response.status_code == 401
    body = response.json()
    assert set(body) == {"code", "message", "details"}
    assert body["code"] == "unauthenticated"


def test_token_stops_working_when_the_account_is_deactivated(client):
    meta = app_sign_in(client)
    user = User.objects.get(phone=PHONE)
    deactivate_user(actor=None, user=user, reason="Akun ganda")
    response = client.get("/api/v1/auth/whoami", HTTP_AUTHORIZATION=f"Bearer {meta['access_token']}")
    assert response.status_code == 401


def test_token_stops_working_after_the_app_signs_out(client):
    meta = app_sign_in(client)
    response = client.delete(f"{AUTH}/auth/session", HTTP_X_SESSION_TOKEN=meta["session_token"])
    assert response.status_code == 401  # allauth: no longer authenticated
    response = client.get("/api/v1/auth/whoami", HTTP_AUTHORIZATION=f"Bearer {meta['access_token']}")
    assert response.status_code == 401


def test_web_session_also_works_for_whoami(client):
    from .identity_helpers import sign_in_by_phone

    sign_in_by_phone(client, "081234567890", PHONE)
    response = client.get("/api/v1/auth/whoami")
    assert response.status_code == 200
    assert response.json()["id"] == User.objects.get(phone=PHONE).pk


def test_an_app_posts_with_its_bearer_token_and_no_cookie_without_a_csrf_refusal():
    from django.test import Client

    # given an app signed in by phone code, whose later calls carry no session cookie
    meta = app_sign_in(Client())
    app = Client(enforce_csrf_checks=True)
    # when it POSTs with its bearer token only
    response = app.post("/api/v1/core/notifications/read-all",
                        HTTP_AUTHORIZATION=f"Bearer {meta['access_token']}")
    # then it is served, not refused "CSRF check Failed"
    assert response.status_code == 200, response.content
    # and a browser's cookie POST without the CSRF token is still refused
    browser = Client(enforce_csrf_checks=True)
    browser.force_login(User.objects.get(phone=PHONE))
    assert browser.post("/api/v1/core/notifications/read-all").status_code == 403
