"""The public agency registry API at /api/v1/agencies/."""

from __future__ import annotations

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext

from anrong.agencies import actions, seed

pytestmark = pytest.mark.django_db


def test_the_list_filters_by_kind_and_text(client, regions):
    seed.seed_agencies()
    everything = client.get("/api/v1/agencies/").json()
    assert len(everything) == 87
    puskesmas = client.get("/api/v1/agencies/", {"kind": "puskesmas"}).json()
    assert len(puskesmas) == 37 and {a["parent_code"] for a in puskesmas} == {"DINKES"}
    found = client.get("/api/v1/agencies/", {"q": "dukcapil"}).json()
    assert [a["code"] for a in found] == ["DISDUKCAPIL"]
    mariso = client.get("/api/v1/agencies/", {"q": "KEC-MARISO"}).json()
    assert mariso[0]["region_code"] == "73.71.01"


def test_an_unknown_kind_is_a_422_with_the_error_body(client):
    response = client.get("/api/v1/agencies/", {"kind": "kerajaan"})
    assert response.status_code == 422
    assert response.json()["code"] == "invalid"


def test_the_detail_has_offices_and_units(client, regions):
    seed.seed_agencies()
    body = client.get("/api/v1/agencies/disdukcapil").json()
    assert body["code"] == "DISDUKCAPIL" and body["kind"] == "dinas"
    assert "Bidang Pelayanan Pencatatan Sipil" in [u["name"] for u in body["units"]]
    office = body["offices"][0]
    assert office["is_main"] and office["kecamatan"] == "Ujung Pandang"
    assert office["kelurahan_code"].startswith("73.71.")


def test_an_unknown_or_inactive_agency_is_404(client, root, agency):
    assert client.get("/api/v1/agencies/NOPE").json()["code"] == "not_found"
    actions.update_agency(actor=root, agency=agency, is_active=False)
    assert client.get(f"/api/v1/agencies/{agency.code}").status_code == 404
    assert client.get("/api/v1/agencies/").json() == []


def _queries(client, url: str) -> int:
    with CaptureQueriesContext(connection) as ctx:
        assert client.get(url).status_code == 200
    return len(ctx.captured_queries)


def test_the_list_query_count_does_not_grow_with_rows(client, root, agency):
    for n in range(3):
        actions.create_agency(actor=root, code=f"PKM-{n}", name=f"Puskesmas {n}",
                              kind="puskesmas", parent=agency)
    few = _queries(client, "/api/v1/agencies/")
    for n in range(3, 12):
        actions.create_agency(actor=root, code=f"PKM-{n}", name=f"Puskesmas {n}",
                              kind="puskesmas", parent=agency)
    assert _queries(client, "/api/v1/agencies/") == few


def test_the_detail_query_count_does_not_grow_with_offices(client, regions, root, agency):
    actions.add_office(actor=root, agency=agency, name="Kantor 1", lat="-5.1338", lng="119.4117")
    few = _queries(client, f"/api/v1/agencies/{agency.code}")
    for n in range(2, 6):
        actions.add_office(actor=root, agency=agency, name=f"Kantor {n}", lat="-5.15993",
                           lng="119.408043")
        actions.add_unit(actor=root, agency=agency, name=f"Bidang {n}")
    assert _queries(client, f"/api/v1/agencies/{agency.code}") == few
