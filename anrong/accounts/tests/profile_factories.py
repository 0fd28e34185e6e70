"""Setup for profile and data-rights tests: real users, profiles made through the real actions."""

from __future__ import annotations

import datetime as dt
import itertools

from anrong.accounts.actions.profile import complete_profile
from anrong.accounts.models import CitizenProfile, User
from anrong.core.models import Region

TIDUNG = "73.71.13.1001"  # Kelurahan Tidung, Kecamatan Rappocini
_phones = itertools.count(1)


def new_user(phone: str | None = None, **extra) -> User:  # type: ignore[no-untyped-def]
    return User.objects.create_user(phone=phone or f"+62812{next(_phones):08d}", **extra)


def profile_fields(**overrides) -> dict:  # type: ignore[no-untyped-def]
    fields = {
        "full_name": "Andi Baso Makkulau",
        "nik": "7371130101900001",
        "birth_date": dt.date(1990, 1, 1),
        "sex": "L",
        "kelurahan": TIDUNG,
        "address": "Jl. Tidung X No. 5, RT 01/RW 02",
    }
    fields.update(overrides)
    return fields


def form_data(**overrides) -> dict:  # type: ignore[no-untyped-def]
    data = profile_fields(**overrides)
    if isinstance(data["birth_date"], dt.date):
        data["birth_date"] = data["birth_date"].isoformat()
    return data


def citizen_with_profile(phone: str | None = None, email: str | None = None,
                         **overrides) -> User:  # type: ignore[no-untyped-def]
    user = new_user(phone, email=email)
    complete_profile(user=user, **profile_fields(**overrides))
    return user


def tidung() -> Region:
    return Region.objects.get(code=TIDUNG)


def profile_snapshot(user: User) -> dict | None:
    return CitizenProfile.objects.filter(user=user).values(
        "nik", "full_name", "birth_date", "sex", "kelurahan_id", "address"
    ).first()
