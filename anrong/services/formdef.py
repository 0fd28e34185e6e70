"""Field definitions of a service's form: what an agency admin may define, and what a citizen's
answers must look like.

A form is an ordered list of field dicts (stored in `FormVersion.fields`):

    {"name": "nama_anak", "type": "text", "label": "Nama anak", "label_en": "Child's name",
     "help": "...", "help_en": "...", "required": True, "max_length": 100,
     "show_if": {"field": "<an earlier field>", "equals": <value>}}

Types: text, textarea, number, date, choice, multichoice, nik, phone, kelurahan, file,
declaration. `clean_definition` checks a definition once, when an admin saves it, so the readers
below (run on every citizen's answers) may trust it. File answers are not in `answers`: they are
`Document` rows; `validate_answers` is only told which file fields have a current upload.

Messages are for the person in front of the form, in the active language, and say what to do.
"""

from __future__ import annotations

import datetime as dt
import math
import re
from collections.abc import Collection, Iterable
from typing import Any

from django.utils import timezone, translation
from django.utils.translation import gettext as _

from anrong.core.formatting import tanggal
from anrong.core.uploads import KNOWN_TYPES, CheckedUpload, check_upload

from .errors import ServiceError

TYPES = ("text", "textarea", "number", "date", "choice", "multichoice", "nik", "phone",
         "kelurahan", "file", "declaration")
NAME_PATTERN = re.compile(r"^[a-z][a-z0-9_]{0,39}$")
DATE_PATTERN = re.compile(r"^\d{4}-\d{2}-\d{2}$")
DEFAULT_MAX_LENGTH = {"text": 200, "textarea": 2000}
MAX_LENGTH_LIMIT = {"text": 500, "textarea": 10000}
DEFAULT_ACCEPT = ["application/pdf", "image/jpeg", "image/png"]
DEFAULT_MAX_SIZE_MB = 2
MAX_SIZE_MB_RANGE = (1, 10)
MAX_FIELDS = 100
MAX_CHOICES = 100
LABEL_MAX = 300
HELP_MAX = 1000
CHOICE_VALUE_MAX = 60

_COMMON_KEYS = {"name", "type", "label", "label_en", "help", "help_en", "required", "show_if"}
_TYPE_KEYS: dict[str, set[str]] = {
    "text": {"max_length"},
    "textarea": {"max_length"},
    "number": {"min", "max", "integer"},
    "date": {"min", "max"},
    "choice": {"choices"},
    "multichoice": {"choices"},
    "nik": set(),
    "phone": set(),
    "kelurahan": set(),
    "file": {"accept", "max_size_mb"},
    "declaration": set(),
}
_TRUE_WORDS = {"true", "on", "1", "yes", "ya"}
_FALSE_WORDS = {"false", "off", "0", "no", "tidak", ""}


class FormDefinitionError(ServiceError):
    """A form definition that cannot be saved. `.message` says what to fix first; `.errors` lists
    every problem as {"index": position in the list (None for the whole form), "name": the
    field's name as given (or ""), "message": ...}."""

    def __init__(self, errors: list[dict[str, Any]]) -> None:
        first = errors[0]
        if first["index"] is None:
            message = first["message"]
        else:
            message = _("Isian ke-%(number)s: %(problem)s") % {
                "number": first["index"] + 1, "problem": first["message"]}
        super().__init__(message)
        self.errors = errors


# --- Small helpers ------------------------------------------------------------------------------

def _english() -> bool:
    return (translation.get_language() or "id").split("-")[0].lower() == "en"


def label_of(field: dict[str, Any]) -> str:
    """The field's label in the active language (the Indonesian one when no English is given)."""
    return (field.get("label_en") if _english() else None) or field.get("label", "")


def help_of(field: dict[str, Any]) -> str:
    return (field.get("help_en") if _english() else None) or field.get("help", "")


def choice_label(choice: dict[str, Any]) -> str:
    return (choice.get("label_en") if _english() else None) or choice.get("label", "")


def _in_sentence(label: str) -> str:
    """"Nama anak" -> "nama anak" inside a sentence; "NIK ibu" and "KTP" keep their capitals."""
    if len(label) > 1 and label[1].isupper():
        return label
    return label[:1].lower() + label[1:]


def _is_number(value: Any) -> bool:
    return isinstance(value, int | float) and not isinstance(value, bool) and math.isfinite(value)


