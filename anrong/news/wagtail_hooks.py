"""Wagtail admin hooks (loaded by Wagtail itself): the newsroom's (cms_newsroom) and
Cek Fakta's (cms_factcheck)."""

from . import cms_factcheck, cms_newsroom  # noqa: F401
