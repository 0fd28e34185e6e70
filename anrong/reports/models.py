"""Lapor: a citizen's report of a problem in the city (a broken street light, rubbish not
collected), and its way to the agency that fixes it. Only `anrong.reports.actions` writes these
tables.

A report is public or private. A public report is shown to everyone on the map and in Open311,
but never who made it: the reporter, contact details and the sender's address hash stay with
the agencies that work it."""

from __future__ import annotations

import uuid

from django.conf import settings
from django.db import models
from django.db.models import Q
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from anrong.core.storage import private_storage

from .categories import Category


class Report(models.Model):
    class Status(models.TextChoices):
        RECEIVED = "received", _("Diterima")
        VERIFIED = "verified", _("Terverifikasi")
        IN_PROGRESS = "in_progress", _("Dikerjakan")
        RESOLVED = "resolved", _("Selesai")
        REJECTED = "rejected", _("Ditolak")
        MERGED = "merged", _("Digabung")

    class Source(models.TextChoices):
        WEB = "web", _("Anrong (web)")
        API = "api", _("Aplikasi Anrong")
        OPEN311 = "open311", _("Open311")

    OPEN_STATUSES = ("received", "verified", "in_progress")
    CLOSED_STATUSES = ("resolved", "rejected", "merged")

    tracking_no = models.CharField(_("nomor laporan"), max_length=24, unique=True)
    # Open311's token for a request: a client may look the report up by it before it knows the
    # service_request_id (tokens/{token}).
    token = models.UUIDField(default=uuid.uuid4, unique=True, editable=False)
    category = models.CharField(_("kategori"), max_length=20, choices=Category.choices)
    # The agency responsible now: the category's agency, or whoever an operator reassigned it to.
    agency = models.ForeignKey("agencies.Agency", on_delete=models.PROTECT,
                               related_name="reports")
    # The kecamatan office where the problem is: it may verify the report too, as the
    # kelurahan's lurah reports to it (the kelurahan have no accounts of their own).
    verifier = models.ForeignKey("agencies.Agency", null=True, blank=True,
                                 on_delete=models.PROTECT, related_name="reports_to_verify")
    reporter = models.ForeignKey(settings.AUTH_USER_MODEL, null=True, blank=True,
                                 on_delete=models.SET_NULL, related_name="reports")
    # Given by an Open311 client for someone without an account; private like the reporter.
    contact_name = models.CharField(max_length=150, blank=True)
    contact_email = models.EmailField(blank=True)
    contact_phone = models.CharField(max_length=20, blank=True)
    description = models.TextField(_("uraian"))
    address = models.CharField(_("alamat atau patokan"), max_length=300, blank=True)
    lat = models.FloatField(_("lintang"))
    lng = models.FloatField(_("bujur"))
    kelurahan = models.ForeignKey("core.Region", on_delete=models.PROTECT, related_name="+")
    kecamatan = models.ForeignKey("core.Region", on_delete=models.PROTECT, related_name="+")
    is_public = models.BooleanField(_("laporan publik"), default=True)
    status = models.CharField(max_length=20, choices=Status.choices, default=Status.RECEIVED)
    # The last reason or answer the public sees (a rejection reason, the agency's response).
    note = models.TextField(_("tanggapan terakhir"), blank=True)
    attributes = models.JSONField(default=dict, blank=True)
    source = models.CharField(max_length=10, choices=Source.choices, default=Source.WEB)
    api_key = models.ForeignKey("integrations.ApiKey", null=True, blank=True,
                                on_delete=models.SET_NULL, related_name="+")
    # HMAC of the sender's address (never the address itself): counts floods from one place.
    sender_hash = models.CharField(max_length=64, blank=True)
    merged_into = models.ForeignKey("self", null=True, blank=True, on_delete=models.PROTECT,
                                    related_name="merged")
    # A phone on patchy 4G may send the same report twice (a retry, a double tap): one key, one
    # report (per reporter). The form carries one; apps send an Idempotency-Key header.
    idempotency_key = models.CharField(max_length=64, null=True, blank=True)  # noqa: DJ001 (NULL = none; unique per reporter)
    # Bumped by every transition: a step taken on a stale page is refused.
    version = models.PositiveIntegerField(default=1)
    reopened_count = models.PositiveSmallIntegerField(default=0)
    created_at = models.DateTimeField(default=timezone.now, editable=False)
    updated_at = models.DateTimeField(auto_now=True)
    # First response due 2×24 hours after the report (Makassar's rule).
    due_at = models.DateTimeField()
    first_response_at = models.DateTimeField(null=True, blank=True)
    escalated_at = models.DateTimeField(null=True, blank=True)
    verified_at = models.DateTimeField(null=True, blank=True)
    resolved_at = models.DateTimeField(null=True, blank=True)
    confirmed_at = models.DateTimeField(null=True, blank=True)
    closed_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        ordering = ["-created_at", "-id"]
        verbose_name = _("laporan")
        verbose_name_plural = _("laporan")
        constraints = [
            models.UniqueConstraint(fields=["reporter", "idempotency_key"],
                                    condition=Q(idempotency_key__isnull=False),
                                    name="uniq_report_idempotency_key"),
        ]
        indexes = [
            # The public map: a viewport is a range of latitudes, then longitudes, of public
            # reports; newest first within it (bench/lapor.py).
            models.Index(fields=["lat", "lng"], condition=Q(is_public=True),
                         name="reports_public_map_idx"),
            # The public list and Open311 `requests`: newest public reports, by status.
            models.Index(fields=["-created_at", "id"], condition=Q(is_public=True),
                         name="reports_public_recent_idx"),
            models.Index(fields=["status", "-created_at"], condition=Q(is_public=True),
                         name="reports_public_status_idx"),
            models.Index(fields=["category", "-created_at"], condition=Q(is_public=True),
                         name="reports_public_category_idx"),
            models.Index(fields=["kecamatan", "-created_at"], condition=Q(is_public=True),
                         name="reports_public_kecamatan_idx"),
            # The agency's queue and counts.
            models.Index(fields=["agency", "status", "due_at"], name="reports_queue_idx"),
            models.Index(fields=["verifier", "status", "due_at"], name="reports_verify_idx"),
            # The clock: unanswered reports past their due time, not yet escalated.
            models.Index(fields=["due_at"],
                         condition=Q(first_response_at__isnull=True, escalated_at__isnull=True),
                         name="reports_unanswered_idx"),
            # Floods and duplicates.
            models.Index(fields=["reporter", "created_at"], name="reports_reporter_idx"),
            models.Index(fields=["sender_hash", "created_at"], name="reports_sender_idx"),
            models.Index(fields=["category", "lat", "lng"], name="reports_nearby_idx"),
        ]

    def __str__(self) -> str:
        return self.tracking_no

    @property
    def is_open(self) -> bool:
        return self.status in self.OPEN_STATUSES


