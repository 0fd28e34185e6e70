"""The form builder's one HTML form: a field definition as plain inputs an agency admin fills in
without code, and back. Only the shape is translated here (choices one per line as
`value|Label|English label`, numbers with a decimal comma); whether the definition is right is
decided by `formdef.clean_definition`, whose messages the builder shows."""

from __future__ import annotations

import re
from typing import Any

from django import forms
from django.utils.translation import gettext_lazy as _

from anrong.core.uploads import KNOWN_TYPES

from . import formdef

TYPE_LABELS = {
    "text": _("Teks pendek"),
    "textarea": _("Teks panjang"),
    "number": _("Angka"),
    "date": _("Tanggal"),
    "choice": _("Pilihan (pilih satu)"),
    "multichoice": _("Pilihan (boleh lebih dari satu)"),
    "nik": _("NIK"),
    "phone": _("Nomor HP"),
    "kelurahan": _("Kelurahan di Makassar"),
    "file": _("Unggah berkas"),
    "declaration": _("Pernyataan (dicentang)"),
}
_NUMBER = re.compile(r"^-?\d+([.,]\d+)?$")


class FieldForm(forms.Form):
    type = forms.ChoiceField(label=_("Jenis isian"), choices=list(TYPE_LABELS.items()))
    name = forms.CharField(
        label=_("Nama isian (kode)"), required=False, max_length=60,
        help_text=_("Huruf kecil, angka dan garis bawah, misalnya nama_anak. Dipakai aplikasi "
                    "dan laporan; jangan diubah setelah formulir terbit."))
    label = forms.CharField(label=_("Label (bahasa Indonesia)"), required=False, max_length=300)
    label_en = forms.CharField(label=_("Label (bahasa Inggris)"), required=False, max_length=300)
    help = forms.CharField(label=_("Petunjuk (bahasa Indonesia)"), required=False,
                           max_length=1000, widget=forms.Textarea(attrs={"rows": 2}))
    help_en = forms.CharField(label=_("Petunjuk (bahasa Inggris)"), required=False,
                              max_length=1000, widget=forms.Textarea(attrs={"rows": 2}))
    required = forms.BooleanField(label=_("Wajib diisi"), required=False)
    choices = forms.CharField(
        label=_("Pilihan"), required=False, widget=forms.Textarea(attrs={"rows": 4}),
        help_text=_("Untuk jenis pilihan: satu pilihan per baris, nilai|Label|English label, "
                    "misalnya L|Laki-laki|Male."))
    min = forms.CharField(label=_("Paling kecil / paling awal"), required=False, max_length=20,
                          help_text=_("Untuk angka: misalnya 1. Untuk tanggal: TTTT-BB-HH atau "
                                      "today (hari ini)."))
    max = forms.CharField(label=_("Paling besar / paling lambat"), required=False, max_length=20)
    integer = forms.BooleanField(label=_("Hanya bilangan bulat"), required=False)
    max_length = forms.CharField(label=_("Panjang teks paling banyak (karakter)"), required=False,
                                 max_length=6, help_text=_("Kosongkan untuk 200 (teks pendek) "
                                                           "atau 2000 (teks panjang)."))
    accept = forms.MultipleChoiceField(
        label=_("Jenis berkas yang diterima"), required=False,
        choices=[(mime, label) for mime, (label, _ext) in KNOWN_TYPES.items()],
        widget=forms.CheckboxSelectMultiple)
    max_size_mb = forms.CharField(label=_("Ukuran berkas paling besar (MB)"), required=False,
                                  max_length=5, help_text=_("1 sampai 10; kosongkan untuk 2."))
    show_if_field = forms.ChoiceField(label=_("Tampilkan hanya jika isian"), required=False)
    show_if_value = forms.CharField(
        label=_("bernilai"), required=False, max_length=60,
        help_text=_("Untuk pilihan: nilainya (misalnya L). Untuk pernyataan: kosongkan "
                    "(tampil jika dicentang)."))

    def __init__(self, *args: Any, earlier: list[dict[str, Any]] = (), **kwargs: Any) -> None:  # type: ignore[assignment]
        super().__init__(*args, **kwargs)
        self.earlier = [field for field in earlier if field.get("type") != "file"]
        self.fields["show_if_field"].choices = [("", _("Selalu tampil"))] + [
            (field["name"], f"{formdef.label_of(field)} ({field['name']})")
            for field in self.earlier]
        if not self.is_bound and "accept" not in self.initial:
            self.initial["accept"] = list(formdef.DEFAULT_ACCEPT)

    def definition(self) -> dict[str, Any]:
        """The field as a definition dict, for clean_definition to judge."""
        data = self.cleaned_data
        type_ = data["type"]
        field: dict[str, Any] = {"name": data["name"].strip(), "type": type_,
                                 "label": data["label"].strip(), "required": data["required"]}
        for key in ("label_en", "help", "help_en"):
            if data[key].strip():
                field[key] = data[key].strip()
        if type_ in ("text", "textarea") and data["max_length"].strip():
            field["max_length"] = _integer_or_text(data["max_length"])
        elif type_ == "number":
            field["integer"] = data["integer"]
            for key in ("min", "max"):
                if data[key].strip():
                    field[key] = _number_or_text(data[key])
        elif type_ == "date":
            for key in ("min", "max"):
                if data[key].strip():
                    field[key] = data[key].strip().lower()
        elif type_ in ("choice", "multichoice"):
            field["choices"] = parse_choices(data["choices"])
        elif type_ == "file":
            field["accept"] = list(data["accept"])
            if data["max_size_mb"].strip():
                field["max_size_mb"] = _number_or_text(data["max_size_mb"])
        if data["show_if_field"]:
            field["show_if"] = {"field": data["show_if_field"],
                                "equals": self._condition_value(data["show_if_field"],
                                                                data["show_if_value"])}
        return field

    def _condition_value(self, name: str, raw: str) -> Any:
        ref = formdef.field_by_name(self.earlier, name) or {}
        if ref.get("type") == "declaration":
            return True
        if ref.get("type") == "number":
            return _number_or_text(raw)
        return raw.strip()


