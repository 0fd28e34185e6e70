"""Open311 answers in the two formats of GeoReport v2: JSON, and XML with the spec's element
names. A view builds plain data (dicts, lists, strings, numbers, booleans, None) once; this
module writes it either way.

XML follows the examples of the GeoReport v2 wiki: a named root (`<services>`,
`<service_requests>`, `<errors>`), one element per item (`<service>`, `<request>`,
`<error>`), one child per field; a list field holds one element per entry, named in `ITEM`
(`<attributes><attribute>…`, `<values><value>…`); None is an empty element; booleans are
`true`/`false`."""

from __future__ import annotations

import json
from typing import Any
from xml.etree import ElementTree as ET  # noqa: S405 (we only build XML here, never parse it)

from django.http import HttpResponse

JSON, XML = "json", "xml"
FORMATS = (JSON, XML)
XML_DECLARATION = b"<?xml version='1.0' encoding='utf-8'?>\n"
CONTENT_TYPES = {JSON: "application/json; charset=utf-8", XML: "text/xml; charset=utf-8"}

# The element of each entry of a list field.
ITEM = {
    "attributes": "attribute",
    "values": "value",
    "endpoints": "endpoint",
    "formats": "format",
}


def _text(value: Any) -> str | None:
    if value is None:
        return None
    if isinstance(value, bool):
        return "true" if value else "false"
    return str(value)


def _fill(element: ET.Element, data: dict[str, Any]) -> None:
    sub = ET.SubElement
    for name, value in data.items():
        child = sub(element, name)
        if value is None:
            continue
        if type(value) is str:  # most fields: the fast path of a 1000-request answer
            child.text = value
        elif isinstance(value, dict):
            _fill(child, value)
        elif isinstance(value, (list, tuple)):
            for entry in value:
                item = sub(child, ITEM[name])
                if isinstance(entry, dict):
                    _fill(item, entry)
                else:
                    item.text = _text(entry)
        else:
            child.text = _text(value)


def xml_document(root: str, item: str | None, data: dict[str, Any] | list[dict[str, Any]]) -> bytes:
    """`<root><item>…</item>…</root>` for a list, or `<root>…fields…</root>` for one object
    (`item` unused)."""
    element = ET.Element(root)
    if isinstance(data, dict):
        _fill(element, data)
    else:
        for entry in data:
            _fill(ET.SubElement(element, item or "item"), entry)
    # Serialised to text, then encoded once: ElementTree's own utf-8 writer resets its encoder
    # on each of the ~300 000 pieces of a 1000-request answer (three times slower).
    return XML_DECLARATION + ET.tostring(element, encoding="unicode").encode()


def respond(fmt: str, data: Any, *, root: str, item: str | None, status: int = 200) -> HttpResponse:
    """The response in `fmt`: JSON is `data` as it is; XML wraps it as `xml_document` does."""
    if fmt == XML:
        body = xml_document(root, item, data)
    else:
        body = json.dumps(data, ensure_ascii=False, separators=(",", ":")).encode()
    return HttpResponse(body, status=status, content_type=CONTENT_TYPES[fmt])


def errors(fmt: str, status: int, descriptions: list[str] | str, *,
           code: int | None = None) -> HttpResponse:
    """The spec's error answer: `[{"code": 400, "description": "…"}]` or
    `<errors><error><code>400</code><description>…</description></error></errors>`; one
    entry per problem. `code` defaults to the HTTP status."""
    if isinstance(descriptions, str):
        descriptions = [descriptions]
    data = [{"code": code or status, "description": str(text)} for text in descriptions]
    return respond(fmt if fmt in FORMATS else JSON, data, root="errors", item="error",
                   status=status)
