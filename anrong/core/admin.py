"""The kernel in /admin/: regions, the audit log and the outbox, all read-only.

The audit log is append-only for everyone, the system administrator included: no add, change or
delete permission; only `permissions.can_view_audit_log` decides who may read it.
"""

from __future__ import annotations

from django.contrib import admin
from django.utils.translation import gettext_lazy as _

from .models import AuditEvent, OutboxEvent, Region


class ReadOnlyAdmin(admin.ModelAdmin):
    """Nothing is added, changed or deleted here; system administrators (platform role) may
    look, as may Django superusers."""

    def has_view_permission(self, request, obj=None) -> bool:  # type: ignore[no-untyped-def]
        return _is_sysadmin(request.user) or super().has_view_permission(request, obj)

    def has_module_permission(self, request) -> bool:  # type: ignore[no-untyped-def]
        return _is_sysadmin(request.user) or super().has_module_permission(request)

    def has_add_permission(self, request, obj=None) -> bool:  # type: ignore[no-untyped-def]
        return False

    def has_change_permission(self, request, obj=None) -> bool:  # type: ignore[no-untyped-def]
        return False

    def has_delete_permission(self, request, obj=None) -> bool:  # type: ignore[no-untyped-def]
        return False


def _is_sysadmin(user) -> bool:  # type: ignore[no-untyped-def]
    from anrong.agencies.permissions import can_view_reference_admin

    return can_view_reference_admin(user)


def _can_view_audit_log(user) -> bool:  # type: ignore[no-untyped-def]
    from anrong.agencies.permissions import can_view_audit_log

    return can_view_audit_log(user)


@admin.register(Region)
class RegionAdmin(ReadOnlyAdmin):
    list_display = ("code", "name", "level", "parent")
    list_filter = ("level",)
    search_fields = ("code", "name")
    list_select_related = ("parent",)
    fields = ("code", "level", "name", "parent", "population", "area_km2")


@admin.register(AuditEvent)
class AuditEventAdmin(ReadOnlyAdmin):
    list_display = ("at", "actor_label", "actor_email", "action", "target_type", "target_id",
                    "ip", "request_id")
    list_filter = ("action", "target_type", ("at", admin.DateFieldListFilter))
    search_fields = ("action", "target_type", "=target_id", "=request_id", "ip", "actor__email")
    list_select_related = ("actor",)
    date_hierarchy = "at"
    fields = ("at", "actor", "actor_label", "action", "target_type", "target_id", "ip",
              "request_id", "details")
    readonly_fields = fields
    actions = None

    def has_view_permission(self, request, obj=None) -> bool:  # type: ignore[no-untyped-def]
        return _can_view_audit_log(request.user)

    def has_module_permission(self, request) -> bool:  # type: ignore[no-untyped-def]
        return _can_view_audit_log(request.user) or super().has_module_permission(request)

    @admin.display(description=_("email pelaku"), ordering="actor__email")
    def actor_email(self, event: AuditEvent) -> str:
        return (event.actor.email or "") if event.actor_id else ""


@admin.register(OutboxEvent)
class OutboxEventAdmin(ReadOnlyAdmin):
    list_display = ("created_at", "type", "aggregate_type", "aggregate_id", "published_at",
                    "attempts")
    list_filter = ("type", "published_at")
    search_fields = ("type", "=aggregate_id", "=request_id")
    actions = None
