"""Reads of published articles: lists, categories, tags, search, feeds."""

from __future__ import annotations

__all__: list[str] = []
