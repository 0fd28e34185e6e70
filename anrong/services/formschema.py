"""The JSON Schema (draft 2020-12) of a form's answers object, published at
/api/v1/services/{code}/form for mobile apps. The server's own check is formdef.validate_answers;
this schema says the same for clients (files are uploaded separately and are not in it)."""

from __future__ import annotations

from typing import Any

from .formdef import DATE_PATTERN, DEFAULT_MAX_LENGTH, _by_name


def _property_schema(field: dict[str, Any]) -> dict[str, Any]:
    schema: dict[str, Any] = {"title": field["label"]}
    if field.get("help"):
        schema["description"] = field["help"]
    type_ = field["type"]
    if type_ in ("text", "textarea"):
        schema.update(type="string", maxLength=field.get("max_length", DEFAULT_MAX_LENGTH[type_]))
    elif type_ == "number":
        schema["type"] = "integer" if field.get("integer") else "number"
        if "min" in field:
            schema["minimum"] = field["min"]
        if "max" in field:
            schema["maximum"] = field["max"]
    elif type_ == "date":
        schema.update(type="string", format="date", pattern=DATE_PATTERN.pattern)
        for key in ("min", "max"):
            if key in field:
                schema[f"x-{key}Date"] = field[key]  # "today" is WITA's today, checked on filing
    elif type_ == "choice":
        schema.update(type="string", oneOf=[{"const": c["value"], "title": c["label"]}
                                            for c in field["choices"]])
    elif type_ == "multichoice":
        schema.update(type="array", uniqueItems=True, items={
            "type": "string",
            "oneOf": [{"const": c["value"], "title": c["label"]} for c in field["choices"]]})
        if field.get("required"):
            schema["minItems"] = 1
    elif type_ == "nik":
        schema.update(type="string", pattern=r"^[1-9][0-9]{15}$")
    elif type_ == "phone":
        schema.update(type="string", pattern=r"^\+628[0-9]{7,12}$")
    elif type_ == "kelurahan":
        schema.update(type="string", pattern=r"^73\.71\.[0-9]{2}\.[0-9]{4}$")
    elif type_ == "declaration":
        schema["type"] = "boolean"
        if field.get("required"):
            schema["const"] = True
    schema["x-anrongType"] = type_
    return schema


def _condition_schema(ref: dict[str, Any], equals: Any) -> dict[str, Any]:
    if ref["type"] == "multichoice":
        return {"type": "array", "contains": {"const": equals}}
    return {"const": equals}


def json_schema(fields: list[dict[str, Any]]) -> dict[str, Any]:
    """A JSON Schema (draft 2020-12) of the answers object, for apps that file applications.
    Files are uploaded separately and are not in it. A field with `show_if` is required only when
    its condition holds (if/then); the server drops the answers of hidden fields."""
    properties: dict[str, Any] = {}
    required: list[str] = []
    conditions: list[dict[str, Any]] = []
    for field in fields:
        if field["type"] == "file":
            continue
        properties[field["name"]] = _property_schema(field)
        if not field.get("required"):
            continue
        condition = field.get("show_if")
        if condition is None:
            required.append(field["name"])
        else:
            ref = _by_name(fields, condition["field"])
            conditions.append({
                "if": {"properties": {ref["name"]: _condition_schema(ref, condition["equals"])},
                       "required": [ref["name"]]},
                "then": {"required": [field["name"]]},
            })
    schema: dict[str, Any] = {
        "$schema": "https://json-schema.org/draft/2020-12/schema",
        "type": "object",
        "properties": properties,
        "required": required,
        "additionalProperties": False,
    }
    if conditions:
        schema["allOf"] = conditions
    return schema
