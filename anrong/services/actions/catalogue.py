"""Every write to the service catalogue: keyword-only, one transaction, audited, with an outbox
event. The seeder writes reference data directly but keeps `search_text` through
`search_text_of` here, so search behaves the same for seeded and edited services.

The rule "a service delivered through a national system names that system's address" is held
twice: here, with a message a person can act on, and as a database CheckConstraint
(`service_national_system_has_url`) so no other path can break it.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Sequence
from typing import Any

from django.db import transaction
from django.utils.translation import gettext as _

from anrong.agencies.models import Agency
from anrong.core.audit import record_audit
from anrong.core.outbox import emit

from .. import permissions, search
from ..errors import ServiceError, ServicePermissionError
from ..models import Category, LifeEvent, LifeEventStep, Service

CODE_PATTERN = re.compile(r"^[A-Z0-9]+(-[A-Z0-9]+)*$")
EDITABLE = ("name", "summary", "description", "category", "requirements", "fee_rupiah", "fee_note",
            "legal_basis", "sla_working_days", "output", "delivery", "external_url")


def search_title_of(service: Service) -> str:
    return search.search_text([service.name])[:400]


def search_text_of(service: Service) -> str:
    agency = service.agency
    return search.search_text([
        service.name, service.summary, service.description, " ".join(service.requirements),
        agency.name, agency.short_name, agency.code, service.code, service.category.name,
    ])


def _require_manager(actor: Any, agency: Agency) -> None:
    if not permissions.can_manage_service(actor, agency):
        raise ServicePermissionError(
            _("Anda tidak berwenang mengubah katalog layanan OPD ini. Hubungi admin OPD Anda.")
        )


def _clean(service: Service) -> None:
    service.name, service.summary = service.name.strip(), service.summary.strip()
    service.output, service.external_url = service.output.strip(), service.external_url.strip()
    if not service.name or not service.summary or not service.output:
        raise ServiceError(_("Nama, ringkasan dan hasil layanan wajib diisi."))
    if service.delivery not in Service.Delivery.values:
        raise ServiceError(_("Cara layanan tidak dikenal. Pilih daring, datang ke kantor, "
                             "atau sistem nasional."))
    if service.delivery == Service.Delivery.NATIONAL_SYSTEM and not service.external_url:
        raise ServiceError(_("Layanan melalui sistem nasional harus mencantumkan alamat situsnya "
                             "(misalnya https://oss.go.id)."))
    if service.external_url and not service.external_url.startswith("https://"):
        raise ServiceError(_("Alamat situs harus diawali https://."))
    if not isinstance(service.requirements, list) or not all(
        isinstance(item, str) and item.strip() for item in service.requirements
    ):
        raise ServiceError(_("Persyaratan harus berupa daftar teks yang tidak kosong."))
    service.requirements = [item.strip() for item in service.requirements]
    if not isinstance(service.category, Category):
        raise ServiceError(_("Pilih kategori layanan."))
    for value in (service.fee_rupiah, service.sla_working_days):
        if not isinstance(value, int) or isinstance(value, bool) or value < 0:
            raise ServiceError(_("Biaya dan lama proses harus bilangan bulat, paling kecil 0."))


def _snapshot(service: Service) -> dict[str, Any]:
    return {
        "code": service.code, "agency": service.agency.code, "name": service.name,
        "category": service.category.code, "fee_rupiah": service.fee_rupiah,
        "sla_working_days": service.sla_working_days, "delivery": service.delivery,
        "external_url": service.external_url, "is_active": service.is_active,
    }


def _set_life_events(service: Service, life_events: Iterable[LifeEvent]) -> None:
    wanted = {event.pk: event for event in life_events}
    LifeEventStep.objects.filter(service=service).exclude(life_event_id__in=wanted).delete()
    have = set(LifeEventStep.objects.filter(service=service).values_list("life_event_id", flat=True))
    for event_id, event in wanted.items():
        if event_id in have:
            continue
        last = LifeEventStep.objects.filter(life_event=event).order_by("-step").first()
        LifeEventStep.objects.create(life_event=event, service=service,
                                     step=(last.step + 1) if last else 1)


@transaction.atomic
def create_service(
    *, actor: Any, agency: Agency, code: str, name: str, summary: str, category: Category,
    output: str, delivery: str, sla_working_days: int, description: str = "",
    requirements: Sequence[str] = (), fee_rupiah: int = 0, fee_note: str = "", legal_basis: str = "",
    external_url: str = "", life_events: Iterable[LifeEvent] = (),
) -> Service:
    _require_manager(actor, agency)
    code = code.strip().upper()
    if not CODE_PATTERN.match(code):
        raise ServiceError(_("Kode layanan hanya huruf besar, angka dan tanda hubung, "
                             "misalnya DKC-AKTA-LAHIR."))
    if Service.objects.filter(code=code).exists():
        raise ServiceError(_("Kode layanan %(code)s sudah dipakai. Pilih kode lain.") % {"code": code})
    service = Service(
        agency=agency, code=code, name=name, summary=summary, description=description.strip(),
        category=category, requirements=list(requirements), fee_rupiah=fee_rupiah,
        fee_note=fee_note.strip(),
        legal_basis=legal_basis.strip(), sla_working_days=sla_working_days, output=output,
        delivery=delivery, external_url=external_url,
    )
    _clean(service)
    service.search_text = search_text_of(service)
    service.search_title = search_title_of(service)
    service.save()
    _set_life_events(service, life_events)
    details = _snapshot(service)
    record_audit(actor=actor, action="service.created", target=service, details=details)
    emit("service.created", details, aggregate=service)
    return service


@transaction.atomic
def update_service(
    *, actor: Any, service: Service, life_events: Iterable[LifeEvent] | None = None,
    **changes: Any,
) -> Service:
    """Change any of EDITABLE (keyword arguments) and, if given, the service's life events."""
    service = Service.objects.select_for_update().select_related("agency", "category").get(
        pk=service.pk)
    _require_manager(actor, service.agency)
    unknown = set(changes) - set(EDITABLE)
    if unknown:
        raise ServiceError(_("Kolom ini tidak dapat diubah: %(fields)s.")
                           % {"fields": ", ".join(sorted(unknown))})
    before = _snapshot(service)
    for field, value in changes.items():
        setattr(service, field, value.strip() if isinstance(value, str) else value)
    _clean(service)
    service.search_text = search_text_of(service)
    service.search_title = search_title_of(service)
    service.save()
    if life_events is not None:
        _set_life_events(service, life_events)
    after = _snapshot(service)
    changed = sorted(set(changes) | ({"life_events"} if life_events is not None else set()))
    record_audit(actor=actor, action="service.updated", target=service,
                 details={"changed": changed, "before": before})
    emit("service.updated", {**after, "changed": changed}, aggregate=service)
    return service


@transaction.atomic
def deactivate_service(*, actor: Any, service: Service) -> Service:
    """Withdraw a service from the catalogue (kept for history; applications may point to it)."""
    service = Service.objects.select_for_update().select_related("agency", "category").get(
        pk=service.pk)
    _require_manager(actor, service.agency)
    if not service.is_active:
        raise ServiceError(_("Layanan ini sudah tidak aktif."))
    service.is_active = False
    service.save(update_fields=["is_active", "updated_at"])
    details = _snapshot(service)
    record_audit(actor=actor, action="service.deactivated", target=service, details=details)
    emit("service.updated", {**details, "changed": ["is_active"]}, aggregate=service)
    return service
