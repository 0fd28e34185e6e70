"""Makaverse News demo data: the page tree, articles, and Cek Fakta's claims and verdicts."""

from __future__ import annotations

from typing import Any

from .pages import ensure_newsroom


def seed_news(**kwargs: Any) -> str:
    ensure_newsroom()
    return "the newsroom's page tree"
