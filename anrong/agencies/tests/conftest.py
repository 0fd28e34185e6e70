"""Personas for the agencies tests, all set up through the real actions."""

from __future__ import annotations

from decimal import Decimal

import pytest
from django.contrib.auth.models import AnonymousUser

from anrong.accounts.models import User
from anrong.agencies import actions
from anrong.agencies.models import Agency

CITY_HALL = (Decimal("-5.133800"), Decimal("119.411700"))


@pytest.fixture(autouse=True)
def fast_password_hashing(settings):  # type: ignore[no-untyped-def]
    """PBKDF2 at production strength costs ~1 s a user; these tests create dozens."""
    settings.PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]


@pytest.fixture
def root(db):  # type: ignore[no-untyped-def]
    """The installation's first superuser: the only account that starts with power."""
    return User.objects.create_superuser(email="root@makassarkota.go.id", password="x-Secret-12345")


@pytest.fixture
def agency(root):  # type: ignore[no-untyped-def]
    return actions.create_agency(actor=root, code="DISDUKCAPIL",
                                 name="Dinas Kependudukan dan Pencatatan Sipil Kota Makassar",
                                 short_name="Disdukcapil", kind=Agency.Kind.DINAS)


@pytest.fixture
def other_agency(root):  # type: ignore[no-untyped-def]
    return actions.create_agency(actor=root, code="DISHUB", name="Dinas Perhubungan Kota Makassar",
                                 short_name="Dishub", kind=Agency.Kind.DINAS)


@pytest.fixture
def unit(root, agency):  # type: ignore[no-untyped-def]
    return actions.add_unit(actor=root, agency=agency, name="Bidang Pelayanan Pencatatan Sipil")


def staff(email: str) -> User:
    return User.objects.create_user(email=email, password="x-Secret-12345")


@pytest.fixture
def personas(root, agency, other_agency):  # type: ignore[no-untyped-def]
    """Every kind of person the platform knows, by name. Agency roles are in `agency`."""
    people: dict[str, object] = {"anonymous": AnonymousUser()}
    people["citizen"] = User.objects.create_user(phone="+6281234567801")
    people["other_citizen"] = User.objects.create_user(phone="+6281234567802")
    for name, target, role in [
        ("other_officer", other_agency, "officer"),
        ("officer", agency, "officer"),
        ("supervisor", agency, "supervisor"),
        ("agency_admin", agency, "admin"),
    ]:
        person = staff(f"{name}@makassarkota.go.id")
        actions.add_member(actor=root, user=person, agency=target, role=role)
        people[name] = person
    for role in ("editor", "operator", "sysadmin"):
        person = staff(f"{role}@makassarkota.go.id")
        actions.grant_platform_role(actor=root, user=person, role=role)
        people[role] = person
    return people


def fresh(person):  # type: ignore[no-untyped-def]
    """The same person as a new request would see them (no cached roles)."""
    if not getattr(person, "pk", None):
        return person
    return User.objects.get(pk=person.pk)
