"""Life events ("Kelahiran anak", "Pindah datang"): one guided flow files the linked
applications at several agencies under one reference, all or none."""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

from django.db import transaction
from django.utils.translation import gettext as _

from anrong.core.audit import record_audit
from anrong.core.outbox import emit

from .. import permissions
from ..errors import AnswersInvalid, ApplicationError
from ..models import LifeEventFiling, Service
from .applications import _current_form, _prepare, _require, _write


def _reusable(upload: Any) -> Any:
    """An uploaded file read once and handed to several forms (each check reads it again)."""
    from django.core.files.uploadedfile import SimpleUploadedFile

    upload.seek(0)
    content = upload.read()
    return lambda: SimpleUploadedFile(getattr(upload, "name", "") or "berkas", content,
                                      getattr(upload, "content_type", "") or "")


@transaction.atomic
def file_life_event(*, actor: Any, life_event: Any, services: list[Service],
                    answers: Mapping[str, Any],
                    files: Mapping[str, Any] | None = None) -> LifeEventFiling:
    """One guided flow for a life event ("Kelahiran anak"): the citizen answers once (a field
    with the same name in several forms is asked once) and one application is filed at each
    chosen service's agency, all tied to one reference and tracked together. Every form is
    checked before anything is written; an error in one files none."""
    import secrets

    from ..tracking import ALPHABET

    _require(permissions.can_apply(actor),
             _("Lengkapi profil Anda (NIK dan data diri) sebelum mengajukan permohonan."))
    steps = {step.service_id: step for step in life_event.steps.all()}
    chosen = [service for service in services if service.pk in steps]
    if not chosen:
        raise ApplicationError(_("Pilih paling sedikit satu layanan."))
    makers = {name: _reusable(upload) for name, upload in (files or {}).items()}
    prepared, errors = {}, {}
    for service in chosen:
        form = _current_form(service)
        names = {field["name"] for field in (form.fields if form else [])}
        try:
            prepared[service.pk] = _prepare(
                actor=actor, service=service,
                answers={k: v for k, v in answers.items() if k in names},
                files={k: make() for k, make in makers.items() if k in names})
        except AnswersInvalid as exc:
            errors.update({k: v for k, v in exc.errors.items() if k not in errors})
    if errors:
        raise AnswersInvalid(errors)
    for _attempt in range(5):
        reference = "PH-" + "".join(secrets.choice(ALPHABET) for _ in range(8))
        if not LifeEventFiling.objects.filter(reference=reference).exists():
            break
    filing = LifeEventFiling.objects.create(reference=reference, life_event=life_event,
                                            citizen=actor)
    filed = [_write(actor=actor, service=service, prepared=prepared[service.pk], key=None,
                    life_event_filing=filing) for service in chosen]
    record_audit(actor=actor, action="life_event.filed", target=filing,
                 details={"life_event": life_event.code,
                          "applications": [a.tracking_no for a in filed]})
    emit("life_event.filed", {"reference": reference, "life_event": life_event.code,
                              "applications": [a.tracking_no for a in filed]}, aggregate=filing)
    return filing


