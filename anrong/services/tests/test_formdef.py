"""Form definitions and citizens' answers: every field type, conditions, and the JSON Schema."""

from __future__ import annotations

import copy
import datetime as dt
import io

import jsonschema
import pytest
from django.utils import timezone, translation

from anrong.core.uploads import UploadError
from anrong.services import formdef
from anrong.services.formdef import (
    FormDefinitionError,
    clean_definition,
    display_answers,
    json_schema,
    validate_answers,
    visible_fields,
)
from anrong.services.testing import SAMPLE_ANSWERS, SAMPLE_FIELDS

pytestmark = pytest.mark.django_db


def one(field_type: str, **extra):  # type: ignore[no-untyped-def]
    """A one-field form, cleaned like an admin's save would."""
    return clean_definition([{"name": "isian", "type": field_type, "label": "Isian uji",
                              "required": True, **extra}])


def check(fields, value, **kwargs):  # type: ignore[no-untyped-def]
    cleaned, errors = validate_answers(fields, {"isian": value}, **kwargs)
    return cleaned.get("isian"), errors.get("isian")


def definition_errors(fields) -> list[str]:  # type: ignore[no-untyped-def]
    with pytest.raises(FormDefinitionError) as caught:
        clean_definition(fields)
    return [error["message"] for error in caught.value.errors]


# --- The sample form ----------------------------------------------------------------------------

def test_the_sample_answers_are_valid_and_come_back_unchanged():
    fields = clean_definition(SAMPLE_FIELDS)
    cleaned, errors = validate_answers(fields, SAMPLE_ANSWERS, files={"surat_lahir"})
    assert errors == {}
    assert cleaned == SAMPLE_ANSWERS


def test_clean_definition_fills_in_defaults_and_is_idempotent():
    fields = clean_definition([
        {"name": "nama", "type": "text", "label": "  Nama  "},
        {"name": "cerita", "type": "textarea", "label": "Cerita", "required": True},
        {"name": "ktp", "type": "file", "label": "KTP"},
    ])
    assert fields[0] == {"name": "nama", "type": "text", "label": "Nama", "required": False,
                         "max_length": 200}
    assert fields[1]["max_length"] == 2000 and fields[1]["required"] is True
    assert fields[2]["accept"] == ["application/pdf", "image/jpeg", "image/png"]
    assert fields[2]["max_size_mb"] == 2
    assert clean_definition(copy.deepcopy(fields)) == fields


# --- Required, partial, unknown keys ------------------------------------------------------------

def test_missing_required_answers_say_what_to_fill_in():
    _, errors = validate_answers(clean_definition(SAMPLE_FIELDS), {})
    assert errors == {
        "nama_anak": "Isi nama anak.",
        "tanggal_lahir": "Isi tanggal lahir.",
        "jenis_kelamin": "Pilih jenis kelamin.",
        "nik_ibu": "Isi NIK ibu.",
        "kelurahan": "Pilih kelurahan domisili.",
        "surat_lahir": "Unggah surat keterangan lahir.",
        "pernyataan": "Centang pernyataan ini untuk melanjutkan.",
    }


def test_blank_strings_count_as_missing():
    _, errors = validate_answers(clean_definition(SAMPLE_FIELDS),
                                 {**SAMPLE_ANSWERS, "nama_anak": "   "}, files={"surat_lahir"})
    assert errors == {"nama_anak": "Isi nama anak."}


def test_partial_forgives_missing_answers_but_not_wrong_ones():
    fields = clean_definition(SAMPLE_FIELDS)
    cleaned, errors = validate_answers(fields, {"nama_anak": " Fajar "}, partial=True)
    assert (cleaned, errors) == ({"nama_anak": "Fajar"}, {})
    cleaned, errors = validate_answers(fields, {"nama_anak": "Fajar", "nik_ibu": "1234"},
                                       partial=True)
    assert cleaned == {"nama_anak": "Fajar"}
    assert errors == {"nik_ibu": "NIK harus 16 angka. Periksa kembali KTP Anda."}


