"""Filing a report on /lapor/baru/: category, description, photos, a point (or a photo's EXIF
position), public or private. Bad input is refused with a clear Indonesian message beside its
field, and nothing typed is lost."""

from __future__ import annotations

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile

from anrong.reports.models import Report
from anrong.reports.testing import sample_jpeg
from anrong.services.tests.conftest import client_for

from .conftest import OUTSIDE, POINT

pytestmark = pytest.mark.django_db

DESCRIPTION = "Lampu jalan di depan Balai Kota mati sejak tiga hari."


def _form(**overrides):  # type: ignore[no-untyped-def]
    data = {"category": "lampu_jalan", "description": DESCRIPTION, "lat": str(POINT[0]),
            "lng": str(POINT[1]), "address": "Depan Balai Kota", "visibility": "public"}
    data.update(overrides)
    return {k: v for k, v in data.items() if v is not None}


def _html(response) -> str:  # type: ignore[no-untyped-def]
    return response.content.decode()


def test_a_stranger_is_asked_to_sign_in(regions, personas):
    response = client_for(None).get("/lapor/baru/")
    assert response.status_code == 302
    assert "next=/lapor/baru/" in response["Location"].replace("%2F", "/")


def test_the_form_explains_categories_location_and_privacy(regions, personas):
    response = client_for(personas["citizen"]).get("/lapor/baru/?kategori=sampah")

    html = _html(response)
    assert response.status_code == 200
    assert "Lampu penerangan jalan umum mati" in html  # the category's description
    assert 'value="sampah" checked' in html  # chosen from the link
    assert 'accept="image/*"' in html and 'capture="environment"' in html
    assert "Gunakan lokasi saya" in html and 'data-report-map="picker"' in html
    assert 'name="lat"' in html and 'name="lng"' in html
    assert "Nama Anda tidak pernah ditampilkan" in html
    assert 'name="attribute[nomor_tiang]"' in html  # the extra questions of a category


def test_a_report_with_a_photo_and_a_point_goes_to_dishub(regions, personas):
    client = client_for(personas["citizen"])

    response = client.post("/lapor/baru/", {**_form(),
                                            "attribute[nomor_tiang]": "PJU-0142",
                                            "attribute[ukuran]": "besar",  # another category's
                                            "photos": sample_jpeg()})

    report = Report.objects.get()
    assert response.status_code == 302 and response["Location"] == f"/lapor/{report.tracking_no}/"
    assert report.agency.code == "DISHUB" and report.category == "lampu_jalan"
    assert report.reporter == personas["citizen"] and report.is_public
    assert report.kelurahan.name == "Baru" and report.address == "Depan Balai Kota"
    assert report.attributes == {"nomor_tiang": "PJU-0142"}
    assert report.photos.count() == 1 and report.source == "web"
    page = _html(client.get(response["Location"]))
    assert f"Laporan {report.tracking_no} terkirim" in page


def test_a_photo_with_a_location_is_enough_without_a_point(regions, personas):
    client = client_for(personas["citizen"])

    response = client.post("/lapor/baru/", {**_form(lat="", lng=""),
                                            "photos": sample_jpeg(gps=POINT)})

    assert response.status_code == 302
    report = Report.objects.get()
    assert abs(report.lat - POINT[0]) < 1e-4 and abs(report.lng - POINT[1]) < 1e-4
    assert report.kelurahan.name == "Baru"


def test_a_private_report_stays_private(regions, personas):
    client_for(personas["citizen"]).post("/lapor/baru/", _form(visibility="private"))
    assert Report.objects.get().is_public is False


def _refused(response) -> str:  # type: ignore[no-untyped-def]
    assert response.status_code == 400
    assert not Report.objects.exists()
    html = _html(response)
    assert "Laporan belum terkirim" in html
    # nothing typed is lost
    assert f">{DESCRIPTION}</textarea>" in html
    assert 'value="lampu_jalan" checked' in html
    return html


def test_a_file_that_is_not_an_image_is_refused_clearly(regions, personas):
    fake = SimpleUploadedFile("lampu.jpg", b"ini bukan foto, hanya teks biasa",
                              content_type="image/jpeg")

    html = _refused(client_for(personas["citizen"]).post("/lapor/baru/",
                                                         {**_form(), "photos": fake}))

    assert "Jenis berkas tidak diterima" in html
    assert 'id="photos-error"' in html
    assert "Pilih foto Anda sekali lagi" in html
    assert f'value="{POINT[0]}"' in html  # the point is kept


def test_a_photo_too_large_is_refused_clearly(regions, personas, settings):
    settings.LAPOR_PHOTO_MAX_BYTES = 300

    html = _refused(client_for(personas["citizen"]).post(
        "/lapor/baru/", {**_form(), "photos": sample_jpeg(size=(400, 300))}))

    assert "Berkas terlalu besar" in html


def test_more_than_three_photos_are_refused(regions, personas):
    photos = [sample_jpeg(name=f"foto{i}.jpg") for i in range(4)]

    html = _refused(client_for(personas["citizen"]).post("/lapor/baru/",
                                                         {**_form(), "photos": photos}))

    assert "Paling banyak 3 foto" in html


def test_a_point_outside_makassar_is_refused_clearly(regions, personas):
    html = _refused(client_for(personas["citizen"]).post(
        "/lapor/baru/", _form(lat=str(OUTSIDE[0]), lng=str(OUTSIDE[1]))))

    assert "di luar Kota Makassar" in html
    assert 'id="location-error"' in html and 'href="#location"' in html
    assert f'value="{OUTSIDE[0]}"' in html and f'value="{OUTSIDE[1]}"' in html
    assert 'value="Depan Balai Kota"' in html


def test_no_point_and_no_photo_location_asks_for_a_point(regions, personas):
    html = _refused(client_for(personas["citizen"]).post("/lapor/baru/", _form(lat="", lng="")))
    assert "Tandai lokasi masalahnya di peta" in html


def test_a_description_too_short_is_shown_beside_it(regions, personas):
    response = client_for(personas["citizen"]).post("/lapor/baru/", _form(description="Mati"))

    assert response.status_code == 400 and not Report.objects.exists()
    html = _html(response)
    assert 'id="description-error"' in html and "Tuliskan paling sedikit 10 huruf" in html
    assert ">Mati</textarea>" in html


def test_a_flood_from_one_account_is_refused(regions, personas, settings):
    settings.LAPOR_MAX_PER_ACCOUNT_HOUR = 1
    client = client_for(personas["citizen"])
    assert client.post("/lapor/baru/", _form()).status_code == 302

    response = client.post("/lapor/baru/", _form())

    assert response.status_code == 429
    assert Report.objects.count() == 1
    html = _html(response)
    assert "dalam satu jam terakhir" in html and f">{DESCRIPTION}</textarea>" in html


def test_sending_the_form_twice_files_one_report(regions, personas):
    client = client_for(personas["citizen"])
    page = client.get("/lapor/baru/").content.decode()
    key = page.split('name="idempotency_key" value="', 1)[1].split('"', 1)[0]
    assert len(key) == 32
    first = client.post("/lapor/baru/", {**_form(), "idempotency_key": key})
    second = client.post("/lapor/baru/", {**_form(), "idempotency_key": key})
    assert first.status_code == second.status_code == 302
    assert first["Location"] == second["Location"]
    assert Report.objects.count() == 1
