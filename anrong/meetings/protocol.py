"""The meeting room's websocket protocol, client to server, as Pydantic schemas.

Every frame is checked in this order: its size (`MAX_FRAME`, `MAX_SIGNAL_FRAME` for WebRTC
signalling), that it is JSON, then its schema (`parse`). Anything else is misbehaviour: the
consumer closes that one connection with `CLOSE_MISBEHAVING`.

Client -> server:
    {"t":"move","x":float,"y":float}
    {"t":"chat","text":str,"scope":"room"|"bubble"}
    {"t":"signal","to":user_id,"data":{...}}        offer/answer/ice, within a bubble only
    {"t":"host","op":"lock"|"unlock"|"mute"|"unmute"|"remove"|"presenter","user":id}
    {"t":"ping","ts":ms}
"""

from __future__ import annotations

import json
import math
from typing import Annotated, Any, Literal

from pydantic import BaseModel, ConfigDict, Field, TypeAdapter, ValidationError, field_validator

MAX_FRAME = 4 * 1024
MAX_SIGNAL_FRAME = 16 * 1024
MAX_CHAT = 1000
CLOSE_MISBEHAVING = 4008
CLOSE_REMOVED = 4003
CLOSE_REFUSED = 4403
CLOSE_REPLACED = 4009


class _Message(BaseModel):
    model_config = ConfigDict(extra="forbid", frozen=True)


class Move(_Message):
    t: Literal["move"]
    x: float
    y: float

    @field_validator("x", "y")
    @classmethod
    def _finite(cls, value: float) -> float:
        if not math.isfinite(value) or abs(value) > 10_000:
            raise ValueError("position out of range")
        return value


class Chat(_Message):
    t: Literal["chat"]
    text: str = Field(min_length=1, max_length=MAX_CHAT)
    scope: Literal["room", "bubble"] = "room"


class Signal(_Message):
    t: Literal["signal"]
    to: int = Field(gt=0)
    data: dict[str, Any]


class Host(_Message):
    t: Literal["host"]
    op: Literal["lock", "unlock", "mute", "unmute", "remove", "presenter"]
    user: int | None = Field(default=None, gt=0)


class Ping(_Message):
    t: Literal["ping"]
    ts: float


ClientMessage = Annotated[Move | Chat | Signal | Host | Ping, Field(discriminator="t")]
_adapter: TypeAdapter[Move | Chat | Signal | Host | Ping] = TypeAdapter(ClientMessage)


class BadMessage(ValueError):
    """The frame is too large, not JSON, or not one of the protocol's messages."""


def parse(text: str | bytes | None) -> Move | Chat | Signal | Host | Ping:
    """One client frame as a message, or BadMessage."""
    if text is None:
        raise BadMessage("binary frames are not part of the protocol")
    size = len(text.encode() if isinstance(text, str) else text)
    if size > MAX_SIGNAL_FRAME:
        raise BadMessage("frame too large")
    try:
        raw = json.loads(text)
    except (ValueError, UnicodeDecodeError) as exc:
        raise BadMessage("not JSON") from exc
    if not isinstance(raw, dict):
        raise BadMessage("not an object")
    if size > MAX_FRAME and raw.get("t") != "signal":
        raise BadMessage("frame too large")
    try:
        return _adapter.validate_python(raw)
    except ValidationError as exc:
        raise BadMessage(f"invalid message: {exc.error_count()} errors") from exc


class TokenBucket:
    """`rate` tokens a second, at most `burst` saved up. `take()` says whether one was left."""

    __slots__ = ("rate", "burst", "tokens", "at")

    def __init__(self, rate: float, burst: float, now: float) -> None:
        self.rate, self.burst, self.tokens, self.at = rate, burst, burst, now

    def take(self, now: float) -> bool:
        self.tokens = min(self.burst, self.tokens + (now - self.at) * self.rate)
        self.at = now
        if self.tokens >= 1:
            self.tokens -= 1
            return True
        return False


# Per connection: moves <= 20/s, chat <= 2/s (burst 5), everything else <= 10/s.
RATES = {"move": (20.0, 20.0), "chat": (2.0, 5.0), "other": (10.0, 10.0)}


class RateLimits:
    def __init__(self, now: float) -> None:
        self.buckets = {kind: TokenBucket(rate, burst, now) for kind, (rate, burst) in RATES.items()}

    def allow(self, kind: str, now: float) -> bool:
        return self.buckets[kind if kind in self.buckets else "other"].take(now)
