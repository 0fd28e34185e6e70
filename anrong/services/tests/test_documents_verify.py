"""The public verification page behind an output document's QR: genuine, unknown (maybe forged),
the optional PDF check, no personal data, English."""

from __future__ import annotations

import datetime as dt

import pytest
from django.core.cache import cache
from django.core.files.uploadedfile import SimpleUploadedFile

from anrong.core.formatting import WITA
from anrong.services import documents
from anrong.services.models import Application, Document, Service
from anrong.services.testing import make_application
from anrong.services.views import documents as views

from .document_helpers import PDF_BYTES, make_document, remove_written_files

pytestmark = pytest.mark.django_db


@pytest.fixture(autouse=True)
def _files_removed_afterwards():  # type: ignore[no-untyped-def]
    yield
    remove_written_files()

CODE = "7Q4M9X-H3KD2P-WZ8RTB-5NFG6C"


@pytest.fixture(autouse=True)
def fresh_rate_limit():  # type: ignore[no-untyped-def]
    cache.clear()
    yield
    cache.clear()


@pytest.fixture
def application(personas):  # type: ignore[no-untyped-def]
    return make_application(service=Service.objects.get(code="DKC-AKTA-LAHIR"),
                            citizen=personas["citizen"], status=Application.Status.COMPLETED,
                            assignee=personas["officer"])


@pytest.fixture
def output(application, personas):  # type: ignore[no-untyped-def]
    document = make_document(application, kind=Document.Kind.OUTPUT, verification_code=CODE,
                                uploaded_by=personas["officer"])
    Document.objects.filter(pk=document.pk).update(
        created_at=dt.datetime(2026, 11, 23, 10, 30, tzinfo=WITA))
    document.refresh_from_db()
    return document


def page(response) -> str:  # type: ignore[no-untyped-def]
    return response.content.decode()


def test_a_genuine_document_shows_what_was_issued(client, output, application):
    response = client.get(f"/verifikasi/{CODE}/")
    assert response.status_code == 200
    html = page(response)
    assert "Dokumen asli" in html
    assert "Kutipan akta kelahiran" in html  # the service's output: the document's title
    assert "Dinas Kependudukan dan Pencatatan Sipil Kota Makassar" in html
    assert application.tracking_no in html
    assert "23 November 2026, 10.30 WITA" in html
    assert "Berlaku" in html
    assert documents.short_fingerprint(output.sha256) in html and output.sha256 in html


def test_the_address_printed_on_the_pdf_opens_this_page(client, output, settings):
    settings.PUBLIC_BASE_URL = "https://anrong.makassarkota.go.id"
    url = documents.verification_url(CODE)
    path = url.removeprefix("https://anrong.makassarkota.go.id")
    assert client.get(path).status_code == 200


def test_the_page_shows_no_personal_data(client, output, application, personas):
    personas["officer"].display_name = "Andi Petugas Rahasia"
    personas["officer"].save()
    html = page(client.get(f"/verifikasi/{CODE}/"))
    profile = personas["citizen"].citizen_profile
    for secret in [profile.full_name, profile.nik, "Muhammad Fajar", "7371015508920002",
                   "Laki-laki", "Jl. Contoh", personas["citizen"].phone, "Andi Petugas Rahasia"]:
        assert secret not in html
    assert "data pribadi" in html  # and it says why


def test_the_page_is_kept_out_of_search_engines_and_shared_caches(client, output):
    response = client.get(f"/verifikasi/{CODE}/")
    assert '<meta name="robots" content="noindex, nofollow">' in page(response)
    assert response["X-Robots-Tag"] == "noindex, nofollow"
    assert response["Cache-Control"] == "private, max-age=60"


def test_an_unknown_code_says_the_document_is_not_recognised(client, output):
    response = client.get("/verifikasi/7Q4M9X-H3KD2P-WZ8RTB-5NFG6D/")
    assert response.status_code == 404
    html = page(response)
    assert "Dokumen tidak dikenal" in html and "mungkin palsu" in html
    assert "Dokumen asli" not in html
    assert response["Cache-Control"] == "no-store"
    assert 'name="kode"' in html  # type it again


def test_a_malformed_code_is_not_recognised_either(client, output):
    response = client.get("/verifikasi/ini-bukan-kode/")
    assert response.status_code == 404 and "Dokumen tidak dikenal" in page(response)


def test_a_code_on_an_upload_is_not_a_verification_code(client, application):
    make_document(application, field_name="surat_lahir", verification_code=CODE)
    assert client.get(f"/verifikasi/{CODE}/").status_code == 404


def test_a_code_typed_in_lower_case_goes_to_its_page(client, output):
    response = client.get("/verifikasi/7q4m9xh3kd2pwz8rtb5nfg6c/")
    assert response.status_code == 302 and response["Location"] == f"/verifikasi/{CODE}/"


