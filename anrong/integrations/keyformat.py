"""The text of an agency API key: `anr_<prefix>_<secret>`.

The prefix (8 lowercase hex characters) names the key in lists and logs; the secret is 40
characters drawn with `secrets` from letters and digits (about 238 bits), so the key can be
double-clicked as one word. Only the SHA-256 of the whole text is stored: a key is a long random
string, not a password, so a slow hash would add nothing but latency to every API call."""

from __future__ import annotations

import hashlib
import secrets
import string

from anrong.core.api_auth import API_KEY_PREFIX

SECRET_ALPHABET = string.ascii_letters + string.digits
SECRET_LENGTH = 40
PREFIX_BYTES = 4  # 8 hex characters


def new_prefix() -> str:
    return secrets.token_hex(PREFIX_BYTES)


def new_key(prefix: str) -> str:
    secret = "".join(secrets.choice(SECRET_ALPHABET) for _ in range(SECRET_LENGTH))
    return f"{API_KEY_PREFIX}{prefix}_{secret}"


def hash_key(text: str) -> str:
    return hashlib.sha256(text.encode()).hexdigest()


def looks_like_key(text: str) -> bool:
    """Shape only (cheap, before any database lookup)."""
    if not text.startswith(API_KEY_PREFIX):
        return False
    prefix, _sep, secret = text[len(API_KEY_PREFIX):].partition("_")
    return (len(prefix) == PREFIX_BYTES * 2 and len(secret) == SECRET_LENGTH
            and all(c in SECRET_ALPHABET for c in secret))


def shown_prefix(prefix: str) -> str:
    """How a key is named on screen: `anr_1a2b3c4d…`."""
    return f"{API_KEY_PREFIX}{prefix}…"