def test_optional_fields_may_stay_empty():
    fields = clean_definition([{"name": "catatan", "type": "text", "label": "Catatan"}])
    assert validate_answers(fields, {}) == ({}, {})
    assert validate_answers(fields, {"catatan": ""}) == ({}, {})


def test_unknown_keys_are_errors_under_their_own_key():
    fields = clean_definition(SAMPLE_FIELDS)
    cleaned, errors = validate_answers(fields, {**SAMPLE_ANSWERS, "hobi": "memancing"},
                                       files={"surat_lahir"})
    assert errors == {"hobi": "Isian ini tidak ada di formulir."}
    assert "hobi" not in cleaned


def test_a_file_field_sent_as_an_answer_is_refused():
    fields = clean_definition(SAMPLE_FIELDS)
    _, errors = validate_answers(fields, {**SAMPLE_ANSWERS, "surat_lahir": "scan.pdf"},
                                 files={"surat_lahir"})
    assert errors == {"surat_lahir": "Berkas diunggah terpisah, bukan sebagai isian."}


def test_an_uploaded_required_file_satisfies_the_field_and_is_not_an_answer():
    fields = one("file")
    assert check(fields, None, files={"isian"}) == (None, None)
    assert check(fields, None) == (None, "Unggah isian uji.")
    assert check(fields, None, partial=True) == (None, None)


# --- Each type ----------------------------------------------------------------------------------

def test_text_is_stripped_spaces_collapsed_and_length_checked():
    fields = one("text", max_length=10)
    assert check(fields, "  Andi   Baso ") == ("Andi Baso", None)
    assert check(fields, "x" * 11) == (None, "Isian uji paling panjang 10 karakter; sekarang 11.")
    assert check(fields, ["a"]) == (None, "Isian uji harus berupa teks.")


def test_textarea_keeps_line_breaks():
    fields = one("textarea")
    assert check(fields, "Baris satu\r\nBaris dua\n") == ("Baris satu\nBaris dua", None)
    assert check(fields, "y" * 2001)[1] == "Isian uji paling panjang 2000 karakter; sekarang 2001."


def test_number_bounds_integer_and_indonesian_decimal_comma():
    fields = one("number", min=1, max=20, integer=True)
    assert check(fields, "3") == (3, None)
    assert check(fields, 4) == (4, None)
    assert check(fields, "2,5") == (None, "Isian uji harus bilangan bulat, tanpa koma.")
    assert check(fields, "0") == (None, "Isian uji paling kecil 1.")
    assert check(fields, 21) == (None, "Isian uji paling besar 20.")
    assert check(fields, "tiga") == (None, "Isian uji harus berupa angka, misalnya 3 atau 2,5.")
    assert check(fields, True)[1] == "Isian uji harus berupa angka, misalnya 3 atau 2,5."
    weight = one("number", min=0.5, max=6.5)
    assert check(weight, "3,25") == (3.25, None)
    assert check(weight, "3.2") == (3.2, None)
    assert check(weight, "3") == (3, None)
    assert check(weight, 7) == (None, "Isian uji paling besar 6,5.")
    assert check(weight, float("nan"))[1] == "Isian uji harus berupa angka, misalnya 3 atau 2,5."


def test_date_must_be_a_real_date_within_its_bounds():
    fields = one("date", min="2020-01-01", max="2026-12-31")
    assert check(fields, "2024-02-29") == ("2024-02-29", None)
    assert check(fields, dt.date(2025, 1, 2)) == ("2025-01-02", None)
    assert check(fields, "2023-02-29") == (
        None, "Isian uji harus tanggal yang benar (hari, bulan, tahun).")
    assert check(fields, "02-11-2026")[1] == "Isian uji harus tanggal yang benar (hari, bulan, tahun)."
    assert check(fields, "2019-12-31") == (None, "Isian uji paling awal 1 Januari 2020.")
    assert check(fields, "2027-01-01") == (None, "Isian uji paling lambat 31 Desember 2026.")


