"""{% load privacy %}: `profile|shown_nik:request.user`, `user|shown_phone:request.user`,
`value|mask_nik`, `value|mask_phone`."""

from __future__ import annotations

from django import template

from .. import privacy

register = template.Library()

register.filter("mask_nik", privacy.mask_nik)
register.filter("mask_phone", privacy.mask_phone)
register.filter("shown_nik", privacy.shown_nik)
register.filter("shown_phone", privacy.shown_phone)
