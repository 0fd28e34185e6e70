"""Output documents: verification codes, the verification address, and the PDF itself (text, QR,
size, and that rendering never fetches a URL)."""

from __future__ import annotations

import base64
import datetime as dt
import io
import math
import re

import pytest
import segno
from PIL import Image
from pypdf import PdfReader

from anrong.core.formatting import WITA
from anrong.services import documents
from anrong.services.models import Application, Service
from anrong.services.testing import make_application

pytestmark = pytest.mark.django_db

ISSUED_AT = dt.datetime(2026, 11, 23, 9, 15, tzinfo=WITA)


@pytest.fixture
def application(personas):  # type: ignore[no-untyped-def]
    return make_application(service=Service.objects.get(code="DKC-AKTA-LAHIR"),
                            citizen=personas["citizen"], status=Application.Status.COMPLETED,
                            assignee=personas["officer"])


def render(application, personas, code="7Q4M9X-H3KD2P-WZ8RTB-5NFG6C"):  # type: ignore[no-untyped-def]
    return documents.render_output_pdf(application, verification_code=code, issued_at=ISSUED_AT,
                                       officer=personas["officer"])


def pdf_text(pdf: bytes) -> str:
    return "\n".join(page.extract_text() or "" for page in PdfReader(io.BytesIO(pdf)).pages)


# --- Codes and addresses --------------------------------------------------------------------


def test_verification_codes_are_grouped_readable_and_unguessable():
    codes = {documents.new_verification_code() for _ in range(500)}
    assert len(codes) == 500
    for code in codes:
        assert documents.CODE_PATTERN.match(code) and len(code) == 27 <= 32
        assert not set(code) & set("01OILU")
    random_characters = documents.CODE_GROUPS * documents.CODE_GROUP_LENGTH
    assert math.log2(len(set(documents.CODE_ALPHABET))) * random_characters >= 100


def test_typed_codes_are_normalised_or_refused():
    assert documents.normalise_code(" 7q4m9x h3kd2p wz8rtb 5nfg6c ") == "7Q4M9X-H3KD2P-WZ8RTB-5NFG6C"
    assert documents.normalise_code("7Q4M9XH3KD2PWZ8RTB5NFG6C") == "7Q4M9X-H3KD2P-WZ8RTB-5NFG6C"
    assert documents.normalise_code("7Q4M9X-H3KD2P-WZ8RTB") is None       # too short
    assert documents.normalise_code("7Q4M9X-H3KD2P-WZ8RTB-5NFG6O") is None  # O is not ours
    assert documents.normalise_code("") is None


def test_verification_url_is_absolute_from_the_public_base_url(settings):
    settings.PUBLIC_BASE_URL = "https://cek.makassarkota.go.id/"
    assert documents.verification_url("7Q4M9X-H3KD2P-WZ8RTB-5NFG6C") == \
        "https://cek.makassarkota.go.id/verifikasi/7Q4M9X-H3KD2P-WZ8RTB-5NFG6C/"


# --- The PDF ---------------------------------------------------------------------------------


def test_pdf_carries_the_letterhead_number_citizen_answers_date_officer_and_address(
        application, personas, settings):
    settings.PUBLIC_BASE_URL = "https://anrong.makassarkota.go.id"
    personas["officer"].display_name = "Andi Petugas"
    pdf = render(application, personas)
    assert pdf.startswith(b"%PDF-")
    text = pdf_text(pdf)
    flat = re.sub(r"\s+", " ", text)
    assert "PEMERINTAH KOTA MAKASSAR" in text
    assert application.agency.name in flat
    assert application.service.output.upper() in flat  # the title is set in capitals
    assert application.tracking_no in text
    assert "Warga citizen" in text  # the citizen's full name from the profile
    assert "Muhammad Fajar" in text and "Laki-laki" in text and "7371015508920002" in text
    assert "2 November 2026" in text and "Mattoangin" in text  # the kelurahan's name, not its code
    assert "23 November 2026" in text
    assert "Andi Petugas" in text
    assert "https://anrong.makassarkota.go.id/verifikasi/7Q4M9X-H3KD2P-WZ8RTB-5NFG6C/" in \
        flat.replace(" ", "")
    assert "7Q4M9X-H3KD2P-WZ8RTB-5NFG6C" in text


def test_pdf_is_a4_and_small(application, personas):
    pdf = render(application, personas)
    page = PdfReader(io.BytesIO(pdf)).pages[0]
    width_mm, height_mm = (float(v) * 25.4 / 72 for v in (page.mediabox.width, page.mediabox.height))
    assert round(width_mm) == 210 and round(height_mm) == 297
    assert len(pdf) < 100 * 1024


