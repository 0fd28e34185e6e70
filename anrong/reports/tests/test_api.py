"""Lapor's JSON API (/api/v1/reports/): the public map and list, one report, and the citizen's
steps (report, follow, confirm, reopen) for the signed-in web session and the citizen app's
bearer token. Public answers carry nothing about who made a report."""

from __future__ import annotations

import json

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile

from anrong.accounts.models import User
from anrong.accounts.tests.identity_helpers import fresh_limits_and_sms, last_code  # noqa: F401
from anrong.agencies.models import Agency
from anrong.reports import actions, queries
from anrong.reports.models import Report, ReportFollower
from anrong.reports.testing import sample_jpeg
from anrong.services.tests.conftest import client_for

from .conftest import OTHER_POINT, OUTSIDE, POINT

pytestmark = pytest.mark.django_db

API = "/api/v1/reports"
CITIZEN_TRACES = ("Warga citizen", "+6281234567801", "081234567801", "7371011508900001")


def _assert_no_traces(text: str) -> None:
    for trace in CITIZEN_TRACES:
        assert trace not in text
    assert '"reporter' not in text and "contact_" not in text


def _bbox(south: float, west: float, north: float, east: float) -> str:
    return f"{south},{west},{north},{east}"


# --- the map --------------------------------------------------------------------------------------


def test_the_map_returns_only_public_points_inside_the_box(regions, make_report):
    inside = make_report()  # POINT, Ujung Pandang
    outside_box = make_report(category="sampah", lat=OTHER_POINT[0], lng=OTHER_POINT[1],
                              description="Sampah tidak diangkut sejak seminggu.")
    private = make_report(is_public=False, description="Lampu gang rumah saya mati total.")
    box = _bbox(POINT[0] - 0.005, POINT[1] - 0.005, POINT[0] + 0.005, POINT[1] + 0.005)

    response = client_for(None).get(f"{API}/map", {"bbox": box})

    assert response.status_code == 200
    body = response.json()
    numbers = [p["tracking_no"] for p in body["points"]]
    assert numbers == [inside.tracking_no]
    assert outside_box.tracking_no not in numbers and private.tracking_no not in numbers
    assert body["count"] == 1 and body["truncated"] is False
    assert set(body["points"][0]) == {"tracking_no", "lat", "lng", "category", "status",
                                      "created_at"}
    assert response["Cache-Control"] == "public, max-age=60"
    _assert_no_traces(response.content.decode())
    # a wider box holds both public reports, newest first
    wide = client_for(None).get(f"{API}/map", {"bbox": _bbox(-5.25, 119.35, -5.05, 119.55)})
    assert [p["tracking_no"] for p in wide.json()["points"]] == [outside_box.tracking_no,
                                                                 inside.tracking_no]


def test_the_map_filters_like_the_list(regions, make_report, dishub_officer):
    light = make_report()
    rubbish = make_report(category="sampah", lat=OTHER_POINT[0], lng=OTHER_POINT[1],
                          description="Sampah tidak diangkut sejak seminggu.")
    actions.resolve(actor=dishub_officer, report=light, note="Lampu sudah diganti.")
    city = _bbox(-5.25, 119.35, -5.05, 119.55)
    client = client_for(None)

    def shown(**filters: str) -> list[str]:
        response = client.get(f"{API}/map", {"bbox": city, **filters})
        assert response.status_code == 200, response.content
        return [p["tracking_no"] for p in response.json()["points"]]

    assert shown(category="sampah") == [rubbish.tracking_no]
    assert shown(status="closed") == [light.tracking_no]
    assert shown(status="open", category="lampu_jalan") == []
    assert shown(kecamatan="73.71.04") == [light.tracking_no]
    assert shown(since="2000-01-01", until="2000-01-02") == []


@pytest.mark.parametrize("query", [
    {"bbox": "1,2,3"}, {"bbox": "a,b,c,d"}, {"bbox": "-5.0,119.5,-5.2,119.3"},
    {"bbox": "-5.2,119.3,-5.0,119.5", "category": "bukan"},
    {"bbox": "-5.2,119.3,-5.0,119.5", "status": "bukan"},
])
def test_the_map_refuses_a_bad_box_or_filter_clearly(regions, query):
    response = client_for(None).get(f"{API}/map", query)

    assert response.status_code == 400
    body = response.json()
    assert body["code"] == "bad_request" and body["message"]


