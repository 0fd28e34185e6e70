"""Emergency alerts (peringatan darurat): each row is one CAP 1.2 message. An update or a
cancellation is a new message that references the earlier ones of its chain; the message it
replaces is marked superseded. Web-push subscribers and the record of each delivery."""

from __future__ import annotations

import uuid

from django.conf import settings
from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _


def new_identifier() -> str:
    return f"urn:uuid:{uuid.uuid4()}"


class Alert(models.Model):
    class Status(models.TextChoices):
        ACTUAL = "Actual", _("Sungguhan")
        EXERCISE = "Exercise", _("Latihan")
        TEST = "Test", _("Uji sistem")

    class MsgType(models.TextChoices):
        ALERT = "Alert", _("Peringatan")
        UPDATE = "Update", _("Pembaruan")
        CANCEL = "Cancel", _("Pembatalan")

    class Event(models.TextChoices):
        BANJIR = "banjir", _("Banjir")
        CUACA_EKSTREM = "cuaca_ekstrem", _("Cuaca ekstrem")
        KEBAKARAN = "kebakaran", _("Kebakaran")
        GEMPA = "gempa", _("Gempa bumi")
        KESEHATAN = "kesehatan", _("Kesehatan")

    class Urgency(models.TextChoices):
        IMMEDIATE = "Immediate", _("Segera")
        EXPECTED = "Expected", _("Dalam waktu dekat")
        FUTURE = "Future", _("Nanti")
        PAST = "Past", _("Sudah lewat")
        UNKNOWN = "Unknown", _("Tidak diketahui")

    class Severity(models.TextChoices):
        EXTREME = "Extreme", _("Ekstrem")
        SEVERE = "Severe", _("Parah")
        MODERATE = "Moderate", _("Sedang")
        MINOR = "Minor", _("Ringan")
        UNKNOWN = "Unknown", _("Tidak diketahui")

    class Certainty(models.TextChoices):
        OBSERVED = "Observed", _("Sudah terjadi")
        LIKELY = "Likely", _("Kemungkinan besar")
        POSSIBLE = "Possible", _("Mungkin")
        UNLIKELY = "Unlikely", _("Kecil kemungkinan")
        UNKNOWN = "Unknown", _("Tidak diketahui")

    identifier = models.CharField(max_length=100, unique=True, default=new_identifier)
    sender = models.CharField(max_length=200)
    sent = models.DateTimeField(default=timezone.now, db_index=True)
    status = models.CharField(max_length=10, choices=Status.choices, default=Status.ACTUAL)
    msg_type = models.CharField(max_length=10, choices=MsgType.choices, default=MsgType.ALERT)
    # The first message of the chain (None for the first itself) and the one this replaces.
    original = models.ForeignKey("self", null=True, blank=True, on_delete=models.PROTECT,
                                 related_name="followers")
    replaces = models.OneToOneField("self", null=True, blank=True, on_delete=models.PROTECT,
                                    related_name="replaced_by")
    superseded_at = models.DateTimeField(null=True, blank=True)
    agency = models.ForeignKey("agencies.Agency", on_delete=models.PROTECT, related_name="+")
    issued_by = models.ForeignKey(settings.AUTH_USER_MODEL, null=True, on_delete=models.SET_NULL,
                                  related_name="+")
    event = models.CharField(max_length=20, choices=Event.choices)
    urgency = models.CharField(max_length=10, choices=Urgency.choices)
    severity = models.CharField(max_length=10, choices=Severity.choices)
    certainty = models.CharField(max_length=10, choices=Certainty.choices)
    headline = models.CharField(max_length=160)
    description = models.TextField()
    instruction = models.TextField(blank=True)
    headline_en = models.CharField(max_length=160, blank=True)
    description_en = models.TextField(blank=True)
    instruction_en = models.TextField(blank=True)
    area_desc = models.CharField(max_length=300)
    city_wide = models.BooleanField(default=False)
    # Affected kecamatan: those chosen, and those the polygon touches.
    kecamatan = models.ManyToManyField("core.Region", blank=True, related_name="+")
    # A closed ring of [lat, lng] pairs, or [] when the area is given by kecamatan only.
    polygon = models.JSONField(default=list, blank=True)
    expires = models.DateTimeField()
    note = models.CharField(max_length=300, blank=True)  # a cancellation's reason
    push_queued_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        ordering = ["-sent", "-id"]
        indexes = [models.Index(fields=["superseded_at", "expires"])]

    def __str__(self) -> str:
        return f"{self.msg_type} {self.identifier}"

    @property
    def chain_root(self) -> Alert:
        return self.original or self

    @property
    def is_live(self) -> bool:
        """Current: not replaced, not a cancellation, not expired."""
        return (self.superseded_at is None and self.msg_type != self.MsgType.CANCEL
                and self.expires > timezone.now())


class PushSubscription(models.Model):
    """A browser's web-push endpoint and the area it wants alerts for."""

    endpoint = models.URLField(max_length=1000, unique=True)
    p256dh = models.CharField(max_length=200)
    auth = models.CharField(max_length=100)
    user = models.ForeignKey(settings.AUTH_USER_MODEL, null=True, blank=True,
                             on_delete=models.CASCADE, related_name="+")
    whole_city = models.BooleanField(default=False)
    kecamatan = models.ManyToManyField("core.Region", blank=True, related_name="+")
    sender_hash = models.CharField(max_length=64, blank=True, db_index=True)
    created_at = models.DateTimeField(default=timezone.now)
    last_success_at = models.DateTimeField(null=True, blank=True)

    def __str__(self) -> str:
        return f"push subscription {self.pk}"


class PushDelivery(models.Model):
    """One alert sent (or tried) to one subscription. Unique per pair: the task skips what has
    been sent, so running it twice sends nothing twice."""

    class Status(models.TextChoices):
        SENDING = "sending", _("Sedang dikirim")
        SENT = "sent", _("Terkirim")
        FAILED = "failed", _("Gagal")
        GONE = "gone", _("Langganan sudah tidak ada")

    alert = models.ForeignKey(Alert, on_delete=models.CASCADE, related_name="deliveries")
    subscription = models.ForeignKey(PushSubscription, null=True, on_delete=models.SET_NULL,
                                     related_name="deliveries")
    status = models.CharField(max_length=10, choices=Status.choices, default=Status.SENDING)
    attempts = models.PositiveSmallIntegerField(default=0)
    error = models.CharField(max_length=300, blank=True)
    updated_at = models.DateTimeField(default=timezone.now)

    class Meta:
        constraints = [models.UniqueConstraint(fields=["alert", "subscription"],
                                               name="alerts_one_delivery_per_subscription")]

    def __str__(self) -> str:
        return f"delivery of alert {self.alert_id} to {self.subscription_id}: {self.status}"
