"""Agency systems read their agency's reports with an API key holding `complaints:read`:
the queue (private reports included) and one report; other agencies' work stays closed."""

from __future__ import annotations

import pytest
from django.test import Client

from anrong.agencies.models import Agency
from anrong.integrations.tests.fixtures_keys import bearer, fresh_rate_limits, issue  # noqa: F401

pytestmark = pytest.mark.django_db


def _key(personas, scopes, agency="DISHUB"):  # type: ignore[no-untyped-def]
    return issue(personas, scopes=scopes, name="Sistem PJU",
                 agency=Agency.objects.get(code=agency), admin="other_agency_admin"
                 if agency == "DISHUB" else "agency_admin").text


def test_a_key_reads_its_agencys_queue_and_private_reports(regions, personas, make_report):
    private = make_report(is_public=False)
    public = make_report(description="Lampu kedua di jalan yang sama juga mati.")
    key = _key(personas, ["complaints:read"])
    response = Client().get("/api/v1/reports/queue", {"agency": "DISHUB"}, **bearer(key))
    assert response.status_code == 200, response.content
    assert {i["tracking_no"] for i in response.json()["items"]} == {private.tracking_no,
                                                                   public.tracking_no}
    one = Client().get(f"/api/v1/reports/{private.tracking_no}", **bearer(key))
    assert one.status_code == 200 and one.json()["is_public"] is False
    assert personas["citizen"].citizen_profile.full_name not in one.content.decode()


def test_keys_without_the_scope_or_of_another_agency_are_refused(regions, personas, make_report):
    private = make_report(is_public=False)
    wrong_scope = _key(personas, ["catalogue:read"])
    assert Client().get("/api/v1/reports/queue", {"agency": "DISHUB"},
                        **bearer(wrong_scope)).status_code == 403
    other = _key(personas, ["complaints:read"], agency="DISDUKCAPIL")
    assert Client().get("/api/v1/reports/queue", {"agency": "DISHUB"},
                        **bearer(other)).status_code == 404
    assert Client().get(f"/api/v1/reports/{private.tracking_no}",
                        **bearer(other)).status_code == 404
    assert Client().get("/api/v1/reports/queue", {"agency": "DISHUB"}).status_code == 401
