"""A form definition rendered as an accessible HTML form body (services/forms/_fields.html)."""

from __future__ import annotations

import datetime as dt
from html.parser import HTMLParser

import pytest
from django.template.loader import render_to_string
from django.utils import timezone, translation

from anrong.services.formdef import bound_fields, clean_definition
from anrong.services.models import Document
from anrong.services.testing import SAMPLE_ANSWERS, SAMPLE_FIELDS

pytestmark = pytest.mark.django_db


class _Elements(HTMLParser):
    def __init__(self) -> None:
        super().__init__()
        self.found: list[tuple[str, dict[str, str | None]]] = []

    def handle_starttag(self, tag, attrs):  # type: ignore[no-untyped-def]
        self.found.append((tag, dict(attrs)))


def elements(html: str, tag: str, **match: str) -> list[dict[str, str | None]]:
    parser = _Elements()
    parser.feed(html)
    return [attrs for name, attrs in parser.found if name == tag
            and all(attrs.get(key.replace("_", "-")) == value for key, value in match.items())]


def render(fields, answers=None, errors=None, uploads=None) -> str:  # type: ignore[no-untyped-def]
    return render_to_string("services/forms/_fields.html", {
        "fields": bound_fields(clean_definition(fields), answers, errors, uploads)})


CONDITIONAL = [
    {"name": "alasan", "type": "choice", "label": "Alasan perubahan", "required": True,
     "choices": [{"value": "lahir", "label": "Kelahiran"}, {"value": "pindah", "label": "Pindah"}]},
    {"name": "alamat_asal", "type": "textarea", "label": "Alamat asal", "required": True,
     "show_if": {"field": "alasan", "equals": "pindah"}},
]


def test_every_field_has_a_label_tied_to_its_input():
    html = render(SAMPLE_FIELDS)
    labels = {attrs["for"] for attrs in elements(html, "label")}
    for name in ("nama_anak", "tanggal_lahir", "nik_ibu", "kelurahan", "surat_lahir", "pernyataan"):
        assert f"isian-{name}" in labels
    # The sex choice is a fieldset with a legend, one radio per choice, each with its label.
    radios = elements(html, "input", type="radio", name="jenis_kelamin")
    assert [r["value"] for r in radios] == ["L", "P"]
    assert all("required" in r for r in radios)
    assert "<legend>Jenis kelamin</legend>" in html
    assert {r["id"] for r in radios} <= labels


def test_input_types_and_modes_suit_a_phone_keyboard():
    fields = [*SAMPLE_FIELDS, {"name": "hp", "type": "phone", "label": "Nomor HP"},
              {"name": "anak_ke", "type": "number", "label": "Anak ke", "integer": True}]
    html = render(fields)
    nik = elements(html, "input", name="nik_ibu")[0]
    assert nik["type"] == "text" and nik["inputmode"] == "numeric" and "required" in nik
    assert elements(html, "input", name="hp")[0]["type"] == "tel"
    assert elements(html, "input", name="anak_ke")[0]["inputmode"] == "numeric"
    assert "required" not in elements(html, "input", name="hp")[0]
    assert "(tidak wajib)" in html


def test_date_bounds_today_is_the_date_in_makassar(monkeypatch):
    monkeypatch.setattr(timezone, "now", lambda: dt.datetime(2026, 11, 1, 17, 0, tzinfo=dt.UTC))
    date = elements(render(SAMPLE_FIELDS), "input", name="tanggal_lahir")[0]
    assert date["type"] == "date" and date["max"] == "2026-11-02"


def test_kelurahan_is_a_select_grouped_by_kecamatan_with_the_answer_selected():
    html = render(SAMPLE_FIELDS, answers=SAMPLE_ANSWERS)
    groups = elements(html, "optgroup")
    assert len(groups) == 15 and {"label": "Kecamatan Mariso"} in groups
    options = elements(html, "option")
    assert len(options) == 1 + 153  # "Pilih kelurahan" and every kelurahan of Makassar
    assert [o["value"] for o in options if "selected" in o] == ["73.71.01.1002"]


