"""The shared kernel's data: Makassar's regions, the audit log and the outbox."""

from __future__ import annotations

import uuid

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _


class Region(models.Model):
    """A Kemendagri administrative region: province, kota, kecamatan or kelurahan.

    Codes are Kemendagri's dotted form ("73", "73.71", "73.71.13", "73.71.13.1005"). Makassar's
    kecamatan and kelurahan have a RegionBoundary, kept in its own table so that loading a region
    (a profile's kelurahan, an agency's kecamatan) never decodes a polygon.
    """

    class Level(models.TextChoices):
        PROVINSI = "provinsi", _("Provinsi")
        KOTA = "kota", _("Kota/Kabupaten")
        KECAMATAN = "kecamatan", _("Kecamatan")
        KELURAHAN = "kelurahan", _("Kelurahan")

    code = models.CharField(max_length=13, primary_key=True)
    level = models.CharField(max_length=10, choices=Level.choices, db_index=True)
    name = models.CharField(max_length=100)
    parent = models.ForeignKey(
        "self", null=True, blank=True, on_delete=models.PROTECT, related_name="children"
    )
    population = models.PositiveIntegerField(null=True, blank=True)
    area_km2 = models.DecimalField(max_digits=9, decimal_places=3, null=True, blank=True)

    class Meta:
        ordering = ["code"]
        indexes = [models.Index(fields=["level", "name"])]

    def __str__(self) -> str:
        return f"{self.name} ({self.code})"

    @property
    def digits(self) -> str:
        """The code without dots, as it appears inside a NIK ("737113")."""
        return self.code.replace(".", "")


class RegionBoundary(models.Model):
    """A region's boundary polygon (GeoJSON geometry, WGS 84) and its bounding box; used by
    `queries.region_at` and maps. Measured: decoding these made an API list of 87 agencies
    3 ms slower per request when they were columns of Region."""

    region = models.OneToOneField(Region, primary_key=True, on_delete=models.CASCADE,
                                  related_name="boundary")
    geometry = models.JSONField()
    min_lat = models.FloatField()
    max_lat = models.FloatField()
    min_lng = models.FloatField()
    max_lng = models.FloatField()

    def __str__(self) -> str:
        return f"boundary of {self.region_id}"


class AuditEventQuerySet(models.QuerySet):
    def update(self, **kwargs):  # type: ignore[no-untyped-def]
        raise PermissionError("Audit events are append-only.")

    def delete(self):  # type: ignore[no-untyped-def]
        raise PermissionError("Audit events are append-only.")


class AuditEvent(models.Model):
    """Append-only record of a staff action or a view of personal data (UU 27/2022)."""

    at = models.DateTimeField(auto_now_add=True, db_index=True)
    actor = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL,
        related_name="+",
    )
    actor_label = models.CharField(max_length=150, blank=True)
    action = models.CharField(max_length=100, db_index=True)
    target_type = models.CharField(max_length=100, blank=True, db_index=True)
    target_id = models.CharField(max_length=64, blank=True, db_index=True)
    ip = models.GenericIPAddressField(null=True, blank=True)
    request_id = models.CharField(max_length=64, blank=True, db_index=True)
    details = models.JSONField(default=dict, blank=True)

    objects = AuditEventQuerySet.as_manager()

    class Meta:
        ordering = ["-at", "-id"]
        indexes = [models.Index(fields=["target_type", "target_id", "at"])]

    def __str__(self) -> str:
        return f"{self.at:%Y-%m-%d %H:%M} {self.actor_label} {self.action} {self.target_type}:{self.target_id}"

    def save(self, *args, **kwargs):  # type: ignore[no-untyped-def]
        if self.pk is not None:
            raise PermissionError("Audit events are append-only.")
        super().save(*args, **kwargs)

    def delete(self, *args, **kwargs):  # type: ignore[no-untyped-def]
        raise PermissionError("Audit events are append-only.")


class OutboxEvent(models.Model):
    """A state change that someone outside the app may care about, written in the same
    transaction as the change. Delivery to each subscriber is tracked by `integrations`;
    `published_at` records that the in-process consumers (war room, notifications) have run."""

    id = models.UUIDField(primary_key=True, default=uuid.uuid4, editable=False)
    type = models.CharField(max_length=100, db_index=True)
    payload = models.JSONField(default=dict)
    aggregate_type = models.CharField(max_length=100, blank=True)
    aggregate_id = models.CharField(max_length=64, blank=True)
    request_id = models.CharField(max_length=64, blank=True)
    created_at = models.DateTimeField(auto_now_add=True, db_index=True)
    published_at = models.DateTimeField(null=True, blank=True, db_index=True)
    attempts = models.PositiveIntegerField(default=0)
    last_error = models.TextField(blank=True)

    class Meta:
        ordering = ["created_at"]

    def __str__(self) -> str:
        return f"{self.type} {self.id}"


class Notification(models.Model):
    """A message to one person: always in their in-app inbox, and by SMS/WhatsApp and email when
    asked for and possible. Written by `anrong.core.notifications.notify`; delivered after commit
    by the `deliver_notification` task, which records each channel in `channels` once sent so a
    retry never sends twice. Title and body are stored already in the recipient's language."""

    recipient = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="notifications"
    )
    kind = models.CharField(max_length=100)
    title = models.CharField(max_length=200)
    body = models.TextField(blank=True)
    url = models.CharField(max_length=500, blank=True)
    created_at = models.DateTimeField(auto_now_add=True)
    read_at = models.DateTimeField(null=True, blank=True)
    # Channels asked for (those the recipient could receive when it was written) ...
    requested_channels = models.JSONField(default=list, blank=True)
    # ... and those it has gone out on ("inbox" from the start; "sms", "email" once sent).
    channels = models.JSONField(default=list, blank=True)
    delivery_attempts = models.PositiveIntegerField(default=0)
    last_error = models.TextField(blank=True)

    class Meta:
        ordering = ["-created_at", "-id"]
        indexes = [
            models.Index(fields=["recipient", "read_at", "created_at"],
                         name="core_notif_inbox_idx"),
        ]

    def __str__(self) -> str:
        return f"{self.kind} to user {self.recipient_id}"

    @property
    def is_unread(self) -> bool:
        return self.read_at is None
