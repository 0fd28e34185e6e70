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

catalogue = services_conftest.catalogue
fast_password_hashing = services_conftest.fast_password_hashing
personas = services_conftest.personas
root = services_conftest.root

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
def people(personas, root):  # type: ignore[no-untyped-def]
    operator = User.objects.create_user(email="operator@makassarkota.go.id", password="x-Secret-12345")
    agency_actions.grant_platform_role(actor=root, user=operator, role="operator")
    editor = User.objects.create_user(email="redaktur@makassarkota.go.id", password="x-Secret-12345")
    agency_actions.grant_platform_role(actor=root, user=editor, role="editor")
    return {**personas, "operator": operator, "editor": editor,
            "bpbd": _staff(root, "bpbd@makassarkota.go.id", "BPBD"),
            "other_bpbd": _staff(root, "bpbd2@makassarkota.go.id", "BPBD", "supervisor"),
            "diskominfo": _staff(root, "kominfo@makassarkota.go.id", "DISKOMINFO")}


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
def issue(people):  # type: ignore[no-untyped-def]
    from anrong.alerts import actions

    def make(actor=None, **overrides):  # type: ignore[no-untyped-def]
        return actions.issue_alert(actor=actor or people["bpbd"], **alert_fields(**overrides))

    return make
