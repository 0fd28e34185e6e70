"""Personas for the alert tests: the services personas (citizens, Disdukcapil and Dishub staff,
a sysadmin) plus a Diskominfo operator and the staff of BPBD and Diskominfo."""

from __future__ import annotations

import datetime as dt

import pytest
from django.utils import timezone

from anrong.accounts.models import User
from anrong.agencies import actions as agency_actions
from anrong.agencies.models import Agency
from anrong.alerts.push import MemoryAdapter
from anrong.services.tests import conftest as services_conftest

fast_password_hashing = services_conftest.fast_password_hashing

TAMALATE, MANGGALA, MARISO = "73.71.10", "73.71.12", "73.71.01"
# A square around Losari beach, inside Kecamatan Ujung Pandang / Mariso.
LOSARI = "-5.140,119.405 -5.140,119.415 -5.150,119.415 -5.150,119.405 -5.140,119.405"


def _staff(root, email: str, agency_code: str, role: str = "officer"):  # type: ignore[no-untyped-def]
    person = User.objects.create_user(email=email, password="x-Secret-12345")
    agency_actions.add_member(actor=root, user=person, agency=Agency.objects.get(code=agency_code),
                              role=role)
    return person


@pytest.fixture(autouse=True)
def push_outbox():  # type: ignore[no-untyped-def]
    MemoryAdapter.reset()
    yield MemoryAdapter
    MemoryAdapter.reset()


@pytest.fixture
def people(regions):  # type: ignore[no-untyped-def]
    """Agencies only (no service catalogue: fast), and everyone the permission matrix asks."""
    import datetime as _dt

    from django.contrib.auth.models import AnonymousUser

    from anrong.accounts.actions.profile import complete_profile
    from anrong.agencies.seed import seed_agencies
    from anrong.core.models import Region

    seed_agencies()
    root = User.objects.create_superuser(email="root@makassarkota.go.id", password="x-Secret-12345")
    found: dict[str, object] = {"anonymous": AnonymousUser(), "root": root}
    for name, phone, nik, born, sex in [
            ("citizen", "+6281234567801", "7371011508900001", _dt.date(1990, 8, 15), "L"),
            ("other_citizen", "+6281234567802", "7371015508920002", _dt.date(1992, 8, 15), "P")]:
        person = User.objects.create_user(phone=phone)
        # Mattoangin, Kecamatan Mariso
        complete_profile(user=person, full_name=f"Warga {name}", nik=nik,
                         birth_date=born, sex=sex,
                         kelurahan=Region.objects.get(code="73.71.01.1002"), address="Jl. Contoh 1")
        found[name] = person
    for name, role in [("operator", "operator"), ("editor", "editor"), ("sysadmin", "sysadmin")]:
        person = User.objects.create_user(email=f"{name}@makassarkota.go.id", password="x-Secret-12345")
        agency_actions.grant_platform_role(actor=root, user=person, role=role)
        found[name] = person
    found.update({
        "bpbd": _staff(root, "bpbd@makassarkota.go.id", "BPBD"),
        "other_bpbd": _staff(root, "bpbd2@makassarkota.go.id", "BPBD", "supervisor"),
        "diskominfo": _staff(root, "kominfo@makassarkota.go.id", "DISKOMINFO"),
        "dishub": _staff(root, "dishub@makassarkota.go.id", "DISHUB"),
        "dinkes_admin": _staff(root, "dinkes@makassarkota.go.id", "DINKES", "admin"),
    })
    return found


def alert_fields(**overrides):  # type: ignore[no-untyped-def]
    fields = {"event": "banjir", "urgency": "Immediate", "severity": "Severe",
              "certainty": "Observed", "headline": "Banjir setinggi lutut di Tamalate",
              "description": "Air kanal Jongaya meluap sejak pukul 14.00 WITA; jalan-jalan di "
                             "sekitar kanal tergenang 40 cm.",
              "instruction": "Jauhi kanal, matikan listrik bila air masuk rumah. Darurat: 112.",
              "kecamatan_codes": [TAMALATE],
              "expires": timezone.now() + dt.timedelta(hours=6)}
    fields.update(overrides)
    return fields


@pytest.fixture
def committed(django_capture_on_commit_callbacks):  # type: ignore[no-untyped-def]
    """`with committed():` runs what the actions left for after commit (push delivery, the
    banner cache), as a real commit would; the test's own transaction never commits."""
    return lambda: django_capture_on_commit_callbacks(execute=True)


@pytest.fixture
def issue(people, committed):  # type: ignore[no-untyped-def]
    from anrong.alerts import actions

    def make(actor=None, **overrides):  # type: ignore[no-untyped-def]
        with committed():
            return actions.issue_alert(actor=actor or people["bpbd"], **alert_fields(**overrides))

    return make
