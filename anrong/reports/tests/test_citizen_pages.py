"""Lapor's citizen pages: the public list and map, one report with its photos, following, and
the reporter's confirmation or reopening. A public page never says who made a report."""

from __future__ import annotations

import datetime as dt
import io

import pytest
from django.utils import timezone
from PIL import Image

from anrong.core.formatting import wita
from anrong.reports import actions
from anrong.reports.models import Report, ReportFollower
from anrong.reports.testing import sample_jpeg
from anrong.services.tests.conftest import client_for

from .conftest import OTHER_POINT, POINT

pytestmark = pytest.mark.django_db

# What the citizen persona is known by: none of it may appear where others look.
CITIZEN_TRACES = ("Warga citizen", "+6281234567801", "081234567801", "7371011508900001")


def _html(response) -> str:  # type: ignore[no-untyped-def]
    return response.content.decode()


def _assert_no_traces(text: str) -> None:
    for trace in CITIZEN_TRACES:
        assert trace not in text


@pytest.fixture
def many_reports_allowed(settings):  # type: ignore[no-untyped-def]
    settings.LAPOR_MAX_PER_ACCOUNT_HOUR = 100
    settings.LAPOR_MAX_PER_ACCOUNT_DAY = 100


# --- the public list --------------------------------------------------------------------------


@pytest.mark.parametrize("who", ["anonymous", "other_citizen"])
def test_the_list_shows_public_reports_newest_first_to_anyone(regions, make_report, personas,
                                                               who):
    older = make_report()
    newer = make_report(category="sampah", description="Sampah menumpuk di pinggir kanal.")
    private = make_report(is_public=False, description="Lampu gang rumah saya mati total.")

    response = client_for(personas[who]).get("/lapor/")

    html = _html(response)
    assert response.status_code == 200
    assert newer.tracking_no in html and older.tracking_no in html
    assert html.index(newer.tracking_no) < html.index(older.tracking_no)
    assert private.tracking_no not in html
    assert "Laporkan masalah" in html and 'href="/lapor/baru/"' in html
    assert "Baru, Ujung Pandang" in html  # kelurahan, kecamatan
    assert wita(newer.created_at) in html  # "23 November 2026, 21.46 WITA"
    assert f"/lapor/peta/?lat={newer.lat:.6f}&amp;lng={newer.lng:.6f}" in html
    _assert_no_traces(html)


def test_the_list_filters_by_category_status_kecamatan_and_date(regions, make_report,
                                                                  dishub_officer):
    light = make_report()  # lampu_jalan, Ujung Pandang
    rubbish = make_report(category="sampah", lat=OTHER_POINT[0], lng=OTHER_POINT[1],
                          description="Sampah tidak diangkut sejak seminggu.")  # Rappocini
    actions.resolve(actor=dishub_officer, report=light, note="Lampu sudah diganti.")
    client = client_for(None)
    today = timezone.localdate()

    def shown(query: str) -> set[str]:
        html = _html(client.get(f"/lapor/?{query}"))
        return {r.tracking_no for r in (light, rubbish) if r.tracking_no in html}

    assert shown("") == {light.tracking_no, rubbish.tracking_no}
    assert shown("category=sampah") == {rubbish.tracking_no}
    assert shown("status=closed") == {light.tracking_no}
    assert shown("status=open") == {rubbish.tracking_no}
    assert shown("status=received") == {rubbish.tracking_no}
    assert shown("kecamatan=73.71.04") == {light.tracking_no}
    assert shown(f"since={today}&until={today}") == {light.tracking_no, rubbish.tracking_no}
    assert shown(f"since={today + dt.timedelta(days=1)}") == set()
    assert shown(f"until={today - dt.timedelta(days=1)}") == set()
    # an unknown value is ignored, and the field says so
    response = client.get("/lapor/?category=bukan-kategori")
    assert response.status_code == 200
    assert "bukan-kategori bukan salah satu dari pilihan" in _html(response)
    assert shown("category=bukan-kategori") == {light.tracking_no, rubbish.tracking_no}