def test_today_is_the_day_in_makassar(monkeypatch):
    # 17:00 UTC on 1 November is already 01:00 on 2 November in WITA (UTC+8).
    monkeypatch.setattr(timezone, "now", lambda: dt.datetime(2026, 11, 1, 17, 0, tzinfo=dt.UTC))
    born = one("date", max="today")
    assert check(born, "2026-11-02") == ("2026-11-02", None)
    assert check(born, "2026-11-03") == (None, "Isian uji tidak boleh sesudah hari ini.")
    appointment = one("date", min="today")
    assert check(appointment, "2026-11-02") == ("2026-11-02", None)
    assert check(appointment, "2026-11-01") == (None, "Isian uji tidak boleh sebelum hari ini.")


CHOICES = [{"value": "L", "label": "Laki-laki", "label_en": "Male"},
           {"value": "P", "label": "Perempuan", "label_en": "Female"}]


def test_choice_takes_one_of_its_values():
    fields = one("choice", choices=CHOICES)
    assert check(fields, "P") == ("P", None)
    assert check(fields, "X") == (None, "Pilih salah satu pilihan isian uji yang tersedia.")
    assert check(fields, ["L"])[1] == "Pilih salah satu pilihan isian uji yang tersedia."


def test_multichoice_returns_values_in_definition_order_without_repeats():
    fields = one("multichoice", choices=[{"value": v, "label": v.upper()} for v in "abcd"])
    assert check(fields, ["d", "a", "d"]) == (["a", "d"], None)
    assert check(fields, "b") == (["b"], None)
    assert check(fields, ["a", "z"]) == (None, "Pilih dari pilihan isian uji yang tersedia.")
    assert check(fields, []) == (None, "Pilih isian uji.")


def test_nik_is_checked_like_a_ktp():
    fields = one("nik")
    assert check(fields, "7371 0155 0892 0002") == ("7371015508920002", None)
    assert check(fields, "737101550892") == (None, "NIK harus 16 angka. Periksa kembali KTP Anda.")
    assert check(fields, "7371O15508920002")[1].startswith("NIK hanya berisi angka")
    assert check(fields, "9999015508920002")[1].startswith("Kode wilayah pada NIK")
    assert check(fields, "7371019908920002")[1].startswith("Tanggal lahir pada NIK")


@pytest.mark.parametrize("raw", ["0812 3456 7890", "081234567890", "+62 812-3456-7890",
                                 "6281234567890", "+6281234567890"])
def test_phone_numbers_are_normalised_to_e164(raw):
    assert check(one("phone"), raw) == ("+6281234567890", None)


@pytest.mark.parametrize("raw", ["12345", "+14155550100", "0411 123456", "halo"])
def test_phone_numbers_that_are_not_indonesian_mobiles_are_refused(raw):
    value, error = check(one("phone"), raw)
    assert value is None and "HP" in error


def test_kelurahan_must_be_one_of_makassar():
    fields = one("kelurahan")
    assert check(fields, "73.71.01.1002") == ("73.71.01.1002", None)
    message = "Pilih isian uji dari daftar kelurahan di Kota Makassar."
    assert check(fields, "73.71.01") == (None, message)  # a kecamatan, not a kelurahan
    assert check(fields, "73.72.01.1001") == (None, message)
    assert check(fields, "Mattoangin") == (None, message)


def test_declaration_must_be_ticked_when_required():
    fields = one("declaration")
    assert check(fields, True) == (True, None)
    assert check(fields, "on") == (True, None)
    for unticked in (False, "false", "", None):
        assert check(fields, unticked) == (None, "Centang pernyataan ini untuk melanjutkan.")
    assert check(fields, "false", partial=True) == (None, None)
    assert check(fields, "mungkin") == (None, "Centang pernyataan ini untuk melanjutkan.")


def test_messages_follow_the_language_and_english_labels():
    fields = clean_definition(SAMPLE_FIELDS)
    with translation.override("en"):
        _, errors = validate_answers(fields, {"nik_ibu": "123"}, partial=True)
        _, missing = validate_answers(fields, {})
    assert errors == {"nik_ibu": "A NIK has 16 digits. Check your KTP again."}
    assert missing["nama_anak"] == "Enter child's name."
    assert missing["jenis_kelamin"] == "Choose sex."
    assert missing["surat_lahir"] == "Upload birth certificate from the hospital."


# --- show_if ------------------------------------------------------------------------------------

