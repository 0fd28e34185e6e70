"""Django's HTTP handling under ASGI, in one hop to a long-lived thread pool per request.

Measured on this 2-core machine (bench/http_baseline.py, and the notes in docs/performance.md):
Django's stock ASGIHandler opens a fresh thread-sensitive context (a new thread) for every
request and runs each sync middleware's hooks through `sync_to_async`, about two thread hops per
middleware: ~5.5 ms for a bare view, against ~0.6 ms for the same request handled synchronously.
Our middleware and views are sync, so this handler loads the middleware chain in sync mode and
runs the whole request in one call on a small pool of long-lived threads.

Database connections are thread-local: each request opens/closes (or re-uses, per CONN_MAX_AGE)
its thread's connection exactly as Django's request_started/request_finished signals would.
Websockets go through Channels and are not affected.
"""

from __future__ import annotations

import os
from concurrent.futures import ThreadPoolExecutor

from asgiref.sync import sync_to_async
from django.core.handlers.asgi import ASGIHandler
from django.db import close_old_connections


class SyncChainASGIHandler(ASGIHandler):
    def __init__(self, threads: int | None = None) -> None:
        super().__init__()
        self.load_middleware(is_async=False)
        size = threads or int(os.environ.get("ANRONG_HTTP_THREADS", "8"))
        self._executor = ThreadPoolExecutor(max_workers=size, thread_name_prefix="anrong-http")

    async def __call__(self, scope, receive, send):  # type: ignore[no-untyped-def]
        if scope["type"] != "http":
            raise ValueError(f"Django can only handle ASGI/HTTP connections, not {scope['type']}.")
        # No per-request ThreadSensitiveContext: it costs a new thread per request. Sync work
        # outside get_response (signals, body spooling) runs on asgiref's one shared thread.
        await self.handle(scope, receive, send)

    async def get_response_async(self, request):  # type: ignore[no-untyped-def]
        return await sync_to_async(self._respond, thread_sensitive=False, executor=self._executor)(request)

    def _respond(self, request):  # type: ignore[no-untyped-def]
        close_old_connections()
        try:
            return self.get_response(request)
        finally:
            close_old_connections()
