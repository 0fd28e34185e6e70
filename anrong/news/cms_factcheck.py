"""Cek Fakta in Wagtail's admin (/cms/): a menu link to the fact-checkers' queue
(/kantor/cek-fakta/), shown to fact-checkers only. FactCheckPages themselves are edited as pages
under "Cek Fakta"; publishing one tells its claims' submitters (signals.py)."""

from __future__ import annotations

from typing import Any

from django.urls import reverse
from django.utils.translation import gettext_lazy as _
from wagtail import hooks
from wagtail.admin.menu import MenuItem

from . import permissions


class FactCheckQueueMenuItem(MenuItem):
    def is_shown(self, request: Any) -> bool:
        return permissions.is_fact_checker(request.user)


@hooks.register("register_admin_menu_item")
def register_factcheck_queue_menu_item() -> MenuItem:
    return FactCheckQueueMenuItem(_("Antrean Cek Fakta"), reverse("factcheck_console:queue"),
                                  icon_name="tasks", order=250)
