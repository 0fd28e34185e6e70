"""Tracking numbers a citizen can read out over the phone and nobody can guess:
`DKC-2026-7Q4M9X` is the service's agency prefix, the year in WITA, and six random characters
from an alphabet without look-alikes (no 0/O, 1/I/L, U). 30⁶ ≈ 729 million per prefix and year,
drawn by `secrets`; a collision is retried by the caller (the column is unique)."""

from __future__ import annotations

import re
import secrets
from datetime import datetime

from anrong.core.workdays import to_wita

ALPHABET = "23456789ABCDEFGHJKMNPQRSTVWXYZ"
RANDOM_LENGTH = 6
PATTERN = re.compile(rf"^[A-Z0-9]{{2,10}}-\d{{4}}-[{ALPHABET}]{{{RANDOM_LENGTH}}}$")


def prefix_of(service_code: str) -> str:
    """The first part of the service code: DKC-AKTA-LAHIR → DKC."""
    return service_code.split("-", 1)[0][:10]


def new_tracking_no(service_code: str, at: datetime) -> str:
    random_part = "".join(secrets.choice(ALPHABET) for _ in range(RANDOM_LENGTH))
    return f"{prefix_of(service_code)}-{to_wita(at).year}-{random_part}"


def normalise(value: str) -> str:
    """What a person typed, the way it is stored: upper case, spaces trimmed, and the look-alikes
    they may have typed for the characters we use (O→0 is never needed: 0 is not used)."""
    return value.strip().upper().replace(" ", "")


def looks_valid(value: str) -> bool:
    return bool(PATTERN.match(value))