def test_the_map_tells_when_it_shows_only_the_newest(regions, make_report, settings, monkeypatch):
    settings.LAPOR_MAX_PER_ACCOUNT_HOUR = 100
    for _ in range(3):
        make_report()
    real = queries.map_points
    monkeypatch.setattr(queries, "map_points", lambda **kw: real(**{**kw, "limit": 2}))

    body = client_for(None).get(f"{API}/map", {"bbox": _bbox(-5.25, 119.35, -5.05, 119.55)}).json()

    assert body["truncated"] is True and body["count"] == 3 and len(body["points"]) == 2


# --- the list and one report ------------------------------------------------------------------------


def test_the_public_list_pages_and_filters(regions, make_report, settings):
    settings.LAPOR_MAX_PER_ACCOUNT_HOUR = settings.LAPOR_MAX_PER_ACCOUNT_DAY = 100
    made = [make_report() for _ in range(21)]
    rubbish = make_report(category="sampah", description="Sampah menumpuk di pinggir kanal.")
    private = make_report(is_public=False, description="Lampu gang rumah saya mati total.")
    client = client_for(None)

    first = client.get(f"{API}/").json()
    second = client.get(f"{API}/", {"page": 2}).json()
    rubbish_only = client.get(f"{API}/", {"category": "sampah"}).json()

    assert first["per_page"] == 20 and first["has_next"] is True and len(first["items"]) == 20
    assert first["items"][0]["tracking_no"] == rubbish.tracking_no
    assert [i["tracking_no"] for i in second["items"]] == [made[1].tracking_no, made[0].tracking_no]
    assert second["has_next"] is False
    assert [i["tracking_no"] for i in rubbish_only["items"]] == [rubbish.tracking_no]
    everything = json.dumps([first, second])
    assert private.tracking_no not in everything
    row = first["items"][0]
    assert row["kecamatan"] == {"code": "73.71.04", "name": "Ujung Pandang"}
    assert row["url"] == f"/lapor/{rubbish.tracking_no}/"
    _assert_no_traces(everything)


def test_one_public_report_for_anyone_without_the_reporter(regions, make_report, personas):
    report = make_report(photos=[sample_jpeg(gps=POINT)])

    response = client_for(None).get(f"{API}/{report.tracking_no}")

    assert response.status_code == 200
    body = response.json()
    assert body["tracking_no"] == report.tracking_no and body["agency_code"] == "DISHUB"
    assert body["is_mine"] is False and body["can_confirm"] is False
    assert [u["to_status"] for u in body["timeline"]] == ["received"]
    assert body["due_at"]
    _assert_no_traces(response.content.decode())
    photo = client_for(None).get(body["photos"][0]["url"])
    assert photo.status_code == 200 and b"Anrong Test Camera" not in b"".join(photo.streaming_content)
    # the reporter is told it is theirs
    mine = client_for(personas["citizen"]).get(f"{API}/{report.tracking_no}").json()
    assert mine["is_mine"] is True and mine["following"] is True


def test_a_private_report_is_not_found_for_others(regions, make_report, personas, dishub_officer):
    report = make_report(is_public=False)

    for who in ("anonymous", "other_citizen"):
        response = client_for(personas[who]).get(f"{API}/{report.tracking_no}")
        assert response.status_code == 404 and response.json()["code"] == "not_found"
    assert client_for(personas["citizen"]).get(f"{API}/{report.tracking_no}").status_code == 200
    assert client_for(dishub_officer).get(f"{API}/{report.tracking_no}").status_code == 200
    assert client_for(None).get(f"{API}/LPR-2026-TIDAKADA").status_code == 404


# --- reporting --------------------------------------------------------------------------------------


def test_a_signed_in_citizen_files_a_report_with_a_photo(regions, personas):
    client = client_for(personas["citizen"])

    response = client.post(f"{API}/", {
        "category": "lampu_jalan", "description": "Lampu jalan di depan Balai Kota mati.",
        "lat": str(POINT[0]), "lng": str(POINT[1]), "is_public": "false",
        "attributes": json.dumps({"nomor_tiang": "PJU-0142"}), "photos": sample_jpeg()})

    assert response.status_code == 201, response.content
    body = response.json()
    report = Report.objects.get(tracking_no=body["tracking_no"])
    assert report.agency.code == "DISHUB" and report.source == "api" and not report.is_public
    assert report.attributes == {"nomor_tiang": "PJU-0142"} and report.photos.count() == 1
    assert body["is_mine"] is True and body["is_public"] is False


