"""The citizen pages' forms: the public list's filters, and what a new report sends.

The new-report form only reads what was typed: whether it can be filed (category, description,
point, photos) is decided by `actions.submit_report`, whose `ReportError.errors` are shown
beside the fields. So the rules live in one place and the page keeps everything typed."""

from __future__ import annotations

import datetime as dt
import uuid
from dataclasses import dataclass, field
from typing import Any

from django import forms
from django.http import QueryDict
from django.utils.translation import gettext_lazy as _

from anrong.core import queries as core_queries

from .categories import CATEGORIES, Category
from .models import Report

MAX_PAGE = 10_000
PER_PAGE = 20


def status_choices() -> list[tuple[str, Any]]:
    return [("", _("Semua status")), ("open", _("Masih berjalan")),
            ("closed", _("Sudah ditutup")),
            *[(s.value, s.label) for s in Report.Status]]


class ReportFilterForm(forms.Form):
    """The public list's and map's GET filters. An unknown value is dropped (that filter is
    ignored and the field says so) rather than failing the page."""

    category = forms.ChoiceField(label=_("Kategori"), required=False)
    status = forms.ChoiceField(label=_("Status"), required=False)
    kecamatan = forms.ChoiceField(label=_("Kecamatan"), required=False)
    since = forms.DateField(label=_("Dari tanggal"), required=False,
                            widget=forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d"))
    until = forms.DateField(label=_("Sampai tanggal"), required=False,
                            widget=forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d"))
    page = forms.IntegerField(required=False, min_value=1, max_value=MAX_PAGE)

    FILTERS = ("category", "status", "kecamatan", "since", "until")

    def __init__(self, data: QueryDict | dict[str, Any] | None = None) -> None:
        super().__init__(data or {})
        self.fields["category"].choices = [("", _("Semua kategori")), *Category.choices]
        self.fields["status"].choices = status_choices()
        self.fields["kecamatan"].choices = [("", _("Semua kecamatan")), *[
            (region.code, region.name) for region in core_queries.regions(level="kecamatan")]]

    def clean(self) -> dict[str, Any]:
        cleaned = super().clean() or {}
        since, until = cleaned.get("since"), cleaned.get("until")
        if since and until and since > until:
            self.add_error("until", _("Tanggal akhir harus sama dengan atau setelah tanggal "
                                      "awal."))
        return cleaned

    def chosen(self) -> dict[str, Any]:
        """The valid filters (invalid ones are left out), as `queries.public_reports` takes
        them."""
        self.is_valid()
        data = getattr(self, "cleaned_data", {})
        return {name: data.get(name) or None for name in self.FILTERS}

    def page_number(self) -> int:
        self.is_valid()
        return getattr(self, "cleaned_data", {}).get("page") or 1

    def kecamatan_name(self, code: str | None) -> str:
        return dict(self.fields["kecamatan"].choices).get(code or "", "")


def filter_params(chosen: dict[str, Any]) -> dict[str, str]:
    """The chosen filters as query-string values (dates as YYYY-MM-DD)."""
    params = {}
    for name, value in chosen.items():
        if value:
            params[name] = value.isoformat() if isinstance(value, dt.date) else str(value)
    return params


VISIBILITY = (("public", _("Publik")), ("private", _("Pribadi")))


@dataclass
class ReportDraft:
    """What the new-report form sent, kept as typed so that a refused report is shown again
    with nothing lost (photos excepted: a browser never refills a file input)."""

    category: str = ""
    description: str = ""
    lat: str = ""
    lng: str = ""
    address: str = ""
    visibility: str = "public"
    attributes: dict[str, str] = field(default_factory=dict)
    # One per form shown: a second tap on "Kirim laporan", or the browser re-sending the form on
    # a flaky connection, answers the report already filed instead of filing it twice.
    idempotency_key: str = field(default_factory=lambda: uuid.uuid4().hex)

    @classmethod
    def from_post(cls, data: QueryDict) -> ReportDraft:
        category = data.get("category", "").strip()
        # Only the chosen category's extra questions are sent on (the page shows them all when
        # JavaScript is off, and the others may hold answers typed before changing one's mind).
        codes = {a.code for a in CATEGORIES[category].attributes} if category in CATEGORIES else set()
        return cls(
            category=category[:40],
            description=data.get("description", "")[:5000],
            lat=data.get("lat", "").strip()[:40],
            lng=data.get("lng", "").strip()[:40],
            address=data.get("address", "")[:400],
            visibility="private" if data.get("visibility") == "private" else "public",
            attributes={code: data.get(f"attribute[{code}]", "").strip()[:200]
                        for code in sorted(codes) if data.get(f"attribute[{code}]", "").strip()},
            idempotency_key=data.get("idempotency_key", "").strip()[:64] or uuid.uuid4().hex,
        )

    @property
    def is_public(self) -> bool:
        return self.visibility != "private"

    @property
    def has_point(self) -> bool:
        return bool(self.lat and self.lng)


def category_options(draft: ReportDraft, errors: dict[str, str] | None = None
                     ) -> list[dict[str, Any]]:
    """Each category with its description and its extra questions (with their error, keyed
    `attr-<code>` as the page shows it), for the form."""
    errors = errors or {}
    return [{
        "value": value, "label": label, "description": CATEGORIES[value].description,
        "checked": draft.category == value,
        "attributes": [{
            "code": a.code, "name": f"attribute[{a.code}]", "id": f"attr-{a.code}",
            "label": a.description, "datatype": a.datatype, "required": a.required,
            "options": a.values,
            "value": draft.attributes.get(a.code, "") if draft.category == value else "",
            "error": errors.get(f"attr-{a.code}", "") if draft.category == value else "",
        } for a in CATEGORIES[value].attributes],
    } for value, label in Category.choices]
