"""The JSON Schemas that Open311 answers are checked against.

Copied unchanged from the Open311 project's schema set (shared/data/open311-georeport-v2/):
request.json, requests.json, service.json, services.json, service-definition.json and the
spec's swagger.json (its definitions RequestResponse and TokenResponse describe the answers of
POST requests and of tokens/{token}). errors.json and discovery.json are ours: the set has
none for them.

The schemas name formats (date-time, uri) that jsonschema checks only with extra packages;
`validate` checks them itself, so a bad date or URL fails a test."""

from __future__ import annotations

import datetime as dt
import json
import re
from functools import cache
from pathlib import Path
from typing import Any
from urllib.parse import urlsplit

from jsonschema import Draft202012Validator, FormatChecker
from referencing import Registry, Resource
from referencing.jsonschema import DRAFT202012

HERE = Path(__file__).parent
BASE = "https://open311.example/schemas/"
RFC3339 = re.compile(r"^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}(\.\d+)?(Z|[+-]\d{2}:\d{2})$")

_formats = FormatChecker()


@_formats.checks("date-time", raises=ValueError)
def _date_time(value: object) -> bool:
    if not isinstance(value, str):
        return True
    if not RFC3339.match(value):
        raise ValueError(f"not an RFC 3339 date-time: {value!r}")
    dt.datetime.fromisoformat(value.replace("Z", "+00:00"))
    return True


@_formats.checks("uri")
def _uri(value: object) -> bool:
    if not isinstance(value, str):
        return True
    parts = urlsplit(value)
    return parts.scheme in ("http", "https") and bool(parts.netloc)


@cache
def _registry() -> Registry:
    resources = []
    for path in HERE.glob("*.json"):
        contents = json.loads(path.read_text())
        resources.append((BASE + path.name, Resource(contents=contents, specification=DRAFT202012)))
    return Registry().with_resources(resources)


def _array_of(definition: str) -> dict[str, Any]:
    return {"type": "array", "minItems": 1,
            "items": {"$ref": f"{BASE}swagger.json#/definitions/{definition}"}}


SCHEMAS = {
    "services": {"$ref": BASE + "services.json"},
    "service-definition": {"$ref": BASE + "service-definition.json"},
    "requests": {"$ref": BASE + "requests.json"},
    "request": {"$ref": BASE + "request.json"},
    "post-response": _array_of("RequestResponse"),
    "token-response": _array_of("TokenResponse"),
    "errors": {"$ref": BASE + "errors.json"},
    "discovery": {"$ref": BASE + "discovery.json"},
}


def validate(data: Any, schema: str) -> Any:
    """Raise jsonschema.ValidationError unless `data` is valid against the named schema."""
    Draft202012Validator(SCHEMAS[schema], registry=_registry(), format_checker=_formats) \
        .validate(data)
    return data


# --- XML ------------------------------------------------------------------------------------------

# The element of each entry of a list field, as the GeoReport v2 wiki's XML examples name them.
XML_ITEMS = {"attributes": "attribute", "values": "value", "endpoints": "endpoint",
             "formats": "format"}
# The fields each XML item may have: the schemas' properties (a <request> is a service request,
# or the answer of POST requests or tokens/{token}).
_SWAGGER = json.loads((HERE / "swagger.json").read_text())["definitions"]
FIELDS = {
    "service": set(json.loads((HERE / "service.json").read_text())["properties"]),
    "request": set(json.loads((HERE / "request.json").read_text())["properties"])
    | set(_SWAGGER["RequestResponse"]["properties"]) | set(_SWAGGER["TokenResponse"]["properties"]),
    "error": {"code", "description"},
}


def _element(element: Any) -> Any:
    children = list(element)
    if element.tag in XML_ITEMS:
        assert all(child.tag == XML_ITEMS[element.tag] for child in children), \
            f"<{element.tag}> holds {[c.tag for c in children]}"
        return [_element(child) for child in children]
    if children:
        return {child.tag: _element(child) for child in children}
    return element.text


def from_xml(body: bytes, root: str, item: str | None = None) -> Any:
    """The XML answer as plain data (text or None per field), after checking the element
    names: `<root>` of `<item>`s when `item` is given, else one object."""
    from xml.etree import ElementTree as ET  # noqa: S405 (our own test responses)

    document = ET.fromstring(body)  # noqa: S314
    assert document.tag == root, f"root is <{document.tag}>, not <{root}>"
    if item is None:
        return {child.tag: _element(child) for child in document}
    entries = []
    for child in document:
        assert child.tag == item, f"<{root}> holds <{child.tag}>, not <{item}>"
        entry = {field.tag: _element(field) for field in child}
        if item in FIELDS:
            assert set(entry) <= FIELDS[item], f"unknown fields {set(entry) - FIELDS[item]}"
        entries.append(entry)
    return entries


def as_text(data: Any) -> Any:
    """JSON data the way XML carries it (all text; booleans true/false; None stays None), to
    compare the two formats of one answer."""
    if isinstance(data, dict):
        return {key: as_text(value) for key, value in data.items()}
    if isinstance(data, list):
        return [as_text(value) for value in data]
    if isinstance(data, bool):
        return "true" if data else "false"
    return None if data is None else str(data)