def test_a_long_choice_is_a_select_and_multichoice_is_checkboxes():
    html = render([
        {"name": "agama", "type": "choice", "label": "Agama", "choices": [
            {"value": str(i), "label": f"Pilihan {i}"} for i in range(9)]},
        {"name": "bukti", "type": "multichoice", "label": "Bukti", "required": True,
         "choices": [{"value": "foto", "label": "Foto"}, {"value": "saksi", "label": "Saksi"}]},
    ], answers={"agama": "3", "bukti": ["saksi"]})
    assert [o["value"] for o in elements(html, "option") if "selected" in o] == ["3"]
    boxes = elements(html, "input", type="checkbox", name="bukti")
    assert [("checked" in b, "required" in b) for b in boxes] == [(False, False), (True, False)]


def test_errors_are_next_to_their_field_and_announced():
    html = render(SAMPLE_FIELDS, answers={"nik_ibu": "123"},
                  errors={"nik_ibu": "NIK harus 16 angka. Periksa kembali KTP Anda.",
                          "jenis_kelamin": "Pilih jenis kelamin."})
    nik = elements(html, "input", name="nik_ibu")[0]
    assert nik["aria-invalid"] == "true" and nik["value"] == "123"
    assert "isian-nik_ibu-error" in nik["aria-describedby"].split()
    assert '<p class="field-error" id="isian-nik_ibu-error">NIK harus 16 angka.' in html
    fieldset = [f for f in elements(html, "fieldset") if "isian-jenis_kelamin-error"
                in (f.get("aria-describedby") or "")]
    assert len(fieldset) == 1
    assert all(r["aria-invalid"] == "true"
               for r in elements(html, "input", type="radio", name="jenis_kelamin"))
    assert "aria-invalid" not in elements(html, "input", name="nama_anak")[0]


def test_help_text_is_described_by():
    html = render([{"name": "nama", "type": "text", "label": "Nama", "help": "Sesuai akta."}])
    assert elements(html, "input", name="nama")[0]["aria-describedby"] == "isian-nama-hint"
    assert '<p class="hint" id="isian-nama-hint">Sesuai akta.</p>' in html


def test_file_input_accepts_types_tells_the_limit_and_names_the_current_file():
    html = render(SAMPLE_FIELDS)
    upload = elements(html, "input", type="file")[0]
    assert upload["accept"] == "application/pdf,image/jpeg,image/png,.pdf,.jpg,.jpeg,.png"
    assert "required" in upload
    assert "PDF, JPG atau PNG, paling besar 2 MB" in html
    html = render(SAMPLE_FIELDS, uploads={"surat_lahir": Document(original_name="surat <RS>.pdf")})
    upload = elements(html, "input", type="file")[0]
    assert "required" not in upload  # already uploaded: choosing again only replaces it
    assert "Berkas sekarang: <strong>surat &lt;RS&gt;.pdf</strong>" in html
    assert "isian-surat_lahir-current" in upload["aria-describedby"]


def test_declaration_is_one_checkbox_ticked_from_the_answer():
    box = elements(render(SAMPLE_FIELDS, answers=SAMPLE_ANSWERS), "input", name="pernyataan")[0]
    assert box["type"] == "checkbox" and box["value"] == "true"
    assert "checked" in box and "required" in box


def test_show_if_fields_carry_their_condition_and_start_as_the_server_decides():
    html = render(CONDITIONAL, answers={"alasan": "lahir"})
    wrapper = elements(html, "div", id="isian-alamat_asal-field")[0]
    assert wrapper["data-show-if-field"] == "alasan"
    assert wrapper["data-show-if-value"] == '"pindah"'
    assert "hidden" in wrapper
    assert "disabled" in elements(html, "textarea", name="alamat_asal")[0]
    assert "Diisi jika Alasan perubahan: Pindah." in html
    assert 'src="/static/js/form-conditions.js"' in html

    html = render(CONDITIONAL, answers={"alasan": "pindah"})
    assert "hidden" not in elements(html, "div", id="isian-alamat_asal-field")[0]
    assert "disabled" not in elements(html, "textarea", name="alamat_asal")[0]


