"""Every write to agencies, offices, units, memberships and platform roles.

Each action asks a `permissions` function first (raising `AgencyPermissionError` with nothing
written), runs in one transaction, and records an audit event and an outbox event.

`grant_platform_role` / `revoke_platform_role` write `accounts.PlatformRole`: they live here
because role management (who may act for the platform or an agency) is this app's concern, and
the permission rules for both kinds of role sit side by side in `permissions.py`.
"""

from __future__ import annotations

from decimal import Decimal
from typing import Any

from django.db import IntegrityError, transaction
from django.utils.translation import gettext as _

from anrong.accounts import roles
from anrong.accounts.models import PlatformRole
from anrong.core.audit import record_audit
from anrong.core.models import Region
from anrong.core.outbox import emit
from anrong.core.queries import region_at

from . import permissions
from .errors import AgencyError, AgencyPermissionError
from .models import Agency, Membership, Office, Unit

__all__ = [
    "AgencyError", "AgencyPermissionError", "create_agency", "update_agency", "add_office",
    "update_office", "add_unit", "add_member", "change_member_role", "end_membership",
    "grant_platform_role", "revoke_platform_role",
]

_SYSADMIN_ONLY_FIELDS = {"kind", "parent", "region", "is_active"}
_AGENCY_ADMIN_FIELDS = {"name", "short_name"}
_OFFICE_FIELDS = {"name", "address", "lat", "lng", "radius_m", "is_main"}


def _refuse() -> AgencyPermissionError:
    return AgencyPermissionError(_("Anda tidak berwenang melakukan tindakan ini."))


def _require_manager(actor: Any, agency: Agency) -> None:
    if not permissions.can_manage_agency(actor, agency):
        raise _refuse()


def _kelurahan_for(lat: Decimal | float, lng: Decimal | float) -> Region:
    kelurahan = region_at(float(lat), float(lng))
    if kelurahan is None:
        raise AgencyError(
            _("Titik lokasi berada di luar Kota Makassar. Periksa kembali garis lintang dan bujur.")
        )
    return kelurahan


def _agency_payload(agency: Agency) -> dict[str, Any]:
    return {"agency_id": agency.pk, "code": agency.code, "name": agency.name, "kind": agency.kind,
            "is_active": agency.is_active}


# --- Agencies ------------------------------------------------------------------------------


@transaction.atomic
def create_agency(
    *, actor: Any, code: str, name: str, kind: str, short_name: str = "",
    parent: Agency | None = None, region: Region | None = None, facility_code: str = "",
) -> Agency:
    if not permissions.can_create_agency(actor):
        raise _refuse()
    code = code.strip().upper()
    if kind not in Agency.Kind.values:
        raise AgencyError(_("Jenis OPD tidak dikenal."))
    if Agency.objects.filter(code=code).exists():
        raise AgencyError(_("Kode OPD %(code)s sudah dipakai. Pilih kode lain.") % {"code": code})
    agency = Agency.objects.create(
        code=code, name=name.strip(), short_name=short_name.strip(), kind=kind, parent=parent,
        region=region, facility_code=facility_code,
    )
    record_audit(actor=actor, action="agency.created", target=agency, details={"code": code})
    emit("agency.created", _agency_payload(agency), aggregate=agency)
    return agency


@transaction.atomic
def update_agency(*, actor: Any, agency: Agency, **changes: Any) -> Agency:
    """Agency admins may rename their agency; kind, parent, region and the active flag are for
    system administrators. The code never changes: other systems refer to it."""
    unknown = set(changes) - _SYSADMIN_ONLY_FIELDS - _AGENCY_ADMIN_FIELDS
    if unknown:
        raise AgencyError(_("Data OPD ini tidak dapat diubah."))
    if not permissions.can_manage_agency(actor, agency):
        raise _refuse()
    if set(changes) & _SYSADMIN_ONLY_FIELDS and not permissions.can_create_agency(actor):
        raise _refuse()
    agency = Agency.objects.select_for_update().get(pk=agency.pk)
    before = {field: _plain(getattr(agency, field)) for field in changes}
    for field, value in changes.items():
        setattr(agency, field, value.strip() if isinstance(value, str) else value)
    if not agency.name:
        raise AgencyError(_("Nama OPD wajib diisi."))
    if agency.kind not in Agency.Kind.values:
        raise AgencyError(_("Jenis OPD tidak dikenal."))
    agency.save(update_fields=list(changes))
    after = {field: _plain(getattr(agency, field)) for field in changes}
    record_audit(actor=actor, action="agency.updated", target=agency,
                 details={"before": before, "after": after})
    emit("agency.updated", _agency_payload(agency) | {"changed": sorted(changes)}, aggregate=agency)
    return agency


def _plain(value: Any) -> Any:
    if hasattr(value, "pk"):
        return value.pk
    if isinstance(value, Decimal):
        return str(value)
    return value


# --- Offices and units -------------------------------------------------------------------------


