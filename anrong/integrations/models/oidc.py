"""Single sign-on for agency apps. The OAuth 2.0 / OpenID Connect records themselves
(applications, grants, tokens) are django-oauth-toolkit's; these models say which agency owns an
application and what a citizen agreed to share with it."""

from __future__ import annotations

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _


class AgencyClient(models.Model):
    """An agency's application registered with the city's OpenID Connect provider."""

    application = models.OneToOneField(
        settings.OAUTH2_PROVIDER_APPLICATION_MODEL, on_delete=models.CASCADE,
        related_name="agency_client",
    )
    agency = models.ForeignKey("agencies.Agency", on_delete=models.PROTECT,
                               related_name="oidc_clients")
    description = models.CharField(_("keterangan"), max_length=300, blank=True)
    created_by = models.ForeignKey(settings.AUTH_USER_MODEL, null=True, blank=True,
                                   on_delete=models.SET_NULL, related_name="+")
    created_at = models.DateTimeField(auto_now_add=True)
    updated_at = models.DateTimeField(auto_now=True)

    class Meta:
        verbose_name = _("aplikasi OPD")
        verbose_name_plural = _("aplikasi OPD")

    def __str__(self) -> str:
        return f"{self.application} ({self.agency_id})"


class Consent(models.Model):
    """What a person agreed an agency application may know about them. Scopes that need consent
    (`nik`) are only granted while an active consent names them; withdrawing ends it and revokes
    the application's tokens for that person."""

    user = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.CASCADE,
                             related_name="oidc_consents")
    application = models.ForeignKey(settings.OAUTH2_PROVIDER_APPLICATION_MODEL,
                                    on_delete=models.CASCADE, related_name="consents")
    scopes = models.JSONField(default=list)
    granted_at = models.DateTimeField(auto_now_add=True)
    updated_at = models.DateTimeField(auto_now=True)
    withdrawn_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        constraints = [
            models.UniqueConstraint(fields=["user", "application"],
                                    condition=models.Q(withdrawn_at__isnull=True),
                                    name="uniq_active_consent"),
        ]

    def __str__(self) -> str:
        return f"consent of user {self.user_id} to app {self.application_id}"
