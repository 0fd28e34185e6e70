"""Standard Webhooks signatures (https://www.standardwebhooks.com/): what a receiver verifies
with the `standardwebhooks` library, or by hand in any language.

    signed content = "<webhook-id>.<webhook-timestamp>.<body>"
    signature      = base64(HMAC-SHA256(key, signed content)), sent as "v1,<signature>"
    key            = the base64 part of the "whsec_…" secret

Several signatures are separated by spaces (during a secret rotation, one per secret); a
receiver accepts the message if any of them matches one of its secrets. Written here rather than
imported so that the tests, which verify with the `standardwebhooks` library, check us against an
independent implementation of the specification."""

from __future__ import annotations

import base64
import hashlib
import hmac
import secrets

SECRET_PREFIX = "whsec_"  # noqa: S105 (a prefix, not a secret)
SECRET_BYTES = 32


def new_secret() -> str:
    return SECRET_PREFIX + base64.b64encode(secrets.token_bytes(SECRET_BYTES)).decode()


def _key(secret: str) -> bytes:
    return base64.b64decode(secret.removeprefix(SECRET_PREFIX))


def signature(secret: str, msg_id: str, timestamp: int, body: bytes) -> str:
    content = f"{msg_id}.{timestamp}.".encode() + body
    digest = hmac.new(_key(secret), content, hashlib.sha256).digest()
    return "v1," + base64.b64encode(digest).decode()


def headers(secrets_in_use: list[str], msg_id: str, timestamp: int, body: bytes) -> dict[str, str]:
    """The three Standard Webhooks headers, signed with every secret in use."""
    return {
        "webhook-id": msg_id,
        "webhook-timestamp": str(timestamp),
        "webhook-signature": " ".join(signature(s, msg_id, timestamp, body)
                                      for s in secrets_in_use),
    }
