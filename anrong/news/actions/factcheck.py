"""Cek Fakta writes: a citizen sends a message, fact-checkers work the queue, a verdict is published and everyone who sent the claim is told."""

from __future__ import annotations

__all__: list[str] = []
