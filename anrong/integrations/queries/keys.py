"""Reads of agency API keys, shared by the console and the API's key check."""

from __future__ import annotations

import datetime as dt

from django.utils import timezone

from anrong.agencies.models import Agency

from .. import keyformat
from ..models import ApiKey

ACTIVE, EXPIRING, EXPIRED, REVOKED = "active", "expiring", "expired", "revoked"


def keys_of(agency: Agency) -> list[ApiKey]:
    """The agency's keys, newest first, each with `status` set (see key_status)."""
    now = timezone.now()
    keys = list(ApiKey.objects.filter(agency=agency)
                .select_related("created_by", "replaced_by").order_by("-created_at", "-pk"))
    for key in keys:
        key.status = key_status(key, now)  # type: ignore[attr-defined]
    return keys


def key_of(agency: Agency, key_id: int) -> ApiKey | None:
    return ApiKey.objects.filter(agency=agency, pk=key_id).select_related("agency").first()


def key_status(key: ApiKey, now: dt.datetime | None = None) -> str:
    """active; expiring (works until expires_at, e.g. the old key after a rotation); expired;
    revoked."""
    now = now or timezone.now()
    if key.revoked_at is not None:
        return REVOKED
    if key.expires_at is None:
        return ACTIVE
    return EXPIRING if key.expires_at > now else EXPIRED


def usable_key(text: str) -> ApiKey | None:
    """The key with this exact text, if it may be used now (not revoked or expired, its agency
    and system account active); None otherwise."""
    if not keyformat.looks_like_key(text):
        return None
    key = (ApiKey.objects.filter(key_hash=keyformat.hash_key(text))
           .select_related("agency", "service_user").first())
    if key is None or not key.is_usable() or not key.agency.is_active \
            or not key.service_user.is_active:
        return None
    return key
