"""Makassar's agencies as demo data."""

from __future__ import annotations

import csv

import pytest

from anrong.agencies import seed
from anrong.agencies.models import Agency, Office, Unit
from anrong.core import modules
from anrong.core.queries import region_at

pytestmark = pytest.mark.django_db


@pytest.fixture
def seeded(regions):  # type: ignore[no-untyped-def]
    seed.seed_agencies()


def _fixture_rows(name: str) -> list[dict[str, str]]:
    with open(seed.FIXTURES / name, encoding="utf-8") as fh:
        return list(csv.DictReader(fh))


def test_all_agencies_and_puskesmas_are_seeded_with_readable_codes(seeded):
    assert Agency.objects.exclude(kind="puskesmas").count() == 50
    assert Agency.objects.filter(kind="puskesmas", parent__code="DINKES").count() == 37
    for code in ("DISDUKCAPIL", "DINKES", "DPMPTSP", "DISKOMINFO", "DISKOPUKM", "DPU", "DLH",
                 "DISHUB", "BKPSDMD", "BPBD", "SATPOLPP", "KEC-MARISO", "PKM-KASSI-KASSI"):
        assert Agency.objects.filter(code=code).exists(), code
    assert Agency.objects.get(code="SATPOLPP").kind == Agency.Kind.SATPOL


def test_kecamatan_offices_are_linked_to_their_kecamatan(seeded):
    kecamatan = Agency.objects.filter(kind="kecamatan").select_related("region")
    assert kecamatan.count() == 15
    for agency in kecamatan:
        assert agency.region.level == "kecamatan"
        assert agency.name == f"Kecamatan {agency.region.name} Kota Makassar"
        office = agency.offices.get()
        assert office.kelurahan.parent_id == agency.region_id  # the point lies in the kecamatan
        assert "perkiraan" in office.address


def test_every_agency_has_a_main_office_inside_makassar(seeded):
    offices = Office.objects.select_related("agency")
    assert offices.count() == Agency.objects.count() == 87
    for office in offices:
        assert office.is_main
        assert office.kelurahan is not None, office.name
        assert region_at(float(office.lat), float(office.lng)) == office.kelurahan


def test_puskesmas_offices_keep_the_kemenkes_coordinates(seeded):
    for row in _fixture_rows("makassar_puskesmas.csv"):
        office = Office.objects.get(agency__facility_code=row["kemenkes_code"])
        if row["kemenkes_code"] in seed.PUSKESMAS_CORRECTIONS:
            assert office.kelurahan.name == "Barrang Lompo"
            assert "perkiraan" in office.address
            continue
        assert float(office.lat) == pytest.approx(float(row["lat"]), abs=1e-6)
        assert float(office.lng) == pytest.approx(float(row["lng"]), abs=1e-6)
        assert office.address == row["address"]


def test_the_city_hall_is_named_plainly_and_other_guesses_say_so(seeded):
    setda = Office.objects.get(agency__code="SETDA")
    assert setda.address == "Balai Kota Makassar, Jl. Ahmad Yani No. 2, Makassar"
    assert setda.kelurahan.parent.name == "Ujung Pandang"
    assert "perkiraan" in Office.objects.get(agency__code="DISDUKCAPIL").address


def test_main_agencies_have_units(seeded):
    names = set(Unit.objects.filter(agency__code="DISDUKCAPIL").values_list("name", flat=True))
    assert {"Bidang Pelayanan Pendaftaran Penduduk", "Bidang Pelayanan Pencatatan Sipil"} <= names
    assert Unit.objects.filter(agency__code="DINKES").count() >= 4


def test_every_city_agency_in_the_fixture_has_a_hand_chosen_code():
    for row in _fixture_rows("makassar_agencies.csv"):
        assert row["kind"] == "kecamatan" or row["name"] in seed.CODES


def test_seeding_twice_changes_nothing(seeded):
    def state():  # type: ignore[no-untyped-def]
        return (
            list(Agency.objects.order_by("code").values_list(
                "pk", "code", "name", "short_name", "kind", "parent", "region", "facility_code")),
            list(Office.objects.order_by("pk").values_list(
                "pk", "agency", "name", "address", "lat", "lng", "kelurahan", "is_main")),
            list(Unit.objects.order_by("pk").values_list("pk", "agency", "name")),
        )

    before = state()
    seed.seed_agencies()
    assert state() == before


def test_the_module_seeds_after_the_regions():
    module = modules.get("agencies")
    assert module.seeder is seed.seed_agencies and module.seed_after == ("core",)
    order = [m.slug for m in modules.seed_order()]
    assert order.index("core") < order.index("agencies")
