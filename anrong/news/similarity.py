"""When two messages are the same claim: Indonesian text normalisation and similarity for
Cek Fakta, with nothing downloaded at run time (PySastrawi ships its dictionary).

`normalize(text)` turns a forwarded WhatsApp message into the words that carry its claim:

1. lowercase; URLs kept as their domain ("https://www.bit.ly/abc" -> "bitly"), e-mail and
   phone numbers dropped;
2. forwarding noise dropped: "Diteruskan", "Forwarded", "*PENTING*", "sebarkan!!", "copas dari
   grup sebelah", emoji and punctuation;
3. letters repeated for emphasis squeezed ("bahayaaaa" -> "bahaya", "wkwkwk" stays one token);
4. chat slang and abbreviations spelled out ("yg" -> "yang", "gak/ga/nggak" -> "tidak",
   "utk" -> "untuk"), then stopwords removed (Sastrawi's list, minus the negations: "vaksin
   tidak aman" is not "vaksin aman");
5. each word stemmed with Sastrawi ("menyebarkan" -> "sebar").

`fingerprint(normalized)` is the hash of the normalised words: exact repeats. `similarity(a, b)`
compares two normalised texts, 0..1: rapidfuzz's token-set ratio when both carry enough words
(a message with a line added is still the same claim), the token-sort ratio otherwise (a short
message is not "the same" as every long one that happens to contain its words).
`MATCH_THRESHOLD` is the score at or above which a submission joins an existing claim;
tests/test_similarity.py holds the pairs that fix it. `search_tokens(normalized)` are the words a
database pre-filter looks for: the rarest-looking (longest) few, so that thousands of claims are
narrowed to a handful before any scoring.
"""

from __future__ import annotations

import functools
import hashlib
import re
import unicodedata
from collections.abc import Iterable
from urllib.parse import urlsplit

from rapidfuzz import fuzz

MATCH_THRESHOLD = 0.82  # joins an existing claim at or above this
SUGGEST_THRESHOLD = 0.6  # "Cek dulu" shows fact-checks at or above this
SET_RATIO_MIN_TOKENS = 4  # below this many words, compare the whole (token sort), not subsets
SEARCH_TOKENS = 4

URL_RE = re.compile(r"(?:https?://|www\.)[^\s<>\"']+|\b[a-z0-9-]+(?:\.[a-z0-9-]+)*\.(?:com|id|net|org|co|ly|me|io|info|xyz)(?:/[^\s<>\"']*)?",
                    re.IGNORECASE)
EMAIL_RE = re.compile(r"\b[\w.+-]+@[\w-]+\.[\w.-]+\b")
PHONE_RE = re.compile(r"(?:\+62|\b0)8[\d\s-]{7,14}\d")
REPEATED_RE = re.compile(r"([a-z])\1{2,}")
WORD_RE = re.compile(r"[a-z0-9]+")

# Whole phrases of forwarding noise, removed before the words are split.
NOISE_PHRASES = (
    "diteruskan berkali-kali", "diteruskan", "forwarded many times", "forwarded",
    "pesan diteruskan", "copas dari grup sebelah", "copas dari grup", "copas",
    "dari grup sebelah", "info dari grup sebelah", "mohon disebarkan", "mohon sebarkan",
    "tolong sebarkan", "sebarkan", "share ke grup", "share", "viralkan", "info penting",
    "penting", "waspada", "hati-hati", "hati hati", "harap", "segera", "broadcast",
    "bc dari grup", "bc",
)
NOISE_RE = re.compile(r"\b(?:" + "|".join(re.escape(p) for p in sorted(NOISE_PHRASES, key=len, reverse=True))
                      + r")\b")

SLANG = {
    "yg": "yang", "ygn": "yang", "gak": "tidak", "ga": "tidak", "gk": "tidak", "nggak": "tidak",
    "ngga": "tidak", "enggak": "tidak", "tdk": "tidak", "tak": "tidak", "g": "tidak",
    "utk": "untuk", "untk": "untuk", "dgn": "dengan", "dg": "dengan", "dr": "dari",
    "krn": "karena", "karna": "karena", "krna": "karena", "sdh": "sudah", "udh": "sudah",
    "udah": "sudah", "blm": "belum", "jg": "juga", "jgn": "jangan", "tlg": "tolong",
    "sy": "saya", "aq": "aku", "sm": "sama", "bs": "bisa", "bsa": "bisa", "org": "orang",
    "orng": "orang", "hrs": "harus", "msh": "masih", "lg": "lagi", "skrg": "sekarang",
    "skrng": "sekarang", "bgt": "banget", "kalo": "kalau", "klo": "kalau", "kl": "kalau",
    "tp": "tapi", "tpi": "tapi", "dlm": "dalam", "pd": "pada", "spt": "seperti", "sbg": "sebagai",
    "thn": "tahun", "bln": "bulan", "hr": "hari", "pemkot": "pemerintah kota",
    "mks": "makassar", "mksr": "makassar", "dki": "jakarta", "info2": "info",
    "bnr": "benar", "bener": "benar", "brt": "berita", "bpk": "bapak", "ibu2": "ibu",
    "gratiss": "gratis", "hoax": "hoaks", "tgl": "tanggal", "tggl": "tanggal",
}
# Words nearly every claim in this city carries: no use to a pre-filter looking for rare ones.
COMMON = {"makassar", "kota", "perintah", "warga", "sulawesi", "selatan", "sulsel", "indonesia",
          "tanggal", "orang", "kabar", "berita", "info"}