def test_the_list_shows_20_a_page(regions, make_report, many_reports_allowed):
    made = [make_report() for _ in range(21)]
    client = client_for(None)

    first = _html(client.get("/lapor/"))
    second = _html(client.get("/lapor/?page=2"))

    assert sum(r.tracking_no in first for r in made) == 20
    assert made[0].tracking_no not in first and made[0].tracking_no in second
    assert 'rel="next"' in first and 'rel="prev"' in second and 'rel="next"' not in second


def test_the_list_keeps_its_queries_few(regions, make_report, django_assert_max_num_queries,
                                        many_reports_allowed):
    for _ in range(6):
        make_report()
    client = client_for(None)
    client.get("/lapor/")  # warm the session and language machinery
    with django_assert_max_num_queries(6):
        assert client.get("/lapor/").status_code == 200


# --- the map ----------------------------------------------------------------------------------


def test_the_map_page_loads_points_from_the_api_and_works_without_javascript(regions, personas):
    response = client_for(None).get("/lapor/peta/?category=sampah&status=open")

    html = _html(response)
    assert response.status_code == 200
    assert 'data-points-url="/api/v1/reports/map"' in html
    assert "vendor/leaflet/dist/leaflet.js" in html and "vendor/leaflet/dist/leaflet.css" in html
    assert "reports/maps.js" in html
    # without JavaScript: the list with the same filters
    assert 'href="/lapor/?category=sampah&amp;status=open"' in html
    assert "<noscript>" in html


# --- one report -------------------------------------------------------------------------------


def test_a_public_report_shows_place_due_time_and_timeline_but_never_the_reporter(
        regions, make_report, personas):
    report = make_report(address="Depan Balai Kota", photos=[sample_jpeg()])

    for who in ("anonymous", "other_citizen"):
        response = client_for(personas[who]).get(f"/lapor/{report.tracking_no}/")
        html = _html(response)
        assert response.status_code == 200
        assert "Lampu jalan" in html and "Diterima" in html
        assert "Kelurahan Baru, Kecamatan Ujung Pandang" in html
        assert "Depan Balai Kota" in html
        assert f"Tanggapan pertama paling lambat {wita(report.due_at)}" in html
        assert "Dinas Perhubungan" in html
        assert f"/lapor/{report.tracking_no}/foto/{report.photos.get().pk}/" in html
        assert 'data-report-map="point"' in html and "openstreetmap.org/?mlat=" in html
        assert "Laporan Anda" not in html
        _assert_no_traces(html)


def test_only_the_reporter_reads_laporan_anda(regions, make_report, personas):
    report = make_report()

    html = _html(client_for(personas["citizen"]).get(f"/lapor/{report.tracking_no}/"))

    assert "Laporan Anda" in html
    assert "tidak melihat nama Anda" in html


def test_a_private_report_is_not_found_for_others(regions, make_report, personas,
                                                  dishub_officer):
    report = make_report(is_public=False, photos=[sample_jpeg()])
    photo = report.photos.get()
    detail = f"/lapor/{report.tracking_no}/"
    photo_url = f"{detail}foto/{photo.pk}/"

    for who in ("anonymous", "other_citizen"):
        client = client_for(personas[who])
        assert client.get(detail).status_code == 404
        assert client.get(photo_url).status_code == 404
        assert client.post(f"{detail}ikuti/").status_code in (302, 404)
    assert not ReportFollower.objects.filter(report=report, user=personas["other_citizen"]).exists()

    mine = client_for(personas["citizen"])
    assert mine.get(detail).status_code == 200
    assert mine.get(photo_url).status_code == 200
    officer = client_for(dishub_officer)
    assert officer.get(detail).status_code == 200
    assert "Laporan pribadi" in _html(officer.get(detail))


