"""Open311 GeoReport v2, reading: discovery, services and their definitions, public service
requests with the spec's filters, one request, tokens; each in JSON and XML, checked against
the Open311 JSON Schemas and the spec's XML element names. Nothing about who reported."""

from __future__ import annotations

import datetime as dt
from typing import Any
from urllib.parse import urlsplit

import pytest
from django.db import connection
from django.test import Client
from django.test.utils import CaptureQueriesContext
from django.urls import NoReverseMatch, include, path, reverse
from django.utils import timezone, translation

from anrong.reports import actions
from anrong.reports.categories import CATEGORIES, Category
from anrong.reports.models import Report, ReportPhoto
from anrong.reports.testing import sample_jpeg

from .conftest import OTHER_POINT
from .open311_schemas import as_text, from_xml, validate

pytestmark = pytest.mark.django_db

BASE = "/open311/v2/"
ROOTS = {  # what each answer is: its schema, XML root and XML item
    "services": ("services", "services", "service"),
    "service": ("service-definition", "service_definition", None),
    "requests": ("requests", "service_requests", "request"),
    "token": ("token-response", "service_requests", "request"),
    "discovery": ("discovery", "discovery", None),
    "errors": ("errors", "errors", "error"),
}


def fetch(path: str, kind: str, *, status: int = 200, client: Client | None = None,
          **extra: Any) -> Any:
    """GET `path` as .json and as .xml; check both against the schema and the XML names, and
    that they say the same. Returns the JSON."""
    schema, root, item = ROOTS[kind]
    client = client or Client()
    answers = {}
    for fmt, content_type in (("json", "application/json"), ("xml", "text/xml")):
        url = path.replace(".FMT", f".{fmt}")
        response = client.get(url, **extra)
        assert response.status_code == status, (url, response.content[:500])
        assert response["Content-Type"] == f"{content_type}; charset=utf-8"
        answers[fmt] = response
    data = validate(answers["json"].json(), schema)
    assert from_xml(answers["xml"].content, root, item) == as_text(data)
    return data


def set_created(report: Report, when: dt.datetime) -> None:
    """Move a report back in time (test setup: the clock cannot be run 100 days)."""
    Report.objects.filter(pk=report.pk).update(created_at=when)


# --- discovery and services -----------------------------------------------------------------------


def test_discovery_names_the_endpoint_and_its_formats(settings):
    settings.SITE_URL = "https://anrong.makassarkota.go.id"
    data = fetch(BASE + "discovery.FMT", "discovery")
    [endpoint] = data["endpoints"]
    assert endpoint["url"] == "https://anrong.makassarkota.go.id/open311/v2/"
    assert endpoint["specification"] == "http://wiki.open311.org/GeoReport_v2"
    assert endpoint["type"] == "production"
    assert set(endpoint["formats"]) == {"text/xml", "application/json"}
    assert "/kantor/integrasi/" in data["key_service"]


def test_services_are_the_report_categories_with_their_agencies(personas):
    data = fetch(BASE + "services.FMT", "services")
    by_code = {service["service_code"]: service for service in data}
    assert list(by_code) == list(Category.values)
    lampu = by_code["lampu_jalan"]
    assert lampu["service_name"] == "Lampu jalan"  # Indonesian unless asked otherwise
    assert lampu["group"] == "Dinas Perhubungan Kota Makassar"
    assert lampu["metadata"] is True and lampu["type"] == "realtime"
    assert lampu["keywords"] == "lampu, pju, penerangan"
    assert by_code["sampah"]["metadata"] is False
    assert by_code["jalan_rusak"]["group"] == "Dinas Pekerjaan Umum Kota Makassar"


@pytest.mark.parametrize(("query", "headers"), [
    ("?locale=en", {}), ("?locale=en_US", {}),
    ("", {"HTTP_ACCEPT_LANGUAGE": "en-US,en;q=0.9"}),
])
def test_services_in_english_when_asked(personas, query, headers):
    path = BASE + "services.FMT" + query
    response = Client().get(path.replace(".FMT", ".json"), **headers)
    assert response["Content-Language"] == "en"
    with translation.override("en"):
        expected = str(Category.LAMPU_JALAN.label)
    names = {s["service_code"]: s["service_name"] for s in fetch(path, "services", **headers)}
    assert names["lampu_jalan"] == expected


