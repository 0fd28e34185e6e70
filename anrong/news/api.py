"""Makaverse News's JSON API for the mobile app, at /api/v1/news/."""

from __future__ import annotations

from ninja import Router

from .api_factcheck import router as factcheck_router

router = Router(tags=["news"])

router.add_router("/cek-fakta", factcheck_router)