def test_labels_follow_the_language():
    with translation.override("en"):
        html = render(SAMPLE_FIELDS, answers=SAMPLE_ANSWERS)
    assert "<legend>Sex</legend>" in html and ">Male</label>" in html
    assert '<label for="isian-nama_anak">Child&#x27;s name</label>' in html
    assert ", at most 2 MB" in html  # "atau" in type_labels awaits its English entry (uploads)
    with translation.override("id"):
        assert '<label for="isian-nama_anak">Nama anak</label>' in render(SAMPLE_FIELDS)


def test_answers_from_a_posted_form_body():
    from django.http import QueryDict

    from anrong.services.formdef import answers_from_post

    fields = clean_definition([*SAMPLE_FIELDS, {"name": "bukti", "type": "multichoice",
                                                "label": "Bukti", "choices": [
                                                    {"value": "a", "label": "A"},
                                                    {"value": "b", "label": "B"}]}])
    data = QueryDict(mutable=True)
    data.update({"csrfmiddlewaretoken": "x", "nama_anak": "Fajar", "surat_lahir": "x.pdf",
                 "pernyataan": "true"})
    data.setlist("bukti", ["a", "b"])
    assert answers_from_post(fields, data) == {"nama_anak": "Fajar", "pernyataan": "true",
                                               "bukti": ["a", "b"]}


class _FormData(HTMLParser):
    """What a browser would send for the rendered fields (enabled controls only)."""

    def __init__(self) -> None:
        super().__init__()
        self.pairs: list[tuple[str, str]] = []
        self._select: str | None = None
        self._textarea: str | None = None

    def handle_starttag(self, tag, attrs):  # type: ignore[no-untyped-def]
        a = dict(attrs)
        if "disabled" in a:
            return
        if tag == "input" and a.get("type") not in ("file",):
            if a.get("type") in ("radio", "checkbox") and "checked" not in a:
                return
            self.pairs.append((a["name"], a.get("value") or ""))
        elif tag == "select":
            self._select = a["name"]
        elif tag == "option" and self._select and "selected" in a:
            self.pairs.append((self._select, a["value"]))
        elif tag == "textarea":
            self._textarea = a["name"]
            self.pairs.append((a["name"], ""))

    def handle_endtag(self, tag):  # type: ignore[no-untyped-def]
        if tag == "select":
            self._select = None
        if tag == "textarea":
            self._textarea = None

    def handle_data(self, data):  # type: ignore[no-untyped-def]
        if self._textarea:
            name, value = self.pairs[-1]
            self.pairs[-1] = (name, value + data)


def test_a_rendered_form_posts_back_the_same_answers():
    from django.http import QueryDict

    from anrong.services.formdef import answers_from_post, validate_answers

    fields = clean_definition([*SAMPLE_FIELDS, *CONDITIONAL, {
        "name": "bukti", "type": "multichoice", "label": "Bukti", "choices": [
            {"value": "a", "label": "A"}, {"value": "b", "label": "B"}]}])
    answers = {**SAMPLE_ANSWERS, "alasan": "pindah", "alamat_asal": "Jl. Veteran\nGowa",
               "bukti": ["b"]}
    parser = _FormData()
    parser.feed(render(fields, answers=answers,
                       uploads={"surat_lahir": Document(original_name="a.pdf")}))
    data = QueryDict(mutable=True)
    for name, value in parser.pairs:
        data.appendlist(name, value)
    cleaned, errors = validate_answers(fields, answers_from_post(fields, data),
                                       files={"surat_lahir"})
    assert errors == {}
    assert cleaned == answers