@transaction.atomic
def add_office(
    *, actor: Any, agency: Agency, name: str, lat: Decimal | float, lng: Decimal | float,
    address: str = "", radius_m: int = 100, is_main: bool = False,
) -> Office:
    _require_manager(actor, agency)
    kelurahan = _kelurahan_for(lat, lng)
    if is_main:
        Office.objects.filter(agency=agency, is_main=True).update(is_main=False)
    office = Office.objects.create(
        agency=agency, name=name.strip(), address=address.strip(), lat=_coordinate(lat),
        lng=_coordinate(lng), radius_m=radius_m, kelurahan=kelurahan, is_main=is_main,
    )
    record_audit(actor=actor, action="agency.office_added", target=office,
                 details={"agency": agency.code, "kelurahan": kelurahan.code})
    emit("agency.office_added", {"agency_id": agency.pk, "code": agency.code,
                                 "office_id": office.pk, "kelurahan": kelurahan.code,
                                 "lat": str(office.lat), "lng": str(office.lng)}, aggregate=office)
    return office


def _coordinate(value: Decimal | float) -> Decimal:
    return Decimal(str(value)).quantize(Decimal("0.000001"))


@transaction.atomic
def update_office(*, actor: Any, office: Office, **changes: Any) -> Office:
    if set(changes) - _OFFICE_FIELDS:
        raise AgencyError(_("Data lokasi kantor ini tidak dapat diubah."))
    _require_manager(actor, office.agency)
    office = Office.objects.select_for_update().select_related("agency").get(pk=office.pk)
    before = {field: _plain(getattr(office, field)) for field in changes}
    for field in ("lat", "lng"):
        if field in changes:
            changes[field] = _coordinate(changes[field])
    for field, value in changes.items():
        setattr(office, field, value.strip() if isinstance(value, str) else value)
    if {"lat", "lng"} & set(changes):
        office.kelurahan = _kelurahan_for(office.lat, office.lng)
    if changes.get("is_main"):
        Office.objects.filter(agency=office.agency, is_main=True).exclude(pk=office.pk).update(
            is_main=False
        )
    office.save()
    after = {field: _plain(getattr(office, field)) for field in changes}
    record_audit(actor=actor, action="agency.office_updated", target=office,
                 details={"before": before, "after": after})
    emit("agency.office_updated", {"agency_id": office.agency_id, "office_id": office.pk,
                                   "changed": sorted(changes)}, aggregate=office)
    return office


@transaction.atomic
def add_unit(*, actor: Any, agency: Agency, name: str) -> Unit:
    _require_manager(actor, agency)
    name = name.strip()
    if not name:
        raise AgencyError(_("Nama unit wajib diisi."))
    if Unit.objects.filter(agency=agency, name__iexact=name).exists():
        raise AgencyError(_("Unit %(name)s sudah ada di OPD ini.") % {"name": name})
    unit = Unit.objects.create(agency=agency, name=name)
    record_audit(actor=actor, action="agency.unit_added", target=unit,
                 details={"agency": agency.code})
    emit("agency.unit_added", {"agency_id": agency.pk, "unit_id": unit.pk, "name": name},
         aggregate=unit)
    return unit


# --- Memberships ---------------------------------------------------------------------------------


def _check_role(role: str) -> None:
    if role not in Membership.Role.values:
        raise AgencyError(_("Peran tidak dikenal. Pilih petugas, supervisor atau admin OPD."))


def _check_unit(unit: Unit | None, agency: Agency) -> None:
    if unit is not None and unit.agency_id != agency.pk:
        raise AgencyError(_("Unit itu bukan bagian dari OPD ini."))


def _member_payload(membership: Membership) -> dict[str, Any]:
    return {"membership_id": membership.pk, "agency_id": membership.agency_id,
            "user_id": membership.user_id, "role": membership.role,
            "unit_id": membership.unit_id, "is_active": membership.is_active}


def _forget_roles(actor: Any, *people: Any) -> None:
    """Roles are cached on user objects for one request; drop them from every object of the
    person this action touched that the caller may still hold."""
    for person in (*people, actor):
        if person is not None and getattr(person, "pk", None) in {p.pk for p in people}:
            roles.forget_cached_roles(person)


def _keeps_an_admin(actor: Any, membership: Membership) -> None:
    """An agency keeps at least one active admin, unless a system administrator decides
    otherwise (they can always appoint a new one)."""
    if membership.role != Membership.Role.ADMIN or not membership.is_active:
        return
    if permissions.can_create_agency(actor):
        return
    others = Membership.objects.filter(
        agency_id=membership.agency_id, role=Membership.Role.ADMIN, is_active=True
    ).exclude(pk=membership.pk)
    if not others.exists():
        raise AgencyError(
            _("OPD harus punya setidaknya satu admin. Tunjuk admin lain terlebih dahulu.")
        )