def test_a_report_as_json_uses_the_photo_location_only_with_multipart(regions, personas):
    client = client_for(personas["citizen"])

    response = client.post(f"{API}/", {"category": "sampah", "description":
                                       "Sampah menumpuk di pinggir kanal sejak Senin.",
                                       "lat": OTHER_POINT[0], "lng": OTHER_POINT[1]},
                           content_type="application/json")
    exif_only = client.post(f"{API}/", {"category": "lampu_jalan", "description":
                                        "Lampu jalan mati di depan Balai Kota.",
                                        "photos": sample_jpeg(gps=POINT)})

    assert response.status_code == 201 and response.json()["agency_code"] == "DLH"
    assert exif_only.status_code == 201 and exif_only.json()["kelurahan"]["name"] == "Baru"


@pytest.mark.parametrize(("fields", "field", "words"), [
    ({"lat": str(OUTSIDE[0]), "lng": str(OUTSIDE[1])}, "location", "di luar Kota Makassar"),
    ({"photos": SimpleUploadedFile("a.jpg", b"bukan foto", content_type="image/jpeg")},
     "photos", "Jenis berkas tidak diterima"),
    ({"category": "bukan"}, "category", "Pilih kategori"),
])
def test_bad_input_is_refused_with_the_field_and_a_clear_message(regions, personas, fields,
                                                                 field, words):
    data = {"category": "lampu_jalan", "description": "Lampu jalan di depan Balai Kota mati.",
            "lat": str(POINT[0]), "lng": str(POINT[1]), **fields}

    response = client_for(personas["citizen"]).post(f"{API}/", data)

    assert response.status_code == 400
    body = response.json()
    assert body["code"] == "invalid" and words in body["message"]
    assert words in body["details"]["errors"][field]
    assert not Report.objects.exists()


def test_a_flood_is_answered_429(regions, personas, settings):
    settings.LAPOR_MAX_PER_ACCOUNT_HOUR = 1
    client = client_for(personas["citizen"])
    data = {"category": "lampu_jalan", "description": "Lampu jalan di depan Balai Kota mati.",
            "lat": str(POINT[0]), "lng": str(POINT[1])}
    assert client.post(f"{API}/", data).status_code == 201

    response = client.post(f"{API}/", data)

    assert response.status_code == 429 and response.json()["code"] == "rate_limited"
    assert response["Retry-After"]
    assert Report.objects.count() == 1


def test_reporting_needs_a_person(regions, personas, dishub_admin):
    from anrong.integrations.actions import keys as key_actions

    data = {"category": "lampu_jalan", "description": "Lampu jalan di depan Balai Kota mati.",
            "lat": str(POINT[0]), "lng": str(POINT[1])}
    assert client_for(None).post(f"{API}/", data).status_code == 401
    issued = key_actions.issue_key(actor=dishub_admin, agency=Agency.objects.get(code="DISHUB"),
                                   name="PJU", scopes=["complaints:read"])
    response = client_for(None).post(f"{API}/", data, HTTP_AUTHORIZATION=f"Bearer {issued.text}")
    assert response.status_code == 403
    assert not Report.objects.exists()


def test_the_citizen_app_reports_and_reads_its_private_report_with_a_bearer_token(regions,
                                                                                   personas):
    client = client_for(None)
    response = client.post("/api/auth/app/v1/auth/code/request", {"phone": "0812 3456 7890"},
                           content_type="application/json")
    session_token = response.json()["meta"]["session_token"]
    response = client.post("/api/auth/app/v1/auth/code/confirm",
                           {"code": last_code("+6281234567890")},
                           content_type="application/json", HTTP_X_SESSION_TOKEN=session_token)
    token = response.json()["meta"]["access_token"]
    app = client_for(None)
    headers = {"HTTP_AUTHORIZATION": f"Bearer {token}"}

    response = app.post(f"{API}/", {"category": "drainase_banjir", "description":
                                    "Saluran tersumbat, air menggenang setinggi lutut.",
                                    "lat": POINT[0], "lng": POINT[1], "is_public": False},
                        content_type="application/json", **headers)

    assert response.status_code == 201, response.content
    number = response.json()["tracking_no"]
    report = Report.objects.get(tracking_no=number)
    assert report.reporter == User.objects.get(phone="+6281234567890")
    assert report.agency.code == "DPU" and report.source == "api"
    assert app.get(f"{API}/{number}", **headers).json()["is_mine"] is True
    assert client_for(None).get(f"{API}/{number}").status_code == 404
    # a token that is not accepted is refused, not read as a stranger
    assert app.get(f"{API}/{number}", HTTP_AUTHORIZATION="Bearer nope").status_code == 401


