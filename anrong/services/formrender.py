"""A form definition as an HTML form body: `bound_fields` prepares every field (label in the
active language, the value to show, its error, its ids for aria-describedby, whether it is shown)
for the template `services/forms/_fields.html`. Call it through `formdef.bound_fields`.

Visibility is decided here, on the server, from the answers as they stand; the small script
static/js/form-conditions.js only repeats the same rule in the browser while a person types, so
that a field appears as soon as its condition holds. Without the script a conditional field
appears after the next save, and its answer is dropped whenever it is hidden.
"""

from __future__ import annotations

import datetime as dt
import json
from typing import Any

from django.utils import timezone
from django.utils.translation import gettext as _

from anrong.core.uploads import KNOWN_TYPES, megabytes, type_labels

from . import formdef

# A choice with more options than this is a <select>; fewer are radio buttons (one tap each).
RADIO_LIMIT = 8


def _text_value(value: Any) -> str:
    if value is None or value is False:
        return ""
    if isinstance(value, float):
        return formdef.number_text(value)
    if isinstance(value, list):
        return ""
    return str(value)


def _picked(value: Any) -> set[str]:
    if isinstance(value, list | tuple):
        return {str(v) for v in value}
    return {str(value)} if value not in (None, "") else set()


def _date_bound(bound: str | None) -> str:
    if not bound:
        return ""
    return timezone.localdate().isoformat() if bound == "today" else bound


def _condition_text(fields: list[dict[str, Any]], condition: dict[str, Any]) -> str:
    ref = formdef.field_by_name(fields, condition["field"]) or {}
    equals = condition["equals"]
    if ref.get("type") in ("choice", "multichoice"):
        shown = next((formdef.choice_label(c) for c in ref["choices"] if c["value"] == equals),
                     str(equals))
    elif ref.get("type") == "declaration":
        shown = _("dicentang")
    elif isinstance(equals, float):
        shown = formdef.number_text(equals)
    else:
        shown = str(equals)
    return _("Diisi jika %(field)s: %(value)s.") % {"field": formdef.label_of(ref),
                                                     "value": shown}


def _kelurahan_groups() -> list[dict[str, Any]]:
    from anrong.accounts.queries import kelurahan_choices

    return [{"label": kecamatan,
             "options": [{"value": code, "label": name}
                         for code, name in options]}
            for kecamatan, options in kelurahan_choices()]


def bound_fields(fields: list[dict[str, Any]], answers: dict[str, Any] | None,
                 errors: dict[str, str] | None, uploads: dict[str, Any] | None) -> list[dict[str, Any]]:
    """Everything `services/forms/_fields.html` needs for each field, in order. `answers` may be
    what the person sent (strings) or what was saved (cleaned values); `uploads` maps a file
    field's name to its current Document."""
    answers = answers if isinstance(answers, dict) else {}
    errors = errors or {}
    uploads = uploads or {}
    visible = {field["name"] for field in formdef.visible_fields(fields, answers)}
    kelurahan_cache: list[dict[str, Any]] | None = None
    bound = []
    for field in fields:
        name, type_ = field["name"], field["type"]
        value = answers.get(name)
        item: dict[str, Any] = {
            "name": name, "type": type_, "id": f"isian-{name}",
            "label": formdef.label_of(field), "help": formdef.help_of(field),
            "required": bool(field.get("required")), "error": errors.get(name, ""),
            "visible": name in visible, "value": _text_value(value),
            "group": False, "widget": type_,
        }
        condition = field.get("show_if")
        if condition:
            item["show_if_field"] = condition["field"]
            item["show_if_value"] = json.dumps(condition["equals"])
            item["condition"] = _condition_text(fields, condition)
        if type_ == "text":
            item.update(input_type="text", maxlength=field.get("max_length"))
        elif type_ == "textarea":
            item.update(maxlength=field.get("max_length"))
        elif type_ == "number":
            item.update(input_type="text",
                        inputmode="numeric" if field.get("integer") else "decimal")
            if "min" in field and "max" in field:
                item["range"] = _("Dari %(min)s sampai %(max)s.") % {
                    "min": formdef.number_text(field["min"]),
                    "max": formdef.number_text(field["max"])}
        elif type_ == "date":
            if isinstance(value, dt.date):
                item["value"] = value.isoformat()
            item.update(input_type="date", min=_date_bound(field.get("min")),
                        max=_date_bound(field.get("max")))
        elif type_ == "nik":
            item.update(input_type="text", inputmode="numeric", maxlength=19,
                        autocomplete="off", example=_("16 angka, seperti di KTP atau KK."))
        elif type_ == "phone":
            item.update(input_type="tel", inputmode="tel", autocomplete="tel",
                        example=_("Nomor HP, misalnya 0812 3456 7890."))
        elif type_ in ("choice", "multichoice"):
            picked = _picked(value)
            item["options"] = [{"value": c["value"], "label": formdef.choice_label(c),
                                "checked": c["value"] in picked} for c in field["choices"]]
            item["group"] = type_ == "multichoice" or len(field["choices"]) <= RADIO_LIMIT
            item["widget"] = ("checkboxes" if type_ == "multichoice"
                              else "radios" if item["group"] else "select")
        elif type_ == "kelurahan":
            if kelurahan_cache is None:
                kelurahan_cache = _kelurahan_groups()  # one query, however many fields
            selected = item["value"]
            item["optgroups"] = [
                {"label": group["label"],
                 "options": [{**option, "selected": option["value"] == selected}
                             for option in group["options"]]}
                for group in kelurahan_cache]
        elif type_ == "declaration":
            item["checked"] = value is True or (
                isinstance(value, str) and value.strip().lower() in ("true", "on", "1", "yes", "ya"))
        elif type_ == "file":
            accept = formdef.accept_of(field)
            item["accept"] = ",".join(
                [*accept, *(ext for t in accept for ext in KNOWN_TYPES[t][1])])
            item["file_hint"] = _("%(types)s, paling besar %(size)s MB") % {
                "types": type_labels(accept), "size": megabytes(formdef.max_bytes_of(field))}
            document = uploads.get(name)
            item["upload"] = document
            item["upload_name"] = getattr(document, "original_name", "") if document else ""
            item["required"] = item["required"] and document is None
        described = [f"{item['id']}-{part}" for part, present in (
            ("condition", condition), ("hint", item["help"]),
            ("format", item.get("example") or item.get("range") or item.get("file_hint")),
            ("current", item.get("upload_name")), ("error", item["error"])) if present]
        item["describedby"] = " ".join(described)
        bound.append(item)
    return bound