def test_a_photo_is_served_without_metadata_and_kept_out_of_shared_caches(regions, make_report,
                                                                          make_report_photo_of):
    report = make_report(photos=[sample_jpeg(gps=POINT)])
    photo = report.photos.get()
    other = make_report_photo_of()

    response = client_for(None).get(f"/lapor/{report.tracking_no}/foto/{photo.pk}/")

    body = b"".join(response.streaming_content)
    assert response.status_code == 200
    assert response["Content-Type"] == "image/jpeg"
    assert response["Cache-Control"].startswith("private")
    assert response["X-Content-Type-Options"] == "nosniff"
    assert b"Anrong Test Camera" not in body
    with Image.open(io.BytesIO(body)) as image:
        assert not image.getexif().get_ifd(0x8825)
        assert 0x0110 not in image.getexif()
    # a photo of another report is not reachable through this one
    other_photo = other.photos.get()
    assert client_for(None).get(f"/lapor/{report.tracking_no}/foto/{other_photo.pk}/").status_code == 404


@pytest.fixture
def make_report_photo_of(make_report):  # type: ignore[no-untyped-def]
    def make():  # type: ignore[no-untyped-def]
        return make_report(category="sampah", photos=[sample_jpeg()],
                           description="Sampah di depan pasar belum diangkut.")
    return make


# --- following ----------------------------------------------------------------------------------


def test_a_citizen_follows_and_unfollows_a_report(regions, make_report, personas):
    report = make_report()
    other = personas["other_citizen"]
    client = client_for(other)

    response = client.post(f"/lapor/{report.tracking_no}/ikuti/", follow=True)

    assert ReportFollower.objects.filter(report=report, user=other).exists()
    html = _html(response)
    assert "Anda mengikuti laporan" in html and "Berhenti mengikuti" in html

    response = client.post(f"/lapor/{report.tracking_no}/berhenti-mengikuti/", follow=True)

    assert not ReportFollower.objects.filter(report=report, user=other).exists()
    assert ">Ikuti</button>" in _html(response)


def test_following_asks_a_stranger_to_sign_in_first(regions, make_report):
    report = make_report()

    response = client_for(None).post(f"/lapor/{report.tracking_no}/ikuti/")

    assert response.status_code == 302
    assert f"next=/lapor/{report.tracking_no}/" in response["Location"].replace("%2F", "/")
    assert ReportFollower.objects.filter(report=report).count() == 1  # the reporter only


# --- confirming or reopening ----------------------------------------------------------------------


@pytest.fixture
def resolved(make_report, dishub_officer):  # type: ignore[no-untyped-def]
    def make(**overrides):  # type: ignore[no-untyped-def]
        report = make_report(**overrides)
        return actions.resolve(actor=dishub_officer, report=report, note="Lampu sudah diganti.")
    return make


def test_the_reporter_confirms_the_fix(regions, resolved, personas):
    report = resolved()
    client = client_for(personas["citizen"])
    html = _html(client.get(f"/lapor/{report.tracking_no}/"))
    assert "Sudah beres" in html and "Belum beres, buka lagi" in html

    response = client.post(f"/lapor/{report.tracking_no}/beres/", follow=True)

    report.refresh_from_db()
    assert report.confirmed_at is not None and report.status == "resolved"
    assert "ditutup sebagai sudah beres" in _html(response)
    assert "Belum beres, buka lagi" not in _html(response)


def test_the_reporter_reopens_with_a_note_and_loses_nothing_typed(regions, resolved, personas):
    report = resolved()
    client = client_for(personas["citizen"])

    response = client.post(f"/lapor/{report.tracking_no}/buka-lagi/", {"note": "Bel"})

    assert response.status_code == 400
    html = _html(response)
    assert "Tuliskan paling sedikit" in html and ">Bel</textarea>" in html
    report.refresh_from_db()
    assert report.status == "resolved"

    response = client.post(f"/lapor/{report.tracking_no}/buka-lagi/",
                           {"note": "Lampunya mati lagi malam ini."}, follow=True)

    report.refresh_from_db()
    assert report.status == "in_progress" and report.reopened_count == 1
    assert "dibuka lagi" in _html(response)


