"""Open311 GeoReport v2, filing: POST requests with an agency API key (scope
complaints:write). Which keys get in (403 otherwise, nothing written), the spec's 400 errors for
bad input (nothing written), and a filed report that the responsible agency then works: its
status changes show in Open311."""

from __future__ import annotations

from typing import Any

import pytest
from django.test import Client
from django.urls import reverse

from anrong.accounts.testing import sign_in
from anrong.agencies.models import Agency
from anrong.core.models import AuditEvent
from anrong.integrations.actions import keys as key_actions
from anrong.integrations.tests.fixtures_keys import fresh_rate_limits, issue  # noqa: F401
from anrong.reports import actions, permissions, queries
from anrong.reports.models import Report

from .conftest import OUTSIDE, POINT
from .open311_schemas import as_text, from_xml, validate

pytestmark = pytest.mark.django_db

URL = "/open311/v2/requests.{fmt}"


def dishub_key(personas: dict[str, Any], scopes: tuple[str, ...] = ("complaints:write",)):  # type: ignore[no-untyped-def]
    """A key of Dinas Perhubungan's street-light system (any agency's key may file reports)."""
    return issue(personas, scopes=list(scopes), name="PJU Dishub",
                 agency=Agency.objects.get(code="DISHUB"), admin="other_agency_admin")


def form(key: str | None, **fields: Any) -> dict[str, Any]:
    data = {"service_code": "lampu_jalan", "lat": str(POINT[0]), "long": str(POINT[1]),
            "description": "Lampu jalan di depan Balai Kota mati sejak tiga hari.",
            "address_string": "Jl. Ahmad Yani, depan Balai Kota",
            "email": "rahman@example.com", "first_name": "Daeng", "last_name": "Rahman",
            "phone": "+6281299990000", **fields}
    if key is not None:
        data["api_key"] = key
    return {name: value for name, value in data.items() if value is not None}


def post(data: dict[str, Any], fmt: str = "json", *, status: int, client: Client | None = None,
         query: str = "") -> Any:
    """POST the form; check the status and the answer's shape in that format. Returns the data
    (JSON, or the XML read as text)."""
    response = (client or Client()).post(URL.format(fmt=fmt) + query, data)
    assert response.status_code == status, response.content[:800]
    kind = "post-response" if status == 200 else "errors"
    if fmt == "json":
        assert response["Content-Type"] == "application/json; charset=utf-8"
        return validate(response.json(), kind)
    assert response["Content-Type"] == "text/xml; charset=utf-8"
    return from_xml(response.content, "service_requests" if status == 200 else "errors",
                    "request" if status == 200 else "error")


def nothing_filed() -> bool:
    return not Report.objects.exists() and not AuditEvent.objects.filter(
        action="complaint.created").exists()


# --- who may file ---------------------------------------------------------------------------------


@pytest.mark.parametrize("fmt", ["json", "xml"])
def test_without_a_key_it_is_403(personas, fmt):
    [error] = post(form(None), fmt, status=403)
    assert error["code"] in (403, "403") and "api_key" in error["description"]
    assert nothing_filed()


@pytest.mark.parametrize("text", ["anr_00000000_" + "a" * 40, "anr_nonsense", "secret"])
def test_an_unknown_key_is_403(personas, text):
    [error] = post(form(text), status=403)
    assert error["code"] == 403
    assert nothing_filed()


def test_a_revoked_key_is_403(personas):
    issued = dishub_key(personas)
    key_actions.revoke_key(actor=personas["other_agency_admin"], key=issued.key)
    post(form(issued.text), status=403)
    assert nothing_filed()


def test_a_key_without_the_scope_is_403(personas):
    issued = dishub_key(personas, scopes=("complaints:read", "catalogue:read"))
    [error] = post(form(issued.text), "xml", status=403)
    assert "complaints:write" in error["description"]
    assert nothing_filed()


def test_too_many_failed_keys_from_one_address_is_429(personas, settings):
    settings.API_KEY_FAILURE_LIMIT = 2
    for _ in range(2):
        post(form("anr_nonsense"), status=403)
    good = dishub_key(personas)
    [error] = post(form(good.text), status=429)
    assert error["code"] == 429
    assert nothing_filed()


# --- filing ---------------------------------------------------------------------------------------


def test_a_key_files_a_report_that_the_agency_then_sees(personas, dishub_officer):
    issued = dishub_key(personas)
    client = Client(enforce_csrf_checks=True)  # key-authenticated: no CSRF token needed
    [answer] = post(form(issued.text, jurisdiction_id="makassarkota.go.id"), status=200,
                    client=client)
    report = Report.objects.get(tracking_no=answer["service_request_id"])
    assert answer["token"] == str(report.token)
    assert "account_id" not in answer  # no Anrong account behind it
    assert "Dinas Perhubungan" in answer["service_notice"]
    assert report.source == "open311" and report.api_key_id == issued.key.pk
    assert report.reporter is None and report.is_public
    assert (report.contact_name, report.contact_email, report.contact_phone) == (
        "Daeng Rahman", "rahman@example.com", "+6281299990000")
    assert report.address == "Jl. Ahmad Yani, depan Balai Kota"
    assert report.agency.code == "DISHUB" and report.status == "received"
    # The responsible agency's officer finds it in the queue and opens it in the console.
    assert report in queries.agency_queue(report.agency)
    assert permissions.can_view_report(dishub_officer, report)
    officer = Client()
    sign_in(officer, dishub_officer)
    queue = officer.get(reverse("reports_console:queue", args=["DISHUB"]))
    assert queue.status_code == 200 and report.tracking_no in queue.content.decode()
    page = officer.get(reverse("reports_console:detail", args=[report.tracking_no]))
    assert page.status_code == 200 and "Jl. Ahmad Yani, depan Balai Kota" in page.content.decode()
    # The client follows it with the token and the id.
    [found] = Client().get(f"/open311/v2/tokens/{answer['token']}.json").json()
    assert found["service_request_id"] == report.tracking_no
    [shown] = Client().get(f"/open311/v2/requests/{report.tracking_no}.json").json()
    assert shown["status"] == "open" and shown["service_code"] == "lampu_jalan"


