"""Indonesian search for the catalogue, the same on SQLite and PostgreSQL.

Each service keeps a denormalised `search_text`: its name, summary, description, requirements
and agency names, normalised, followed by the stem of every word. A query matches a service when
every query word's stem occurs in that text (AND, substring match with `icontains`).

Normalisation: lowercase, accents removed (NFKD, combining marks dropped), anything that is not a
letter or digit becomes a space.

Stemming (light, deliberately simple, not a full Indonesian stemmer such as Nazief–Adriani):
1. strip one particle suffix "-nya", then one of "-kan", "-an", "-i";
2. strip one prefix, longest first, where the letter after it fits Indonesian sound rules:
   meng-/peng- before a vowel or g, h, k; meny-/peny- before a vowel (the lost "s" restored:
   "penyakit" → "sakit"); mem-/pem- before b, f, p; men-/pen- before c, d, j, t; me-/pe-
   before l, m, n, r, w, y; per-, ber-, ter-, di-, ke- before anything;
each step only when what remains is at least 4 letters. So "kelahiran" → "kelahir" → "lahir",
"perizinan" → "perizin" → "izin", "pendaftaran" → "pendaftar" → "daftar". Because the text also
keeps the unstemmed words and matching is by substring, "lahir" finds "kelahiran" as well.
"""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Iterable

MIN_STEM = 4
SUFFIXES = ("kan", "an", "i")
VOWELS = "aeiou"
# prefix, letters that may follow it ("" = any), what to put back in front of the stem
PREFIXES = (
    ("meng", VOWELS + "ghk", ""), ("peng", VOWELS + "ghk", ""),
    ("meny", VOWELS, "s"), ("peny", VOWELS, "s"),
    ("mem", "bfp", ""), ("pem", "bfp", ""), ("men", "cdjt", ""), ("pen", "cdjt", ""),
    ("per", "", ""), ("ber", "", ""), ("ter", "", ""),
    ("me", "lmnrwy", ""), ("pe", "lmnrwy", ""), ("di", "", ""), ("ke", "", ""),
)
MAX_QUERY_WORDS = 8
_NOT_WORD = re.compile(r"[^a-z0-9]+")


def normalise(text: str) -> str:
    decomposed = unicodedata.normalize("NFKD", text.lower())
    plain = "".join(ch for ch in decomposed if not unicodedata.combining(ch))
    return _NOT_WORD.sub(" ", plain).strip()


def words(text: str) -> list[str]:
    return normalise(text).split()


def stem(word: str) -> str:
    if word.endswith("nya") and len(word) - 3 >= MIN_STEM:
        word = word[:-3]
    for suffix in SUFFIXES:
        if word.endswith(suffix) and len(word) - len(suffix) >= MIN_STEM:
            word = word[: -len(suffix)]
            break
    for prefix, followers, restore in PREFIXES:
        after = word[len(prefix):]
        rest = restore + after
        if (word.startswith(prefix) and len(rest) >= MIN_STEM
                and (not followers or after[:1] in followers)):
            word = rest
            break
    return word


def search_text(parts: Iterable[str]) -> str:
    """The stored text of one service: normalised words, then their distinct stems."""
    plain = normalise(" ".join(p for p in parts if p))
    stems = sorted({stem(w) for w in plain.split()} - set(plain.split()))
    return f"{plain} {' '.join(stems)}".strip()


def query_terms(q: str | None) -> list[str]:
    """The stems a query must all match; empty when the query has no words."""
    if not q:
        return []
    terms: list[str] = []
    for word in words(q)[:MAX_QUERY_WORDS]:
        term = stem(word)
        if term not in terms:
            terms.append(term)
    return terms