NEGATIONS = {"tidak", "bukan", "belum", "jangan", "tanpa"}


@functools.cache
def _stopwords() -> frozenset[str]:
    from Sastrawi.StopWordRemover.StopWordRemoverFactory import StopWordRemoverFactory

    words = set(StopWordRemoverFactory().get_stop_words())
    return frozenset(words - NEGATIONS)


@functools.cache
def _stemmer():  # type: ignore[no-untyped-def]
    from Sastrawi.Stemmer.StemmerFactory import StemmerFactory

    return StemmerFactory().create_stemmer()


@functools.lru_cache(maxsize=50_000)
def _stem(word: str) -> str:
    if word.isdigit() or len(word) <= 3:
        return word
    return _stemmer().stem(word) or word


def _domain(match: re.Match[str]) -> str:
    raw = match.group(0)
    if not raw.lower().startswith(("http://", "https://")):
        raw = "http://" + raw
    try:
        host = urlsplit(raw).hostname or ""
    except ValueError:
        return " "
    host = host.lower().removeprefix("www.")
    return " " + host.replace(".", "").replace("-", "") + " "


def _strip_marks(text: str) -> str:
    """Emoji and symbols to spaces, accents off letters (é -> e)."""
    out = []
    for char in unicodedata.normalize("NFKD", text):
        category = unicodedata.category(char)
        if category == "Mn":
            continue
        out.append(char if category[0] in ("L", "N") or char in "-" else " ")
    return "".join(out)


def tokens(text: str) -> list[str]:
    """The claim's words, in order, normalised and stemmed (see the module's doc)."""
    text = (text or "").lower()
    text = EMAIL_RE.sub(" ", text)
    text = URL_RE.sub(_domain, text)
    text = PHONE_RE.sub(" ", text)
    text = _strip_marks(text).replace("_", " ")
    text = REPEATED_RE.sub(r"\1", text)
    # "sebarkan2" and "info2": Indonesian reduplication written with a digit.
    text = re.sub(r"([a-z]{2,})2\b", r"\1", text)
    text = NOISE_RE.sub(" ", text)
    stopwords = _stopwords()
    words: list[str] = []
    for raw in WORD_RE.findall(text):
        for word in SLANG.get(raw, raw).split():
            if word in stopwords or (len(word) == 1 and not word.isdigit()):
                continue
            words.append(_stem(word))
    return [w for w in words if w and w not in stopwords]


def normalize(text: str) -> str:
    """The normalised words joined by single spaces ("" when nothing is left)."""
    return " ".join(tokens(text))


def fingerprint(normalized: str) -> str:
    """SHA-256 of the normalised text: two messages with the same words in the same order."""
    return hashlib.sha256(normalized.encode()).hexdigest()


def similarity(a: str, b: str) -> float:
    """How close two normalised texts are, 0..1 (see the module's doc)."""
    if not a or not b:
        return 0.0
    if a == b:
        return 1.0
    fewest = min(len(set(a.split())), len(set(b.split())))
    if fewest >= SET_RATIO_MIN_TOKENS:
        score = fuzz.token_set_ratio(a, b)
    else:
        score = fuzz.token_sort_ratio(a, b)
    return round(score / 100.0, 4)


def search_tokens(normalized: str, limit: int = SEARCH_TOKENS) -> list[str]:
    """The words a database pre-filter looks for: the longest distinct few (long words are the
    rare ones: names, places, numbers of money), in a stable order."""
    distinct = sorted(set(normalized.split()), key=lambda w: (-len(w), w))
    rare = [w for w in distinct if (len(w) >= 4 or w.isdigit()) and w not in COMMON]
    return (rare or distinct)[:limit]


def best_match(normalized: str, candidates: Iterable[tuple[object, str]],
               threshold: float = MATCH_THRESHOLD) -> tuple[object, float] | None:
    """The candidate (key, normalised text) closest to `normalized` at or above `threshold`."""
    best: tuple[object, float] | None = None
    for key, text in candidates:
        score = similarity(normalized, text)
        if score >= threshold and (best is None or score > best[1]):
            best = (key, score)
    return best
