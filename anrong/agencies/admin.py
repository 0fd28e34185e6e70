"""Agencies in /admin/, read-only: changes go through the staff console and `actions`, so
each one is permission-checked, audited and announced on the outbox."""

from __future__ import annotations

from django.contrib import admin
from django.utils.translation import gettext_lazy as _

from anrong.core.admin import ReadOnlyAdmin

from .models import Agency, Membership, Office, Unit


class OfficeInline(admin.TabularInline):
    model = Office
    fields = ("name", "address", "lat", "lng", "radius_m", "kelurahan", "is_main")
    readonly_fields = fields
    extra = 0
    can_delete = False

    def has_add_permission(self, request, obj=None) -> bool:  # type: ignore[no-untyped-def]
        return False


class UnitInline(admin.TabularInline):
    model = Unit
    fields = ("name",)
    readonly_fields = fields
    extra = 0
    can_delete = False

    def has_add_permission(self, request, obj=None) -> bool:  # type: ignore[no-untyped-def]
        return False


@admin.register(Agency)
class AgencyAdmin(ReadOnlyAdmin):
    list_display = ("code", "name", "short_name", "kind", "parent", "is_active")
    list_filter = ("kind", "is_active")
    search_fields = ("code", "name", "short_name")
    list_select_related = ("parent",)
    inlines = (OfficeInline, UnitInline)


@admin.register(Office)
class OfficeAdmin(ReadOnlyAdmin):
    list_display = ("name", "agency", "kelurahan", "lat", "lng", "is_main")
    list_select_related = ("agency", "kelurahan")
    search_fields = ("name", "address", "agency__code")


@admin.register(Membership)
class MembershipAdmin(ReadOnlyAdmin):
    list_display = ("member_email", "agency", "unit", "role", "is_active", "created_at")
    list_filter = ("role", "is_active")
    list_select_related = ("user", "agency", "unit")
    search_fields = ("agency__code", "user__email")
    fields = ("member_email", "agency", "unit", "role", "is_active", "created_at")
    readonly_fields = fields

    @admin.display(description=_("email"), ordering="user__email")
    def member_email(self, membership: Membership) -> str:
        return membership.user.email or f"#{membership.user_id}"
