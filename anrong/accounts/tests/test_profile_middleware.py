import pytest
from django.urls import reverse

from anrong.accounts.models import PlatformRole

from .profile_factories import citizen_with_profile, new_user

pytestmark = pytest.mark.django_db

PROFILE = "/akun/profil/"


def test_citizen_without_profile_is_sent_to_complete_it(client, regions):
    client.force_login(new_user())

    response = client.get("/")

    assert response.status_code == 302 and response["Location"] == PROFILE


@pytest.mark.parametrize("path", [
    PROFILE, "/akun/", "/akun/login/", "/akun/logout/", "/akun/data-saya/",
    "/akun/data-saya/unduh/", "/akun/hapus/", "/static/app.css", "/media/x.png", "/i18n/setlang/",
    "/api/v1/accounts/me", "/healthz", "/offline/", "/manifest.webmanifest", "/sw.js",
    "/admin/", "/kantor/",
])
def test_pages_a_citizen_needs_before_the_profile_are_not_redirected(client, regions, path):
    client.force_login(new_user())

    response = client.get(path)

    assert response.get("Location") != PROFILE


def test_citizen_with_profile_is_not_redirected(client, regions):
    client.force_login(citizen_with_profile())

    assert client.get("/").status_code == 200


def test_anonymous_visitor_is_not_redirected(client, regions):
    assert client.get("/").status_code == 200


@pytest.mark.parametrize("make_staff", [
    lambda user: setattr(user, "is_staff", True) or user.save(),
    lambda user: PlatformRole.objects.create(user=user, role=PlatformRole.Role.OPERATOR),
])
def test_staff_are_not_asked_for_a_citizen_profile(client, regions, make_staff):
    from anrong.accounts.actions.identity import enable_totp

    user = new_user()
    make_staff(user)
    enable_totp(user=user, secret="JBSWY3DPEHPK3PXPJBSWY3DPEHPK3PXP")  # staff must have TOTP
    client.force_login(user)

    assert client.get("/").status_code == 200


def test_after_completing_the_profile_the_home_page_opens(client, regions):
    from .profile_factories import form_data

    client.force_login(new_user())
    assert client.get("/")["Location"] == PROFILE

    client.post(reverse("accounts:profile"), form_data())

    assert client.get("/").status_code == 200


def test_async_path_redirects_the_same_way(rf, regions):
    from asgiref.sync import async_to_sync, sync_to_async
    from django.http import HttpResponse

    from anrong.accounts.profile_middleware import ProfileRequiredMiddleware

    async def view(request):  # type: ignore[no-untyped-def]
        return HttpResponse("ok")

    middleware = ProfileRequiredMiddleware(view)
    without, with_profile = new_user(), citizen_with_profile()

    def run(user, path):  # type: ignore[no-untyped-def]
        request = rf.get(path)
        request.auser = sync_to_async(lambda: user)
        return async_to_sync(middleware)(request)

    assert run(without, "/")["Location"] == PROFILE
    assert run(without, "/akun/hapus/").status_code == 200
    assert run(with_profile, "/").status_code == 200
