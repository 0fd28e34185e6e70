"""A service's application form, defined by the agency admin without code, and versioned."""

from __future__ import annotations

from django.conf import settings
from django.db import models
from django.db.models import Q
from django.utils.translation import gettext_lazy as _


class FormVersion(models.Model):
    """One version of a service's form: an ordered list of field definitions (see
    `anrong.services.formdef` for their shape). An agency admin edits the one draft version;
    publishing freezes it. Applications point to the published version they were filed with, so a
    published version never changes; the service's current form is its newest published one."""

    class Status(models.TextChoices):
        DRAFT = "draft", _("Draf")
        PUBLISHED = "published", _("Terbit")

    service = models.ForeignKey("services.Service", on_delete=models.PROTECT,
                                related_name="form_versions")
    number = models.PositiveIntegerField(_("versi"))
    status = models.CharField(max_length=10, choices=Status.choices, default=Status.DRAFT)
    fields = models.JSONField(_("isian"), default=list, blank=True)
    created_by = models.ForeignKey(settings.AUTH_USER_MODEL, null=True, blank=True,
                                   on_delete=models.SET_NULL, related_name="+")
    created_at = models.DateTimeField(auto_now_add=True)
    published_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        ordering = ["service", "-number"]
        verbose_name = _("versi formulir")
        verbose_name_plural = _("versi formulir")
        constraints = [
            models.UniqueConstraint(fields=["service", "number"], name="uniq_form_version_number"),
            models.UniqueConstraint(fields=["service"], condition=Q(status="draft"),
                                    name="one_draft_form_per_service"),
        ]

    def __str__(self) -> str:
        return f"{self.service_id} v{self.number} ({self.status})"
