"""Staff: email + password, then TOTP; TOTP is mandatory for every staff role."""

from __future__ import annotations

import pytest
from django.contrib.auth import SESSION_KEY
from django.core.cache import cache

from anrong.accounts.actions.identity import IdentityError, create_staff_user, enable_totp
from anrong.accounts.models import User

from .identity_helpers import (  # noqa: F401  (fixture)
    DEMO_SECRET,
    STAFF_PASSWORD,
    confirm_code,
    fresh_limits_and_sms,
    last_code,
    make_staff,
    request_code,
    staff_password_login,
    totp_now,
)

pytestmark = pytest.mark.django_db


def test_staff_with_totp_is_asked_for_the_code_before_being_signed_in(client):
    # given an operator with TOTP
    staff = make_staff(with_totp=True)
    # when they type email and password
    response = staff_password_login(client)
    # then they are not signed in yet: the TOTP step follows
    assert response.status_code == 302
    assert response["Location"].startswith("/akun/2fa/authenticate/")
    assert client.session.get(SESSION_KEY) is None
    # when they type a wrong code, still not signed in
    response = client.post("/akun/2fa/authenticate/", {"code": "000000" if totp_now() != "000000" else "111111"})
    assert client.session.get(SESSION_KEY) is None
    # when they type the right code
    response = client.post("/akun/2fa/authenticate/", {"code": totp_now()})
    # then they are signed in and reach the staff console
    assert client.session[SESSION_KEY] == str(staff.pk)
    response = client.get("/kantor/")
    assert not response.get("Location", "").startswith("/akun/2fa/")


def test_wrong_password_is_refused_in_indonesian(client):
    make_staff(with_totp=True)
    response = staff_password_login(client, password="bukan-sandinya-123")
    assert response.status_code == 200
    assert "Email atau kata sandi salah" in response.content.decode()
    assert client.session.get(SESSION_KEY) is None


def test_staff_without_totp_must_set_it_up_before_any_other_page(client):
    # given an operator without TOTP, signed in with email and password
    make_staff(with_totp=False)
    response = staff_password_login(client)
    assert client.session.get(SESSION_KEY)
    # then every page leads to the TOTP set-up
    for path in ["/", "/kantor/", "/admin/", "/akun/sessions/"]:
        response = client.get(path)
        assert response.status_code == 302, path
        assert response["Location"].startswith("/akun/2fa/totp/activate/"), path
    # and the API says so in its error shape
    response = client.get("/api/v1/auth/whoami")
    assert response.status_code == 403
    assert response.json()["code"] == "totp_required"
    # but the set-up page (after allauth's password re-check), sign-out and the language
    # switch stay open
    response = client.get("/akun/2fa/totp/activate/")
    assert response["Location"].startswith("/akun/reauthenticate/")
    client.post("/akun/reauthenticate/", {"password": STAFF_PASSWORD})
    assert client.get("/akun/2fa/totp/activate/").status_code == 200
    assert client.get("/akun/logout/").status_code == 200
    assert client.post("/i18n/setlang/", {"language": "id", "next": "/"}).status_code == 302


def test_staff_sets_up_totp_then_confirms_it_to_reach_the_console(client):
    # given an operator without TOTP, signed in with a password
    staff = make_staff(with_totp=False)
    staff_password_login(client)
    client.post("/akun/reauthenticate/", {"password": STAFF_PASSWORD})
    # when they scan the secret and type the code
    page = client.get("/akun/2fa/totp/activate/")
    secret = page.context["form"].secret
    response = client.post("/akun/2fa/totp/activate/", {"code": totp_now(secret)})
    assert response.status_code == 302
    # then TOTP is on and ordinary pages open again
    assert staff.authenticator_set.filter(type="totp").exists()
    assert not client.get("/").get("Location", "").startswith("/akun/2fa/totp/activate/")
    # but this session was not confirmed with TOTP at sign-in: the console asks for it
    response = client.get("/kantor/")
    assert response["Location"].startswith("/akun/2fa/reauthenticate/")
    cache.clear()  # the set-up code may not be reused; a new step's code is needed in real life
    client.post("/akun/2fa/reauthenticate/", {"code": totp_now(secret)})
    assert not client.get("/kantor/").get("Location", "").startswith("/akun/2fa/")


@pytest.mark.parametrize("area", ["/kantor/", "/admin/"])
def test_staff_session_not_confirmed_with_totp_cannot_reach_staff_areas(client, area):
    # given an operator signed in with password only, whose TOTP was enabled afterwards
    staff = make_staff(with_totp=False)
    staff_password_login(client)
    enable_totp(user=staff, secret=DEMO_SECRET)
    # when they open a staff area
    response = client.get(area)
    # then they must confirm with TOTP first
    assert response.status_code == 302
    assert response["Location"].startswith("/akun/2fa/reauthenticate/")


def test_staff_signing_in_by_phone_code_must_still_pass_totp(client):
    # given an operator with TOTP who also has a verified phone number
    staff = make_staff(with_totp=True)
    User.objects.filter(pk=staff.pk).update(phone="+6281234567890", phone_verified=True)
    # when they sign in with a phone code
    request_code(client, "081234567890")
    response = confirm_code(client, last_code("+6281234567890"))
    # then the TOTP step follows and they are not signed in yet
    assert response["Location"].startswith("/akun/2fa/authenticate/")
    assert client.session.get(SESSION_KEY) is None
    client.post("/akun/2fa/authenticate/", {"code": totp_now()})
    assert client.session[SESSION_KEY] == str(staff.pk)


def test_citizens_are_not_asked_for_totp(client):
    request_code(client, "081234567890")
    confirm_code(client, last_code("+6281234567890"))
    # a new citizen is asked for their profile (NIK), never for TOTP
    response = client.get("/")
    assert response.status_code == 302
    assert response["Location"].startswith("/akun/profil/")
    assert client.get(response["Location"]).status_code == 200


def test_create_staff_user_refuses_weak_passwords_and_duplicates():
    with pytest.raises(IdentityError):
        create_staff_user(email="a@makassarkota.go.id", password="123", display_name="A")
    create_staff_user(email="a@makassarkota.go.id", password=STAFF_PASSWORD, display_name="A")
    with pytest.raises(IdentityError):
        create_staff_user(email="A@makassarkota.go.id", password=STAFF_PASSWORD, display_name="A")
    assert User.objects.filter(email__iexact="a@makassarkota.go.id").count() == 1


def test_enable_totp_refuses_a_bad_secret_and_a_second_authenticator():
    staff = make_staff()
    with pytest.raises(IdentityError):
        enable_totp(user=staff, secret="not base32!")
    enable_totp(user=staff, secret=DEMO_SECRET)
    with pytest.raises(IdentityError):
        enable_totp(user=staff, secret=DEMO_SECRET)
    assert staff.authenticator_set.filter(type="totp").count() == 1
