import datetime as dt
from unittest import mock

import pytest
from django.urls import reverse

from anrong.accounts import queries
from anrong.accounts.actions.profile import ProfileError, complete_profile, update_profile
from anrong.accounts.models import CitizenProfile
from anrong.core.models import AuditEvent, OutboxEvent

from .profile_factories import (
    TIDUNG,
    citizen_with_profile,
    form_data,
    new_user,
    profile_fields,
    profile_snapshot,
)

pytestmark = pytest.mark.django_db


def test_completing_the_profile_stores_it_with_audit_and_outbox(regions):
    user = new_user()

    profile = complete_profile(user=user, **profile_fields(nik="7371 1301 0190 0001"))

    assert profile.nik == "7371130101900001"
    assert profile.kelurahan.code == TIDUNG
    audit = AuditEvent.objects.get(action="citizen.profile_completed")
    assert (audit.actor_id, audit.target_type, audit.target_id) == (
        user.pk, "accounts.citizenprofile", str(profile.pk))
    assert "7371130101900001" not in str(audit.details)
    event = OutboxEvent.objects.get(type="citizen.profile_completed")
    assert event.payload["user_id"] == user.pk and event.payload["kelurahan"] == TIDUNG


@pytest.mark.parametrize(("overrides", "field", "words"), [
    ({"birth_date": dt.date(1990, 1, 2)}, "birth_date", "Tanggal lahir tidak sesuai dengan NIK"),
    ({"birth_date": dt.date(1991, 1, 1)}, "birth_date", "Tanggal lahir tidak sesuai dengan NIK"),
    ({"sex": "P"}, "sex", "Jenis kelamin tidak sesuai dengan NIK"),
    ({"nik": "7371134101900002"}, "sex", "Jenis kelamin tidak sesuai dengan NIK"),
    ({"nik": "73711301019000"}, "nik", "NIK harus 16 angka"),
    ({"kelurahan": "73.71.13"}, "kelurahan", "Pilih kelurahan"),
    ({"kelurahan": "31.71.01.1001"}, "kelurahan", "Pilih kelurahan"),
    ({"full_name": "   "}, "full_name", "Masukkan nama lengkap"),
    ({"birth_date": dt.date(2999, 1, 1)}, "birth_date", "setelah hari ini"),
])
def test_profile_that_disagrees_is_refused_and_nothing_is_written(regions, overrides, field, words):
    user = new_user()

    with pytest.raises(ProfileError) as refused:
        complete_profile(user=user, **profile_fields(**overrides))

    assert list(refused.value.errors) == [field]
    assert words in refused.value.errors[field][0]
    assert not CitizenProfile.objects.filter(user=user).exists()
    assert not AuditEvent.objects.filter(action="citizen.profile_completed").exists()


def test_a_woman_enters_her_real_birth_date_not_the_day_plus_forty(regions):
    user = new_user()

    profile = complete_profile(user=user, **profile_fields(
        nik="7371134101900002", sex="P", birth_date=dt.date(1990, 1, 1)))

    assert profile.sex == "P"


def test_the_century_comes_from_the_birth_date_entered(regions):
    user = new_user()

    profile = complete_profile(user=user, **profile_fields(
        nik="7371130101200001", birth_date=dt.date(1920, 1, 1)))

    assert profile.birth_date == dt.date(1920, 1, 1)


def test_nik_of_another_account_is_refused(regions):
    citizen_with_profile()
    second = new_user()

    with pytest.raises(ProfileError) as refused:
        complete_profile(user=second, **profile_fields(full_name="Orang Lain"))

    assert "sudah terdaftar pada akun lain" in refused.value.errors["nik"][0]
    assert profile_snapshot(second) is None


def test_two_accounts_racing_for_one_nik_the_database_decides(regions):
    # Given both requests passed the uniqueness check before either saved (the race),
    first, second = new_user(), new_user()
    with mock.patch.object(queries, "nik_taken", return_value=False):
        complete_profile(user=first, **profile_fields())
        events_before = OutboxEvent.objects.count(), AuditEvent.objects.count()
        # when the second one saves,
        with pytest.raises(ProfileError) as refused:
            complete_profile(user=second, **profile_fields(full_name="Orang Lain"))

    # then the constraint refuses it with the friendly message and nothing is half-written.
    assert "sudah terdaftar pada akun lain" in refused.value.errors["nik"][0]
    assert profile_snapshot(second) is None
    assert (OutboxEvent.objects.count(), AuditEvent.objects.count()) == events_before
    assert CitizenProfile.objects.get(nik="7371130101900001").user_id == first.pk


