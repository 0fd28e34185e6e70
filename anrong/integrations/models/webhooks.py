"""Webhooks: agency endpoints subscribed to event types, and the delivery of each outbox event to
each endpoint, signed per the Standard Webhooks specification."""

from __future__ import annotations

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _


class WebhookEndpoint(models.Model):
    """An agency's URL that receives the events it subscribed to.

    `secret` is the current `whsec_…` signing secret; after a rotation the previous one keeps
    signing too (a second `v1,` signature) until `previous_secret_expires_at`, so the receiver can
    switch over at its own pace. An endpoint that keeps failing is disabled (`disabled_at`,
    `disabled_reason`); its pending deliveries wait, nothing is dropped."""

    agency = models.ForeignKey("agencies.Agency", on_delete=models.PROTECT,
                               related_name="webhook_endpoints")
    url = models.URLField(_("URL"), max_length=500)
    description = models.CharField(_("keterangan"), max_length=200, blank=True)
    event_types = models.JSONField(default=list)
    secret = models.CharField(max_length=100)
    previous_secret = models.CharField(max_length=100, blank=True)
    previous_secret_expires_at = models.DateTimeField(null=True, blank=True)
    is_enabled = models.BooleanField(default=True)
    disabled_at = models.DateTimeField(null=True, blank=True)
    disabled_reason = models.CharField(max_length=300, blank=True)
    failing_since = models.DateTimeField(null=True, blank=True)
    consecutive_failures = models.PositiveIntegerField(default=0)
    created_by = models.ForeignKey(settings.AUTH_USER_MODEL, null=True, blank=True,
                                   on_delete=models.SET_NULL, related_name="+")
    created_at = models.DateTimeField(auto_now_add=True)
    updated_at = models.DateTimeField(auto_now=True)

    class Meta:
        ordering = ["agency", "created_at"]
        verbose_name = _("endpoint webhook")
        verbose_name_plural = _("endpoint webhook")

    def __str__(self) -> str:
        return self.url


class WebhookDelivery(models.Model):
    """One outbox event on its way to one endpoint. `msg_id` (the `webhook-id` header) is the same
    on every attempt, so a receiver recognises a duplicate. While a worker holds a delivery,
    `next_attempt_at` is its lease: a worker that dies leaves it to be picked up again then.
    `retries` drives the backoff and the dead-letter decision; a replay starts it again."""

    class Status(models.TextChoices):
        PENDING = "pending", _("Menunggu")
        SUCCEEDED = "succeeded", _("Terkirim")
        DEAD = "dead", _("Gagal permanen")

    endpoint = models.ForeignKey(WebhookEndpoint, on_delete=models.CASCADE,
                                 related_name="deliveries")
    event = models.ForeignKey("core.OutboxEvent", on_delete=models.CASCADE, related_name="+")
    event_type = models.CharField(max_length=100)
    msg_id = models.CharField(max_length=64)
    status = models.CharField(max_length=10, choices=Status.choices, default=Status.PENDING)
    attempts = models.PositiveIntegerField(default=0)  # every attempt ever
    retries = models.PositiveIntegerField(default=0)  # attempts since queued or replayed
    next_attempt_at = models.DateTimeField()
    last_status_code = models.PositiveIntegerField(null=True, blank=True)
    last_error = models.CharField(max_length=500, blank=True)
    created_at = models.DateTimeField(auto_now_add=True)
    delivered_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        ordering = ["-created_at", "-id"]
        constraints = [
            models.UniqueConstraint(fields=["endpoint", "event"], name="uniq_delivery_per_event"),
        ]
        indexes = [
            models.Index(fields=["status", "next_attempt_at"], name="integ_delivery_due_idx"),
            models.Index(fields=["endpoint", "status", "created_at"],
                         name="integ_delivery_ep_idx"),
        ]

    def __str__(self) -> str:
        return f"{self.msg_id} -> endpoint {self.endpoint_id} ({self.status})"


class WebhookAttempt(models.Model):
    """One HTTP attempt: when, how it ended, how long it took."""

    delivery = models.ForeignKey(WebhookDelivery, on_delete=models.CASCADE,
                                 related_name="attempt_log")
    number = models.PositiveIntegerField()
    at = models.DateTimeField()
    status_code = models.PositiveIntegerField(null=True, blank=True)
    duration_ms = models.PositiveIntegerField(default=0)
    error = models.CharField(max_length=500, blank=True)
    response_excerpt = models.CharField(max_length=500, blank=True)

    class Meta:
        ordering = ["delivery", "number"]

    def __str__(self) -> str:
        return f"attempt {self.number} of delivery {self.delivery_id}"
