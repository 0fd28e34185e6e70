"""Template filters for money, dates and times: `{% load anrong_format %}`.

    {{ service.fee|rupiah }}          Rp15.000
    {{ service.fee|rupiah_or_free }}  Gratis
    {{ application.created_at|wita }} 22 November 2026, 10.30 WITA
    {{ profile.birth_date|tanggal }}  22 November 2026

They follow the active language; see anrong.core.formatting.
"""

from __future__ import annotations

from django import template

from anrong.core import formatting

register = template.Library()


@register.filter(name="rupiah")
def rupiah(value):  # type: ignore[no-untyped-def]
    return formatting.rupiah(value)


@register.filter(name="rupiah_or_free")
def rupiah_or_free(value):  # type: ignore[no-untyped-def]
    return formatting.rupiah_or_free(value)


@register.filter(name="wita", expects_localtime=False)
def wita(value):  # type: ignore[no-untyped-def]
    return formatting.wita(value)


@register.filter(name="tanggal", expects_localtime=False)
def tanggal(value):  # type: ignore[no-untyped-def]
    return formatting.tanggal(value)