CONDITIONAL = [
    {"name": "alasan", "type": "choice", "label": "Alasan", "required": True, "choices": [
        {"value": "hilang", "label": "Hilang"}, {"value": "rusak", "label": "Rusak"}]},
    {"name": "no_laporan", "type": "text", "label": "Nomor surat kehilangan dari polisi",
     "required": True, "show_if": {"field": "alasan", "equals": "hilang"}},
    {"name": "tanggal_hilang", "type": "date", "label": "Tanggal hilang",
     "show_if": {"field": "no_laporan", "equals": "ABC"}},
    {"name": "bukti", "type": "multichoice", "label": "Bukti", "choices": [
        {"value": "foto", "label": "Foto"}, {"value": "saksi", "label": "Saksi"}]},
    {"name": "nama_saksi", "type": "text", "label": "Nama saksi", "required": True,
     "show_if": {"field": "bukti", "equals": "saksi"}},
    {"name": "setuju", "type": "declaration", "label": "Saya setuju"},
    {"name": "telepon", "type": "phone", "label": "Nomor HP", "required": True,
     "show_if": {"field": "setuju", "equals": True}},
]


def test_show_if_shows_and_requires_a_field_only_when_its_condition_holds():
    fields = clean_definition(CONDITIONAL)
    _, errors = validate_answers(fields, {"alasan": "hilang"})
    assert errors == {"no_laporan": "Isi nomor surat kehilangan dari polisi."}
    cleaned, errors = validate_answers(fields, {"alasan": "rusak"})
    assert (cleaned, errors) == ({"alasan": "rusak"}, {})


def test_hidden_answers_are_dropped_even_when_invalid():
    fields = clean_definition(CONDITIONAL)
    cleaned, errors = validate_answers(fields, {
        "alasan": "rusak", "no_laporan": "LP/123", "nama_saksi": "Budi",
        "tanggal_hilang": "bukan tanggal", "telepon": "12"})
    assert errors == {}
    assert cleaned == {"alasan": "rusak"}


def test_visible_answers_are_kept_and_conditions_chain():
    fields = clean_definition(CONDITIONAL)
    answers = {"alasan": "hilang", "no_laporan": "ABC", "tanggal_hilang": "2025-03-01",
               "bukti": ["foto", "saksi"], "nama_saksi": "Budi", "setuju": "on",
               "telepon": "081234567890"}
    cleaned, errors = validate_answers(fields, answers)
    assert errors == {}
    assert cleaned == {**answers, "setuju": True, "telepon": "+6281234567890"}
    assert [f["name"] for f in visible_fields(fields, answers)] == [f["name"] for f in fields]
    # The chain breaks when the first link is hidden: tanggal_hilang depends on no_laporan.
    hidden = visible_fields(fields, {**answers, "alasan": "rusak"})
    assert "no_laporan" not in [f["name"] for f in hidden]
    assert "tanggal_hilang" not in [f["name"] for f in hidden]


def test_a_condition_on_an_invalid_answer_hides_the_field():
    fields = clean_definition(CONDITIONAL)
    _, errors = validate_answers(fields, {"alasan": "entah", "no_laporan": "LP/1"})
    assert set(errors) == {"alasan"}


def test_multichoice_and_declaration_conditions():
    fields = clean_definition(CONDITIONAL)
    names = [f["name"] for f in visible_fields(fields, {"bukti": ["foto"], "setuju": False})]
    assert "nama_saksi" not in names and "telepon" not in names
    names = [f["name"] for f in visible_fields(fields, {"bukti": ["saksi"], "setuju": True})]
    assert "nama_saksi" in names and "telepon" in names


# --- Definition errors --------------------------------------------------------------------------

def test_duplicate_names_are_refused():
    messages = definition_errors([{"name": "nama", "type": "text", "label": "A"},
                                  {"name": "nama", "type": "text", "label": "B"}])
    assert messages == ["Nama isian nama dipakai dua kali. Beri nama lain."]


@pytest.mark.parametrize("name", ["Nama", "1nama", "nama-anak", "", "a" * 41, None])
def test_bad_names_are_refused(name):
    assert definition_errors([{"name": name, "type": "text", "label": "A"}])[0].startswith(
        "Nama isian hanya huruf kecil")


