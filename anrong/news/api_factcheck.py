"""Cek Fakta's JSON API, at /api/v1/news/cek-fakta/."""

from __future__ import annotations

from ninja import Router

router = Router(tags=["cek-fakta"])
