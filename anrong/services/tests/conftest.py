"""Personas and the seeded catalogue for the services tests."""

from __future__ import annotations

import datetime as dt

import pytest
from django.contrib.auth.models import AnonymousUser

from anrong.accounts.actions.profile import complete_profile
from anrong.accounts.models import User
from anrong.agencies import actions as agency_actions
from anrong.agencies.models import Agency
from anrong.agencies.seed import seed_agencies
from anrong.core.models import Region
from anrong.core.testing import seed_once
from anrong.services.seed import seed_services


@pytest.fixture(autouse=True)
def fast_password_hashing(settings):  # type: ignore[no-untyped-def]
    settings.PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]


@pytest.fixture
def catalogue(db):  # type: ignore[no-untyped-def]
    """Makassar's agencies and the seeded service catalogue (seeded once per database, then
    restored from the rows the seeders wrote: anrong.core.testing.seed_once)."""

    def seed() -> None:
        seed_agencies()
        seed_services()

    seed_once("catalogue", seed)


@pytest.fixture
def root(db):  # type: ignore[no-untyped-def]
    return User.objects.create_superuser(email="root@makassarkota.go.id", password="x-Secret-12345")


@pytest.fixture
def personas(catalogue, root):  # type: ignore[no-untyped-def]
    disdukcapil = Agency.objects.get(code="DISDUKCAPIL")
    dishub = Agency.objects.get(code="DISHUB")
    people: dict[str, object] = {"anonymous": AnonymousUser()}
    for name, phone, nik, born, sex in [
        ("citizen", "+6281234567801", "7371011508900001", dt.date(1990, 8, 15), "L"),
        ("other_citizen", "+6281234567802", "7371015508920002", dt.date(1992, 8, 15), "P"),
    ]:
        person = User.objects.create_user(phone=phone)
        complete_profile(user=person, full_name=f"Warga {name}", nik=nik, birth_date=born, sex=sex,
                         kelurahan=Region.objects.get(code="73.71.01.1002"),
                         address="Jl. Contoh No. 1")
        people[name] = person
    for name, agency, role in [("officer", disdukcapil, "officer"),
                               ("other_officer", disdukcapil, "officer"),
                               ("supervisor", disdukcapil, "supervisor"),
                               ("agency_admin", disdukcapil, "admin"),
                               ("other_agency_officer", dishub, "officer"),
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


@pytest.fixture
def akta(personas):  # type: ignore[no-untyped-def]
    """Akta kelahiran offered online with the sample form (SAMPLE_FIELDS) as version 1."""
    from anrong.services.models import Service
    from anrong.services.testing import SAMPLE_FIELDS, make_form

    service = Service.objects.get(code="DKC-AKTA-LAHIR")
    service.delivery = Service.Delivery.ONLINE
    service.save()
    make_form(service, SAMPLE_FIELDS)
    return service


def client_for(person):  # type: ignore[no-untyped-def]
    """A test client signed in as `person` the way they really sign in (anonymous: none)."""
    from django.test import Client

    from anrong.accounts.testing import sign_in

    client = Client()
    if getattr(person, "pk", None):
        sign_in(client, person)
    return client