# --- following, confirming, reopening -----------------------------------------------------------


def test_follow_and_unfollow(regions, make_report, personas):
    report = make_report()
    other = personas["other_citizen"]
    client = client_for(other)

    response = client.post(f"{API}/{report.tracking_no}/follow")
    assert response.status_code == 200 and response.json() == {
        "tracking_no": report.tracking_no, "following": True}
    assert ReportFollower.objects.filter(report=report, user=other).exists()

    response = client.delete(f"{API}/{report.tracking_no}/follow")
    assert response.json()["following"] is False
    assert not ReportFollower.objects.filter(report=report, user=other).exists()
    assert client_for(None).post(f"{API}/{report.tracking_no}/follow").status_code == 401


def test_a_private_report_cannot_be_followed_by_others(regions, make_report, personas):
    report = make_report(is_public=False)

    response = client_for(personas["other_citizen"]).post(f"{API}/{report.tracking_no}/follow")

    assert response.status_code == 404
    assert not ReportFollower.objects.filter(report=report, user=personas["other_citizen"]).exists()


def test_only_the_reporter_confirms_or_reopens(regions, make_report, personas, dishub_officer):
    report = make_report()
    actions.resolve(actor=dishub_officer, report=report, note="Lampu sudah diganti.")
    other = client_for(personas["other_citizen"])

    assert other.post(f"{API}/{report.tracking_no}/confirm").status_code == 403
    refused = other.post(f"{API}/{report.tracking_no}/reopen", {"note": "Masih mati lampunya."},
                         content_type="application/json")
    assert refused.status_code == 403 and refused.json()["code"] == "forbidden"
    report.refresh_from_db()
    assert report.status == "resolved" and report.confirmed_at is None

    mine = client_for(personas["citizen"])
    short = mine.post(f"{API}/{report.tracking_no}/reopen", {"note": "Bel"},
                      content_type="application/json")
    assert short.status_code == 400 and "note" in short.json()["details"]["errors"]
    response = mine.post(f"{API}/{report.tracking_no}/reopen", {"note": "Lampunya mati lagi."},
                         content_type="application/json")
    assert response.status_code == 200 and response.json()["status"] == "in_progress"


def test_the_reporter_confirms_the_fix(regions, make_report, personas, dishub_officer):
    report = make_report()
    actions.resolve(actor=dishub_officer, report=report, note="Lampu sudah diganti.")

    response = client_for(personas["citizen"]).post(f"{API}/{report.tracking_no}/confirm")

    assert response.status_code == 200
    assert response.json()["confirmed_at"] and response.json()["can_confirm"] is False


def test_the_public_reads_keep_their_queries_few(regions, make_report, settings,
                                                 django_assert_max_num_queries):
    settings.LAPOR_MAX_PER_ACCOUNT_HOUR = 100
    for _ in range(8):
        make_report()
    client = client_for(None)
    with django_assert_max_num_queries(2):
        assert client.get(f"{API}/").status_code == 200
    with django_assert_max_num_queries(2):
        assert client.get(f"{API}/map", {"bbox": _bbox(-5.25, 119.35, -5.05, 119.55)}).status_code == 200


def test_a_retry_with_the_same_idempotency_key_files_one_report(regions, personas):
    from anrong.reports.models import Report

    client = client_for(personas["citizen"])
    body = {"category": "sampah", "description": "Sampah menumpuk di pinggir kanal sejak Senin.",
            "lat": OTHER_POINT[0], "lng": OTHER_POINT[1]}
    first = client.post(f"{API}/", body, content_type="application/json",
                        HTTP_IDEMPOTENCY_KEY="retry-7")
    again = client.post(f"{API}/", body, content_type="application/json",
                        HTTP_IDEMPOTENCY_KEY="retry-7")
    assert first.status_code == again.status_code == 201
    assert first.json()["tracking_no"] == again.json()["tracking_no"]
    assert Report.objects.count() == 1
