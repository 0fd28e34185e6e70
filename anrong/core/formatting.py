"""How Anrong writes money, dates and times for people, in the active language.

    rupiah(15000)          -> "Rp15.000"   (Indonesian)   "Rp15,000"   (English)
    rupiah_or_free(0)      -> "Gratis"                    "Free"
    wita(aware_datetime)   -> "22 November 2026, 10.30 WITA"   "22 November 2026, 10:30 WITA"
    tanggal(date)          -> "22 November 2026"

Every function takes an optional `lang` ("id" or "en"); without it the active language is used.
None gives "" so templates can pass optional values straight through. Month names come from
Babel's CLDR data, so they follow the language. Times are always shown in WITA (Asia/Makassar):
an aware datetime is converted; a naive one is taken to be WITA already (Django's convention for
naive values in this project's TIME_ZONE).
"""

from __future__ import annotations

import datetime as dt
from decimal import ROUND_HALF_UP, Decimal
from zoneinfo import ZoneInfo

from babel.dates import get_month_names
from django.utils import translation
from django.utils.translation import gettext, override

WITA = ZoneInfo("Asia/Makassar")

# Thousands and decimal separators per language. Indonesian writes 15.000,50; English 15,000.50.
_SEPARATORS = {"id": (".", ","), "en": (",", ".")}


def _lang(lang: str | None) -> str:
    code = (lang or translation.get_language() or "id").split("-")[0].lower()
    return code if code in _SEPARATORS else "id"


def _group(digits: str, sep: str) -> str:
    parts = []
    while len(digits) > 3:
        parts.insert(0, digits[-3:])
        digits = digits[:-3]
    parts.insert(0, digits)
    return sep.join(parts)


def rupiah(amount: int | float | Decimal | str | None, *, lang: str | None = None) -> str:
    """An amount of Rupiah: "Rp15.000" (id) or "Rp15,000" (en); "-Rp2.500" when negative.

    Whole rupiah are shown without decimals; a fractional amount keeps two (rare, e.g. rates).
    """
    if amount is None or amount == "":
        return ""
    code = _lang(lang)
    thousands, decimal_mark = _SEPARATORS[code]
    value = Decimal(str(amount))
    sign = "-" if value < 0 else ""
    value = abs(value)
    if value == value.to_integral_value():
        text = _group(str(int(value)), thousands)
    else:
        cents = value.quantize(Decimal("0.01"), rounding=ROUND_HALF_UP)
        whole, fraction = f"{cents:.2f}".split(".")
        text = f"{_group(whole, thousands)}{decimal_mark}{fraction}"
    return f"{sign}Rp{text}"


def rupiah_or_free(amount: int | float | Decimal | str | None, *, lang: str | None = None) -> str:
    """Like rupiah(), but a zero fee reads "Gratis" (id) / "Free" (en)."""
    if amount is not None and amount != "" and Decimal(str(amount)) == 0:
        with override(_lang(lang)):
            return gettext("Gratis")
    return rupiah(amount, lang=lang)


def _to_wita(value: dt.datetime) -> dt.datetime:
    if value.tzinfo is None or value.utcoffset() is None:
        return value.replace(tzinfo=WITA)
    return value.astimezone(WITA)


def tanggal(value: dt.date | dt.datetime | None, *, lang: str | None = None) -> str:
    """A date as "22 November 2026", month named in the language. A datetime is first put in WITA."""
    if value is None or value == "":
        return ""
    if isinstance(value, dt.datetime):
        value = _to_wita(value).date()
    months = get_month_names("wide", locale=_lang(lang))
    return f"{value.day} {months[value.month]} {value.year}"


def wita(value: dt.datetime | None, *, lang: str | None = None) -> str:
    """A moment as "22 November 2026, 10.30 WITA" (id) or "22 November 2026, 10:30 WITA" (en)."""
    if value is None or value == "":
        return ""
    code = _lang(lang)
    local = _to_wita(value)
    clock = "." if code == "id" else ":"
    return f"{tanggal(local, lang=code)}, {local.hour:02d}{clock}{local.minute:02d} WITA"
