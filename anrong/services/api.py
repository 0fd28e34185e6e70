"""Public API of the service catalogue, mounted at /api/v1/services/."""

from __future__ import annotations

from typing import Any

from django.http import Http404
from django.utils.translation import gettext as _
from ninja import Query, Router
from ninja.errors import HttpError

from anrong.core.api_auth import PUBLIC_OR_KEY_OPENAPI, public_or_key

from . import queries
from .formdef import json_schema
from .schemas import CategoryOut, LifeEventOut, ServiceDetailOut, ServiceFormOut, ServiceRowOut

# Public; an agency system may also read it with an API key holding `catalogue:read`.
router = Router(auth=public_or_key("catalogue:read"), tags=["services"])


def _out(row: dict[str, Any]) -> dict[str, Any]:
    return {
        "code": row["code"], "name": row["name"], "summary": row["summary"],
        "agency_code": row["agency__code"], "agency_name": row["agency_label"],
        "category_code": row["category__code"], "category_name": row["category__name"],
        "fee_rupiah": row["fee_rupiah"], "fee_note": row["fee_note"],
        "sla_working_days": row["sla_working_days"], "delivery": row["delivery"],
        "delivery_label": row["delivery_label"], "external_url": row["external_url"],
    }


@router.get("/", response=list[ServiceRowOut], summary="Katalog layanan / Service catalogue",
            openapi_extra=PUBLIC_OR_KEY_OPENAPI)
def list_services(  # type: ignore[no-untyped-def]
    request,
    category: str | None = Query(None, max_length=40, description="Kode kategori, mis. kependudukan."),  # noqa: B008
    agency: str | None = Query(None, max_length=40, description="Kode OPD, mis. DISDUKCAPIL."),  # noqa: B008
    life_event: str | None = Query(None, max_length=40, description="Kode peristiwa hidup."),  # noqa: B008
    q: str | None = Query(None, max_length=100, description="Kata pencarian (semua kata harus cocok)."),  # noqa: B008
):
    rows = queries.catalogue(category=category, agency=agency, life_event=life_event, q=q)
    return [_out(row) for row in rows]


@router.get("/categories", response=list[CategoryOut], summary="Kategori layanan / Categories",
            openapi_extra=PUBLIC_OR_KEY_OPENAPI)
def list_categories(request):  # type: ignore[no-untyped-def]
    return queries.categories_with_counts()


@router.get("/life-events", response=list[LifeEventOut],
            summary="Peristiwa hidup / Life events", openapi_extra=PUBLIC_OR_KEY_OPENAPI)
def list_life_events(request):  # type: ignore[no-untyped-def]
    return [
        {"code": e.code, "name": e.name, "description": e.description,
         "services": [step.service.code for step in e.active_steps]}
        for e in queries.life_events_with_services()
    ]


@router.get("/{code}", response=ServiceDetailOut, summary="Satu layanan / One service",
            openapi_extra=PUBLIC_OR_KEY_OPENAPI)
def service_detail(request, code: str):  # type: ignore[no-untyped-def]
    service = queries.service_by_code(code)
    if service is None:
        raise Http404
    agency = service.agency
    return {
        "code": service.code, "name": service.name, "summary": service.summary,
        "agency_code": agency.code, "agency_name": agency.short_name or agency.name,
        "category_code": service.category.code, "category_name": service.category.name,
        "fee_rupiah": service.fee_rupiah, "fee_note": service.fee_note,
        "sla_working_days": service.sla_working_days, "delivery": service.delivery,
        "delivery_label": str(service.get_delivery_display()),
        "external_url": service.external_url, "description": service.description,
        "requirements": service.requirements, "legal_basis": service.legal_basis,
        "output": service.output, "life_events": [e.code for e in service.life_events.all()],
        "updated_at": service.updated_at.isoformat(),
    }


@router.get("/{code}/form", response=ServiceFormOut, by_alias=True, exclude_none=True,
            openapi_extra=PUBLIC_OR_KEY_OPENAPI,
            summary="Formulir permohonan layanan / A service's application form")
def service_form(request, code: str):  # type: ignore[no-untyped-def]
    """The form citizens fill in now (the newest published version): its fields, and a JSON
    Schema of the answers object. Files are uploaded separately, one per file field."""
    service = queries.service_by_code(code)
    if service is None:
        raise Http404
    form = queries.current_form(service)
    if form is None:
        raise HttpError(404, _("Layanan ini belum dapat diajukan secara daring: belum ada "
                               "formulir yang terbit."))
    return {"service": service.code, "version": form.number, "fields": form.fields,
            "schema": json_schema(form.fields)}
