"""Public API of the agency registry, mounted at /api/v1/agencies/."""

from __future__ import annotations

from django.http import Http404
from ninja import Query, Router

from . import queries
from .models import Agency
from .schemas import AgencyDetailOut, AgencyRowOut

router = Router(auth=None, tags=["agencies"])


@router.get("/", response=list[AgencyRowOut], summary="Daftar OPD / List agencies")
def list_agencies(  # type: ignore[no-untyped-def]
    request,
    kind: Agency.Kind | None = Query(None, description="dinas, badan, kecamatan, puskesmas, …"),  # noqa: B008
    q: str | None = Query(None, max_length=100, description="Cari di nama, singkatan atau kode."),  # noqa: B008
):
    return queries.agency_rows(kind=kind, q=q)


@router.get("/{code}", response=AgencyDetailOut, summary="Satu OPD / One agency")
def agency_detail(request, code: str):  # type: ignore[no-untyped-def]
    agency = queries.agency_with_places(code)
    if agency is None:
        raise Http404
    return agency