def test_an_unknown_type_is_refused():
    assert definition_errors([{"name": "a", "type": "signature", "label": "A"}])[0].startswith(
        "Jenis isian tidak dikenal")


def test_a_label_is_required():
    assert definition_errors([{"name": "a", "type": "text", "label": "  "}]) == [
        "Isi label isian."]


def test_keys_that_do_not_belong_to_the_type_are_refused():
    assert definition_errors([{"name": "a", "type": "text", "label": "A", "choices": []}]) == [
        "Isian jenis text tidak mengenal: choices."]


def test_show_if_must_point_at_an_earlier_field():
    later = [{"name": "a", "type": "text", "label": "A", "show_if": {"field": "b", "equals": "x"}},
             {"name": "b", "type": "text", "label": "B"}]
    assert definition_errors(later)[0].startswith("Syarat tampil harus merujuk isian di atasnya")
    unknown = [{"name": "a", "type": "text", "label": "A",
                "show_if": {"field": "zzz", "equals": "x"}}]
    assert definition_errors(unknown)[0].startswith("Syarat tampil harus merujuk isian di atasnya")
    itself = [{"name": "a", "type": "text", "label": "A", "show_if": {"field": "a", "equals": "x"}}]
    assert definition_errors(itself)[0].startswith("Syarat tampil harus merujuk isian di atasnya")


def test_show_if_value_must_fit_the_field_it_points_at():
    base = copy.deepcopy(CONDITIONAL[:1])
    assert definition_errors(base + [{"name": "b", "type": "text", "label": "B", "show_if": {
        "field": "alasan", "equals": "dicuri"}}])[0].startswith(
        "Nilai syarat tampil harus salah satu pilihan alasan")
    declaration = [{"name": "d", "type": "declaration", "label": "D"},
                   {"name": "b", "type": "text", "label": "B",
                    "show_if": {"field": "d", "equals": "ya"}}]
    assert definition_errors(declaration) == [
        "Syarat tampil dari pernyataan hanya dapat bernilai true (dicentang)."]
    upload = [{"name": "f", "type": "file", "label": "F"},
              {"name": "b", "type": "text", "label": "B", "show_if": {"field": "f", "equals": "x"}}]
    assert definition_errors(upload) == ["Syarat tampil tidak dapat merujuk isian berkas."]
    shape = [{"name": "d", "type": "text", "label": "D"},
             {"name": "b", "type": "text", "label": "B", "show_if": {"field": "d"}}]
    assert definition_errors(shape) == [
        "Syarat tampil berisi nama isian dan nilainya (field, equals)."]


def test_a_choice_needs_choices_with_distinct_values():
    assert definition_errors([{"name": "a", "type": "choice", "label": "A"}]) == [
        "Pilihan wajib diisi: paling sedikit satu pilihan."]
    assert definition_errors([{"name": "a", "type": "multichoice", "label": "A", "choices": []}]) == [
        "Pilihan wajib diisi: paling sedikit satu pilihan."]
    assert definition_errors([{"name": "a", "type": "choice", "label": "A", "choices": [
        {"value": "x", "label": "X"}, {"value": "x", "label": "Y"}]}]) == [
        "Nilai pilihan x dipakai dua kali."]


def test_file_accept_must_be_known_types_and_size_within_range():
    assert definition_errors([{"name": "f", "type": "file", "label": "F",
                               "accept": ["application/zip"]}])[0].startswith(
        "Jenis berkas yang diterima harus dipilih dari")
    assert definition_errors([{"name": "f", "type": "file", "label": "F", "accept": []}])[0] \
        .startswith("Jenis berkas yang diterima")
    for size in (0, 11, "2", True):
        assert definition_errors([{"name": "f", "type": "file", "label": "F",
                                   "max_size_mb": size}]) == [
            "Ukuran berkas paling besar harus 1 sampai 10 MB."]
    assert one("file", max_size_mb=10, accept=["image/png", "application/pdf"])[0]["accept"] == [
        "application/pdf", "image/png"]