def _integer_or_text(raw: str) -> int | str:
    text = raw.strip()
    return int(text) if re.fullmatch(r"-?\d+", text) else text


def _number_or_text(raw: str) -> int | float | str:
    text = raw.strip().replace(" ", "")
    if not _NUMBER.match(text):
        return text  # clean_definition says what is wrong with it
    value = float(text.replace(",", "."))
    return int(value) if value.is_integer() else value


def parse_choices(text: str) -> list[dict[str, str]]:
    """"L|Laki-laki|Male" per line -> [{"value": "L", "label": "Laki-laki", "label_en": "Male"}].
    A line with only a value uses it as the label too; blank lines are skipped."""
    choices = []
    for line in text.splitlines():
        parts = [part.strip() for part in line.split("|")]
        if not parts[0]:
            continue
        choice = {"value": parts[0], "label": parts[1] if len(parts) > 1 and parts[1] else parts[0]}
        if len(parts) > 2 and parts[2]:
            choice["label_en"] = "|".join(parts[2:])
        choices.append(choice)
    return choices


def choices_text(choices: list[dict[str, str]]) -> str:
    return "\n".join("|".join([c["value"], c.get("label", ""), c.get("label_en", "")]).rstrip("|")
                     for c in choices)


def initial_of(field: dict[str, Any]) -> dict[str, Any]:
    """The builder form's initial values for an existing field."""
    initial: dict[str, Any] = {key: field.get(key, "") for key in (
        "type", "name", "label", "label_en", "help", "help_en")}
    initial["required"] = bool(field.get("required"))
    initial["integer"] = bool(field.get("integer"))
    for key in ("min", "max", "max_length", "max_size_mb"):
        value = field.get(key)
        initial[key] = "" if value is None else (
            formdef.number_text(value) if isinstance(value, float) else str(value))
    initial["choices"] = choices_text(field.get("choices", []))
    initial["accept"] = list(field.get("accept") or formdef.DEFAULT_ACCEPT)
    condition = field.get("show_if")
    if condition:
        initial["show_if_field"] = condition["field"]
        equals = condition["equals"]
        initial["show_if_value"] = "" if equals is True else (
            formdef.number_text(equals) if isinstance(equals, float) else str(equals))
    return initial


def describe(field: dict[str, Any], fields: list[dict[str, Any]]) -> dict[str, Any]:
    """A field as one row of the builder's list."""
    condition = field.get("show_if")
    shown_if = ""
    if condition:
        ref = formdef.field_by_name(fields, condition["field"]) or {"label": condition["field"]}
        equals = condition["equals"]
        if ref.get("type") in ("choice", "multichoice"):
            equals = next((formdef.choice_label(c) for c in ref["choices"]
                           if c["value"] == equals), equals)
        shown_if = f"{formdef.label_of(ref)}: {'✓' if equals is True else equals}"
    return {"name": field["name"], "label": formdef.label_of(field),
            "type_label": TYPE_LABELS.get(field["type"], field["type"]),
            "required": bool(field.get("required")), "shown_if": shown_if,
            "choices": ", ".join(formdef.choice_label(c) for c in field.get("choices", []))}
