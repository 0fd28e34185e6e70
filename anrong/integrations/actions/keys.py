"""Every write to agency API keys: issue, rotate, revoke, and the bookkeeping of last use.

Each action asks `permissions.can_manage_integrations` first (raising
`IntegrationPermissionError` with nothing written), runs in one transaction, and records an
audit event and an outbox event. A key's text exists only in the `IssuedKey` an action returns:
the caller shows it once; the database holds its SHA-256.

A key acts as its agency's system account (`service_user`): one per agency, created with the
first key, an officer of the agency with no usable password and an address that cannot receive
mail. Whatever a key does goes through the same actions and permission checks as a person in the
console, and is audited under that account."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from typing import Any

from django.db import IntegrityError, transaction
from django.utils import timezone
from django.utils.text import slugify
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from anrong.accounts import roles
from anrong.accounts.models import User
from anrong.agencies import actions as agency_actions
from anrong.agencies.errors import AgencyError
from anrong.agencies.models import Agency, Membership
from anrong.core.audit import record_audit
from anrong.core.outbox import emit

from .. import keyformat, permissions, scopes
from ..errors import IntegrationError, IntegrationPermissionError
from ..models import ApiKey

__all__ = ["IssuedKey", "ROTATION_OVERLAPS", "issue_key", "rotate_key", "revoke_key",
           "record_key_use", "system_account_email"]

# How long the old key keeps working after a rotation, for the agency to deploy the new one.
ROTATION_OVERLAPS: dict[str, tuple[dt.timedelta, Any]] = {
    "1h": (dt.timedelta(hours=1), gettext_lazy("1 jam")),
    "24h": (dt.timedelta(hours=24), gettext_lazy("24 jam")),
    "7d": (dt.timedelta(days=7), gettext_lazy("7 hari")),
}
LAST_USE_EVERY = dt.timedelta(minutes=1)
NAME_MAX = 100


@dataclass(frozen=True)
class IssuedKey:
    key: ApiKey
    text: str  # the whole key, to show once; never stored

    def __repr__(self) -> str:  # keep the secret out of logs and tracebacks
        return f"IssuedKey(key={self.key!r})"


def _require_manager(actor: Any, agency: Agency) -> None:
    if not permissions.can_manage_integrations(actor, agency):
        raise IntegrationPermissionError(_("Anda tidak berwenang mengelola integrasi OPD ini."))


def _clean_name(name: str) -> str:
    name = " ".join((name or "").split())
    if not name:
        raise IntegrationError(_("Beri nama kunci, mis. nama sistem yang memakainya."))
    if len(name) > NAME_MAX:
        raise IntegrationError(_("Nama kunci paling banyak %(n)s karakter.") % {"n": NAME_MAX})
    return name


def _clean_scopes(chosen: list[str]) -> list[str]:
    if scopes.unknown(list(chosen)):
        raise IntegrationError(_("Ada izin yang tidak dikenal."))
    cleaned = [scope for scope in scopes.SCOPES if scope in set(chosen)]
    if not cleaned:
        raise IntegrationError(_("Pilih sedikitnya satu izin untuk kunci ini."))
    return cleaned


def system_account_email(agency: Agency) -> str:
    """`.invalid` is reserved (RFC 2606): mail to it can never be delivered."""
    return f"sistem.{slugify(agency.code)}@integrasi.anrong.invalid"


def _system_account(actor: Any, agency: Agency) -> Any:
    """The agency's system account, an active officer of the agency (created or re-admitted
    through the agencies' own action, so the membership is audited like any other)."""
    email = system_account_email(agency)
    user = User.objects.filter(email=email).first()
    if user is None:
        try:
            with transaction.atomic():
                user = User.objects.create_user(
                    email=email, display_name=f"Sistem {agency.short_name or agency.code}")
        except IntegrityError:  # created at the same moment by another admin
            user = User.objects.get(email=email)
        else:
            record_audit(actor=actor, action="integrations.system_account_created", target=user,
                         details={"agency": agency.code})
    if not user.is_active:
        raise IntegrationError(_("Akun sistem OPD ini dinonaktifkan. Minta administrator sistem "
                                 "mengaktifkannya kembali."))
    if agency.pk not in roles.agency_roles(user):
        try:
            agency_actions.add_member(actor=actor, user=user, agency=agency,
                                      role=Membership.Role.OFFICER)
        except AgencyError as exc:
            raise IntegrationError(exc.message) from exc
    return user


def _new_prefix() -> str:
    for _attempt in range(5):
        prefix = keyformat.new_prefix()
        if not ApiKey.objects.filter(prefix=prefix).exists():
            return prefix
    raise IntegrationError(_("Gagal membuat kunci. Coba lagi."))  # pragma: no cover


