"""Render a form field the house way: hint and error tied to the input by id."""

from __future__ import annotations

from django import template
from django.forms import BoundField

register = template.Library()


@register.filter
def accessible_widget(field: BoundField) -> str:
    described_by = []
    if field.help_text:
        described_by.append(f"{field.html_name}-hint")
    if field.errors:
        described_by.append(f"{field.html_name}-error")
    attrs = {"aria-describedby": " ".join(described_by)} if described_by else {}
    return field.as_widget(attrs=attrs)