def test_the_lookup_form_takes_a_typed_code(client, output):
    html = page(client.get("/verifikasi/"))
    assert 'for="kode"' in html and 'name="kode"' in html and "noindex" in html
    response = client.get("/verifikasi/", {"kode": " 7q4m9x h3kd2p wz8rtb 5nfg6c "})
    assert response.status_code == 302 and response["Location"] == f"/verifikasi/{CODE}/"


def test_the_lookup_form_explains_a_code_that_cannot_be_one(client):
    response = client.get("/verifikasi/", {"kode": "12345"})
    assert response.status_code == 400
    html = page(response)
    assert "24 huruf dan angka" in html and 'aria-invalid="true"' in html


def test_a_superseded_document_says_so(client, output, application):
    make_document(application, kind=Document.Kind.OUTPUT, content=b"%PDF-1.7 newer\n%%EOF",
                     verification_code=documents.new_verification_code())
    html = page(client.get(f"/verifikasi/{CODE}/"))
    assert "Dokumen asli" in html and "Sudah diganti" in html and "Berlaku" not in html


def test_a_document_of_a_reopened_application_asks_to_check_with_the_agency(
        client, output, application):
    Application.objects.filter(pk=application.pk).update(status=Application.Status.IN_PROCESS)
    html = page(client.get(f"/verifikasi/{CODE}/"))
    assert "Diproses" in html and "Tanyakan kepada OPD penerbit" in html and "Berlaku" not in html


# --- The optional check of a PDF one holds ----------------------------------------------------


def check(client, content, name="dokumen.pdf"):  # type: ignore[no-untyped-def]
    return client.post(f"/verifikasi/{CODE}/",
                       {"berkas": SimpleUploadedFile(name, content, "application/pdf")})


def test_the_issued_file_matches(client, output):
    response = check(client, PDF_BYTES)
    assert response.status_code == 200
    html = page(response)
    assert "Cocok: berkas ini sama persis" in html and "Tidak cocok" not in html
    assert response["Cache-Control"] == "no-store"


def test_a_changed_file_does_not_match(client, output):
    html = page(check(client, PDF_BYTES.replace(b"1.7", b"1.6")))
    assert "Tidak cocok: berkas ini berbeda" in html and "Cocok: berkas ini sama" not in html
    assert 'role="alert"' in html


def test_no_file_chosen_says_what_to_do(client, output):
    response = client.post(f"/verifikasi/{CODE}/", {})
    assert response.status_code == 400
    assert "Pilih berkas PDF yang ingin diperiksa." in page(response)


def test_an_empty_file_is_refused(client, output):
    response = check(client, b"")
    assert response.status_code == 400 and "Berkas kosong" in page(response)


def test_a_file_over_the_limit_is_refused_without_being_kept(client, output, monkeypatch):
    monkeypatch.setattr(views, "CHECK_MAX_BYTES", 1024)
    response = check(client, PDF_BYTES + b"0" * 2048)  # past the limit, inside the framing slack
    assert response.status_code == 400 and "Berkas terlalu besar" in page(response)
    response = check(client, PDF_BYTES + b"0" * 200_000)  # refused from Content-Length alone
    assert response.status_code == 400 and "Berkas terlalu besar" in page(response)


def test_file_checks_are_rate_limited_per_address(client, output, monkeypatch):
    monkeypatch.setattr(views, "CHECK_LIMIT", 2)
    assert check(client, PDF_BYTES).status_code == 200
    assert check(client, PDF_BYTES).status_code == 200
    response = check(client, PDF_BYTES)
    assert response.status_code == 429 and "Terlalu banyak permintaan" in page(response)
    assert client.get(f"/verifikasi/{CODE}/").status_code == 200  # reading is never limited


def test_checking_an_unknown_code_is_still_unknown(client, output):
    response = client.post("/verifikasi/7Q4M9X-H3KD2P-WZ8RTB-5NFG6D/",
                           {"berkas": SimpleUploadedFile("x.pdf", PDF_BYTES)})
    assert response.status_code == 404 and "Dokumen tidak dikenal" in page(response)


# --- English -----------------------------------------------------------------------------------


def test_the_pages_speak_english_when_chosen(client, output):
    client.post("/i18n/setlang/", {"language": "en", "next": "/"})
    genuine = page(client.get(f"/verifikasi/{CODE}/"))
    assert "Genuine document" in genuine and "Valid" in genuine and "Issued by" in genuine
    assert "Dokumen asli" not in genuine
    unknown = client.get("/verifikasi/7Q4M9X-H3KD2P-WZ8RTB-5NFG6D/")
    assert unknown.status_code == 404
    assert "Document not recognised" in page(unknown) and "may be forged" in page(unknown)
    assert "Check a document" in page(client.get("/verifikasi/"))
    assert "It matches" in page(check(client, PDF_BYTES))


def test_the_date_uses_wita_whatever_the_server_clock(client, output):
    Document.objects.filter(pk=output.pk).update(
        created_at=dt.datetime(2026, 11, 22, 17, 0, tzinfo=dt.UTC))  # 23 Nov 01.00 in Makassar
    assert "23 November 2026, 01.00 WITA" in page(client.get(f"/verifikasi/{CODE}/"))
