"""Who may do what in Makaverse News: one function per question, tested as a matrix
(tests/test_permissions.py)."""

from __future__ import annotations

from typing import Any  # noqa: F401 (the questions take Any users)

# --- newsroom (articles, Wagtail) ---------------------------------------------------------------


# --- Cek Fakta ----------------------------------------------------------------------------------
