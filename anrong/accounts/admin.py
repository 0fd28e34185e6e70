"""Accounts in /admin/, for system administrators: read-only and masked.

Changes to accounts go through `anrong.accounts.actions` (and platform roles through
`anrong.agencies.actions`), never through the admin. Phone and NIK are shown masked, and every
opening of a user's or a citizen profile's page is recorded in the audit log as
"citizen.viewed" (UU 27/2022).
"""

from __future__ import annotations

from django.contrib import admin
from django.core.exceptions import PermissionDenied
from django.utils.translation import gettext_lazy as _

from anrong.core.admin import ReadOnlyAdmin
from anrong.core.audit import record_audit

from .models import CitizenProfile, PlatformRole, User
from .privacy import mask_nik, mask_phone


def _can_view(request) -> bool:  # type: ignore[no-untyped-def]
    from anrong.agencies.permissions import can_view_accounts_admin

    return can_view_accounts_admin(request.user)


class AuditedReadOnlyAdmin(ReadOnlyAdmin):
    """View-only; opening an object's page writes an audit event."""

    actions = None
    change_form_template = "admin/accounts/masked_change_form.html"

    def action_checkbox(self, obj):  # type: ignore[no-untyped-def]
        """Django labels each row's checkbox with str(obj), which for a citizen is the phone
        number: name the row by its id instead."""
        from django import forms
        from django.contrib.admin import helpers

        attrs = {"class": "action-select", "aria-label": _("Pilih pengguna #%(id)s") % {"id": obj.pk}}
        return forms.CheckboxInput(attrs, lambda value: False).render(helpers.ACTION_CHECKBOX_NAME, str(obj.pk))

    def has_view_permission(self, request, obj=None) -> bool:  # type: ignore[no-untyped-def]
        return _can_view(request)

    def has_module_permission(self, request) -> bool:  # type: ignore[no-untyped-def]
        return _can_view(request)

    def audited_target(self, obj):  # type: ignore[no-untyped-def]
        return obj

    def label(self, obj) -> str:  # type: ignore[no-untyped-def]
        """How the page names the object: never its __str__, which may be a phone number."""
        return f"{obj._meta.verbose_name} #{obj.pk}"

    def change_view(self, request, object_id, form_url="", extra_context=None):  # type: ignore[no-untyped-def]
        response = super().change_view(request, object_id, form_url, extra_context)
        if hasattr(response, "context_data") and response.context_data.get("original"):
            response.context_data["subtitle"] = self.label(response.context_data["original"])
        obj = getattr(response, "context_data", {}).get("original")
        if response.status_code == 200 and obj is not None:
            record_audit(actor=request.user, action="citizen.viewed", target=self.audited_target(obj),
                         details={"via": "admin", "page": obj._meta.label_lower,
                                  "object_id": str(obj.pk)})
        return response

    def history_view(self, request, object_id, extra_context=None):  # type: ignore[no-untyped-def]
        raise PermissionDenied  # nothing is ever changed here, and the page would name the person


@admin.register(User)
class UserAdmin(AuditedReadOnlyAdmin):
    list_display = ("id", "email", "masked_phone", "display_name", "is_active", "is_staff",
                    "date_joined")
    list_filter = ("is_active", "is_staff", "language")
    search_fields = ("email", "display_name")
    ordering = ("-date_joined",)
    fields = ("email", "masked_phone", "phone_verified", "display_name", "language",
              "is_active", "is_staff", "is_superuser", "date_joined", "last_login",
              "anonymised_at", "roles")
    readonly_fields = fields
    actions = ["deactivate_accounts"]

    @admin.action(description=_("Nonaktifkan akun terpilih (keluar dari semua perangkat)"))
    def deactivate_accounts(self, request, queryset):  # type: ignore[no-untyped-def]
        """Asks for a reason on a confirmation page, then calls the deactivate_user action for
        each account; the action checks the permission and records the audit event."""
        from django.contrib import messages
        from django.template.response import TemplateResponse

        from .actions.identity import IdentityError, deactivate_user

        reason = (request.POST.get("reason") or "").strip()
        if request.POST.get("confirm") and reason:
            done = 0
            for user in queryset.filter(is_active=True):
                try:
                    deactivate_user(actor=request.user, user=user, reason=reason)
                    done += 1
                except IdentityError as error:
                    self.message_user(request, f"pengguna #{user.pk}: {error}", messages.ERROR)
            if done:
                self.message_user(request, _("%(n)d akun dinonaktifkan.") % {"n": done}, messages.SUCCESS)
            return None
        return TemplateResponse(request, "admin/accounts/deactivate_confirm.html", {
            **self.admin_site.each_context(request), "title": _("Nonaktifkan akun"),
            "accounts": queryset, "reason_missing": bool(request.POST.get("confirm")),
            "action_checkbox_name": admin.helpers.ACTION_CHECKBOX_NAME, "opts": self.model._meta,
        })

    def get_actions(self, request):  # type: ignore[no-untyped-def]
        from anrong.agencies.permissions import can_deactivate_accounts

        actions = super().get_actions(request)
        if not can_deactivate_accounts(request.user):
            actions.pop("deactivate_accounts", None)
        return actions

    @admin.display(description=_("peran platform"))
    def roles(self, user: User) -> str:
        labels = dict(PlatformRole.Role.choices)
        return ", ".join(str(labels[r.role]) for r in user.platform_roles.all()) or "—"

    @admin.display(description=_("nomor HP"))
    def masked_phone(self, user: User) -> str:
        return mask_phone(user.phone)


@admin.register(CitizenProfile)
class CitizenProfileAdmin(AuditedReadOnlyAdmin):
    list_display = ("id", "masked_nik", "kelurahan", "created_at")
    list_select_related = ("kelurahan",)
    list_filter = ("sex",)
    search_fields = ("=user__email",)
    fields = ("account", "masked_nik", "full_name", "birth_date", "sex", "kelurahan", "address",
              "created_at", "updated_at")
    readonly_fields = fields

    @admin.display(description=_("akun"))
    def account(self, profile: CitizenProfile) -> str:
        return f"#{profile.user_id}"

    def audited_target(self, profile: CitizenProfile):  # type: ignore[no-untyped-def]
        return profile.user

    @admin.display(description=_("NIK"))
    def masked_nik(self, profile: CitizenProfile) -> str:
        return mask_nik(profile.nik)
