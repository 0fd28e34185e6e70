"""Web push: one small interface, three adapters, chosen by `ALERTS_PUSH_ADAPTER`.

- `WebPushAdapter`: the real thing, pywebpush with VAPID (RFC 8292) and aes128gcm encryption.
- `ConsoleAdapter`: for a laptop without push service access; logs what it would send.
- `MemoryAdapter`: keeps what it was given in `MemoryAdapter.sent` (tests, like Django's locmem
  mail backend).

An adapter's `send(target, payload)` returns normally when the push service accepted the
message, raises `PushGone` when the subscription no longer exists (404/410: the caller deletes
it) and `PushFailed` for anything else (recorded, retried later).

VAPID keys come from the environment (`ALERTS_VAPID_PRIVATE_KEY`, `ALERTS_VAPID_PUBLIC_KEY`,
base64url: the raw 32-byte private scalar and the 65-byte uncompressed public point;
`manage.py alerts_vapid_keys` prints a new pair). When none is set and
`ALERTS_VAPID_GENERATE` is on (DEBUG: `make run`), a pair is generated once into
var/vapid.json and reused; several nodes must share keys from the environment instead."""

from __future__ import annotations

import base64
import json
import logging
import os
from dataclasses import dataclass
from pathlib import Path
from typing import Any, ClassVar, Protocol

from django.conf import settings
from django.utils.module_loading import import_string

log = logging.getLogger(__name__)


class PushGone(Exception):
    """The push service says the subscription is gone (404/410)."""


class PushFailed(Exception):
    """The push service refused or could not be reached; worth trying again later."""


@dataclass(frozen=True)
class PushTarget:
    endpoint: str
    p256dh: str
    auth: str

    def as_subscription_info(self) -> dict[str, Any]:
        return {"endpoint": self.endpoint, "keys": {"p256dh": self.p256dh, "auth": self.auth}}


class PushAdapter(Protocol):
    def send(self, target: PushTarget, payload: dict[str, Any]) -> None: ...


# --- VAPID keys -------------------------------------------------------------------------------


def _b64url(data: bytes) -> str:
    return base64.urlsafe_b64encode(data).rstrip(b"=").decode()


def generate_vapid_keys() -> dict[str, str]:
    from cryptography.hazmat.primitives import serialization
    from cryptography.hazmat.primitives.asymmetric import ec

    key = ec.generate_private_key(ec.SECP256R1())
    private = key.private_numbers().private_value.to_bytes(32, "big")
    public = key.public_key().public_bytes(serialization.Encoding.X962,
                                           serialization.PublicFormat.UncompressedPoint)
    return {"private_key": _b64url(private), "public_key": _b64url(public)}


def _key_file() -> Path:
    return Path(settings.VAR_DIR) / "vapid.json"


def vapid_keys() -> dict[str, str] | None:
    """{"private_key", "public_key"} or None when web push is not configured."""
    private = getattr(settings, "ALERTS_VAPID_PRIVATE_KEY", "")
    public = getattr(settings, "ALERTS_VAPID_PUBLIC_KEY", "")
    if private and public:
        return {"private_key": private, "public_key": public}
    if not getattr(settings, "ALERTS_VAPID_GENERATE", False):
        return None
    path = _key_file()
    if not path.exists():
        keys = generate_vapid_keys()
        path.parent.mkdir(parents=True, exist_ok=True)
        try:  # O_EXCL: two processes starting at once keep the first pair
            fd = os.open(path, os.O_WRONLY | os.O_CREAT | os.O_EXCL, 0o600)
        except FileExistsError:
            pass
        else:
            with os.fdopen(fd, "w") as handle:
                json.dump(keys, handle)
    return dict(json.loads(path.read_text()))


def public_key() -> str:
    keys = vapid_keys()
    return keys["public_key"] if keys else ""


# --- adapters ---------------------------------------------------------------------------------


class WebPushAdapter:
    """pywebpush. `session` (a requests.Session) is for callers that pool connections."""

    def __init__(self, session: Any = None) -> None:
        self.session = session

    def send(self, target: PushTarget, payload: dict[str, Any]) -> None:
        from pywebpush import WebPushException, webpush

        keys = vapid_keys()
        if keys is None:
            raise PushFailed("web push is not configured (no VAPID keys)")
        try:
            webpush(target.as_subscription_info(), data=json.dumps(payload),
                    vapid_private_key=keys["private_key"],
                    vapid_claims={"sub": getattr(settings, "ALERTS_VAPID_SUBJECT",
                                                 "mailto:diskominfo@makassarkota.go.id")},
                    ttl=int(getattr(settings, "ALERTS_PUSH_TTL", 3600)), timeout=10,
                    headers={"Urgency": "high"}, requests_session=self.session)
        except WebPushException as error:
            status = getattr(error.response, "status_code", None)
            if status in (404, 410):
                raise PushGone(str(status)) from error
            raise PushFailed(f"{status or ''} {error.message}".strip()[:300]) from error
        except Exception as error:  # network errors from requests
            raise PushFailed(str(error)[:300]) from error


class ConsoleAdapter:
    def send(self, target: PushTarget, payload: dict[str, Any]) -> None:
        log.info("web push to %s…: %s", target.endpoint[:60], json.dumps(payload)[:300])


class MemoryAdapter:
    """Keeps every message. `gone` and `failing` are endpoints it answers as the push service
    would for a deleted subscription, and for one that is down."""

    sent: ClassVar[list[tuple[PushTarget, dict[str, Any]]]] = []
    gone: ClassVar[set[str]] = set()
    failing: ClassVar[set[str]] = set()

    @classmethod
    def reset(cls) -> None:
        cls.sent.clear()
        cls.gone.clear()
        cls.failing.clear()

    def send(self, target: PushTarget, payload: dict[str, Any]) -> None:
        if target.endpoint in self.gone:
            raise PushGone("410")
        if target.endpoint in self.failing:
            raise PushFailed("503 Service Unavailable")
        self.sent.append((target, payload))


def adapter() -> PushAdapter:
    path = getattr(settings, "ALERTS_PUSH_ADAPTER", "anrong.alerts.push.ConsoleAdapter")
    return import_string(path)()  # type: ignore[no-any-return]