def _resolve_date(bound: str) -> dt.date:
    return timezone.localdate() if bound == "today" else dt.date.fromisoformat(bound)


def _plain(value: float) -> int | float:
    return int(value) if float(value).is_integer() else float(value)


# --- Definitions --------------------------------------------------------------------------------

def _text(raw: dict[str, Any], key: str, limit: int, problems: list[str], *,
          required: bool = False) -> str | None:
    value = raw.get(key)
    if value is None or (isinstance(value, str) and not value.strip()):
        if required:
            problems.append(_("Isi label isian."))
        return None
    if not isinstance(value, str):
        problems.append(_("%(key)s harus berupa teks.") % {"key": key})
        return None
    value = value.strip()
    if len(value) > limit:
        problems.append(_("%(key)s paling panjang %(max)s karakter.") % {"key": key, "max": limit})
        return None
    return value


def _clean_choices(raw: Any, problems: list[str]) -> list[dict[str, str]]:
    if not isinstance(raw, list) or not raw:
        problems.append(_("Pilihan wajib diisi: paling sedikit satu pilihan."))
        return []
    if len(raw) > MAX_CHOICES:
        problems.append(_("Paling banyak %(max)s pilihan.") % {"max": MAX_CHOICES})
        return []
    choices: list[dict[str, str]] = []
    seen: set[str] = set()
    for item in raw:
        if not isinstance(item, dict) or set(item) - {"value", "label", "label_en"}:
            problems.append(_("Setiap pilihan berisi nilai, label, dan label bahasa Inggris."))
            return []
        value = item.get("value")
        value = value.strip() if isinstance(value, str) else value
        if not isinstance(value, str) or not value or len(value) > CHOICE_VALUE_MAX:
            problems.append(_("Nilai pilihan wajib diisi, paling panjang %(max)s karakter.")
                            % {"max": CHOICE_VALUE_MAX})
            return []
        if value in seen:
            problems.append(_("Nilai pilihan %(value)s dipakai dua kali.") % {"value": value})
            return []
        seen.add(value)
        label = item.get("label")
        label = label.strip() if isinstance(label, str) else ""
        choice = {"value": value, "label": label or value}
        label_en = item.get("label_en")
        if isinstance(label_en, str) and label_en.strip():
            choice["label_en"] = label_en.strip()
        if len(choice["label"]) > LABEL_MAX or len(choice.get("label_en", "")) > LABEL_MAX:
            problems.append(_("Label pilihan paling panjang %(max)s karakter.") % {"max": LABEL_MAX})
            return []
        choices.append(choice)
    return choices


def _clean_bounds(raw: dict[str, Any], clean: dict[str, Any], type_: str,
                  problems: list[str]) -> None:
    bounds: dict[str, Any] = {}
    for key in ("min", "max"):
        value = raw.get(key)
        if value is None or value == "":
            continue
        if type_ == "number":
            if not _is_number(value):
                problems.append(_("Batas %(key)s harus berupa angka.") % {"key": key})
                continue
            bounds[key] = _plain(value)
        else:
            if value != "today" and not (isinstance(value, str) and DATE_PATTERN.match(value)
                                         and _valid_iso(value)):
                problems.append(_("Batas tanggal %(key)s harus berbentuk TTTT-BB-HH atau "
                                  "\"today\" (hari ini).") % {"key": key})
                continue
            bounds[key] = value
    if "min" in bounds and "max" in bounds:
        low, high = bounds["min"], bounds["max"]
        if type_ == "date":
            low, high = _resolve_date(low), _resolve_date(high)
        if low > high:
            problems.append(_("Batas bawah lebih besar dari batas atas."))
            return
    clean.update(bounds)


def _valid_iso(value: str) -> bool:
    try:
        dt.date.fromisoformat(value)
    except ValueError:
        return False
    return True


