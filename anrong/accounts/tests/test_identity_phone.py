"""Citizens: "Masuk atau daftar dengan nomor HP", phone normalisation, code SMS, limits."""

from __future__ import annotations

import pytest
from django import forms
from django.contrib.auth import SESSION_KEY

from anrong.accounts.adapter import normalize_indonesian_mobile
from anrong.accounts.models import User
from anrong.core.gateways import ConsoleGateway
from anrong.core.models import AuditEvent, OutboxEvent

from .identity_helpers import (  # noqa: F401  (fixture)
    confirm_code,
    fresh_limits_and_sms,
    last_code,
    request_code,
    sign_in_by_phone,
)

pytestmark = pytest.mark.django_db

PHONE = "+6281234567890"


@pytest.mark.parametrize("written", [
    "0812 3456 7890", "081234567890", "0812-3456-7890", "+62 812 3456 7890",
    "+6281234567890", "6281234567890", "62 812-3456-7890",
])
def test_indonesian_mobile_numbers_in_any_usual_form_become_e164(written):
    assert normalize_indonesian_mobile(written) == PHONE


@pytest.mark.parametrize("written, fragment", [
    ("+1 202 555 0143", "hanya menerima nomor HP Indonesia"),
    ("+44 7911 123456", "hanya menerima nomor HP Indonesia"),
    ("0411 123456", "bukan nomor HP"),  # Makassar landline
    ("0812", "Masukkan nomor HP Indonesia"),
    ("halo", "Masukkan nomor HP Indonesia"),
])
def test_foreign_landline_and_garbage_numbers_are_refused_in_indonesian(written, fragment):
    with pytest.raises(forms.ValidationError) as refused:
        normalize_indonesian_mobile(written)
    assert fragment in " ".join(refused.value.messages)


def test_new_number_gets_an_account_signed_in_with_phone_verified(client):
    # given a number Anrong has never seen
    assert not User.objects.filter(phone=PHONE).exists()
    # when the person asks for a code with a local-format number
    response = request_code(client, "0812 3456 7890")
    # then the code went out by SMS in Indonesian and the code page follows
    assert response.status_code == 302
    assert response["Location"].startswith("/akun/login/code/confirm/")
    sms = ConsoleGateway.last_message(PHONE)
    assert sms.text.startswith("Kode Anrong Anda: ")
    assert "Jangan berikan kode ini kepada siapa pun." in sms.text
    user = User.objects.get(phone=PHONE)
    assert user.phone_verified is False
    assert client.session.get(SESSION_KEY) is None
    # when the right code is typed
    response = confirm_code(client, last_code(PHONE))
    # then the person is signed in and the number is verified
    assert response.status_code == 302
    assert client.session[SESSION_KEY] == str(user.pk)
    user.refresh_from_db()
    assert user.phone_verified is True
    assert user.email is None and not user.has_usable_password()
    assert AuditEvent.objects.filter(action="account.registered", target_id=str(user.pk)).exists()
    assert OutboxEvent.objects.filter(type="account.registered", aggregate_id=str(user.pk)).exists()


def test_returning_citizen_uses_the_same_flow_and_no_second_account(client):
    # given a citizen who signed in before
    sign_in_by_phone(client, "081234567890", PHONE)
    client.logout()
    # when they sign in again with another way of writing the number
    response = sign_in_by_phone(client, "+62 812-3456-7890", PHONE)
    # then they are the same account
    assert response.status_code == 302
    assert User.objects.filter(phone=PHONE).count() == 1
    assert client.session[SESSION_KEY] == str(User.objects.get(phone=PHONE).pk)


def test_sign_in_page_asks_only_for_the_phone_in_indonesian(client):
    response = client.get("/akun/login/code/")
    page = response.content.decode()
    assert "Masuk atau daftar dengan nomor HP" in page
    assert 'name="phone"' in page and 'type="tel"' in page
    assert 'name="email"' not in page


def test_foreign_number_is_refused_on_the_page_and_nothing_is_sent(client):
    response = request_code(client, "+1 202 555 0143")
    page = response.content.decode()
    assert response.status_code == 200
    assert "hanya menerima nomor HP Indonesia" in page
    assert 'aria-invalid="true"' in page
    assert ConsoleGateway.messages() == []
    assert not User.objects.exists()


def test_wrong_code_does_not_sign_in_and_says_so(client):
    request_code(client, "081234567890")
    right = last_code(PHONE)
    wrong = "000000" if right != "000000" else "111111"
    response = confirm_code(client, wrong)
    assert response.status_code == 200
    assert "Kode salah" in response.content.decode()
    assert client.session.get(SESSION_KEY) is None


def test_new_session_key_at_sign_in(client):
    # given an anonymous session that already exists (e.g. language chosen, code requested)
    request_code(client, "081234567890")
    before = client.session.session_key
    assert before
    # when the code is confirmed
    confirm_code(client, last_code(PHONE))
    # then the session key changed (no session fixation)
    assert client.session.session_key != before
    assert client.session[SESSION_KEY]


def test_code_sms_follows_the_users_language(client):
    # given a citizen who chose English
    sign_in_by_phone(client, "081234567890", PHONE)
    client.post("/i18n/setlang/", {"language": "en", "next": "/"})
    assert User.objects.get(phone=PHONE).language == "en"
    client.logout()
    ConsoleGateway.clear()
    # when a code is requested again (from a browser still in Indonesian)
    request_code(client, "081234567890")
    # then the SMS is in English
    assert ConsoleGateway.last_message(PHONE).text.startswith("Your Anrong code: ")


def test_new_account_takes_the_language_of_the_page(client):
    client.cookies["anrong_lang"] = "en"
    sign_in_by_phone(client, "081234567890", PHONE)
    assert User.objects.get(phone=PHONE).language == "en"


def test_signup_page_points_to_the_phone_flow(client):
    response = client.get("/akun/signup/")
    assert "/akun/login/code/" in response.content.decode()
    assert not User.objects.exists()


def test_gateway_outage_is_told_on_the_code_page_not_a_server_error(client, settings):
    # given an SMS provider that is down (nothing listens on this port)
    import socket

    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        port = probe.getsockname()[1]
    settings.SMS_GATEWAY, settings.SMS_GATEWAY_URL = "http", f"http://127.0.0.1:{port}/"
    # when a code is requested
    response = request_code(client, "081234567890")
    # then the person lands on the code page, told the SMS did not go out
    page = client.get(response["Location"]).content.decode()
    assert "SMS belum terkirim" in page
    assert client.session.get(SESSION_KEY) is None


def test_the_code_page_says_once_that_the_code_was_sent(client):
    response = client.post("/akun/login/code/", {"phone": "0812 3456 7890"}, follow=True)
    page = response.content.decode()
    assert page.count("Kode masuk telah dikirim ke") == 1
