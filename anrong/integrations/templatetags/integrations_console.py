"""Template helpers for pages outside Integrasi that link into it (the /kantor/ landing page)."""

from __future__ import annotations

from typing import Any

from django import template

register = template.Library()


@register.simple_tag
def manages_integrations(user: Any) -> bool:
    """Whether the user administers the integrations of at least one agency."""
    from ..views.console import managed_agencies

    return bool(managed_agencies(user))