def _clean_one(raw: Any, earlier: dict[str, dict[str, Any]], problems: list[str]) -> dict[str, Any]:
    if not isinstance(raw, dict):
        problems.append(_("Setiap isian harus berupa objek dengan nama, jenis, dan label."))
        return {}
    clean: dict[str, Any] = {}
    name = raw.get("name")
    if not isinstance(name, str) or not NAME_PATTERN.match(name):
        problems.append(_("Nama isian hanya huruf kecil, angka dan garis bawah, diawali huruf, "
                          "paling panjang 40 karakter (misalnya nama_anak)."))
    elif name in earlier:
        problems.append(_("Nama isian %(name)s dipakai dua kali. Beri nama lain.") % {"name": name})
    else:
        clean["name"] = name
    type_ = raw.get("type")
    if type_ not in TYPES:
        problems.append(_("Jenis isian tidak dikenal. Pilih salah satu: %(types)s.")
                        % {"types": ", ".join(TYPES)})
        return clean
    clean["type"] = type_
    unknown = set(raw) - _COMMON_KEYS - _TYPE_KEYS[type_]
    if unknown:
        problems.append(_("Isian jenis %(type)s tidak mengenal: %(keys)s.")
                        % {"type": type_, "keys": ", ".join(sorted(unknown))})
    label = _text(raw, "label", LABEL_MAX, problems, required=True)
    if label:
        clean["label"] = label
    for key, limit in (("label_en", LABEL_MAX), ("help", HELP_MAX), ("help_en", HELP_MAX)):
        value = _text(raw, key, limit, problems)
        if value:
            clean[key] = value
    required = raw.get("required", False)
    if not isinstance(required, bool):
        problems.append(_("Wajib diisi harus ya atau tidak (true/false)."))
    clean["required"] = required is True

    if type_ in ("text", "textarea"):
        max_length = raw.get("max_length", DEFAULT_MAX_LENGTH[type_])
        if (not isinstance(max_length, int) or isinstance(max_length, bool)
                or not 1 <= max_length <= MAX_LENGTH_LIMIT[type_]):
            problems.append(_("Panjang maksimal harus bilangan bulat 1 sampai %(max)s.")
                            % {"max": MAX_LENGTH_LIMIT[type_]})
        else:
            clean["max_length"] = max_length
    elif type_ == "number":
        _clean_bounds(raw, clean, type_, problems)
        integer = raw.get("integer", False)
        if not isinstance(integer, bool):
            problems.append(_("Bilangan bulat harus ya atau tidak (true/false)."))
        clean["integer"] = integer is True
        if clean["integer"] and any(not float(clean.get(k, 0)).is_integer() for k in ("min", "max")):
            problems.append(_("Batas isian bilangan bulat harus bilangan bulat."))
    elif type_ == "date":
        _clean_bounds(raw, clean, type_, problems)
    elif type_ in ("choice", "multichoice"):
        clean["choices"] = _clean_choices(raw.get("choices"), problems)
    elif type_ == "file":
        accept = raw.get("accept", DEFAULT_ACCEPT)
        if (not isinstance(accept, list) or not accept
                or any(not isinstance(t, str) or t not in KNOWN_TYPES for t in accept)):
            problems.append(_("Jenis berkas yang diterima harus dipilih dari: %(types)s.")
                            % {"types": ", ".join(KNOWN_TYPES)})
        else:
            clean["accept"] = [t for t in KNOWN_TYPES if t in accept]  # one order everywhere
        size = raw.get("max_size_mb", DEFAULT_MAX_SIZE_MB)
        low, high = MAX_SIZE_MB_RANGE
        if not _is_number(size) or not low <= size <= high:
            problems.append(_("Ukuran berkas paling besar harus %(low)s sampai %(high)s MB.")
                            % {"low": low, "high": high})
        else:
            clean["max_size_mb"] = _plain(size)

    if "show_if" in raw and raw["show_if"] is not None:
        condition = _clean_show_if(raw["show_if"], earlier, problems)
        if condition:
            clean["show_if"] = condition
    return clean


