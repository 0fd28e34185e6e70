"""Personas and the seeded catalogue for the services tests."""

from __future__ import annotations

import pytest
from django.contrib.auth.models import AnonymousUser

from anrong.accounts.models import User
from anrong.agencies import actions as agency_actions
from anrong.agencies.models import Agency
from anrong.agencies.seed import seed_agencies
from anrong.services.seed import seed_services


@pytest.fixture(autouse=True)
def fast_password_hashing(settings):  # type: ignore[no-untyped-def]
    settings.PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]


@pytest.fixture
def catalogue(db):  # type: ignore[no-untyped-def]
    """Makassar's agencies and the seeded service catalogue."""
    seed_agencies()
    seed_services()


@pytest.fixture
def root(db):  # type: ignore[no-untyped-def]
    return User.objects.create_superuser(email="root@makassarkota.go.id", password="x-Secret-12345")


@pytest.fixture
def personas(catalogue, root):  # type: ignore[no-untyped-def]
    disdukcapil = Agency.objects.get(code="DISDUKCAPIL")
    dishub = Agency.objects.get(code="DISHUB")
    people: dict[str, object] = {"anonymous": AnonymousUser()}
    people["citizen"] = User.objects.create_user(phone="+6281234567801")
    for name, agency, role in [("officer", disdukcapil, "officer"),
                               ("agency_admin", disdukcapil, "admin"),
                               ("other_agency_admin", dishub, "admin")]:
        person = User.objects.create_user(email=f"{name}@makassarkota.go.id", password="x-Secret-12345")
        agency_actions.add_member(actor=root, user=person, agency=agency, role=role)
        people[name] = person
    sysadmin = User.objects.create_user(email="sysadmin@makassarkota.go.id", password="x-Secret-12345")
    agency_actions.grant_platform_role(actor=root, user=sysadmin, role="sysadmin")
    people["sysadmin"] = sysadmin
    return people


def fresh(person):  # type: ignore[no-untyped-def]
    if not getattr(person, "pk", None):
        return person
    return User.objects.get(pk=person.pk)
