"""Lapor's JSON API for the citizen app and agency systems (/api/v1/reports/)."""

from ninja import Router

router = Router(tags=["reports"])