def _clean_show_if(raw: Any, earlier: dict[str, dict[str, Any]],
                   problems: list[str]) -> dict[str, Any] | None:
    if not isinstance(raw, dict) or set(raw) != {"field", "equals"}:
        problems.append(_("Syarat tampil berisi nama isian dan nilainya (field, equals)."))
        return None
    ref = earlier.get(raw["field"]) if isinstance(raw["field"], str) else None
    if ref is None:
        problems.append(_("Syarat tampil harus merujuk isian di atasnya (%(name)s tidak ada di "
                          "atas isian ini).") % {"name": raw["field"]})
        return None
    equals = raw["equals"]
    ref_type = ref.get("type")
    if ref_type == "file":
        problems.append(_("Syarat tampil tidak dapat merujuk isian berkas."))
        return None
    if ref_type in ("choice", "multichoice"):
        values = [c["value"] for c in ref.get("choices", [])]
        if equals not in values:
            problems.append(_("Nilai syarat tampil harus salah satu pilihan %(name)s: %(values)s.")
                            % {"name": ref["name"], "values": ", ".join(values)})
            return None
    elif ref_type == "declaration":
        if equals is not True:
            problems.append(_("Syarat tampil dari pernyataan hanya dapat bernilai true (dicentang)."))
            return None
    elif ref_type == "number":
        if not _is_number(equals):
            problems.append(_("Nilai syarat tampil harus berupa angka."))
            return None
        equals = _plain(equals)
    else:
        try:
            equals = _clean_value(ref, equals)
        except _Invalid as invalid:
            problems.append(_("Nilai syarat tampil tidak cocok untuk %(name)s: %(problem)s")
                            % {"name": ref["name"], "problem": invalid.message})
            return None
    return {"field": ref["name"], "equals": equals}


def clean_definition(fields: list[dict[str, Any]]) -> list[dict[str, Any]]:
    """Check a form definition and return it normalised (labels stripped, defaults filled in,
    `required` always present). Raises FormDefinitionError listing every problem."""
    if not isinstance(fields, list):
        raise FormDefinitionError([{"index": None, "name": "",
                                    "message": _("Formulir harus berupa daftar isian.")}])
    if len(fields) > MAX_FIELDS:
        raise FormDefinitionError([{"index": None, "name": "", "message": _(
            "Formulir paling banyak %(max)s isian.") % {"max": MAX_FIELDS}}])
    cleaned: list[dict[str, Any]] = []
    earlier: dict[str, dict[str, Any]] = {}
    errors: list[dict[str, Any]] = []
    for index, raw in enumerate(fields):
        problems: list[str] = []
        clean = _clean_one(raw, earlier, problems)
        name = raw.get("name") if isinstance(raw, dict) else ""
        errors.extend({"index": index, "name": name if isinstance(name, str) else "",
                       "message": problem} for problem in problems)
        if "name" in clean:
            earlier[clean["name"]] = clean
        cleaned.append(clean)
    if errors:
        raise FormDefinitionError(errors)
    return cleaned


# --- Answers ------------------------------------------------------------------------------------

class _Invalid(ValueError):
    def __init__(self, message: str) -> None:
        super().__init__(message)
        self.message = message


def _missing(value: Any) -> bool:
    if value is None or value is False:
        return True
    if isinstance(value, str):
        return not value.strip()
    if isinstance(value, list | tuple):
        return not [item for item in value if not _missing(item)]
    return False


def _required_message(field: dict[str, Any]) -> str:
    label = _in_sentence(label_of(field))
    type_ = field["type"]
    if type_ in ("choice", "multichoice", "kelurahan"):
        return _("Pilih %(label)s.") % {"label": label}
    if type_ == "file":
        return _("Unggah %(label)s.") % {"label": label}
    if type_ == "declaration":
        return _("Centang pernyataan ini untuk melanjutkan.")
    return _("Isi %(label)s.") % {"label": label}


def _clean_text(field: dict[str, Any], value: Any) -> str:
    if isinstance(value, int | float) and not isinstance(value, bool):
        value = str(value)
    if not isinstance(value, str):
        raise _Invalid(_("%(label)s harus berupa teks.") % {"label": label_of(field)})
    value = value.replace("\r\n", "\n").strip()
    if field["type"] == "text":
        value = " ".join(value.split())
    limit = field.get("max_length", DEFAULT_MAX_LENGTH[field["type"]])
    if len(value) > limit:
        raise _Invalid(_("%(label)s paling panjang %(max)s karakter; sekarang %(count)s.")
                       % {"label": label_of(field), "max": limit, "count": len(value)})
    return value


