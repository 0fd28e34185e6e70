"""Indonesian normalisation and stemming, and search over the seeded catalogue."""

import pytest

from anrong.services import queries, search


@pytest.mark.parametrize(("word", "expected"), [
    ("kelahiran", "lahir"), ("perizinan", "izin"), ("pendaftaran", "daftar"),
    ("menikah", "nikah"), ("penyakit", "sakit"), ("pelayanan", "layan"), ("dokter", "dokter"), ("ktp", "ktp"), ("izin", "izin"),
    ("didik", "didik"),  # "di-" not stripped: the stem would be shorter than 4 letters
])
def test_stem_strips_common_affixes_while_the_stem_keeps_four_letters(word, expected):
    assert search.stem(word) == expected


def test_normalise_lowercases_and_drops_accents_and_punctuation():
    assert search.normalise("KTP-el, Akta Kélahiran!") == "ktp el akta kelahiran"


def test_query_terms_are_stems_without_repeats():
    assert search.query_terms("Akta KELAHIRAN lahir") == ["akta", "lahir"]
    assert search.query_terms(" ,. ") == []


def codes(**filters):  # type: ignore[no-untyped-def]
    return {row["code"] for row in queries.catalogue(**filters)}


@pytest.mark.django_db
@pytest.mark.parametrize("q", ["akta lahir", "kelahiran", "Akta Kelahiran", "AKTA-KELAHIRAN"])
def test_birth_certificate_is_found_by_its_everyday_words(catalogue, q):
    assert "DKC-AKTA-LAHIR" in codes(q=q)


@pytest.mark.django_db
def test_ktp_finds_the_ktp_el_services(catalogue):
    found = codes(q="KTP")
    assert {"DKC-KTP-BARU", "DKC-KTP-GANTI"} <= found


@pytest.mark.django_db
def test_every_word_must_match(catalogue):
    assert codes(q="izin praktik dokter") == {"DPMPTSP-SIP-DOKTER"}
    assert codes(q="akta lahir reklame") == set()


@pytest.mark.django_db
def test_search_covers_the_agency_name_and_requirements(catalogue):
    assert "DISHUB-UJI-KIR" in codes(q="perhubungan")
    assert "DKC-KTP-GANTI" in codes(q="kepolisian")  # a requirement only
