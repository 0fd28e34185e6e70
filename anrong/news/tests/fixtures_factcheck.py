"""Cek Fakta's test helpers and fixtures: a Diskominfo officer (a fact-checker by membership),
the hoax most of the tests pass around, and its variants as people forward them."""

from __future__ import annotations

import pytest

from anrong.accounts.models import User
from anrong.agencies import actions as agency_actions
from anrong.agencies.models import Agency

HOAX = ("*PENTING* Diteruskan!! Pemkot Makassar akan membagikan bantuan tunai Rp 5 juta utk "
        "setiap warga yg punya KTP Makassar. Daftar di https://www.bantuan-makassar.xyz/daftar "
        "sebelum tgl 30. Sebarkan!! 🙏🙏")
HOAX_AGAIN = ("Info dari grup sebelah: pemkot makassar bagikan bantuan tunai 5 juta untuk setiap "
              "warga yang punya ktp makassar, daftar di bantuan-makassar.xyz sebelum tanggal 30 "
              "ya bundaaaa")
OTHER_CLAIM = ("Vaksin campak di puskesmas Makassar mengandung babi, jangan bawa anak ke "
               "posyandu minggu ini")


@pytest.fixture
def diskominfo_officer(personas, root):  # type: ignore[no-untyped-def]
    person = User.objects.create_user(email="cekfakta@makassarkota.go.id",
                                      password="x-Secret-12345")
    agency_actions.add_member(actor=root, user=person,
                              agency=Agency.objects.get(code="DISKOMINFO"), role="officer")
    return person


@pytest.fixture
def fact_checker(editor):  # type: ignore[no-untyped-def]
    return editor