def _clean_number(field: dict[str, Any], value: Any) -> int | float:
    label = label_of(field)
    if isinstance(value, str):
        text = value.strip().replace(" ", "")
        if text.count(",") == 1 and "." not in text:
            text = text.replace(",", ".")  # Indonesians write 2,5
        if not re.fullmatch(r"-?\d+(\.\d+)?", text):
            raise _Invalid(_("%(label)s harus berupa angka, misalnya 3 atau 2,5.") % {"label": label})
        value = float(text)
    if not _is_number(value):
        raise _Invalid(_("%(label)s harus berupa angka, misalnya 3 atau 2,5.") % {"label": label})
    if field.get("integer") and not float(value).is_integer():
        raise _Invalid(_("%(label)s harus bilangan bulat, tanpa koma.") % {"label": label})
    number = _plain(value)
    if "min" in field and number < field["min"]:
        raise _Invalid(_("%(label)s paling kecil %(min)s.")
                       % {"label": label, "min": number_text(field["min"])})
    if "max" in field and number > field["max"]:
        raise _Invalid(_("%(label)s paling besar %(max)s.")
                       % {"label": label, "max": number_text(field["max"])})
    return number


def _clean_date(field: dict[str, Any], value: Any) -> str:
    label = label_of(field)
    if isinstance(value, dt.datetime):
        value = value.date()
    if isinstance(value, dt.date):
        day = value
    elif isinstance(value, str) and DATE_PATTERN.match(value.strip()) and _valid_iso(value.strip()):
        day = dt.date.fromisoformat(value.strip())
    else:
        raise _Invalid(_("%(label)s harus tanggal yang benar (hari, bulan, tahun).")
                       % {"label": label})
    if "min" in field and day < _resolve_date(field["min"]):
        if field["min"] == "today":
            raise _Invalid(_("%(label)s tidak boleh sebelum hari ini.") % {"label": label})
        raise _Invalid(_("%(label)s paling awal %(date)s.")
                       % {"label": label, "date": tanggal(_resolve_date(field["min"]))})
    if "max" in field and day > _resolve_date(field["max"]):
        if field["max"] == "today":
            raise _Invalid(_("%(label)s tidak boleh sesudah hari ini.") % {"label": label})
        raise _Invalid(_("%(label)s paling lambat %(date)s.")
                       % {"label": label, "date": tanggal(_resolve_date(field["max"]))})
    return day.isoformat()


def _clean_choice(field: dict[str, Any], value: Any) -> str:
    values = [c["value"] for c in field["choices"]]
    if isinstance(value, str) and value.strip() in values:
        return value.strip()
    raise _Invalid(_("Pilih salah satu pilihan %(label)s yang tersedia.")
                   % {"label": _in_sentence(label_of(field))})


def _clean_multichoice(field: dict[str, Any], value: Any) -> list[str]:
    if isinstance(value, str):
        value = [value]
    values = [c["value"] for c in field["choices"]]
    if not isinstance(value, list | tuple) or any(
        not isinstance(item, str) or item.strip() not in values for item in value if item != ""
    ):
        raise _Invalid(_("Pilih dari pilihan %(label)s yang tersedia.")
                       % {"label": _in_sentence(label_of(field))})
    chosen = {item.strip() for item in value if item != ""}
    return [v for v in values if v in chosen]


def _clean_nik(field: dict[str, Any], value: Any) -> str:
    from anrong.accounts.nik import NikError, parse_nik

    if isinstance(value, int) and not isinstance(value, bool):
        value = str(value)
    if not isinstance(value, str):
        raise _Invalid(_("NIK harus 16 angka. Periksa kembali KTP Anda."))
    try:
        return parse_nik(value).nik
    except NikError as error:
        raise _Invalid(str(error)) from None


def _clean_phone(field: dict[str, Any], value: Any) -> str:
    from django.core.exceptions import ValidationError

    from anrong.accounts.adapter import normalize_indonesian_mobile

    if not isinstance(value, str):
        value = str(value) if isinstance(value, int) and not isinstance(value, bool) else ""
    try:
        return normalize_indonesian_mobile(value)
    except ValidationError as error:
        raise _Invalid(str(error.messages[0])) from None


def _clean_kelurahan(field: dict[str, Any], value: Any) -> str:
    from anrong.core.models import Region

    code = value.strip() if isinstance(value, str) else ""
    if code and Region.objects.filter(level=Region.Level.KELURAHAN, code=code,
                                      code__startswith="73.71.").exists():
        return code
    raise _Invalid(_("Pilih %(label)s dari daftar kelurahan di Kota Makassar.")
                   % {"label": _in_sentence(label_of(field))})


