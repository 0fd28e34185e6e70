"""/api/v1/accounts/: the signed-in person's own account, profile and personal-data rights."""

from __future__ import annotations

import datetime as dt
from typing import Any

from django.contrib.auth import logout
from django.http import HttpRequest
from django.utils.translation import gettext as _
from ninja import Router, Schema, Status
from ninja.errors import HttpError

from . import queries
from .actions.profile import (
    AccountDeletionError,
    ProfileError,
    anonymise_account,
    export_personal_data,
    save_profile,
)
from .forms import DeleteAccountForm, ProfileForm
from .privacy import shown_nik, shown_phone

router = Router(tags=["accounts"])


class RegionOut(Schema):
    code: str
    name: str


class ProfileOut(Schema):
    nik: str
    full_name: str
    birth_date: dt.date | None
    sex: str
    kelurahan: RegionOut | None
    kecamatan: RegionOut | None
    address: str


class UserOut(Schema):
    id: int
    phone: str
    email: str
    display_name: str
    language: str


class MeOut(Schema):
    user: UserOut
    profile: ProfileOut | None


class ProfileIn(Schema):
    full_name: str = ""
    nik: str = ""
    birth_date: str = ""  # YYYY-MM-DD
    sex: str = ""  # "L" or "P"
    kelurahan: str = ""  # Kemendagri code, e.g. "73.71.13.1005"
    address: str = ""


class DeleteIn(Schema):
    confirm: str = ""  # must be "HAPUS"


class ErrorOut(Schema):
    code: str
    message: str
    details: dict[str, Any]


class DeletedOut(Schema):
    status: str
    kept: list[str]


def _region(region: Any) -> dict[str, str] | None:
    return {"code": region.code, "name": region.name} if region is not None else None


def _me(request: HttpRequest) -> dict[str, Any]:
    user, viewer = request.auth, request.auth
    profile = queries.profile_of(user)
    return {
        "user": {"id": user.pk, "phone": shown_phone(user, viewer), "email": user.email or "",
                 "display_name": user.display_name, "language": user.language},
        "profile": None if profile is None else {
            "nik": shown_nik(profile, viewer),
            "full_name": profile.full_name,
            "birth_date": profile.birth_date,
            "sex": profile.sex,
            "kelurahan": _region(profile.kelurahan),
            "kecamatan": _region(profile.kelurahan.parent if profile.kelurahan else None),
            "address": profile.address,
        },
    }


def _invalid(errors: dict[str, list[str]]) -> Status:
    return Status(422, {"code": "invalid", "message": _("Data yang dikirim tidak valid."),
                        "details": {"errors": errors}})


def _form_errors(form: Any) -> dict[str, list[str]]:
    return {field: [str(message) for message in messages] for field, messages in form.errors.items()}


@router.get("/me", response=MeOut, summary="The signed-in person and their profile")
def me(request: HttpRequest) -> dict[str, Any]:
    return _me(request)


@router.put("/me/profile", response={200: MeOut, 422: ErrorOut},
            summary="Complete or change the profile (same rules as the web form)")
def put_profile(request: HttpRequest, payload: ProfileIn):  # type: ignore[no-untyped-def]
    form = ProfileForm(data=payload.dict(), user=request.auth)
    if not form.is_valid():
        return _invalid(_form_errors(form))
    try:
        save_profile(user=request.auth, **form.action_arguments())
    except ProfileError as exc:
        return _invalid(exc.errors)
    return Status(200, _me(request))


@router.get("/me/export", summary="Everything held about the signed-in person (UU 27/2022)")
def export(request: HttpRequest) -> dict[str, Any]:
    return export_personal_data(user=request.auth)


@router.post("/me/delete", response={200: DeletedOut, 422: ErrorOut},
             summary='Delete (anonymise) the account; body {"confirm": "HAPUS"}')
def delete(request: HttpRequest, payload: DeleteIn):  # type: ignore[no-untyped-def]
    form = DeleteAccountForm(data=payload.dict())
    if not form.is_valid():
        return _invalid(_form_errors(form))
    try:
        deletion = anonymise_account(user=request.auth)
    except AccountDeletionError as exc:
        raise HttpError(409, str(exc)) from exc
    if getattr(request, "session", None) is not None:
        logout(request)
    return Status(200, {"status": "anonymised", "kept": deletion.kept})
