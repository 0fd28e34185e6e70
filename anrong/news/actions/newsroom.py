"""Newsroom writes: groups, workflow, scheduled publishing, audit of Wagtail page events."""

from __future__ import annotations

__all__: list[str] = []
