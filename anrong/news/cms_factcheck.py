"""Cek Fakta in Wagtail's admin (/cms/)."""
