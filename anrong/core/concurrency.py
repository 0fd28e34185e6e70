"""Running a coroutine from synchronous code, whatever the thread has going."""

from __future__ import annotations

import asyncio
from collections.abc import Coroutine
from concurrent.futures import ThreadPoolExecutor
from typing import Any, TypeVar

T = TypeVar("T")


def run_coroutine(coro: Coroutine[Any, Any, T], timeout: float = 30) -> T:
    """Run `coro` to completion in a fresh event loop on a thread of its own and return its
    result. Works where `asyncio.run` and `async_to_sync` refuse: in a thread that already runs
    an event loop (a task run inline by the immediate task backend from async code, Playwright's
    sync API in the browser tests)."""
    with ThreadPoolExecutor(max_workers=1) as pool:
        return pool.submit(asyncio.run, coro).result(timeout)
