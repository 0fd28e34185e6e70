"""Rate limits for agency API keys, counted in Django's cache (Redis across nodes in
production, local memory on one machine): fixed one-minute windows.

- per key: settings.API_KEY_RATE_LIMIT requests a minute (default 600);
- per client address: settings.API_KEY_FAILURE_LIMIT failed keys a minute (default 20), so
  nobody can guess keys from one address (they are far too long to guess anyway; this also
  keeps a misconfigured system from hammering the database).

Over a limit: ninja's `Throttled`, answered 429 `rate_limited` with Retry-After (config/api.py)."""

from __future__ import annotations

import time

from django.conf import settings
from django.core.cache import cache
from ninja.errors import Throttled

WINDOW = 60


def _window() -> tuple[int, int]:
    now = time.time()
    start = int(now // WINDOW)
    return start, max(1, int((start + 1) * WINDOW - now))


def _hit(name: str) -> tuple[int, int]:
    window, retry_after = _window()
    key = f"integrations:rl:{name}:{window}"
    cache.add(key, 0, timeout=WINDOW + 5)
    try:
        return cache.incr(key), retry_after
    except ValueError:  # expired between add and incr
        cache.set(key, 1, timeout=WINDOW + 5)
        return 1, retry_after


def _count(name: str) -> tuple[int, int]:
    window, retry_after = _window()
    return int(cache.get(f"integrations:rl:{name}:{window}") or 0), retry_after


def key_limit() -> int:
    return int(getattr(settings, "API_KEY_RATE_LIMIT", 600))


def failure_limit() -> int:
    return int(getattr(settings, "API_KEY_FAILURE_LIMIT", 20))


def count_request(key_id: int) -> None:
    used, retry_after = _hit(f"key:{key_id}")
    if used > key_limit():
        raise Throttled(wait=retry_after)


def refuse_if_failing(ip: str | None) -> None:
    failed, retry_after = _count(f"fail:{ip or '-'}")
    if failed >= failure_limit():
        raise Throttled(wait=retry_after)


def count_failure(ip: str | None) -> None:
    _hit(f"fail:{ip or '-'}")