def _photo_path(photo: ReportPhoto, filename: str) -> str:
    return f"reports/{photo.report_id}/{uuid.uuid4().hex}"


class ReportPhoto(models.Model):
    """A photo of the problem, re-encoded so that only pixels are kept (no EXIF, no location).
    Served through a view that asks `permissions.can_view_report`."""

    report = models.ForeignKey(Report, on_delete=models.CASCADE, related_name="photos")
    file = models.FileField(storage=private_storage, upload_to=_photo_path, max_length=200)
    content_type = models.CharField(max_length=40)
    sha256 = models.CharField(max_length=64)
    size = models.PositiveIntegerField()
    # Taken by the agency to show the fix (not the reporter's).
    by_agency = models.BooleanField(default=False)
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["created_at", "id"]

    def __str__(self) -> str:
        return f"photo {self.pk} of {self.report_id}"


class ReportUpdate(models.Model):
    """One step of a report's timeline: a status change, an agency's response, a reassignment,
    a merge. `public` steps are shown to everyone who may see the report; the others only to
    staff (an internal note). Staff names are never shown to the public, only the agency."""

    class Kind(models.TextChoices):
        STATUS = "status", _("Status")
        RESPONSE = "response", _("Tanggapan")
        REASSIGNED = "reassigned", _("Dialihkan")
        MERGED = "merged", _("Digabung")
        ESCALATED = "escalated", _("Dieskalasi")

    report = models.ForeignKey(Report, on_delete=models.CASCADE, related_name="updates")
    kind = models.CharField(max_length=12, choices=Kind.choices)
    from_status = models.CharField(max_length=20, blank=True)
    to_status = models.CharField(max_length=20, blank=True)
    agency = models.ForeignKey("agencies.Agency", null=True, blank=True,
                               on_delete=models.PROTECT, related_name="+")
    by = models.ForeignKey(settings.AUTH_USER_MODEL, null=True, blank=True,
                           on_delete=models.SET_NULL, related_name="+")
    note = models.TextField(blank=True)
    public = models.BooleanField(default=True)
    at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["at", "id"]

    def __str__(self) -> str:
        return f"{self.report_id}: {self.kind} {self.to_status}"


class ReportFollower(models.Model):
    """Someone who follows a report ("ikuti") and is told of its updates. The reporter follows
    their own report from the start; followers of a merged duplicate move to the report it was
    merged into."""

    report = models.ForeignKey(Report, on_delete=models.CASCADE, related_name="followers")
    user = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.CASCADE,
                             related_name="followed_reports")
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        constraints = [models.UniqueConstraint(fields=["report", "user"],
                                               name="uniq_report_follower")]

    def __str__(self) -> str:
        return f"{self.user_id} follows {self.report_id}"
