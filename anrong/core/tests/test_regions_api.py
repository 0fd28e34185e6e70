"""The public region endpoints at /api/v1/core/."""

from __future__ import annotations

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext

pytestmark = pytest.mark.django_db


def test_kecamatan_are_listed(client, regions):
    body = client.get("/api/v1/core/regions", {"level": "kecamatan"}).json()
    assert len(body) == 15
    assert body[0] == {"code": "73.71.01", "level": "kecamatan", "name": "Mariso",
                       "parent_code": "73.71"}


def test_kelurahan_of_one_kecamatan(client, regions):
    body = client.get("/api/v1/core/regions", {"level": "kelurahan", "parent": "73.71.01"}).json()
    assert len(body) == 9
    assert {r["parent_code"] for r in body} == {"73.71.01"}
    assert "geometry" not in body[0]


def test_all_of_makassar_without_a_filter(client, regions):
    assert len(client.get("/api/v1/core/regions").json()) == 15 + 153


def test_a_bad_level_is_a_422(client, regions):
    response = client.get("/api/v1/core/regions", {"level": "provinsi"})
    assert response.status_code == 422 and response.json()["code"] == "invalid"


def test_the_region_list_query_count_does_not_grow_with_rows(client, regions):
    def count(params):  # type: ignore[no-untyped-def]
        with CaptureQueriesContext(connection) as ctx:
            client.get("/api/v1/core/regions", params)
        return len(ctx.captured_queries)

    assert count({"level": "kecamatan"}) == count({"level": "kelurahan"}) == count({})


def test_the_kelurahan_at_a_point(client, regions):
    # Puskesmas Dahlia, Kel. Kampung Buyang, Kec. Mariso
    response = client.get("/api/v1/core/regions/at", {"lat": "-5.15993", "lng": "119.408043"})
    body = response.json()
    assert response.status_code == 200
    assert body["kelurahan"]["name"] == "Kampung Buyang"
    assert body["kecamatan"] == {"code": "73.71.01", "level": "kecamatan", "name": "Mariso",
                                 "parent_code": "73.71"}


def test_a_point_outside_the_city_is_404_with_the_error_body(client, regions):
    response = client.get("/api/v1/core/regions/at", {"lat": "-6.2", "lng": "106.8"})
    assert response.status_code == 404
    assert response.json() == {"code": "not_found",
                               "message": "Titik ini berada di luar Kota Makassar.",
                               "details": {}}


@pytest.mark.parametrize("params", [{"lat": "abc", "lng": "119.4"}, {"lat": "-5.1"},
                                    {"lat": "95", "lng": "119.4"}])
def test_bad_numbers_are_a_422(client, regions, params):
    response = client.get("/api/v1/core/regions/at", params)
    assert response.status_code == 422 and response.json()["code"] == "invalid"
