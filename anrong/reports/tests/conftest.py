"""Personas and a report factory for the Lapor tests: the services personas plus the staff of
the agencies that reports go to."""

from __future__ import annotations

import pytest

from anrong.accounts.models import User
from anrong.agencies import actions as agency_actions
from anrong.agencies.models import Agency
from anrong.services.tests import conftest as services_conftest

# The services personas and catalogue, as fixtures of this package too.
catalogue = services_conftest.catalogue
fast_password_hashing = services_conftest.fast_password_hashing
personas = services_conftest.personas
root = services_conftest.root

# A point in Kelurahan Baru, Kecamatan Ujung Pandang (near Balai Kota).
POINT = (-5.1335, 119.4125)
# In Kelurahan Balla Parang, Kecamatan Rappocini.
OTHER_POINT = (-5.147, 119.432)
# In the sea off the city: outside Kota Makassar.
OUTSIDE = (-5.0, 119.3)


def _staff(root, email: str, agency_code: str, role: str = "officer"):  # type: ignore[no-untyped-def]
    person = User.objects.create_user(email=email, password="x-Secret-12345")
    agency_actions.add_member(actor=root, user=person, agency=Agency.objects.get(code=agency_code),
                              role=role)
    return person


@pytest.fixture
def operator(personas, root):  # type: ignore[no-untyped-def]
    person = User.objects.create_user(email="operator@makassarkota.go.id", password="x-Secret-12345")
    agency_actions.grant_platform_role(actor=root, user=person, role="operator")
    return person


@pytest.fixture
def dishub_officer(personas):  # type: ignore[no-untyped-def]
    return personas["other_agency_officer"]


@pytest.fixture
def dishub_admin(personas):  # type: ignore[no-untyped-def]
    return personas["other_agency_admin"]


@pytest.fixture
def dpu_officer(personas, root):  # type: ignore[no-untyped-def]
    return _staff(root, "dpu@makassarkota.go.id", "DPU")


@pytest.fixture
def kecamatan_officer(personas, root):  # type: ignore[no-untyped-def]
    """Staff of the Ujung Pandang kecamatan office (where POINT lies)."""
    return _staff(root, "kec-ujungpandang@makassarkota.go.id", "KEC-UJUNG-PANDANG")


@pytest.fixture
def make_report(personas):  # type: ignore[no-untyped-def]
    """File a report through the action; defaults: the citizen, lampu_jalan at POINT, public."""
    from anrong.reports import actions

    def make(**overrides):  # type: ignore[no-untyped-def]
        fields = {"reporter": personas["citizen"], "category": "lampu_jalan",
                  "description": "Lampu jalan di depan Balai Kota mati sejak tiga hari.",
                  "lat": POINT[0], "lng": POINT[1], "is_public": True}
        fields.update(overrides)
        return actions.submit_report(**fields)

    return make