def _create(*, actor: Any, agency: Agency, name: str, chosen: list[str], service_user: Any
            ) -> IssuedKey:
    prefix = _new_prefix()
    text = keyformat.new_key(prefix)
    key = ApiKey.objects.create(agency=agency, name=name, prefix=prefix,
                                key_hash=keyformat.hash_key(text), scopes=chosen,
                                service_user=service_user, created_by=actor)
    return IssuedKey(key=key, text=text)


def _payload(key: ApiKey) -> dict[str, Any]:
    """What subscribers learn about a key: never its text or hash."""
    return {"key_id": key.pk, "agency_code": key.agency.code, "name": key.name,
            "prefix": key.prefix, "scopes": key.scopes, "expires_at": key.expires_at,
            "revoked_at": key.revoked_at, "replaced_by_id": key.replaced_by_id}


@transaction.atomic
def issue_key(*, actor: Any, agency: Agency, name: str, scopes: list[str]) -> IssuedKey:
    _require_manager(actor, agency)
    name, chosen = _clean_name(name), _clean_scopes(scopes)
    service_user = _system_account(actor, agency)
    issued = _create(actor=actor, agency=agency, name=name, chosen=chosen,
                     service_user=service_user)
    record_audit(actor=actor, action="integrations.api_key_issued", target=issued.key,
                 details={"agency": agency.code, "name": name, "prefix": issued.key.prefix,
                          "scopes": chosen})
    emit("integrations.api_key_issued", _payload(issued.key), aggregate=issued.key)
    return issued


def _locked(key: ApiKey) -> ApiKey:
    return ApiKey.objects.select_for_update().select_related("agency").get(pk=key.pk)


@transaction.atomic
def rotate_key(*, actor: Any, key: ApiKey, overlap: str) -> IssuedKey:
    """A successor with the same name and scopes; the old key keeps working until now + overlap
    (1 hour, 24 hours or 7 days), so the agency can deploy the new one without an outage."""
    _require_manager(actor, key.agency)
    if overlap not in ROTATION_OVERLAPS:
        raise IntegrationError(_("Pilih berapa lama kunci lama masih berlaku."))
    old = _locked(key)
    now = timezone.now()
    if old.revoked_at is not None:
        raise IntegrationError(_("Kunci ini sudah dicabut dan tidak dapat dirotasi."))
    if old.replaced_by_id is not None:
        raise IntegrationError(_("Kunci ini sudah dirotasi. Rotasi kunci penggantinya."))
    if not old.is_usable(now):
        raise IntegrationError(_("Kunci ini sudah kedaluwarsa. Terbitkan kunci baru."))
    service_user = _system_account(actor, old.agency)
    issued = _create(actor=actor, agency=old.agency, name=old.name, chosen=list(old.scopes),
                     service_user=service_user)
    until = now + ROTATION_OVERLAPS[overlap][0]
    old.expires_at = min(old.expires_at, until) if old.expires_at else until
    old.replaced_by = issued.key
    old.save(update_fields=["expires_at", "replaced_by"])
    record_audit(actor=actor, action="integrations.api_key_rotated", target=old,
                 details={"agency": old.agency.code, "prefix": old.prefix,
                          "new_key_id": issued.key.pk, "new_prefix": issued.key.prefix,
                          "overlap": overlap, "old_expires_at": old.expires_at.isoformat()})
    emit("integrations.api_key_rotated",
         _payload(old) | {"new_key_id": issued.key.pk, "new_prefix": issued.key.prefix},
         aggregate=old)
    return issued


@transaction.atomic
def revoke_key(*, actor: Any, key: ApiKey) -> ApiKey:
    """At once: the next request with this key is refused (401)."""
    _require_manager(actor, key.agency)
    key = _locked(key)
    if key.revoked_at is not None:
        raise IntegrationError(_("Kunci ini sudah dicabut."))
    key.revoked_at = timezone.now()
    key.save(update_fields=["revoked_at"])
    record_audit(actor=actor, action="integrations.api_key_revoked", target=key,
                 details={"agency": key.agency.code, "prefix": key.prefix})
    emit("integrations.api_key_revoked", _payload(key), aggregate=key)
    return key


def record_key_use(*, key: ApiKey, ip: str | None, now: dt.datetime | None = None) -> bool:
    """Note when and from where a key was last used, at most once a minute per key (a
    conditional UPDATE, so two nodes serving the same key still write once). Bookkeeping, not a
    decision: no audit or outbox event (what the key did is audited by the actions it called)."""
    now = now or timezone.now()
    if key.last_used_at is not None and now - key.last_used_at < LAST_USE_EVERY:
        return False
    from django.db.models import Q

    written = ApiKey.objects.filter(pk=key.pk).filter(
        Q(last_used_at__isnull=True) | Q(last_used_at__lte=now - LAST_USE_EVERY)
    ).update(last_used_at=now, last_used_ip=ip)
    if written:
        key.last_used_at, key.last_used_ip = now, ip
    return bool(written)