def test_bounds_must_be_well_formed_and_ordered():
    assert definition_errors([{"name": "n", "type": "number", "label": "N", "min": 5,
                               "max": 1}]) == ["Batas bawah lebih besar dari batas atas."]
    assert definition_errors([{"name": "n", "type": "number", "label": "N", "min": "5"}]) == [
        "Batas min harus berupa angka."]
    assert definition_errors([{"name": "n", "type": "number", "label": "N", "integer": True,
                               "max": 2.5}]) == ["Batas isian bilangan bulat harus bilangan bulat."]
    assert definition_errors([{"name": "d", "type": "date", "label": "D", "max": "kemarin"}])[0] \
        .startswith("Batas tanggal max harus berbentuk")
    assert definition_errors([{"name": "d", "type": "date", "label": "D", "min": "2030-01-01",
                               "max": "2020-01-01"}]) == ["Batas bawah lebih besar dari batas atas."]
    assert definition_errors([{"name": "t", "type": "text", "label": "T", "max_length": 0}])[0] \
        .startswith("Panjang maksimal harus bilangan bulat")


def test_every_problem_is_listed_with_its_position_and_the_message_names_the_first():
    with pytest.raises(FormDefinitionError) as caught:
        clean_definition([{"name": "ok", "type": "text", "label": "OK"},
                          {"name": "a", "type": "choice", "label": ""},
                          "bukan isian"])
    error = caught.value
    assert [(e["index"], e["name"]) for e in error.errors] == [(1, "a"), (1, "a"), (2, "")]
    assert error.message == "Isian ke-2: Isi label isian."
    with pytest.raises(FormDefinitionError):
        clean_definition({"name": "a"})  # type: ignore[arg-type]


# --- Helpers others call ------------------------------------------------------------------------

def test_kelurahan_code_file_fields_and_field_by_name():
    fields = clean_definition(SAMPLE_FIELDS)
    assert formdef.kelurahan_code(fields, SAMPLE_ANSWERS) == "73.71.01.1002"
    assert formdef.kelurahan_code(fields, {}) is None
    assert [f["name"] for f in formdef.file_fields(fields)] == ["surat_lahir"]
    assert formdef.field_by_name(fields, "nik_ibu")["type"] == "nik"
    assert formdef.field_by_name(fields, "tidak_ada") is None


PDF = b"%PDF-1.4\n1 0 obj<<>>endobj\ntrailer<<>>\n%%EOF\n"


def test_check_field_upload_uses_the_fields_types_and_size():
    pdf_only = one("file", accept=["application/pdf"], max_size_mb=1)[0]
    checked = formdef.check_field_upload(pdf_only, _named(PDF, "akta.pdf"))
    assert checked.content_type == "application/pdf"
    with pytest.raises(UploadError, match="Paling besar 1 MB"):
        formdef.check_field_upload(pdf_only, _named(PDF + b" " * (1024 * 1024), "besar.pdf"))
    png = _png()
    with pytest.raises(UploadError, match="Unggah berkas PDF"):
        formdef.check_field_upload(pdf_only, _named(png, "foto.png"))
    images = one("file", accept=["image/png"])[0]
    assert formdef.check_field_upload(images, _named(png, "foto.png")).content_type == "image/png"
    with pytest.raises(ValueError, match="not a file field"):
        formdef.check_field_upload(one("text")[0], _named(PDF, "a.pdf"))


def _named(content: bytes, name: str) -> io.BytesIO:
    handle = io.BytesIO(content)
    handle.name = name
    return handle


def _png() -> bytes:
    from PIL import Image

    out = io.BytesIO()
    Image.new("RGB", (4, 4), "white").save(out, format="PNG")
    return out.getvalue()