def test_the_default_language_is_indonesian_even_for_other_locales(personas):
    response = Client().get(BASE + "services.json?locale=fr")
    assert response["Content-Language"] == "id"
    assert response.json()[1]["service_name"] == "Lampu jalan"


def test_a_service_definition_lists_the_category_attributes(personas):
    data = fetch(BASE + "services/jalan_rusak.FMT", "service")
    assert data["service_code"] == "jalan_rusak"
    [size] = data["attributes"]
    assert size["code"] == "ukuran" and size["datatype"] == "singlevaluelist"
    assert size["variable"] is True and size["required"] is False and size["order"] == 1
    assert [v["key"] for v in size["values"]] == ["kecil", "sedang", "besar"]
    assert size["description"] == str(CATEGORIES["jalan_rusak"].attributes[0].description)


def test_a_service_without_attributes_has_an_empty_definition(personas):
    assert fetch(BASE + "services/sampah.FMT", "service")["attributes"] == []


def test_an_unknown_service_is_404(personas):
    [error] = fetch(BASE + "services/lubang_hitam.FMT", "errors", status=404)
    assert error["code"] == 404 and "lubang_hitam" in error["description"]


# --- jurisdiction, formats, methods -----------------------------------------------------------------


def test_our_jurisdiction_is_accepted_and_another_is_404(personas):
    fetch(BASE + "services.FMT?jurisdiction_id=makassarkota.go.id", "services")
    [error] = fetch(BASE + "services.FMT?jurisdiction_id=sf.gov", "errors", status=404)
    assert "jurisdiction_id" in error["description"]
    fetch(BASE + "requests.FMT?jurisdiction_id=bandung.go.id", "errors", status=404)


def test_an_unknown_format_is_404_with_an_errors_body(personas):
    response = Client().get(BASE + "services.html")
    assert response.status_code == 404
    validate(response.json(), "errors")
    assert Client().get(BASE + "requests/LPR-2026-000001.csv").status_code == 404
    assert Client().get(BASE + "services.JSON").status_code == 200


def test_a_wrong_method_is_405(personas):
    response = Client().delete(BASE + "requests.json")
    assert response.status_code == 405 and "POST" in response["Allow"]
    validate(response.json(), "errors")
    response = Client().post(BASE + "services.xml")
    assert response.status_code == 405
    from_xml(response.content, "errors", "error")


# --- service requests -----------------------------------------------------------------------------


def test_requests_lists_public_reports_in_the_spec_shape(personas, make_report, settings):
    settings.SITE_URL = "https://anrong.makassarkota.go.id"
    report = make_report(address="Depan Balai Kota", photos=[sample_jpeg()])
    data = fetch(BASE + "requests.FMT", "requests")
    [item] = data
    assert item["service_request_id"] == report.tracking_no
    assert item["status"] == "open" and item["status_notes"] is None
    assert item["service_code"] == "lampu_jalan" and item["service_name"] == "Lampu jalan"
    assert item["agency_responsible"] == "Dinas Perhubungan Kota Makassar"
    assert item["description"] == report.description
    assert item["lat"] == report.lat and item["long"] == report.lng
    assert item["address"].startswith("Depan Balai Kota, Kel. ")
    assert item["address"].endswith("Kota Makassar")
    assert item["requested_datetime"].endswith("+08:00")
    requested = dt.datetime.fromisoformat(item["requested_datetime"])
    assert abs(requested - report.created_at) < dt.timedelta(seconds=1)
    photo = ReportPhoto.objects.get(report=report)
    try:
        expected = "https://anrong.makassarkota.go.id" + reverse(
            "reports:photo", args=[report.tracking_no, photo.pk])
    except NoReverseMatch:  # the citizen pages (and their photo view) not mounted
        expected = None
    assert item["media_url"] == expected
    if expected:  # anyone may fetch the photo of a public report
        shown = Client().get(urlsplit(expected).path)
        assert shown.status_code == 200 and shown["Content-Type"] == "image/jpeg"


def _photo_view(request, tracking_no, pk):  # type: ignore[no-untyped-def]
    raise AssertionError("only reversed")


# For the next test: the citizen photo view where the citizen pages put it, whether or not they
# are mounted in this build.
urlpatterns = [
    path("open311/v2/", include("anrong.reports.open311.urls")),
    path("lapor/", include(([path("<str:tracking_no>/foto/<int:pk>/", _photo_view, name="photo")],
                            "reports"))),
]


