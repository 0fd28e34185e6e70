import datetime as dt

import pytest

from anrong.accounts.nik import NikError, NikInfo, parse_nik

TODAY = dt.date(2026, 11, 22)

VALID = [
    # (what, typed, region, birth date, sex, serial)
    ("Makassar man", "7371130101900001", "73.71.13", dt.date(1990, 1, 1), "L", "0001"),
    ("Jakarta (Gambir) man", "3171011505850003", "31.71.01", dt.date(1985, 5, 15), "L", "0003"),
    ("Makassar woman: day + 40", "7371134101900002", "73.71.13", dt.date(1990, 1, 1), "P", "0002"),
    ("woman born on the 31st", "7371137112990010", "73.71.13", dt.date(1999, 12, 31), "P", "0010"),
    ("spaces the citizen typed", "7371 1301 0190 0001", "73.71.13", dt.date(1990, 1, 1), "L", "0001"),
    ("born this century", "7371130503150001", "73.71.13", dt.date(2015, 3, 5), "L", "0001"),
    ("year 30 is not in the future: 1930", "7371130101300001", "73.71.13", dt.date(1930, 1, 1), "L", "0001"),
    ("29 February 2000", "7371132902000001", "73.71.13", dt.date(2000, 2, 29), "L", "0001"),
    ("today is allowed", "7371136211260001", "73.71.13", dt.date(2026, 11, 22), "P", "0001"),
]

INVALID = [
    # (what, typed, words the message must contain)
    ("15 digits", "737113010190000", "NIK harus 16 angka"),
    ("17 digits", "73711301019000011", "NIK harus 16 angka"),
    ("letters", "73711301019000AB", "hanya berisi angka"),
    ("empty", "   ", "Masukkan NIK"),
    ("unknown region 99.99.99", "9999990101900001", "Kode wilayah pada NIK (6 angka pertama) tidak dikenal"),
    ("kabupaten code without kecamatan 73.71.00", "7371000101900001", "Kode wilayah"),
    ("31 February", "7371133102900001", "Tanggal lahir pada NIK tidak valid"),
    ("day 72 (woman, 32nd)", "7371137201900001", "Tanggal lahir pada NIK tidak valid"),
    ("day 00", "7371130001900001", "Tanggal lahir pada NIK tidak valid"),
    ("day 35 (neither man nor woman)", "7371133501900001", "Tanggal lahir pada NIK tidak valid"),
    ("month 13", "7371130113900001", "Tanggal lahir pada NIK tidak valid"),
    ("29 February in no leap year of either century", "7371132902010001", "Tanggal lahir pada NIK tidak valid"),
    ("serial 0000", "7371130101900000", "0000"),
]


@pytest.mark.parametrize(("what", "typed", "region", "birth_date", "sex", "serial"), VALID,
                         ids=[row[0] for row in VALID])
def test_valid_nik_is_read(what, typed, region, birth_date, sex, serial):
    info = parse_nik(typed, today=TODAY)

    assert info == NikInfo(nik=typed.replace(" ", ""), region_code=region,
                           birth_date=birth_date, sex=sex, serial=serial)


@pytest.mark.parametrize(("what", "typed", "message"), INVALID, ids=[row[0] for row in INVALID])
def test_invalid_nik_is_refused_with_a_specific_message(what, typed, message):
    with pytest.raises(NikError) as refused:
        parse_nik(typed, today=TODAY)

    assert message in str(refused.value)
    assert "Periksa kembali KTP Anda" in str(refused.value) or "Masukkan NIK" in str(refused.value)


def test_region_name_comes_from_kemendagri_codes():
    assert parse_nik("7371130101900001", today=TODAY).region_name == "Rappocini"
    assert parse_nik("3171011505850003", today=TODAY).region_name == "Gambir"


def test_a_birth_date_after_today_moves_to_the_previous_century():
    info = parse_nik("7371132311260001", today=TODAY)

    assert info.birth_date == dt.date(1926, 11, 23)


def test_messages_are_translated_for_english_readers():
    from django.utils import translation

    with translation.override("en"), pytest.raises(NikError) as refused:
        parse_nik("12345", today=TODAY)

    assert str(refused.value) == "A NIK has 16 digits. Check your KTP again."
