"""Demo accounts for local use (README, "Demo accounts"). Created through the real actions, so
they behave exactly like accounts made by hand. Refused unless DEBUG (or the test suite) is on:
a server never gets accounts with published passwords."""

from __future__ import annotations

import datetime as dt
from typing import Any

from django.conf import settings
from django.contrib.auth import get_user_model

DEMO_PASSWORD = "Anrong-Demo-2026!"  # noqa: S105 (published in the README, local use only)
DEMO_TOTP_SECRET = "ANRONGDEMOKOTAMAKASSARTOTPSECRET"  # noqa: S105 (ditto)
DEMO_DOMAIN = "demo.anrong.id"

CITIZEN_PHONE = "+6281200000001"
CITIZEN = {
    "full_name": "Andi Daeng Demo",
    "nik": "7371011508900001",  # Mariso, born 15 August 1990, male, serial 0001
    "birth_date": dt.date(1990, 8, 15),
    "sex": "L",
    "kelurahan": "73.71.01.1002",  # Mattoangin
    "address": "Jl. Contoh No. 1, RT 001/RW 002",
}

# (email local part, display name, platform role or None, (agency code, role) or None)
STAFF = [
    ("operator", "Operator Diskominfo (demo)", "operator", ("DISKOMINFO", "officer")),
    ("redaksi", "Redaksi Makaverse (demo)", "editor", ("DISKOMINFO", "officer")),
    ("petugas.disdukcapil", "Petugas Disdukcapil (demo)", None, ("DISDUKCAPIL", "officer")),
    ("supervisor.disdukcapil", "Supervisor Disdukcapil (demo)", None, ("DISDUKCAPIL", "supervisor")),
    ("admin.disdukcapil", "Admin OPD Disdukcapil (demo)", None, ("DISDUKCAPIL", "admin")),
    ("petugas.dinkes", "Petugas Dinkes (demo)", None, ("DINKES", "officer")),
    # Lapor: street lights go to Dishub, roads and drains to Dinas PU, rubbish and trees to DLH.
    ("petugas.dishub", "Petugas Dishub (demo)", None, ("DISHUB", "officer")),
    ("petugas.dpu", "Petugas Dinas PU (demo)", None, ("DPU", "officer")),
    ("petugas.dlh", "Petugas DLH (demo)", None, ("DLH", "officer")),
]


def demo_accounts_allowed() -> bool:
    return bool(settings.DEBUG or getattr(settings, "TESTING", False))


def _email(local: str) -> str:
    return f"{local}@{DEMO_DOMAIN}"


def seed_demo_accounts(**_: object) -> str:
    if not demo_accounts_allowed():
        return "demo accounts skipped (DEBUG is off)"
    from anrong.accounts.actions.identity import (
        bootstrap_sysadmin,
        create_staff_user,
        enable_totp,
        register_citizen_by_phone,
    )
    from anrong.accounts.actions.profile import complete_profile
    from anrong.agencies import queries as agency_queries
    from anrong.agencies.actions import add_member, grant_platform_role
    from anrong.core.models import Region

    User = get_user_model()
    created = 0

    def staff(local: str, name: str, *, sysadmin: bool = False) -> Any:
        nonlocal created
        user = User.objects.filter(email=_email(local)).first()
        if user is None:
            make = bootstrap_sysadmin if sysadmin else create_staff_user
            user = make(email=_email(local), password=DEMO_PASSWORD, display_name=name)
            enable_totp(user=user, secret=DEMO_TOTP_SECRET)
            created += 1
        return user

    admin = staff("admin", "Administrator Sistem (demo)", sysadmin=True)
    for local, name, platform_role, membership in STAFF:
        user = staff(local, name)
        if platform_role and not user.platform_roles.filter(role=platform_role).exists():
            grant_platform_role(actor=admin, user=user, role=platform_role)
        if membership:
            agency = agency_queries.agency_with_places(membership[0])
            if agency is not None and not user.memberships.filter(agency=agency).exists():
                add_member(actor=admin, user=user, agency=agency, role=membership[1])

    citizen = User.objects.filter(phone=CITIZEN_PHONE).first()
    if citizen is None:
        citizen = register_citizen_by_phone(phone=CITIZEN_PHONE)
        citizen.phone_verified = True
        citizen.save(update_fields=["phone_verified"])
        created += 1
    if not hasattr(citizen, "citizen_profile"):
        data = dict(CITIZEN, kelurahan=Region.objects.get(code=CITIZEN["kelurahan"]))
        complete_profile(user=citizen, **data)
    return f"{created} demo accounts created"
