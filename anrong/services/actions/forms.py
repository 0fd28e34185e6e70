"""Writing a service's form: the agency admin edits one draft version, publishes it (the newest
published version becomes the form citizens fill in), or throws the draft away. Published versions
never change: applications point at the version they were filed with.

The permission is the catalogue's (`can_manage_service`): the agency's admins or a system
administrator. Every action locks the service row first, so two admins saving at the same moment
take turns instead of creating two drafts (the database also allows only one draft per service).
"""

from __future__ import annotations

from typing import Any

from django.db import transaction
from django.db.models import Max
from django.utils import timezone
from django.utils.translation import gettext as _

from anrong.core.audit import record_audit
from anrong.core.outbox import emit

from .. import permissions
from ..errors import ServiceError, ServicePermissionError
from ..formdef import clean_definition
from ..models import FormVersion, Service


def _locked_service(actor: Any, service: Service) -> Service:
    service = Service.objects.select_for_update().select_related("agency").get(pk=service.pk)
    if not permissions.can_manage_service(actor, service.agency):
        raise ServicePermissionError(
            _("Anda tidak berwenang mengubah formulir layanan OPD ini. Hubungi admin OPD Anda."))
    return service


def _draft(service: Service) -> FormVersion | None:
    return FormVersion.objects.filter(service=service, status=FormVersion.Status.DRAFT).first()


def _details(version: FormVersion) -> dict[str, Any]:
    return {"service": version.service.code, "version": version.number,
            "fields": [field["name"] for field in version.fields]}


@transaction.atomic
def save_form_draft(*, actor: Any, service: Service, fields: list[dict[str, Any]]) -> FormVersion:
    """Create the service's draft form (numbered after the highest version) or replace its fields.
    Raises ServicePermissionError, or FormDefinitionError listing what to fix."""
    service = _locked_service(actor, service)
    cleaned = clean_definition(fields)
    draft = _draft(service)
    created = draft is None
    if draft is None:
        highest = FormVersion.objects.filter(service=service).aggregate(n=Max("number"))["n"]
        draft = FormVersion.objects.create(
            service=service, number=(highest or 0) + 1, status=FormVersion.Status.DRAFT,
            fields=cleaned, created_by=actor if getattr(actor, "pk", None) else None)
    else:
        draft.fields = cleaned
        draft.save(update_fields=["fields"])
    draft.service = service
    record_audit(actor=actor, action="service.form_draft_saved", target=draft,
                 details={**_details(draft), "created": created})
    return draft


@transaction.atomic
def publish_form(*, actor: Any, service: Service) -> FormVersion:
    """The draft becomes the service's current form, from now on for every new application."""
    service = _locked_service(actor, service)
    draft = _draft(service)
    if draft is None:
        raise ServiceError(_("Belum ada draf formulir untuk diterbitkan. Ubah formulir dulu."))
    fields = clean_definition(draft.fields)  # the rules may have grown since it was saved
    if not fields:
        raise ServiceError(_("Formulir ini belum punya isian. Tambahkan isian dulu, lalu "
                             "terbitkan."))
    draft.fields = fields
    draft.status = FormVersion.Status.PUBLISHED
    draft.published_at = timezone.now()
    draft.save(update_fields=["fields", "status", "published_at"])
    draft.service = service
    details = _details(draft)
    record_audit(actor=actor, action="service.form_published", target=draft, details=details)
    emit("service.form_published", {**details, "form_version_id": draft.pk,
                                    "agency": service.agency.code}, aggregate=draft)
    return draft


@transaction.atomic
def discard_form_draft(*, actor: Any, service: Service) -> None:
    """Throw away the draft; the published form (if any) stays as it is."""
    service = _locked_service(actor, service)
    draft = _draft(service)
    if draft is None:
        raise ServiceError(_("Tidak ada draf formulir yang dapat dibuang."))
    draft.service = service
    record_audit(actor=actor, action="service.form_draft_discarded", target=draft,
                 details=_details(draft))
    draft.delete()