@pytest.mark.urls(__name__)
def test_media_url_is_the_first_photo_of_each_report(personas, make_report, settings):
    settings.SITE_URL = "https://anrong.makassarkota.go.id/"
    with_photos = make_report(photos=[sample_jpeg(name="a.jpg"), sample_jpeg(name="b.jpg")])
    without = make_report()
    first = ReportPhoto.objects.filter(report=with_photos).order_by("id").first()
    urls = {i["service_request_id"]: i["media_url"] for i in fetch(BASE + "requests.FMT", "requests")}
    assert urls == {
        with_photos.tracking_no: "https://anrong.makassarkota.go.id/lapor/"
                                 f"{with_photos.tracking_no}/foto/{first.pk}/",
        without.tracking_no: None,
    }


def test_private_reports_are_never_listed_nor_found(personas, make_report):
    public = make_report()
    private = make_report(is_public=False)
    listed = [item["service_request_id"] for item in fetch(BASE + "requests.FMT", "requests")]
    assert listed == [public.tracking_no]
    by_id = fetch(BASE + f"requests.FMT?service_request_id={private.tracking_no},"
                  f"{public.tracking_no}", "requests")
    assert [item["service_request_id"] for item in by_id] == [public.tracking_no]
    [error] = fetch(BASE + f"requests/{private.tracking_no}.FMT", "errors", status=404)
    assert error["code"] == 404


def test_one_request_is_an_array_of_one(personas, make_report):
    report = make_report()
    data = fetch(BASE + f"requests/{report.tracking_no}.FMT", "requests")
    assert [item["service_request_id"] for item in data] == [report.tracking_no]
    # The swagger's spelling, request/{id}, answers the same.
    assert fetch(BASE + f"request/{report.tracking_no.lower()}.FMT", "requests") == data


def test_an_unknown_request_is_404(personas):
    [error] = fetch(BASE + "requests/LPR-2026-ZZZZZZ.FMT", "errors", status=404)
    assert "LPR-2026-ZZZZZZ" in error["description"]


def test_newest_first_and_filtered_by_service_code(personas, make_report):
    first = make_report()
    second = make_report(category="sampah", description="Sampah menumpuk di pinggir jalan.")
    third = make_report(category="jalan_rusak", description="Jalan berlubang besar di depan pasar.")
    listed = [i["service_request_id"] for i in fetch(BASE + "requests.FMT", "requests")]
    assert listed == [third.tracking_no, second.tracking_no, first.tracking_no]
    some = fetch(BASE + "requests.FMT?service_code=sampah,lampu_jalan", "requests")
    assert [i["service_request_id"] for i in some] == [second.tracking_no, first.tracking_no]


def test_an_unknown_service_code_filter_is_400(personas):
    [error] = fetch(BASE + "requests.FMT?service_code=lampu_jalan,ufo", "errors", status=400)
    assert "ufo" in error["description"]


def test_status_filter_open_and_closed(personas, make_report, dishub_officer):
    still_open = make_report()
    rejected = actions.reject(actor=dishub_officer, report=make_report(),
                              reason="Lampu ini milik PLN, bukan Pemerintah Kota.")
    open_ids = [i["service_request_id"] for i in fetch(BASE + "requests.FMT?status=open", "requests")]
    assert open_ids == [still_open.tracking_no]
    closed = fetch(BASE + "requests.FMT?status=closed", "requests")
    assert [i["service_request_id"] for i in closed] == [rejected.tracking_no]
    assert closed[0]["status"] == "closed"
    assert closed[0]["status_notes"] == "Lampu ini milik PLN, bukan Pemerintah Kota."
    both = fetch(BASE + "requests.FMT?status=open,closed", "requests")
    assert len(both) == 2
    fetch(BASE + "requests.FMT?status=pending", "errors", status=400)


def test_the_default_window_is_the_last_90_days(personas, make_report):
    old = make_report()
    set_created(old, timezone.now() - dt.timedelta(days=100))
    recent = make_report()
    listed = [i["service_request_id"] for i in fetch(BASE + "requests.FMT", "requests")]
    assert listed == [recent.tracking_no]
    start = (timezone.now() - dt.timedelta(days=120)).date().isoformat()
    listed = [i["service_request_id"]
              for i in fetch(BASE + f"requests.FMT?start_date={start}", "requests")]
    assert listed == [old.tracking_no]  # 90 days from the start date