def test_display_answers_for_people():
    fields = clean_definition([
        *SAMPLE_FIELDS,
        {"name": "berat", "type": "number", "label": "Berat lahir (kg)", "label_en": "Birth weight (kg)"},
        {"name": "bukti", "type": "multichoice", "label": "Bukti", "choices": [
            {"value": "foto", "label": "Foto", "label_en": "Photo"},
            {"value": "saksi", "label": "Saksi", "label_en": "Witness"}]},
        {"name": "nama_saksi", "type": "text", "label": "Nama saksi",
         "show_if": {"field": "bukti", "equals": "saksi"}},
    ])
    answers = {**SAMPLE_ANSWERS, "berat": 3.25, "bukti": ["foto"], "nama_saksi": "tersimpan"}
    rows = display_answers(fields, answers)
    assert [(r["label"], r["value"]) for r in rows] == [
        ("Nama anak", "Muhammad Fajar"),
        ("Tanggal lahir", "2 November 2026"),
        ("Jenis kelamin", "Laki-laki"),
        ("NIK ibu", "7371015508920002"),
        ("Kelurahan domisili", "Mattoangin, Kecamatan Mariso"),
        ("Data yang saya isi benar.", "Ya"),
        ("Berat lahir (kg)", "3,25"),
        ("Bukti", "Foto"),
    ]  # the file and the hidden witness are left out
    with translation.override("en"):
        rows = {r["name"]: r for r in display_answers(fields, answers)}
    assert rows["jenis_kelamin"]["label"] == "Sex" and rows["jenis_kelamin"]["value"] == "Male"
    assert rows["tanggal_lahir"]["value"] == "2 November 2026"
    assert rows["berat"]["value"] == "3.25" and rows["bukti"]["value"] == "Photo"
    assert rows["pernyataan"]["value"] == "Yes"


# --- JSON Schema --------------------------------------------------------------------------------

def test_json_schema_is_a_valid_2020_12_schema_that_the_sample_answers_meet():
    schema = json_schema(clean_definition(SAMPLE_FIELDS))
    jsonschema.Draft202012Validator.check_schema(schema)
    validator = jsonschema.Draft202012Validator(schema, format_checker=jsonschema.FormatChecker())
    assert list(validator.iter_errors(SAMPLE_ANSWERS)) == []
    assert "surat_lahir" not in schema["properties"]  # files are uploaded separately
    assert schema["required"] == ["nama_anak", "tanggal_lahir", "jenis_kelamin", "nik_ibu",
                                  "kelurahan", "pernyataan"]
    for wrong in ({**SAMPLE_ANSWERS, "jenis_kelamin": "X"},
                  {**SAMPLE_ANSWERS, "nik_ibu": "123"},
                  {**SAMPLE_ANSWERS, "kelurahan": "Mattoangin"},
                  {**SAMPLE_ANSWERS, "pernyataan": False},
                  {**SAMPLE_ANSWERS, "tanggal_lahir": "2026-13-40"},
                  {**SAMPLE_ANSWERS, "hobi": "x"},
                  {k: v for k, v in SAMPLE_ANSWERS.items() if k != "nama_anak"}):
        assert not validator.is_valid(wrong), wrong


def test_json_schema_of_conditions_numbers_and_multichoice():
    fields = clean_definition([*CONDITIONAL, {"name": "anak_ke", "type": "number",
                                              "label": "Anak ke", "integer": True, "min": 1}])
    schema = json_schema(fields)
    jsonschema.Draft202012Validator.check_schema(schema)
    validator = jsonschema.Draft202012Validator(schema)
    cleaned, errors = validate_answers(fields, {
        "alasan": "hilang", "no_laporan": "ABC", "bukti": ["saksi"], "nama_saksi": "Budi",
        "setuju": True, "telepon": "0812 3456 7890", "anak_ke": "2"})
    assert errors == {}
    assert validator.is_valid(cleaned)  # what the server keeps, the schema accepts
    assert validator.is_valid({"alasan": "rusak"})
    assert not validator.is_valid({"alasan": "hilang"})  # no_laporan required when lost
    assert not validator.is_valid({"alasan": "rusak", "bukti": ["saksi"]})  # witness's name
    assert not validator.is_valid({"alasan": "rusak", "setuju": True})  # then the phone
    assert not validator.is_valid({"alasan": "rusak", "anak_ke": 1.5})
    assert not validator.is_valid({"alasan": "rusak", "anak_ke": 0})
    assert not validator.is_valid({"alasan": "rusak", "bukti": ["foto", "foto"]})
