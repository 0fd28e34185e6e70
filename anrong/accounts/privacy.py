"""What of a person's identifiers a viewer may see: everything to the owner, a mask to anyone
else (other citizens, staff and administrators alike). Screens that need more for a service
must ask the owner's module for it and record an audit event."""

from __future__ import annotations

from typing import Any

MASK = "*"


def mask_nik(nik: str | None) -> str:
    """"7371130101900001" → "7371********0001": kabupaten/kota and serial visible, the rest hidden."""
    if not nik:
        return ""
    if len(nik) <= 8:
        return MASK * len(nik)
    return nik[:4] + MASK * (len(nik) - 8) + nik[-4:]


def mask_phone(phone: str | None) -> str:
    """"+6281234567890" → "+62812****7890": country code, operator prefix and last 4 digits."""
    if not phone:
        return ""
    if len(phone) <= 10:
        return phone[:3] + MASK * max(len(phone) - 3, 0)
    return phone[:6] + MASK * (len(phone) - 10) + phone[-4:]


def is_owner(owner: Any, viewer: Any) -> bool:
    return bool(
        owner is not None
        and getattr(viewer, "is_authenticated", False)
        and owner.pk is not None
        and owner.pk == viewer.pk
    )


def shown_nik(profile: Any, viewer: Any) -> str:
    if profile is None:
        return ""
    return (profile.nik or "") if is_owner(profile.user, viewer) else mask_nik(profile.nik)


def shown_phone(user: Any, viewer: Any) -> str:
    if user is None:
        return ""
    return (user.phone or "") if is_owner(user, viewer) else mask_phone(user.phone)
