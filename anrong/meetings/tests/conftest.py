"""Personas and a meeting factory for the Rapat Virtual tests: the services personas (Disdukcapil
staff, Dishub staff, citizens), a meeting of Disdukcapil hosted by its officer, and as many
extra invitees as a capacity test needs."""

from __future__ import annotations

import datetime as dt

import pytest
from django.utils import timezone

from anrong.accounts.models import User
from anrong.agencies.models import Agency
from anrong.services.tests import conftest as services_conftest

catalogue = services_conftest.catalogue
fast_password_hashing = services_conftest.fast_password_hashing
personas = services_conftest.personas
root = services_conftest.root


@pytest.fixture
def disdukcapil(personas):  # type: ignore[no-untyped-def]
    return Agency.objects.get(code="DISDUKCAPIL")


@pytest.fixture
def make_meeting(personas, disdukcapil, django_capture_on_commit_callbacks):  # type: ignore[no-untyped-def]
    """Schedule through the action; defaults: Disdukcapil's officer hosts, the other officer and
    the citizen are invited, tomorrow 09.00–11.00 WITA, capacity 20."""
    from anrong.meetings import actions

    def make(**overrides):  # type: ignore[no-untyped-def]
        start = (timezone.localtime() + dt.timedelta(days=1)).replace(hour=9, minute=0, second=0,
                                                                     microsecond=0)
        fields = {"actor": personas["officer"], "agency": disdukcapil,
                  "title": "Rapat koordinasi layanan KTP", "starts_at": start,
                  "ends_at": start + dt.timedelta(hours=2),
                  "invitees": [personas["other_officer"], personas["citizen"]],
                  "description": "1. Antrean\n2. Blangko"}
        fields.update(overrides)
        with django_capture_on_commit_callbacks(execute=True):
            return actions.schedule_meeting(**fields)

    return make


@pytest.fixture
def meeting(make_meeting):  # type: ignore[no-untyped-def]
    return make_meeting()


@pytest.fixture
def make_people(db):  # type: ignore[no-untyped-def]
    """`make_people(n)`: n citizens with email addresses (peserta1@example.id, ...)."""
    def make(n: int, start: int = 1):  # type: ignore[no-untyped-def]
        return [User.objects.create_user(email=f"peserta{i}@example.id", password="x-Secret-12345",
                                         display_name=f"Peserta {i}")
                for i in range(start, start + n)]

    return make
