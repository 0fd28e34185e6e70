"""Reads of Cek Fakta: the queue, fact-checks, matching a pasted message."""

from __future__ import annotations

__all__: list[str] = []
