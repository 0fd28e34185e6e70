"""Open311 services: Lapor's report categories (anrong/reports/categories.py), in the language
of the request. A service's group is the agency that answers for it; a category with extra
questions has metadata, and its service definition lists them as attributes."""

from __future__ import annotations

from typing import Any

from django.utils.translation import gettext as _

from anrong.agencies.models import Agency

from ..categories import CATEGORIES, Attribute, Category


def _agency_names() -> dict[str, str]:
    codes = {info.agency_code for info in CATEGORIES.values()}
    return dict(Agency.objects.filter(code__in=codes).values_list("code", "name"))


def is_service(code: str) -> bool:
    return code in CATEGORIES


def services() -> list[dict[str, Any]]:
    names = _agency_names()
    return [
        {
            "service_code": str(code),
            "service_name": str(label),
            "description": str(CATEGORIES[code].description),
            "metadata": bool(CATEGORIES[code].attributes),
            "type": "realtime",
            "keywords": ", ".join(CATEGORIES[code].keywords) or None,
            "group": names.get(CATEGORIES[code].agency_code),
        }
        for code, label in Category.choices
    ]


def _datatype_description(attribute: Attribute) -> str | None:
    if attribute.datatype == "number":
        return _("Angka, misalnya 30 atau 12.5.")
    if attribute.datatype == "singlevaluelist":
        return _("Satu kunci (key) dari daftar values.")
    if attribute.datatype == "multivaluelist":
        return _("Satu atau lebih kunci (key) dari daftar values, masing-masing sebagai "
                 "attribute[code][].")
    if attribute.datatype == "datetime":
        return _("Tanggal dan waktu ISO 8601, misalnya 2026-01-31T08:00:00+08:00.")
    return None


def definition(code: str) -> dict[str, Any]:
    """The service definition of a category (it must exist: see `is_service`)."""
    return {
        "service_code": code,
        "attributes": [
            {
                # Every Lapor attribute asks the person something (none is only information).
                "variable": True,
                "code": attribute.code,
                "datatype": attribute.datatype,
                "required": attribute.required,
                "datatype_description": _datatype_description(attribute),
                "order": order,
                "description": str(attribute.description),
                "values": [{"key": key, "name": str(name)} for key, name in attribute.values],
            }
            for order, attribute in enumerate(CATEGORIES[code].attributes, start=1)
        ],
    }