@transaction.atomic
def add_member(
    *, actor: Any, user: Any, agency: Agency, role: str, unit: Unit | None = None
) -> Membership:
    _require_manager(actor, agency)
    _check_role(role)
    _check_unit(unit, agency)
    if not user.is_active:
        raise AgencyError(_("Akun ini tidak aktif dan tidak dapat ditambahkan."))
    membership = (
        Membership.objects.select_for_update().filter(user=user, agency=agency).first()
    )
    if membership is not None and membership.is_active:
        raise AgencyError(_("Pengguna ini sudah menjadi anggota OPD ini."))
    if membership is None:
        try:
            with transaction.atomic():
                membership = Membership.objects.create(
                    user=user, agency=agency, role=role, unit=unit
                )
        except IntegrityError as exc:  # added at the same moment by someone else
            raise AgencyError(_("Pengguna ini sudah menjadi anggota OPD ini.")) from exc
    else:
        membership.role, membership.unit, membership.is_active = role, unit, True
        membership.save(update_fields=["role", "unit", "is_active"])
    _forget_roles(actor, user)
    record_audit(actor=actor, action="agency.member_added", target=membership,
                 details={"agency": agency.code, "user_id": user.pk, "role": role})
    emit("agency.member_added", _member_payload(membership), aggregate=membership)
    return membership


@transaction.atomic
def change_member_role(
    *, actor: Any, membership: Membership, role: str, unit: Unit | None = None
) -> Membership:
    _require_manager(actor, membership.agency)
    held_user = membership.user
    _check_role(role)
    _check_unit(unit, membership.agency)
    membership = Membership.objects.select_for_update().select_related("agency", "user").get(
        pk=membership.pk
    )
    if not membership.is_active:
        raise AgencyError(_("Keanggotaan ini sudah berakhir."))
    if role != Membership.Role.ADMIN:
        _keeps_an_admin(actor, membership)
    before = membership.role
    membership.role, membership.unit = role, unit
    membership.save(update_fields=["role", "unit"])
    _forget_roles(actor, membership.user, held_user)
    record_audit(actor=actor, action="agency.member_role_changed", target=membership,
                 details={"agency": membership.agency.code, "before": before, "after": role})
    emit("agency.member_role_changed", _member_payload(membership) | {"previous_role": before},
         aggregate=membership)
    return membership


@transaction.atomic
def end_membership(*, actor: Any, membership: Membership) -> Membership:
    _require_manager(actor, membership.agency)
    held_user = membership.user
    membership = Membership.objects.select_for_update().select_related("agency", "user").get(
        pk=membership.pk
    )
    if not membership.is_active:
        raise AgencyError(_("Keanggotaan ini sudah berakhir."))
    _keeps_an_admin(actor, membership)
    membership.is_active = False
    membership.save(update_fields=["is_active"])
    _forget_roles(actor, membership.user, held_user)
    record_audit(actor=actor, action="agency.membership_ended", target=membership,
                 details={"agency": membership.agency.code, "role": membership.role})
    emit("agency.membership_ended", _member_payload(membership), aggregate=membership)
    return membership


# --- Platform roles (accounts.PlatformRole) ------------------------------------------------------


def _check_platform_role(role: str) -> None:
    if role not in PlatformRole.Role.values:
        raise AgencyError(_("Peran platform tidak dikenal."))


@transaction.atomic
def grant_platform_role(*, actor: Any, user: Any, role: str) -> PlatformRole:
    if not permissions.can_manage_platform_roles(actor):
        raise _refuse()
    _check_platform_role(role)
    if not user.is_active:
        raise AgencyError(_("Akun ini tidak aktif dan tidak dapat diberi peran."))
    grant, created = PlatformRole.objects.get_or_create(user=user, role=role)
    if not created:
        raise AgencyError(_("Pengguna ini sudah memiliki peran tersebut."))
    _forget_roles(actor, user)
    record_audit(actor=actor, action="accounts.platform_role_granted", target=user,
                 details={"role": role})
    emit("accounts.platform_role_granted", {"user_id": user.pk, "role": role}, aggregate=user)
    return grant


@transaction.atomic
def revoke_platform_role(*, actor: Any, user: Any, role: str) -> None:
    if not permissions.can_manage_platform_roles(actor):
        raise _refuse()
    _check_platform_role(role)
    if role == PlatformRole.Role.SYSADMIN and user.pk == actor.pk:
        raise AgencyError(
            _("Anda tidak dapat mencabut peran administrator sistem Anda sendiri.")
        )
    deleted, _detail = PlatformRole.objects.filter(user=user, role=role).delete()
    if not deleted:
        raise AgencyError(_("Pengguna ini tidak memiliki peran tersebut."))
    _forget_roles(actor, user)
    record_audit(actor=actor, action="accounts.platform_role_revoked", target=user,
                 details={"role": role})
    emit("accounts.platform_role_revoked", {"user_id": user.pk, "role": role}, aggregate=user)
