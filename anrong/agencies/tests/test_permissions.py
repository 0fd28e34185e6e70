"""The permission matrix: every question × every persona."""

from __future__ import annotations

import pytest

from anrong.agencies import actions, permissions
from anrong.agencies.models import Membership

from .conftest import fresh

pytestmark = pytest.mark.django_db

PERSONAS = ["anonymous", "citizen", "other_citizen", "other_officer", "officer", "supervisor",
            "agency_admin", "editor", "operator", "sysadmin"]


def allowed(*names: str) -> dict[str, bool]:
    return {persona: persona in names for persona in PERSONAS}


# question -> (how to ask it, who is allowed)
MATRIX = {
    "can_use_staff_console": (
        lambda p, user, people, agency: p.can_use_staff_console(user),
        allowed("other_officer", "officer", "supervisor", "agency_admin", "editor", "operator",
                "sysadmin"),
    ),
    "can_view_agency_work": (
        lambda p, user, people, agency: p.can_view_agency_work(user, agency),
        allowed("officer", "supervisor", "agency_admin"),
    ),
    "can_supervise": (
        lambda p, user, people, agency: p.can_supervise(user, agency),
        allowed("supervisor", "agency_admin"),
    ),
    "can_manage_agency": (
        lambda p, user, people, agency: p.can_manage_agency(user, agency),
        allowed("agency_admin", "sysadmin"),
    ),
    "can_view_agency_staff": (
        lambda p, user, people, agency: p.can_view_agency_staff(user, agency),
        allowed("officer", "supervisor", "agency_admin", "sysadmin"),
    ),
    "can_create_agency": (
        lambda p, user, people, agency: p.can_create_agency(user), allowed("sysadmin"),
    ),
    "can_manage_platform_roles": (
        lambda p, user, people, agency: p.can_manage_platform_roles(user), allowed("sysadmin"),
    ),
    "can_deactivate_accounts": (
        lambda p, user, people, agency: p.can_deactivate_accounts(user), allowed("sysadmin"),
    ),
    "can_view_audit_log": (
        lambda p, user, people, agency: p.can_view_audit_log(user), allowed("sysadmin"),
    ),
    "can_view_reference_admin": (
        lambda p, user, people, agency: p.can_view_reference_admin(user), allowed("sysadmin"),
    ),
    "can_view_accounts_admin": (
        lambda p, user, people, agency: p.can_view_accounts_admin(user), allowed("sysadmin"),
    ),
    "can_view_citizen_personal_data": (
        lambda p, user, people, agency: p.can_view_citizen_personal_data(user, people["citizen"]),
        allowed("citizen"),
    ),
}

CASES = [(question, persona) for question in MATRIX for persona in PERSONAS]


@pytest.mark.parametrize(("question", "persona"), CASES, ids=[f"{q}-{p}" for q, p in CASES])
def test_permission_matrix(personas, agency, question, persona):
    ask, expected = MATRIX[question]
    assert ask(permissions, fresh(personas[persona]), personas, agency) is expected[persona]


def test_every_permission_function_is_in_the_matrix():
    public = {name for name in dir(permissions) if name.startswith("can_")}
    assert public == set(MATRIX)


def test_an_ended_membership_gives_no_access(root, personas, agency):
    membership = Membership.objects.select_related("user").get(user=personas["officer"])
    officer = membership.user
    assert permissions.can_view_agency_work(officer, agency)  # roles now cached on `officer`
    actions.end_membership(actor=root, membership=membership)
    assert not permissions.can_view_agency_work(officer, agency)
    assert not permissions.can_use_staff_console(officer)


def test_members_of_an_inactive_agency_lose_its_work(root, personas, agency):
    actions.update_agency(actor=root, agency=agency, is_active=False)
    agency.refresh_from_db()
    admin = fresh(personas["agency_admin"])
    assert not permissions.can_view_agency_work(admin, agency)
    assert not permissions.can_manage_agency(admin, agency)
    assert permissions.can_manage_agency(fresh(personas["sysadmin"]), agency)


def test_a_deactivated_account_has_no_permissions(personas, agency):
    sysadmin = fresh(personas["sysadmin"])
    sysadmin.is_active = False
    assert not permissions.can_manage_agency(sysadmin, agency)
    assert not permissions.can_view_audit_log(sysadmin)
