"""Reads about accounts and citizen profiles, shared by views, the API and other apps."""

from __future__ import annotations

from typing import Any

from django.db.models import Q

from anrong.core.models import AuditEvent, Region
from anrong.core.queries import kelurahan_list

from .models import CitizenProfile, User


def profile_of(user: Any) -> CitizenProfile | None:
    if not getattr(user, "is_authenticated", False):
        return None
    return CitizenProfile.objects.select_related("kelurahan__parent").filter(user=user).first()


def has_profile(user: Any) -> bool:
    return CitizenProfile.objects.filter(user_id=user.pk).exists()


def nik_taken(nik: str, *, by_other_than: Any) -> bool:
    return CitizenProfile.objects.filter(nik=nik).exclude(user_id=by_other_than.pk).exists()


def kelurahan_choices() -> list[tuple[str, list[tuple[str, str]]]]:
    """Makassar's kelurahan grouped by kecamatan, for a <select> with <optgroup>s."""
    groups: dict[str, list[tuple[str, str]]] = {}
    for region in kelurahan_list():
        groups.setdefault(region.parent.name, []).append((region.code, region.name))
    return list(groups.items())


def makassar_kelurahan(code: str) -> Region | None:
    return (
        Region.objects.select_related("parent")
        .filter(level=Region.Level.KELURAHAN, code=code, code__startswith="73.71.")
        .first()
    )


def _region(region: Region | None) -> dict[str, Any] | None:
    if region is None:
        return None
    parent = region.parent
    return {"code": region.code, "name": region.name,
            "kecamatan": {"code": parent.code, "name": parent.name} if parent else None}


def profile_data(profile: CitizenProfile | None) -> dict[str, Any] | None:
    """The profile in full. Only for its owner; everyone else gets `privacy.shown_*`."""
    if profile is None:
        return None
    return {
        "nik": profile.nik,
        "full_name": profile.full_name,
        "birth_date": profile.birth_date,
        "sex": profile.sex,
        "kelurahan": _region(profile.kelurahan),
        "address": profile.address,
        "created_at": profile.created_at,
        "updated_at": profile.updated_at,
    }


def user_data(user: User) -> dict[str, Any]:
    return {
        "id": user.pk,
        "phone": user.phone,
        "phone_verified": user.phone_verified,
        "email": user.email,
        "display_name": user.display_name,
        "language": user.language,
        "is_active": user.is_active,
        "date_joined": user.date_joined,
        "last_login": user.last_login,
        "anonymised_at": user.anonymised_at,
    }


def audit_events_about(user: User) -> list[dict[str, Any]]:
    """Audit events where the person acted or was the subject (their account or profile)."""
    about = Q(actor_id=user.pk) | Q(target_type="accounts.user", target_id=str(user.pk))
    profile_id = CitizenProfile.objects.filter(user_id=user.pk).values_list("pk", flat=True).first()
    if profile_id is not None:
        about |= Q(target_type="accounts.citizenprofile", target_id=str(profile_id))
    return list(
        AuditEvent.objects.filter(about)
        .order_by("at", "id")
        .values("at", "action", "actor_label", "target_type", "target_id", "ip", "request_id",
                "details")
    )


def personal_data(user: User) -> dict[str, Any]:
    """Everything the accounts module holds about `user` (the accounts part of the export)."""
    return {
        "user": user_data(user),
        "profile": profile_data(profile_of(user)),
        "memberships": list(
            user.memberships.order_by("created_at").values(
                "agency__code", "agency__name", "unit__name", "role", "is_active", "created_at"
            )
        ),
        "platform_roles": list(
            user.platform_roles.order_by("granted_at").values("role", "granted_at")
        ),
        "api_tokens": list(
            user.app_tokens.order_by("created_at").values(
                "name", "prefix", "created_at", "last_used_at", "expires_at", "revoked_at"
            )
        ),
        "audit_events": audit_events_about(user),
    }
