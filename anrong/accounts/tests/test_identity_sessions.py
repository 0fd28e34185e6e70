"""Sessions, deactivation and the limits on code requests and wrong codes."""

from __future__ import annotations

import pytest
from allauth.usersessions.models import UserSession
from django.contrib.auth import SESSION_KEY
from django.contrib.sessions.models import Session
from django.test import Client

from anrong.accounts.actions.identity import IdentityError, deactivate_user
from anrong.accounts.models import User
from anrong.core.gateways import ConsoleGateway
from anrong.core.models import AuditEvent, OutboxEvent

from .identity_helpers import (  # noqa: F401  (fixture)
    STAFF_PASSWORD,
    confirm_code,
    fresh_limits_and_sms,
    last_code,
    make_staff,
    request_code,
    sign_in_by_phone,
    staff_password_login,
)

pytestmark = pytest.mark.django_db

PHONE = "+6281234567890"


def test_deactivated_user_is_signed_out_on_the_next_request_everywhere():
    # given a citizen signed in on two devices
    phone_a, phone_b = Client(), Client()
    sign_in_by_phone(phone_a, "081234567890", PHONE)
    sign_in_by_phone(phone_b, "081234567890", PHONE)
    user = User.objects.get(phone=PHONE)
    assert UserSession.objects.filter(user=user).count() == 2
    from anrong.accounts.actions.identity import bootstrap_sysadmin

    admin = bootstrap_sysadmin(email="admin@makassarkota.go.id", password="Sandi-Panjang-2026!",
                               display_name="Admin")
    # when an administrator deactivates the account
    deactivate_user(actor=admin, user=user, reason="Permintaan warga")
    # then both devices are anonymous on their next request and the sessions are gone
    for device in (phone_a, phone_b):
        response = device.get("/")
        assert response.wsgi_request.user.is_anonymous
    assert not UserSession.objects.filter(user=user).exists()
    keys = [device.cookies["sessionid"].value for device in (phone_a, phone_b)]
    assert not Session.objects.filter(session_key__in=keys).exists()
    user.refresh_from_db()
    assert user.is_active is False
    event = AuditEvent.objects.get(action="account.deactivated", target_id=str(user.pk))
    assert event.actor == admin and event.details["sessions_ended"] == 2
    assert OutboxEvent.objects.filter(type="account.deactivated", aggregate_id=str(user.pk)).exists()


def test_deactivated_user_cannot_sign_in_again():
    client = Client()
    sign_in_by_phone(client, "081234567890", PHONE)
    deactivate_user(actor=None, user=User.objects.get(phone=PHONE), reason="Akun ganda")
    client = Client()
    response = sign_in_by_phone(client, "081234567890", PHONE)
    assert client.session.get(SESSION_KEY) is None
    assert response["Location"].startswith("/akun/inactive/")


def test_deactivation_needs_a_reason_and_changes_nothing_without_one():
    client = Client()
    sign_in_by_phone(client, "081234567890", PHONE)
    user = User.objects.get(phone=PHONE)
    with pytest.raises(IdentityError):
        deactivate_user(actor=None, user=user, reason="  ")
    user.refresh_from_db()
    assert user.is_active
    assert client.get("/").wsgi_request.user.is_authenticated
    assert not AuditEvent.objects.filter(action="account.deactivated").exists()


def test_staff_sign_in_also_gets_a_new_session_key(client):
    make_staff()
    client.get("/akun/login/")
    client.post("/i18n/setlang/", {"language": "id", "next": "/"})
    before = client.session.session_key
    staff_password_login(client)
    assert client.session.session_key and client.session.session_key != before


# --- limits ---------------------------------------------------------------------------------

def test_code_requests_are_limited_per_phone_number():
    # given three code requests for one number (from different devices)
    for _ in range(3):
        assert request_code(Client(), "081234567890").status_code == 302
    sent = len(ConsoleGateway.messages(PHONE))
    # when a fourth is made
    response = request_code(Client(), "0812 3456 7890")
    # then it is refused on the page in Indonesian and no SMS goes out
    assert response.status_code == 200
    assert "Terlalu banyak percobaan" in response.content.decode()
    assert len(ConsoleGateway.messages(PHONE)) == sent


def test_code_requests_are_limited_per_ip(settings):
    settings.ACCOUNT_RATE_LIMITS = {**settings.ACCOUNT_RATE_LIMITS, "request_login_code": "3/m/ip,3/5m/key"}
    for n in range(3):
        assert request_code(Client(), f"08123456780{n}").status_code == 302
    response = request_code(Client(), "081234567809")
    assert response.status_code == 200
    assert "Terlalu banyak percobaan" in response.content.decode()
    assert ConsoleGateway.messages("+6281234567809") == []
    assert not User.objects.filter(phone="+6281234567809").exists()


def test_wrong_codes_are_limited_per_code(client):
    request_code(client, "081234567890")
    right = last_code(PHONE)
    wrong = "000000" if right != "000000" else "111111"
    confirm_code(client, wrong)
    confirm_code(client, wrong)
    response = confirm_code(client, wrong)  # third wrong code: the code is void
    assert response.status_code == 302
    assert response["Location"].startswith("/akun/login/code/")
    page = client.get(response["Location"]).content.decode()
    assert "Terlalu banyak percobaan" in page
    response = confirm_code(client, right)  # even the right code no longer works
    assert client.session.get(SESSION_KEY) is None


def test_wrong_codes_are_limited_per_ip_across_numbers(settings):
    settings.ACCOUNT_RATE_LIMITS = {**settings.ACCOUNT_RATE_LIMITS, "confirm_login_code": "2/m/ip"}
    first, second, third = Client(), Client(), Client()
    request_code(first, "081234567801")
    request_code(second, "081234567802")
    request_code(third, "081234567803")
    confirm_code(first, "999999" if last_code("+6281234567801") != "999999" else "888888")
    confirm_code(second, "999999" if last_code("+6281234567802") != "999999" else "888888")
    # the third device types the right code, but this IP has used up its attempts
    response = confirm_code(third, last_code("+6281234567803"))
    assert response.status_code == 200
    assert "Terlalu banyak percobaan" in response.content.decode()
    assert third.session.get(SESSION_KEY) is None


def test_password_logins_over_the_ip_limit_get_429_in_indonesian(client, settings):
    settings.ACCOUNT_RATE_LIMITS = {**settings.ACCOUNT_RATE_LIMITS, "login": "2/m/ip"}
    make_staff()
    staff_password_login(client, password="salah-salah-salah-1")
    staff_password_login(client, password="salah-salah-salah-2")
    response = staff_password_login(client, password=STAFF_PASSWORD)
    assert response.status_code == 429
    assert "Terlalu banyak permintaan" in response.content.decode()
    assert client.session.get(SESSION_KEY) is None


def test_failed_passwords_are_limited_per_account(client):
    make_staff()
    for n in range(5):
        staff_password_login(client, password=f"salah-salah-salah-{n}")
    response = staff_password_login(client, password=STAFF_PASSWORD)
    assert "Terlalu banyak percobaan" in response.content.decode()
    assert client.session.get(SESSION_KEY) is None