def test_the_key_may_come_as_a_bearer_header(personas):
    issued = dishub_key(personas)
    response = Client().post(URL.format(fmt="json"), form(None),
                             HTTP_AUTHORIZATION=f"Bearer {issued.text}")
    assert response.status_code == 200, response.content
    assert Report.objects.get().api_key_id == issued.key.pk


def test_the_xml_answer_says_the_same(personas):
    issued = dishub_key(personas)
    [answer] = post(form(issued.text), "xml", status=200)
    report = Report.objects.get()
    assert answer == as_text({"service_request_id": report.tracking_no,
                              "token": str(report.token),
                              "service_notice": answer["service_notice"]})


def test_status_changes_show_in_open311(personas, dishub_officer):
    issued = dishub_key(personas)
    [answer] = post(form(issued.text), status=200)
    report = Report.objects.get(tracking_no=answer["service_request_id"])
    url = f"/open311/v2/requests/{report.tracking_no}.json"
    report = actions.verify(actor=dishub_officer, report=report,
                            note="Petugas PJU sudah mengecek lokasi.")
    [shown] = validate(Client().get(url).json(), "requests")
    assert shown["status"] == "open" and shown["status_notes"] == "Petugas PJU sudah mengecek lokasi."
    report = actions.start_work(actor=dishub_officer, report=report)
    report = actions.resolve(actor=dishub_officer, report=report,
                             note="Lampu sudah diganti dengan LED baru.")
    [shown] = validate(Client().get(url).json(), "requests")
    assert shown["status"] == "closed"
    assert shown["status_notes"] == "Lampu sudah diganti dengan LED baru."
    assert shown["updated_datetime"] >= shown["requested_datetime"]
    closed = Client().get("/open311/v2/requests.json?status=closed").json()
    assert [item["service_request_id"] for item in closed] == [report.tracking_no]


def test_attributes_of_the_service_are_kept(personas):
    issued = dishub_key(personas)
    post(form(issued.text, service_code="jalan_rusak", **{"attribute[ukuran]": "besar"},
              description="Jalan berlubang besar di depan pasar Terong."), status=200)
    assert Report.objects.get().attributes == {"ukuran": "besar"}


# --- refused input: 400, nothing written ------------------------------------------------------------


@pytest.mark.parametrize(("fields", "mentions"), [
    ({"service_code": "ufo"}, "ufo"),
    ({"service_code": None}, "service_code"),
    ({"lat": None, "long": None}, "lat"),  # address_string alone is not enough
    ({"long": None}, "long"),
    ({"lat": "utara", "long": "timur"}, "lat/long"),
    ({"lat": str(OUTSIDE[0]), "long": str(OUTSIDE[1])}, "Makassar"),
    ({"description": "mati"}, "description"),
    ({"attribute[warna]": "merah"}, "attribute[warna]"),
    ({"service_code": "jalan_rusak", "attribute[ukuran]": "raksasa"}, "attribute[ukuran]"),
    ({"service_code": "drainase_banjir", "attribute[kedalaman_cm]": "dalam"},
     "attribute[kedalaman_cm]"),
    ({"email": "bukan-email"}, "email"),
    ({"service_code": "jalan_rusak", "attribute[ukuran]": ["besar", "kecil"]}, "attribute[ukuran]"),
])
@pytest.mark.parametrize("fmt", ["json", "xml"])
def test_bad_input_is_400_and_files_nothing(personas, fields, mentions, fmt):
    issued = dishub_key(personas)
    errors = post(form(issued.text, **fields), fmt, status=400)
    assert all(str(error["code"]) == "400" for error in errors)
    assert any(mentions in error["description"] for error in errors), errors
    assert nothing_filed()


def test_a_wrong_jurisdiction_is_404_and_files_nothing(personas):
    issued = dishub_key(personas)
    [error] = post(form(issued.text, jurisdiction_id="sf.gov"), status=404)
    assert "sf.gov" in error["description"]
    [error] = post(form(issued.text), status=404, query="?jurisdiction_id=sf.gov")
    assert nothing_filed()


def test_a_flood_from_one_address_is_429(personas, settings):
    settings.LAPOR_MAX_PER_ADDRESS_HOUR = 1
    issued = dishub_key(personas)
    post(form(issued.text), status=200)
    [error] = post(form(issued.text), "xml", status=429)
    assert error["code"] == "429" and error["description"]
    assert Report.objects.count() == 1
