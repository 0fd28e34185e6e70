"""Template questions about services' forms, for pages outside Layanan (the staff console home)."""

from __future__ import annotations

from typing import Any

from django import template

from .. import queries

register = template.Library()


@register.simple_tag
def can_build_forms(user: Any) -> bool:
    """Whether `user` may edit the form of at least one service (the builder link)."""
    return bool(queries.form_builder_agencies(user))