def test_updating_keeps_the_own_nik_and_records_changed_fields(regions):
    user = citizen_with_profile()

    update_profile(user=user, **profile_fields(address="Jl. Baru No. 1"))

    assert profile_snapshot(user)["address"] == "Jl. Baru No. 1"
    audit = AuditEvent.objects.get(action="citizen.profile_updated")
    assert audit.details == {"fields": ["address"]}
    assert OutboxEvent.objects.filter(type="citizen.profile_updated").count() == 1


def test_profile_page_lists_kelurahan_grouped_by_kecamatan(client, regions):
    client.force_login(new_user())

    page = client.get(reverse("accounts:profile")).content.decode()

    assert page.count("<optgroup") == 15
    assert page.count('<option value="73.71.') == 153
    assert '<optgroup label="Rappocini">' in page


def test_form_success_goes_home(client, regions):
    user = new_user()
    client.force_login(user)

    response = client.post(reverse("accounts:profile"), form_data())

    assert response.status_code == 302 and response["Location"] == "/"
    assert profile_snapshot(user)["nik"] == "7371130101900001"


def test_form_shows_each_error_next_to_its_field(client, regions):
    user = new_user()
    client.force_login(user)

    response = client.post(reverse("accounts:profile"), form_data(
        birth_date="1990-01-02", sex="P", address=""))

    page = response.content.decode()
    assert response.status_code == 400
    assert '<p class="field-error" id="birth_date-error">Tanggal lahir tidak sesuai dengan NIK' in page
    assert 'id="address-error"' in page
    assert 'aria-describedby="address-hint address-error"' in page
    assert 'aria-invalid="true"' in page
    assert profile_snapshot(user) is None


def test_form_format_and_agreement_errors_come_together(client, regions):
    user = new_user()
    client.force_login(user)

    response = client.post(reverse("accounts:profile"), form_data(nik="12345", birth_date="kemarin"))

    page = response.content.decode()
    assert 'id="nik-error">NIK harus 16 angka' in page
    assert 'id="birth_date-error">Tulis tanggal lahir' in page
    assert profile_snapshot(user) is None


def test_form_refuses_a_nik_already_used(client, regions):
    citizen_with_profile()
    user = new_user()
    client.force_login(user)

    response = client.post(reverse("accounts:profile"), form_data(full_name="Orang Lain"))

    assert 'id="nik-error">NIK ini sudah terdaftar pada akun lain' in response.content.decode()
    assert profile_snapshot(user) is None


def test_anonymous_is_sent_to_sign_in(client, regions):
    response = client.post(reverse("accounts:profile"), form_data())

    assert response.status_code == 302 and reverse("account_login") in response["Location"]
    assert not CitizenProfile.objects.exists()


def test_profile_form_edits_only_the_signed_in_citizens_profile(client, regions):
    owner = citizen_with_profile()
    other = citizen_with_profile(nik="7371134101900002", sex="P", full_name="Besse")
    before = profile_snapshot(owner)
    client.force_login(other)

    client.post(reverse("accounts:profile"), form_data(
        nik="7371134101900002", sex="P", full_name="Besse", address="Alamat baru"))

    assert profile_snapshot(owner) == before
    assert profile_snapshot(other)["address"] == "Alamat baru"


def test_error_summary_links_to_the_inputs(client, regions):
    client.force_login(new_user())

    page = client.post(reverse("accounts:profile"), form_data(nik="1234", sex="")).content.decode()

    assert '<a href="#nik">NIK harus 16 angka' in page
    assert '<a href="#sex_0">Pilih jenis kelamin' in page and 'id="sex_0"' in page


def test_profile_page_reads_the_153_kelurahan_in_one_query(client, regions, django_assert_max_num_queries):
    client.force_login(citizen_with_profile())
    client.get(reverse("accounts:profile"))  # the first request records the session (usersessions)

    # session, user, user session, staff roles (2), profile (middleware), profile (view), kelurahan
    with django_assert_max_num_queries(8):
        response = client.get(reverse("accounts:profile"))

    assert response.status_code == 200
