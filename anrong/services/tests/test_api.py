"""The public catalogue API at /api/v1/services/."""

import pytest

from anrong.services.seed import SERVICES

pytestmark = pytest.mark.django_db


def test_list_all_services_as_rows(client, catalogue):
    rows = client.get("/api/v1/services/").json()
    assert len(rows) == len(SERVICES)
    nib = next(r for r in rows if r["code"] == "DPMPTSP-NIB")
    assert nib["agency_code"] == "DPMPTSP" and nib["delivery"] == "national_system"
    assert nib["external_url"] == "https://oss.go.id" and nib["fee_rupiah"] == 0


def test_list_filters_and_search(client, catalogue):
    codes = [r["code"] for r in client.get("/api/v1/services/", {"q": "akta lahir"}).json()]
    assert codes[0] == "DKC-AKTA-LAHIR"  # the name matches; others only in requirements
    assert "DKC-KIA" in codes and "DISHUB-UJI-KIR" not in codes
    by_agency = client.get("/api/v1/services/", {"agency": "DISHUB"}).json()
    assert [r["code"] for r in by_agency] == ["DISHUB-UJI-KIR"]
    by_event = client.get("/api/v1/services/", {"life_event": "kematian"}).json()
    assert {r["code"] for r in by_event} == {"DKC-AKTA-MATI", "DKC-KK-UBAH"}
    by_category = client.get("/api/v1/services/", {"category": "pendidikan"}).json()
    assert [r["code"] for r in by_category] == ["DISDIK-MUTASI"]


def test_one_service(client, catalogue):
    body = client.get("/api/v1/services/DKC-AKTA-LAHIR").json()
    assert body["requirements"][0].startswith("Surat keterangan lahir")
    assert body["life_events"] == ["kelahiran-anak"] and "Pasal 79A" in body["legal_basis"]


def test_unknown_service_is_a_404_with_the_house_error_body(client, catalogue):
    response = client.get("/api/v1/services/TIDAK-ADA")
    assert response.status_code == 404 and response.json()["code"] == "not_found"


def test_categories_with_counts(client, catalogue):
    rows = client.get("/api/v1/services/categories").json()
    assert rows[0]["code"] == "kependudukan" and rows[0]["service_count"] == 11
    assert len(rows) == 10


def test_life_events_list_their_services_in_order(client, catalogue):
    events = {e["code"]: e for e in client.get("/api/v1/services/life-events").json()}
    assert events["kelahiran-anak"]["services"] == ["DKC-AKTA-LAHIR", "DKC-KK-UBAH", "DKC-KIA"]
    assert set(events) >= {"pindah-datang", "kematian", "memulai-usaha", "menikah"}