def test_the_qr_code_in_the_pdf_holds_the_verification_address(application, personas, settings):
    settings.PUBLIC_BASE_URL = "https://anrong.makassarkota.go.id"
    code = documents.new_verification_code()
    pdf = render(application, personas, code=code)
    images = PdfReader(io.BytesIO(pdf)).pages[0].images
    assert len(images) == 1
    drawn = images[0].image.convert("1")
    # The same address always gives the same symbol: the drawn modules must be exactly segno's.
    expected = segno.make(documents.verification_url(code), error="m", micro=False)
    matrix = [[bool(module) for module in row] for row in expected.matrix_iter(scale=1, border=4)]
    assert drawn.size == (len(matrix[0]), len(matrix))
    assert [[drawn.getpixel((x, y)) == 0 for x in range(drawn.width)]
            for y in range(drawn.height)] == matrix
    other = segno.make(documents.verification_url(documents.new_verification_code()), error="m")
    assert [[bool(m) for m in row] for row in other.matrix_iter(scale=1, border=4)] != matrix


def test_qr_data_uri_is_a_png_of_the_address():
    uri = documents.qr_data_uri("https://example.org/verifikasi/X/")
    assert uri.startswith("data:image/png;base64,")
    with Image.open(io.BytesIO(base64.b64decode(uri.split(",", 1)[1]))) as image:
        assert image.format == "PNG" and image.width == image.height


def test_answers_are_escaped_not_rendered_as_markup(application, personas):
    application.answers = {**application.answers,
                           "nama_anak": '<img src="http://tracker.example/x.png">Budi'}
    html = documents.render_output_html(application, verification_code="7Q4M9X-H3KD2P-WZ8RTB-5NFG6C",
                                        issued_at=ISSUED_AT, officer=personas["officer"])
    assert "&lt;img" in html and '<img src="http://tracker' not in html


def test_rendering_never_fetches_a_url():
    fetcher = documents.OfflineFetcher()
    pdf = documents.html_to_pdf(
        '<html><head><link rel="stylesheet" href="https://cdn.example/x.css"></head><body>'
        '<img src="http://tracker.example/pixel.png"><img src="file:///etc/passwd">'
        '<img src="data:image/png;base64,iVBORw0KGgoAAAANSUhEUgAAAAEAAAABAQAAAAA3bvkkAAAACklEQVR4'
        'AWNgAAAAAgABc3UBGAAAAABJRU5ErkJggg==">Isi</body></html>', fetcher=fetcher)
    assert pdf.startswith(b"%PDF-")
    assert sorted(fetcher.refused) == ["file:///etc/passwd", "http://tracker.example/pixel.png",
                                       "https://cdn.example/x.css"]
    assert len(PdfReader(io.BytesIO(pdf)).pages[0].images) == 1  # the data: image was drawn


def test_the_output_pdf_asks_for_no_url_but_data(application, personas, monkeypatch):
    fetchers: list[documents.OfflineFetcher] = []
    original = documents.OfflineFetcher.__init__

    def remember(self):  # type: ignore[no-untyped-def]
        original(self)
        fetchers.append(self)

    monkeypatch.setattr(documents.OfflineFetcher, "__init__", remember)
    render(application, personas)
    assert len(fetchers) == 1 and fetchers[0].refused == []


def test_download_names_are_safe():
    class Doc:
        def __init__(self, kind, name, content_type, field_name="surat_lahir"):  # type: ignore[no-untyped-def]
            self.kind, self.original_name, self.content_type = kind, name, content_type
            self.field_name = field_name
            self.application = type("A", (), {"tracking_no": "DKC-2026-7Q4M9X"})()

    name = documents.download_filename
    assert name(Doc("output", "whatever.exe", "application/pdf")) == "DKC-2026-7Q4M9X.pdf"
    assert name(Doc("upload", "Surat lahir.PDF", "application/pdf")) == "Surat lahir.pdf"
    assert name(Doc("upload", "../../etc/pass\"wd;.pdf", "application/pdf")) == "pass_wd.pdf"
    assert name(Doc("upload", "C:\\Users\\x\\foto ktp.jpeg", "image/jpeg")) == "foto ktp.jpeg"
    assert name(Doc("upload", "scan.pdf", "image/png")) == "scan.png"
    assert name(Doc("upload", "Şürat\r\n.jpg", "image/jpeg")) == "Surat.jpg"
    assert name(Doc("upload", "", "image/jpeg")) == "DKC-2026-7Q4M9X-surat_lahir.jpg"
    assert name(Doc("upload", "???.pdf", "application/pdf")) == "DKC-2026-7Q4M9X-surat_lahir.pdf"
