"""Per-request context (request id, client IP, actor) shared by logs, audit and outbox.

Set by `RequestIdMiddleware`; read anywhere without passing the request down. ContextVars are
per-task under ASGI, so two requests in one process never see each other's values.
"""

from __future__ import annotations

import re
import uuid
from contextvars import ContextVar
from dataclasses import dataclass, replace


@dataclass(frozen=True)
class RequestContext:
    request_id: str = ""
    ip: str | None = None
    api_key_id: int | None = None  # the agency API key the request came with, if any


_current: ContextVar[RequestContext] = ContextVar("anrong_request", default=RequestContext())  # noqa: B039 (frozen)
_VALID_ID = re.compile(r"^[A-Za-z0-9._:-]{8,64}$")


def current() -> RequestContext:
    return _current.get()


def new_request_id(incoming: str | None = None) -> str:
    """Keep a well-formed id from a trusted proxy; otherwise make one."""
    if incoming and _VALID_ID.match(incoming):
        return incoming
    return uuid.uuid4().hex


def with_api_key(api_key_id: int):  # type: ignore[no-untyped-def]
    """Note the API key serving this request (the request's own context is restored when the
    middleware unbinds it)."""
    return _current.set(replace(current(), api_key_id=api_key_id))


def bind(ctx: RequestContext):  # type: ignore[no-untyped-def]
    return _current.set(ctx)


def unbind(token) -> None:  # type: ignore[no-untyped-def]
    _current.reset(token)