@pytest.mark.parametrize("who", ["other_citizen", "dishub_officer"])
def test_only_the_reporter_confirms_or_reopens(regions, resolved, personas, dishub_officer, who):
    report = resolved()
    person = dishub_officer if who == "dishub_officer" else personas[who]
    client = client_for(person)
    html = _html(client.get(f"/lapor/{report.tracking_no}/"))
    assert "Sudah beres" not in html and "Belum beres, buka lagi" not in html

    client.post(f"/lapor/{report.tracking_no}/beres/")
    client.post(f"/lapor/{report.tracking_no}/buka-lagi/", {"note": "Belum beres sama sekali."})

    report.refresh_from_db()
    assert report.status == "resolved" and report.confirmed_at is None
    assert report.reopened_count == 0


def test_no_confirming_after_seven_days(regions, resolved, personas):
    report = resolved()
    Report.objects.filter(pk=report.pk).update(
        resolved_at=timezone.now() - dt.timedelta(days=8))
    client = client_for(personas["citizen"])

    assert "Sudah beres" not in _html(client.get(f"/lapor/{report.tracking_no}/"))
    response = client.post(f"/lapor/{report.tracking_no}/beres/", follow=True)

    report.refresh_from_db()
    assert report.confirmed_at is None
    assert "paling lambat 7 hari" in _html(response)


# --- mine ---------------------------------------------------------------------------------------


def test_my_reports_and_the_ones_i_follow(regions, make_report, personas):
    mine = make_report(reporter=personas["other_citizen"], is_public=False)
    followed = make_report()
    actions.follow(user=personas["other_citizen"], report=followed)
    unrelated = make_report(category="sampah", description="Sampah menumpuk di taman kota.")

    response = client_for(personas["other_citizen"]).get("/lapor/saya/")

    html = _html(response)
    assert html.index(mine.tracking_no) < html.index("Yang saya ikuti") < html.index(followed.tracking_no)
    assert unrelated.tracking_no not in html


def test_my_reports_need_a_sign_in(regions):
    response = client_for(None).get("/lapor/saya/")
    assert response.status_code == 302 and "next=/lapor/saya/" in response["Location"].replace("%2F", "/")


# --- likely duplicates and the cost of the pages ---------------------------------------------------


def test_the_reporter_sees_likely_duplicates_nearby_that_they_may_see(regions, make_report,
                                                                      personas):
    earlier = make_report(reporter=personas["other_citizen"])  # the same light, public
    hidden = make_report(reporter=personas["other_citizen"], is_public=False,
                         description="Lampu jalan mati, laporan pribadi tetangga.")
    report = make_report(description="Lampu di depan Balai Kota padam semalaman.")

    mine = _html(client_for(personas["citizen"]).get(f"/lapor/{report.tracking_no}/"))
    theirs = _html(client_for(None).get(f"/lapor/{report.tracking_no}/"))

    assert "Laporan serupa di dekat lokasi ini" in mine
    assert earlier.tracking_no in mine and hidden.tracking_no not in mine
    assert "Laporan serupa" not in theirs


def test_one_report_and_my_reports_keep_their_queries_few(regions, make_report, personas,
                                                          django_assert_max_num_queries,
                                                          many_reports_allowed):
    for _ in range(5):
        report = make_report(photos=[sample_jpeg()])
    client = client_for(personas["citizen"])
    client.get("/lapor/saya/")
    with django_assert_max_num_queries(12):
        assert client.get(f"/lapor/{report.tracking_no}/").status_code == 200
    with django_assert_max_num_queries(8):
        assert client.get("/lapor/saya/").status_code == 200