def _clean_declaration(field: dict[str, Any], value: Any) -> bool:
    if value is True or (isinstance(value, str) and value.strip().lower() in _TRUE_WORDS):
        return True
    raise _Invalid(_("Centang pernyataan ini untuk melanjutkan."))


_CLEANERS = {
    "text": _clean_text, "textarea": _clean_text, "number": _clean_number, "date": _clean_date,
    "choice": _clean_choice, "multichoice": _clean_multichoice, "nik": _clean_nik,
    "phone": _clean_phone, "kelurahan": _clean_kelurahan, "declaration": _clean_declaration,
}


def _clean_value(field: dict[str, Any], value: Any) -> Any:
    return _CLEANERS[field["type"]](field, value)


def _unticked(field: dict[str, Any], value: Any) -> bool:
    """A declaration sent as "false" or "off" is an unticked box, like no answer at all."""
    return (field["type"] == "declaration" and isinstance(value, str)
            and value.strip().lower() in _FALSE_WORDS)


def _matches(ref: dict[str, Any], value: Any, equals: Any) -> bool:
    if ref["type"] == "multichoice":
        return isinstance(value, list) and equals in value
    if ref["type"] == "declaration":
        return value is True and equals is True
    return value == equals


def _walk(fields: Iterable[dict[str, Any]], answers: dict[str, Any], files: Collection[str]):  # type: ignore[no-untyped-def]
    """Yield (field, visible, cleaned value or None, error or None) in order; a field is visible
    when its condition's field is visible and its valid answer matches."""
    cleaned: dict[str, Any] = {}
    shown: set[str] = set()
    for field in fields:
        condition = field.get("show_if")
        visible = condition is None or (
            condition["field"] in shown and condition["field"] in cleaned
            and _matches(_by_name(fields, condition["field"]), cleaned[condition["field"]],
                         condition["equals"])
        )
        value, error = None, None
        if visible:
            shown.add(field["name"])
            raw = answers.get(field["name"])
            if field["type"] == "file":
                value = True if field["name"] in files else None
            elif not _missing(raw) and not _unticked(field, raw):
                try:
                    value = _clean_value(field, raw)
                    cleaned[field["name"]] = value
                except _Invalid as invalid:
                    error = invalid.message
        yield field, visible, value, error


def _by_name(fields: Iterable[dict[str, Any]], name: str) -> dict[str, Any]:
    for field in fields:
        if field.get("name") == name:
            return field
    raise KeyError(name)


def visible_fields(fields: list[dict[str, Any]], answers: dict[str, Any]) -> list[dict[str, Any]]:
    """The fields shown for these answers (raw or cleaned), in order."""
    answers = answers if isinstance(answers, dict) else {}
    return [field for field, visible, _value, _error in _walk(fields, answers, ()) if visible]


def validate_answers(
    fields: list[dict[str, Any]], answers: dict[str, Any], *, files: Collection[str] = (),
    partial: bool = False,
) -> tuple[dict[str, Any], dict[str, str]]:
    """Clean a citizen's answers against the form. Returns (cleaned answers, errors by field name).
    Hidden fields' answers are dropped; `files` names the file fields with a current upload;
    `partial` (a draft being saved) forgives missing required answers but not wrong ones."""
    if not isinstance(answers, dict):
        answers = {}
    known = {field["name"]: field for field in fields}
    errors: dict[str, str] = {}
    for key in answers:
        if key not in known:
            errors[str(key)] = _("Isian ini tidak ada di formulir.")
        elif known[key]["type"] == "file" and not _missing(answers[key]):
            errors[key] = _("Berkas diunggah terpisah, bukan sebagai isian.")
    cleaned: dict[str, Any] = {}
    for field, visible, value, error in _walk(fields, answers, files):
        name = field["name"]
        if not visible or name in errors:
            continue
        if error is not None:
            errors[name] = error
        elif value is None:
            if field.get("required") and not partial:
                errors[name] = _required_message(field)
        elif field["type"] != "file":
            cleaned[name] = value
    return cleaned, errors


