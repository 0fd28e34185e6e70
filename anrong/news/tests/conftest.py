"""Personas for the Makaverse News tests: the services personas (citizens, agency staff, a
sysadmin) plus an editor and a Diskominfo operator. Wagtail groups (Reporter, Editor) are joined
by the newsroom's own actions in the tests that need them."""

from __future__ import annotations

import pytest

from anrong.accounts.models import User
from anrong.agencies import actions as agency_actions
from anrong.news.pages import ensure_newsroom
from anrong.services.tests import conftest as services_conftest

catalogue = services_conftest.catalogue
fast_password_hashing = services_conftest.fast_password_hashing
personas = services_conftest.personas
root = services_conftest.root


def platform_person(root, email: str, role: str):  # type: ignore[no-untyped-def]
    person = User.objects.create_user(email=email, password="x-Secret-12345")
    agency_actions.grant_platform_role(actor=root, user=person, role=role)
    return person


@pytest.fixture
def editor(personas, root):  # type: ignore[no-untyped-def]
    return platform_person(root, "redaktur@makassarkota.go.id", "editor")


@pytest.fixture
def operator(personas, root):  # type: ignore[no-untyped-def]
    return platform_person(root, "operator@makassarkota.go.id", "operator")


@pytest.fixture
def newsroom(db):  # type: ignore[no-untyped-def]
    """(NewsIndexPage, FactCheckIndexPage), made if missing."""
    return ensure_newsroom()
