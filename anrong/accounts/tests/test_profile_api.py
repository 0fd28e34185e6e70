import pytest

from anrong.accounts.models import CitizenProfile, DeletionRequest

from .profile_factories import TIDUNG, citizen_with_profile, form_data, new_user, profile_snapshot

pytestmark = pytest.mark.django_db

ME = "/api/v1/accounts/me"
NIK = "7371130101900001"
PHONE = "+6281234567890"


def test_me_shows_the_owner_their_full_values(client, regions):
    user = citizen_with_profile(PHONE)
    client.force_login(user)

    body = client.get(ME).json()

    assert body["user"]["phone"] == PHONE and body["user"]["id"] == user.pk
    assert body["profile"]["nik"] == NIK
    assert body["profile"]["kelurahan"]["code"] == TIDUNG
    assert body["profile"]["kecamatan"]["name"] == "Rappocini"


def test_me_without_profile(client, regions):
    client.force_login(new_user())

    assert client.get(ME).json()["profile"] is None


def test_put_profile_completes_it(client, regions):
    user = new_user()
    client.force_login(user)

    response = client.put(f"{ME}/profile", form_data(), content_type="application/json")

    assert response.status_code == 200 and response.json()["profile"]["nik"] == NIK
    assert profile_snapshot(user)["kelurahan_id"] == TIDUNG


def test_put_profile_refuses_with_field_errors(client, regions):
    user = new_user()
    client.force_login(user)

    response = client.put(f"{ME}/profile", form_data(birth_date="1990-01-02", kelurahan="99"),
                          content_type="application/json")

    body = response.json()
    assert response.status_code == 422 and body["code"] == "invalid" and body["message"]
    errors = body["details"]["errors"]
    assert errors["birth_date"] == [
        "Tanggal lahir tidak sesuai dengan NIK. Periksa kembali tanggal lahir dan NIK pada KTP Anda."]
    assert "kelurahan" in errors
    assert profile_snapshot(user) is None


def test_put_profile_refuses_a_nik_of_another_account(client, regions):
    owner = citizen_with_profile()
    before = profile_snapshot(owner)
    intruder = new_user()
    client.force_login(intruder)

    response = client.put(f"{ME}/profile", form_data(full_name="Penyusup"),
                          content_type="application/json")

    assert response.status_code == 422
    assert "sudah terdaftar" in response.json()["details"]["errors"]["nik"][0]
    assert profile_snapshot(owner) == before and profile_snapshot(intruder) is None


def test_export_is_the_callers_own(client, regions):
    owner = citizen_with_profile(PHONE)
    other = citizen_with_profile(nik="7371134101900002", sex="P")
    client.force_login(other)

    body = client.get(f"{ME}/export").json()

    assert body["user_id"] == other.pk
    assert body["modules"]["accounts"]["profile"]["nik"] == "7371134101900002"
    assert NIK not in str(body) and PHONE not in str(body) and str(owner.pk) != body["user_id"]


def test_delete_needs_hapus(client, regions):
    user = citizen_with_profile()
    client.force_login(user)

    response = client.post(f"{ME}/delete", {"confirm": "ya"}, content_type="application/json")

    assert response.status_code == 422 and "confirm" in response.json()["details"]["errors"]
    assert CitizenProfile.objects.get(user=user).nik == NIK


def test_delete_anonymises_and_signs_out(client, regions):
    user = citizen_with_profile()
    client.force_login(user)

    response = client.post(f"{ME}/delete", {"confirm": "HAPUS"}, content_type="application/json")

    assert response.status_code == 200 and response.json()["status"] == "anonymised"
    assert CitizenProfile.objects.get(user=user).nik is None
    assert client.get(ME).status_code == 401


@pytest.mark.parametrize(("method", "path", "body"), [
    ("get", ME, None),
    ("put", f"{ME}/profile", form_data()),
    ("get", f"{ME}/export", None),
    ("post", f"{ME}/delete", {"confirm": "HAPUS"}),
])
def test_anonymous_gets_401_and_nothing_changes(client, regions, method, path, body):
    citizen_with_profile()
    before = list(CitizenProfile.objects.values())

    kwargs = {"content_type": "application/json", "data": body} if body else {}
    response = getattr(client, method)(path, **kwargs)

    assert response.status_code == 401 and response.json()["code"] == "unauthenticated"
    assert list(CitizenProfile.objects.values()) == before
    assert not DeletionRequest.objects.exists()
