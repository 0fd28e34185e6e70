"""Agency API keys: how an agency's own system calls /api/v1/ without a person signing in."""

from __future__ import annotations

from django.conf import settings
from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _


class ApiKey(models.Model):
    """A secret an agency system sends as `Authorization: Bearer anr_<prefix>_<secret>`.

    Only the SHA-256 of the whole key is stored (keys are long random strings, so a slow hash adds
    nothing); the key is shown once. The key acts as `service_user`, the agency's system account
    (an officer of the agency), so every step it takes goes through the same actions and
    permission checks as the console and is audited under that account. `scopes` limit what the
    key may call. Rotation issues a successor and lets the old key live until `expires_at`."""

    agency = models.ForeignKey("agencies.Agency", on_delete=models.PROTECT,
                               related_name="api_keys")
    name = models.CharField(_("nama"), max_length=100)
    prefix = models.CharField(max_length=16, unique=True)
    key_hash = models.CharField(max_length=64, unique=True)
    scopes = models.JSONField(default=list)
    service_user = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT,
                                     related_name="+")
    created_by = models.ForeignKey(settings.AUTH_USER_MODEL, null=True, blank=True,
                                   on_delete=models.SET_NULL, related_name="+")
    created_at = models.DateTimeField(auto_now_add=True)
    expires_at = models.DateTimeField(null=True, blank=True)
    revoked_at = models.DateTimeField(null=True, blank=True)
    replaced_by = models.ForeignKey("self", null=True, blank=True, on_delete=models.SET_NULL,
                                    related_name="+")
    last_used_at = models.DateTimeField(null=True, blank=True)
    last_used_ip = models.GenericIPAddressField(null=True, blank=True)

    class Meta:
        ordering = ["-created_at"]
        verbose_name = _("kunci API")
        verbose_name_plural = _("kunci API")

    def __str__(self) -> str:
        return f"{self.name} (anr_{self.prefix}…)"

    def is_usable(self, now=None) -> bool:  # type: ignore[no-untyped-def]
        now = now or timezone.now()
        return self.revoked_at is None and (self.expires_at is None or self.expires_at > now)
