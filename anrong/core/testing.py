"""Helpers for tests across apps."""

from __future__ import annotations

import asyncio
from collections.abc import Coroutine
from concurrent.futures import ThreadPoolExecutor
from typing import Any, TypeVar

T = TypeVar("T")


def run_async(coro: Coroutine[Any, Any, T], timeout: float = 30) -> T:
    """Run a coroutine to completion in a fresh event loop on its own thread. Playwright's sync API
    keeps an event loop running on the main thread during browser tests, where asyncio.run fails."""
    with ThreadPoolExecutor(max_workers=1) as pool:
        return pool.submit(asyncio.run, coro).result(timeout)
