"""Indonesian normalisation and the threshold that decides "same claim": pairs people really
forward (the same hoax with noise, slang, typos, a line added) must match; different claims that
share words must not. And it stays fast with thousands of claims."""

from __future__ import annotations

import time

import pytest

from anrong.news import similarity
from anrong.news.similarity import MATCH_THRESHOLD, normalize

from .fixtures_factcheck import HOAX, HOAX_AGAIN, OTHER_CLAIM


def test_forwarding_noise_emoji_and_urls_are_dropped_or_reduced():
    text = normalize("*PENTING* Diteruskan!! Cek di https://www.Bantuan-Makassar.xyz/daftar?id=1 "
                     "🙏🙏 Sebarkan!!")
    assert "penting" not in text and "terus" not in text and "sebar" not in text
    assert "bantuanmakassarxyz" in text.split()
    assert "daftar" not in text  # the path is gone with the rest of the URL
    assert not any(ord(c) > 127 for c in text)


def test_slang_repeated_letters_and_stemming():
    assert normalize("yg gak bisa") == normalize("yang tidak bisa")
    assert normalize("utk warga") == normalize("untuk warga")
    assert normalize("bahayaaaa") == normalize("bahaya")
    assert "sebar" in normalize("menyebarkan hoaks").split()  # Sastrawi stems
    assert "tidak" in normalize("vaksin nggak aman").split()  # negation kept


def test_stopwords_removed_but_negation_changes_the_fingerprint():
    assert "yang" not in normalize("bantuan yang dibagikan").split()
    assert similarity.fingerprint(normalize("vaksin aman")) != \
        similarity.fingerprint(normalize("vaksin tidak aman"))


@pytest.mark.parametrize(("a", "b"), [
    (HOAX, HOAX_AGAIN),
    (HOAX, HOAX.replace("Sebarkan!!", "Mohon sebarkan ke semua grup keluarga!!")),
    ("Air PDAM Makassar tercemar bakteri berbahaya, jangan diminum selama seminggu",
     "Diteruskan: air pdam mks tercemar bakteri bahaya jgn diminum selama 1 minggu!!!"),
    ("Besok ada razia kendaraan besar-besaran di jalan Urip Sumoharjo, STNK mati langsung disita",
     "besok razia kendaraan besar2an di jln urip sumoharjo stnk mati lgsg disita"),
])
def test_the_same_claim_forwarded_differently_matches(a, b):
    assert similarity.similarity(normalize(a), normalize(b)) >= MATCH_THRESHOLD


@pytest.mark.parametrize(("a", "b"), [
    (HOAX, OTHER_CLAIM),
    ("Pemkot Makassar bagikan bantuan tunai Rp 5 juta untuk warga",
     "Pemkot Makassar bagikan beras gratis 10 kg untuk lansia"),
    ("Jalan Sudirman ditutup besok untuk karnaval budaya",
     "Jalan Sudirman dibuka kembali setelah perbaikan drainase"),
    ("vaksin", "vaksin campak di puskesmas makassar mengandung babi jangan bawa anak"),
])
def test_different_claims_do_not_match(a, b):
    assert similarity.similarity(normalize(a), normalize(b)) < MATCH_THRESHOLD


def test_search_tokens_skip_words_every_claim_has():
    words = similarity.search_tokens(normalize(HOAX))
    assert "makassar" not in words and "bantuanmakassarxyz" in words
    assert len(words) <= similarity.SEARCH_TOKENS


def test_best_match_among_thousands_is_fast():
    subjects = ["banjir", "vaksin", "bantuan", "razia", "listrik", "pdam", "sekolah", "pajak"]
    places = ["panakkukang", "tamalate", "rappocini", "biringkanaya", "mariso", "tallo"]
    candidates = [(i, normalize(f"{subjects[i % 8]} {places[i % 6]} nomor {i} warga diminta "
                                f"datang ke kantor camat hari {i % 7}"))
                  for i in range(3000)]
    target = normalize(HOAX_AGAIN)
    candidates.append((9999, normalize(HOAX)))
    started = time.perf_counter()
    found = similarity.best_match(target, candidates)
    elapsed = time.perf_counter() - started
    assert found is not None and found[0] == 9999
    assert elapsed < 1.0