def test_start_and_end_dates_select_by_requested_datetime(personas, make_report):
    january = make_report()
    set_created(january, dt.datetime(2026, 1, 15, 9, 0, tzinfo=dt.UTC))
    march = make_report()
    set_created(march, dt.datetime(2026, 3, 10, 9, 0, tzinfo=dt.UTC))
    query = "start_date=2026-01-01T00:00:00Z&end_date=2026-01-31T23:59:59Z"
    listed = [i["service_request_id"] for i in fetch(BASE + f"requests.FMT?{query}", "requests")]
    assert listed == [january.tracking_no]
    # "+08:00" sent without encoding its plus arrives as a space: still read as WITA.
    query = "start_date=2026-03-10T00:00:00+08:00&end_date=2026-03-10T23:59:59+08:00"
    listed = [i["service_request_id"] for i in fetch(BASE + f"requests.FMT?{query}", "requests")]
    assert listed == [march.tracking_no]


@pytest.mark.parametrize("query", [
    "start_date=2026-01-01&end_date=2026-04-15",  # more than 90 days
    "start_date=2026-03-01&end_date=2026-02-01",  # ends before it starts
    "start_date=kemarin",
])
def test_bad_date_windows_are_400(personas, query):
    [error] = fetch(BASE + f"requests.FMT?{query}", "errors", status=400)
    assert error["code"] == 400 and error["description"]


def test_service_request_id_overrides_the_other_filters(personas, make_report):
    old = make_report()
    set_created(old, timezone.now() - dt.timedelta(days=300))
    other = make_report()
    query = f"service_request_id={old.tracking_no},{other.tracking_no}&status=closed&service_code=sampah"
    listed = {i["service_request_id"] for i in fetch(BASE + f"requests.FMT?{query}", "requests")}
    assert listed == {old.tracking_no, other.tracking_no}


def test_at_most_the_limit_of_requests_newest_first(personas, make_report, monkeypatch):
    from anrong.reports.open311 import service_requests

    assert service_requests.LIMIT == 1000  # the spec's default
    monkeypatch.setattr(service_requests, "LIMIT", 2)
    made = [make_report() for _ in range(3)]
    listed = [i["service_request_id"] for i in fetch(BASE + "requests.FMT", "requests")]
    assert listed == [made[2].tracking_no, made[1].tracking_no]


def test_listing_costs_the_same_queries_for_one_report_or_many(personas, make_report):
    make_report(photos=[sample_jpeg()])
    client = Client()
    client.get(BASE + "requests.json")  # warm up (sessions, content types)
    with CaptureQueriesContext(connection) as one:
        assert client.get(BASE + "requests.json").status_code == 200
    for n in range(4):
        make_report(photos=[sample_jpeg()], lat=OTHER_POINT[0], lng=OTHER_POINT[1],
                    description=f"Lampu jalan nomor {n} di Rappocini mati.")
    with CaptureQueriesContext(connection) as five:
        response = client.get(BASE + "requests.json")
    assert len(response.json()) == 5
    assert len(five) == len(one) <= 3, [q["sql"] for q in five.captured_queries]


# --- tokens and privacy ---------------------------------------------------------------------------


def test_a_token_gives_the_request_id(personas, make_report):
    report = make_report()
    data = fetch(BASE + f"tokens/{report.token}.FMT", "token")
    assert data == [{"token": str(report.token), "service_request_id": report.tracking_no}]


@pytest.mark.parametrize("token", ["0b1c5f3e-8a4d-4e55-9f3a-000000000000", "not-a-token"])
def test_an_unknown_token_is_404(personas, token):
    fetch(BASE + f"tokens/{token}.FMT", "errors", status=404)


def test_nothing_about_the_reporter_is_shown(personas, make_report):
    citizen = personas["citizen"]
    report = make_report()
    Report.objects.filter(pk=report.pk).update(
        contact_name="Daeng Rahman", contact_email="rahman@example.com",
        contact_phone="+6281299990000")
    for page in ("requests.{fmt}", f"requests/{report.tracking_no}.{{fmt}}",
                 f"requests.{{fmt}}?service_request_id={report.tracking_no}"):
        for fmt in ("json", "xml"):
            body = Client().get(BASE + page.format(fmt=fmt)).content.decode()
            assert report.tracking_no in body
            for secret in ("Daeng Rahman", "rahman@example.com", "6281299990000",
                           citizen.phone, "Warga citizen", str(report.token), "reporter",
                           "contact"):
                assert secret not in body, (page, fmt, secret)
