"""The seeded catalogue: real agencies, idempotent, searchable."""

import pytest

from anrong.agencies.seed import seed_agencies
from anrong.services.models import Category, LifeEvent, LifeEventStep, Service
from anrong.services.seed import seed_services

pytestmark = pytest.mark.django_db


def counts():  # type: ignore[no-untyped-def]
    return (Service.objects.count(), Category.objects.count(), LifeEvent.objects.count(),
            LifeEventStep.objects.count())


def test_seeding_twice_changes_nothing():
    seed_agencies()
    seed_services()
    first = counts()
    texts = dict(Service.objects.values_list("code", "search_text"))
    seed_services()
    assert counts() == first
    assert dict(Service.objects.values_list("code", "search_text")) == texts
    assert first[0] >= 25 and first[1] == 10 and first[2] >= 5


def test_every_service_is_searchable_and_civil_registry_is_free(catalogue):
    assert not Service.objects.filter(search_text="").exists()
    assert not Service.objects.filter(agency__code="DISDUKCAPIL", fee_rupiah__gt=0).exists()
    assert Service.objects.filter(delivery="national_system").exclude(external_url="").count() == 3
    # The services with a starting form (seed_forms) are the ones offered online.
    assert Service.objects.filter(delivery="online").count() == 10
