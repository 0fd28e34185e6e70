import datetime as dt
from decimal import Decimal
from zoneinfo import ZoneInfo

import pytest
from django.template import Context, Template
from django.utils import translation

from anrong.core.formatting import rupiah, rupiah_or_free, tanggal, wita

UTC = dt.UTC


def test_rupiah_uses_dots_in_indonesian_and_commas_in_english():
    assert rupiah(15000, lang="id") == "Rp15.000"
    assert rupiah(15000, lang="en") == "Rp15,000"
    assert rupiah(1_250_000, lang="id") == "Rp1.250.000"
    assert rupiah(999, lang="id") == "Rp999"


def test_rupiah_follows_the_active_language():
    with translation.override("id"):
        assert rupiah(15000) == "Rp15.000"
    with translation.override("en"):
        assert rupiah(15000) == "Rp15,000"


def test_rupiah_handles_zero_negative_fractions_strings_and_none():
    assert rupiah(0, lang="id") == "Rp0"
    assert rupiah(-2500, lang="id") == "-Rp2.500"
    assert rupiah(Decimal("15000.00"), lang="id") == "Rp15.000"
    assert rupiah(Decimal("1234.5"), lang="id") == "Rp1.234,50"
    assert rupiah(Decimal("1234.5"), lang="en") == "Rp1,234.50"
    assert rupiah("7500", lang="en") == "Rp7,500"
    assert rupiah(None) == ""


def test_rupiah_or_free_says_free_for_zero_in_both_languages():
    assert rupiah_or_free(0, lang="id") == "Gratis"
    assert rupiah_or_free(Decimal("0.00"), lang="en") == "Free"
    assert rupiah_or_free(10000, lang="id") == "Rp10.000"
    assert rupiah_or_free(None) == ""


def test_wita_in_indonesian_has_month_name_and_a_dot_in_the_time():
    moment = dt.datetime(2026, 11, 22, 10, 30, tzinfo=ZoneInfo("Asia/Makassar"))
    assert wita(moment, lang="id") == "22 November 2026, 10.30 WITA"
    assert wita(moment, lang="en") == "22 November 2026, 10:30 WITA"


def test_wita_converts_utc_to_makassar_time_across_midnight():
    # 16:05 UTC on 31 December is 00:05 on 1 January in Makassar (UTC+8).
    moment = dt.datetime(2026, 12, 31, 16, 5, tzinfo=UTC)
    assert wita(moment, lang="id") == "1 Januari 2027, 00.05 WITA"
    assert wita(moment, lang="en") == "1 January 2027, 00:05 WITA"


def test_wita_converts_from_other_zones_and_takes_naive_values_as_wita():
    jakarta = dt.datetime(2026, 8, 17, 9, 0, tzinfo=ZoneInfo("Asia/Jakarta"))
    assert wita(jakarta, lang="id") == "17 Agustus 2026, 10.00 WITA"
    assert wita(dt.datetime(2026, 5, 1, 7, 45), lang="id") == "1 Mei 2026, 07.45 WITA"
    assert wita(None) == ""


def test_tanggal_names_the_month_in_the_language():
    assert tanggal(dt.date(2026, 11, 22), lang="id") == "22 November 2026"
    assert tanggal(dt.date(2026, 2, 3), lang="id") == "3 Februari 2026"
    assert tanggal(dt.date(2026, 2, 3), lang="en") == "3 February 2026"
    assert tanggal(None) == ""


def test_tanggal_of_a_utc_datetime_is_the_date_in_makassar():
    late_evening_utc = dt.datetime(2026, 3, 9, 20, 0, tzinfo=UTC)
    assert tanggal(late_evening_utc, lang="id") == "10 Maret 2026"


@pytest.mark.parametrize(
    ("lang", "expected"),
    [("id", "Rp15.000|Gratis|22 November 2026, 10.30 WITA|22 November 2026"),
     ("en", "Rp15,000|Free|22 November 2026, 10:30 WITA|22 November 2026")],
)
def test_template_filters_follow_the_active_language(lang, expected):
    template = Template(
        "{% load anrong_format %}{{ fee|rupiah }}|{{ zero|rupiah_or_free }}|{{ at|wita }}|{{ day|tanggal }}"
    )
    context = Context({
        "fee": 15000,
        "zero": 0,
        "at": dt.datetime(2026, 11, 22, 2, 30, tzinfo=UTC),
        "day": dt.date(2026, 11, 22),
    })
    with translation.override(lang):
        assert template.render(context) == expected
