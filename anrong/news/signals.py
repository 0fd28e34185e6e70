"""Wagtail's page events feed Anrong's audit log and outbox; a published fact-check tells
everyone who sent its claim. Connected in NewsConfig.ready()."""

from __future__ import annotations

# --- newsroom -----------------------------------------------------------------------------------


# --- Cek Fakta ----------------------------------------------------------------------------------
