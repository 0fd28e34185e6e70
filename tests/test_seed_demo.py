"""`manage.py seed_demo`: Makassar's demo data through every module's seeder, idempotent."""

import pytest
from django.core.management import call_command
from django.test import override_settings

from anrong.accounts.demo import CITIZEN_PHONE, DEMO_PASSWORD, DEMO_TOTP_SECRET, STAFF
from anrong.accounts.management.commands.demo_totp import current_code
from anrong.accounts.models import CitizenProfile, User
from anrong.agencies.models import Agency, Membership
from anrong.core.models import Region
from anrong.reports.models import Report
from anrong.reports.seed import DEMO_PHONES, PLAN

pytestmark = pytest.mark.django_db


def counts() -> dict[str, int]:
    return {"regions": Region.objects.count(), "agencies": Agency.objects.count(),
            "users": User.objects.count(), "memberships": Membership.objects.count(),
            "profiles": CitizenProfile.objects.count()}


def test_seeding_twice_gives_the_same_city(settings):
    settings.PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]
    call_command("seed_demo", verbosity=0)
    first = counts()
    call_command("seed_demo", verbosity=0)
    assert counts() == first
    assert first["agencies"] == 50 + 37  # city agencies and puskesmas
    # sysadmin, staff, the demo citizen, and Lapor's two other reporting phones
    assert first["users"] == 1 + len(STAFF) + len(DEMO_PHONES)
    assert Report.objects.count() == len(PLAN)
    assert set(Report.objects.values_list("status", flat=True)) >= {
        "received", "verified", "in_progress", "resolved", "rejected"}
    assert CitizenProfile.objects.get(user__phone=CITIZEN_PHONE).kelurahan.name == "Mattoangin"


def test_a_demo_officer_signs_in_with_password_and_totp_and_opens_the_console(client, settings):
    settings.PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]
    call_command("seed_demo", verbosity=0)
    response = client.post("/akun/login/", {"login": "petugas.disdukcapil@demo.anrong.id",
                                            "password": DEMO_PASSWORD})
    assert response["Location"].startswith("/akun/2fa/authenticate/")
    client.post("/akun/2fa/authenticate/", {"code": current_code(DEMO_TOTP_SECRET)})
    page = client.get("/kantor/")
    assert page.status_code == 200
    assert "Disdukcapil" in page.content.decode()


@override_settings(DEBUG=False, TESTING=False)
def test_no_demo_accounts_without_debug():
    call_command("seed_demo", verbosity=0)
    assert not User.objects.exists()
    assert Agency.objects.count() == 87  # the city's reference data still loads


def test_the_demo_citizen_has_applications_in_several_states(settings):
    from anrong.services.models import Application

    settings.PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]
    settings.DEBUG = True
    call_command("seed_demo", verbosity=0)
    states = dict(Application.objects.filter(citizen__phone=CITIZEN_PHONE)
                  .values_list("service__code", "status"))
    assert states == {"KEC-DOMISILI": "submitted", "DINKES-SK-SEHAT": "verification",
                      "DKC-KIA": "needs_revision"}
    call_command("seed_demo", verbosity=0)
    assert Application.objects.count() == 3
