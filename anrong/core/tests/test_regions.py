import pytest

from anrong.core.models import Region
from anrong.core.queries import region_at
from anrong.core.seed import seed_regions

pytestmark = pytest.mark.django_db


def test_makassar_has_15_kecamatan_and_153_kelurahan(regions):
    assert Region.objects.filter(level="kecamatan", parent_id="73.71").count() == 15
    assert Region.objects.filter(level="kelurahan", code__startswith="73.71.").count() == 153
    assert Region.objects.get(code="73.71").population == 1482354


def test_every_kelurahan_has_a_boundary(regions):
    assert not Region.objects.filter(level="kelurahan", boundary__isnull=True).exists()
    assert not Region.objects.filter(level="kecamatan", parent_id="73.71", boundary__isnull=True).exists()


def test_seeding_twice_changes_nothing(regions):
    before = Region.objects.count()
    seed_regions()
    assert Region.objects.count() == before


def test_region_at_finds_the_kelurahan_of_a_point(regions):
    # Puskesmas Dahlia, Jl. Seroja, Kel. Kampung Buyang, Kec. Mariso (shared puskesmas list).
    kelurahan = region_at(-5.15993, 119.408043)
    assert kelurahan is not None
    assert kelurahan.parent.name == "Mariso"


def test_region_at_answers_none_outside_the_city(regions):
    assert region_at(-6.2, 106.8) is None  # Jakarta
    assert region_at(-5.13, 119.30) is None  # Makassar Strait, west of the coast