def answers_from_post(fields: list[dict[str, Any]], data: Any) -> dict[str, Any]:
    """The answers in a POST of `services/forms/_fields.html` (a QueryDict): every field of the
    form that was sent, multichoice as a list; file fields are left out (they come in FILES).
    Unknown keys are ignored here, since a page's form also sends its own (csrf, buttons).
    Checkboxes send nothing when none is ticked: the template's `<name>__present` marker tells
    that case apart from a field the page did not show, so un-ticking clears the answer."""
    answers: dict[str, Any] = {}
    for field in fields:
        name = field["name"]
        if field["type"] == "file":
            continue
        if name not in data:
            if f"{name}__present" in data:
                answers[name] = [] if field["type"] == "multichoice" else ""
            continue
        answers[name] = data.getlist(name) if field["type"] == "multichoice" else data.get(name)
    return answers


def kelurahan_code(fields: list[dict[str, Any]], cleaned: dict[str, Any]) -> str | None:
    """The first kelurahan answered in the form (where the application belongs), or None."""
    for field in fields:
        if field["type"] == "kelurahan" and cleaned.get(field["name"]):
            return str(cleaned[field["name"]])
    return None


def file_fields(fields: list[dict[str, Any]]) -> list[dict[str, Any]]:
    """Every file field of the form, shown or not."""
    return [field for field in fields if field["type"] == "file"]


def field_by_name(fields: list[dict[str, Any]], name: str) -> dict[str, Any] | None:
    try:
        return _by_name(fields, name)
    except KeyError:
        return None


def max_bytes_of(field: dict[str, Any]) -> int:
    return int(field.get("max_size_mb", DEFAULT_MAX_SIZE_MB) * 1024 * 1024)


def accept_of(field: dict[str, Any]) -> list[str]:
    return list(field.get("accept") or DEFAULT_ACCEPT)


def check_field_upload(field: dict[str, Any], file: Any) -> CheckedUpload:
    """Check a file sent for a file field against its accepted types and size; raises
    anrong.core.uploads.UploadError with a message for the citizen."""
    if field.get("type") != "file":
        raise ValueError(f"{field.get('name')} is not a file field")
    return check_upload(file, accept=accept_of(field), max_bytes=max_bytes_of(field))


# --- Showing answers ----------------------------------------------------------------------------

def number_text(value: int | float) -> str:
    text = str(_plain(value))
    return text if _english() else text.replace(".", ",")


def display_answers(fields: list[dict[str, Any]], answers: dict[str, Any]) -> list[dict[str, Any]]:
    """The answers as people read them: [{"name", "label", "value"}] in form order, labels in the
    active language; hidden, unanswered and file fields left out."""
    from anrong.core.models import Region

    shown = [f for f in visible_fields(fields, answers)
             if f["type"] != "file" and not _missing(answers.get(f["name"]))]
    codes = [answers[f["name"]] for f in shown if f["type"] == "kelurahan"]
    regions = {r.code: r for r in Region.objects.filter(code__in=codes).select_related("parent")}
    rows = []
    for field in shown:
        value = answers[field["name"]]
        type_ = field["type"]
        if type_ == "number" and _is_number(value):
            text = number_text(value)
        elif type_ == "date" and isinstance(value, str) and _valid_iso(value):
            text = tanggal(dt.date.fromisoformat(value))
        elif type_ in ("choice", "multichoice"):
            labels = {c["value"]: choice_label(c) for c in field["choices"]}
            picked = value if isinstance(value, list) else [value]
            text = ", ".join(labels.get(v, str(v)) for v in picked)
        elif type_ == "kelurahan" and value in regions:
            region = regions[value]
            text = (_("%(kelurahan)s, Kecamatan %(kecamatan)s")
                    % {"kelurahan": region.name, "kecamatan": region.parent.name}
                    if region.parent else region.name)
        elif type_ == "declaration":
            text = _("Ya") if value is True else str(value)
        else:
            text = str(value)
        rows.append({"name": field["name"], "label": label_of(field), "value": text})
    return rows


def bound_fields(fields: list[dict[str, Any]], answers: dict[str, Any] | None,
                 errors: dict[str, str] | None, uploads: dict[str, Any] | None) -> list[dict[str, Any]]:
    """The fields prepared for the template `services/forms/_fields.html` (see formrender)."""
    from .formrender import bound_fields as prepare

    return prepare(fields, answers, errors, uploads)


def json_schema(fields: list[dict[str, Any]]) -> dict[str, Any]:
    """A JSON Schema (draft 2020-12) of the answers object, for apps (see formschema)."""
    from .formschema import json_schema as schema_of

    return schema_of(fields)
