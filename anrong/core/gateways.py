"""SMS and WhatsApp: one interface, two adapters.

- ConsoleGateway (default, laptops and tests): writes each message to the log and keeps the last
  ones in a bounded in-process list, so tests and the local demo can read one-time codes.
- HttpGateway (servers): POSTs JSON to the provider's endpoint with a bearer token and a timeout;
  configured by SMS_GATEWAY_URL, SMS_GATEWAY_TOKEN and SMS_GATEWAY_SENDER.

Callers use `send_message(...)`; `get_gateway()` picks the adapter from settings.SMS_GATEWAY.
"""

from __future__ import annotations

import logging
import threading
from collections import deque
from dataclasses import dataclass, field
from typing import Literal, Protocol

import httpx
from django.conf import settings
from django.utils import timezone

log = logging.getLogger(__name__)

Channel = Literal["sms", "whatsapp"]
CHANNELS: tuple[str, ...] = ("sms", "whatsapp")


class GatewayError(Exception):
    """The message could not be handed to the gateway. The text says why, for operators."""


@dataclass(frozen=True)
class SentMessage:
    to: str
    text: str
    channel: str
    sent_at: object = field(default_factory=timezone.now)


class MessageGateway(Protocol):
    def send(self, to_e164: str, text: str, *, channel: Channel = "sms") -> None: ...


def _check(to_e164: str, channel: str) -> None:
    if channel not in CHANNELS:
        raise GatewayError(f"unknown channel {channel!r}; use one of {CHANNELS}")
    if not to_e164.startswith("+") or not to_e164[1:].isdigit():
        raise GatewayError("recipient must be an E.164 number such as +6281234567890")


class ConsoleGateway:
    """Logs every message (code included: local use only) and remembers the last `keep`."""

    _lock = threading.Lock()
    _outbox: deque[SentMessage] = deque(maxlen=100)

    def send(self, to_e164: str, text: str, *, channel: Channel = "sms") -> None:
        _check(to_e164, channel)
        with self._lock:
            self._outbox.append(SentMessage(to=to_e164, text=text, channel=channel))
        log.info("console %s to %s: %s", channel, to_e164, text,
                 extra={"gateway": "console", "to": to_e164, "channel": channel})

    @classmethod
    def messages(cls, to_e164: str | None = None) -> list[SentMessage]:
        """Messages kept in this process, oldest first; only those to `to_e164` if given."""
        with cls._lock:
            kept = list(cls._outbox)
        return [m for m in kept if to_e164 is None or m.to == to_e164]

    @classmethod
    def last_message(cls, to_e164: str | None = None) -> SentMessage | None:
        found = cls.messages(to_e164)
        return found[-1] if found else None

    @classmethod
    def clear(cls) -> None:
        with cls._lock:
            cls._outbox.clear()


class HttpGateway:
    """POST {"to", "text", "channel", "sender"} as JSON with `Authorization: Bearer <token>`.
    Any 2xx is success; anything else, or no answer within `timeout` seconds, raises GatewayError."""

    def __init__(self, *, url: str, token: str, sender: str, timeout: float = 10.0) -> None:
        if not url:
            raise GatewayError("SMS_GATEWAY_URL is not set")
        self.url = url
        self.token = token
        self.sender = sender
        self.timeout = timeout

    def send(self, to_e164: str, text: str, *, channel: Channel = "sms") -> None:
        _check(to_e164, channel)
        headers = {"Accept": "application/json"}
        if self.token:
            headers["Authorization"] = f"Bearer {self.token}"
        body = {"to": to_e164, "text": text, "channel": channel, "sender": self.sender}
        try:
            response = httpx.post(self.url, json=body, headers=headers, timeout=self.timeout)
        except httpx.HTTPError as exc:
            raise GatewayError(f"SMS gateway unreachable: {exc.__class__.__name__}: {exc}") from exc
        if not response.is_success:
            raise GatewayError(
                f"SMS gateway refused the message: HTTP {response.status_code} {response.text[:200]}"
            )
        log.info("%s sent through HTTP gateway", channel,
                 extra={"gateway": "http", "channel": channel, "status": response.status_code})


def get_gateway() -> MessageGateway:
    kind = getattr(settings, "SMS_GATEWAY", "console")
    if kind == "console":
        return ConsoleGateway()
    if kind == "http":
        return HttpGateway(
            url=settings.SMS_GATEWAY_URL,
            token=settings.SMS_GATEWAY_TOKEN,
            sender=settings.SMS_GATEWAY_SENDER,
            timeout=float(getattr(settings, "SMS_GATEWAY_TIMEOUT", 10.0)),
        )
    raise GatewayError(f"unknown SMS_GATEWAY {kind!r}; use 'console' or 'http'")


def send_message(to_e164: str, text: str, *, channel: Channel = "sms") -> None:
    get_gateway().send(to_e164, text, channel=channel)
