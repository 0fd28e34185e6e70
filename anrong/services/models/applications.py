"""Applications (permohonan): a citizen's filled form for one service, and its way through the
agency. Only `anrong.services.actions` writes these tables."""

from __future__ import annotations

import uuid

from django.conf import settings
from django.db import models
from django.db.models import Q
from django.utils.translation import gettext_lazy as _

from anrong.core.storage import private_storage


class LifeEventFiling(models.Model):
    """One guided life-event flow ("Kelahiran anak"): the applications it filed at several
    agencies, tracked together."""

    reference = models.CharField(_("nomor rujukan"), max_length=24, unique=True)
    life_event = models.ForeignKey("services.LifeEvent", on_delete=models.PROTECT,
                                   related_name="filings")
    citizen = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT,
                                related_name="life_event_filings")
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["-created_at", "-id"]

    def __str__(self) -> str:
        return self.reference


class Application(models.Model):
    class Status(models.TextChoices):
        DRAFT = "draft", _("Draf")
        SUBMITTED = "submitted", _("Diajukan")
        VERIFICATION = "verification", _("Verifikasi")
        IN_PROCESS = "in_process", _("Diproses")
        NEEDS_REVISION = "needs_revision", _("Perlu perbaikan")
        COMPLETED = "completed", _("Selesai")
        REJECTED = "rejected", _("Ditolak")

    OPEN_STATUSES = ("submitted", "verification", "in_process", "needs_revision")
    # Statuses in which the agency holds the work (the SLA clock runs).
    AGENCY_STATUSES = ("submitted", "verification", "in_process")
    FINAL_STATUSES = ("completed", "rejected")

    tracking_no = models.CharField(_("nomor permohonan"), max_length=24, unique=True)
    service = models.ForeignKey("services.Service", on_delete=models.PROTECT,
                                related_name="applications")
    # The agency that handles it (the service's agency when filed): the queue's key.
    agency = models.ForeignKey("agencies.Agency", on_delete=models.PROTECT,
                               related_name="applications")
    form_version = models.ForeignKey("services.FormVersion", on_delete=models.PROTECT,
                                     related_name="applications")
    citizen = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT,
                                related_name="applications")
    answers = models.JSONField(default=dict, blank=True)
    status = models.CharField(max_length=20, choices=Status.choices, default=Status.DRAFT)
    # The kelurahan the application concerns (from a kelurahan answer, else the citizen's
    # domicile): the queue filters by it.
    kelurahan = models.ForeignKey("core.Region", null=True, blank=True, on_delete=models.PROTECT,
                                  related_name="+")
    assignee = models.ForeignKey(settings.AUTH_USER_MODEL, null=True, blank=True,
                                 on_delete=models.PROTECT, related_name="assigned_applications")
    life_event_filing = models.ForeignKey(LifeEventFiling, null=True, blank=True,
                                          on_delete=models.PROTECT, related_name="applications")
    # A phone may retry a submission: one key, one application (per citizen).
    idempotency_key = models.CharField(max_length=64, null=True, blank=True)  # noqa: DJ001 (NULL = none; unique per citizen)
    # Bumped by every transition: a decision made on a stale page is refused.
    version = models.PositiveIntegerField(default=1)
    note = models.TextField(_("catatan terakhir"), blank=True,
                            help_text=_("Alasan penolakan atau permintaan perbaikan terakhir."))
    created_at = models.DateTimeField(auto_now_add=True)
    updated_at = models.DateTimeField(auto_now=True)
    submitted_at = models.DateTimeField(null=True, blank=True)
    due_at = models.DateTimeField(null=True, blank=True)
    decided_at = models.DateTimeField(null=True, blank=True)
    escalated_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        ordering = ["-created_at", "-id"]
        verbose_name = _("permohonan")
        verbose_name_plural = _("permohonan")
        constraints = [
            models.UniqueConstraint(fields=["citizen", "idempotency_key"],
                                    condition=Q(idempotency_key__isnull=False),
                                    name="uniq_application_idempotency_key"),
        ]
        indexes = [
            models.Index(fields=["agency", "status", "due_at"], name="services_app_queue_idx"),
            models.Index(fields=["citizen", "created_at"], name="services_app_citizen_idx"),
            models.Index(fields=["assignee", "status"], name="services_app_assignee_idx"),
            # The console's default queue (open work, soonest deadline first) read in index order
            # and stopped after one page, instead of sorting the agency's whole backlog; status and
            # assignee ride along so the supervisor's counts need not visit the table. Measured
            # with bench/layanan.py at 100,000 applications (docs/deploy.md, performance notes).
            models.Index(fields=["agency", "due_at", "submitted_at", "id", "status", "assignee"],
                         condition=Q(status__in=("submitted", "verification", "in_process",
                                                 "needs_revision")),  # = OPEN_STATUSES
                         name="services_app_open_idx"),
            # What the agency finished lately (the overview's counts of the last 30 days): a range
            # of this index per status, however long the history grows.
            models.Index(fields=["agency", "status", "decided_at"],
                         name="services_app_decided_idx"),
        ]

    def __str__(self) -> str:
        return self.tracking_no

    @property
    def is_open(self) -> bool:
        return self.status in self.OPEN_STATUSES


class StatusChange(models.Model):
    """One step of an application's timeline."""

    application = models.ForeignKey(Application, on_delete=models.CASCADE,
                                    related_name="status_changes")
    from_status = models.CharField(max_length=20, blank=True)
    to_status = models.CharField(max_length=20)
    by = models.ForeignKey(settings.AUTH_USER_MODEL, null=True, blank=True,
                           on_delete=models.SET_NULL, related_name="+")
    at = models.DateTimeField(auto_now_add=True)
    # Shown to the citizen (a revision request, a rejection reason); never personal data of staff.
    note = models.TextField(blank=True)

    class Meta:
        ordering = ["at", "id"]

    def __str__(self) -> str:
        return f"{self.application_id}: {self.from_status} -> {self.to_status}"


def _document_path(document: Document, filename: str) -> str:
    # Random names: nothing about the citizen or the file's own name on disk.
    return f"applications/{document.application_id}/{uuid.uuid4().hex}"


class Document(models.Model):
    """A file of an application: the citizen's upload for a form field, or the agency's output.
    Kept in private storage and served only to those allowed (see permissions)."""

    class Kind(models.TextChoices):
        UPLOAD = "upload", _("Unggahan pemohon")
        OUTPUT = "output", _("Hasil layanan")

    application = models.ForeignKey(Application, on_delete=models.PROTECT,
                                    related_name="documents")
    kind = models.CharField(max_length=10, choices=Kind.choices)
    field_name = models.CharField(max_length=60, blank=True)
    file = models.FileField(upload_to=_document_path, storage=private_storage, max_length=200)
    original_name = models.CharField(max_length=200, blank=True)
    content_type = models.CharField(max_length=100)
    size = models.PositiveIntegerField()
    sha256 = models.CharField(max_length=64)
    uploaded_by = models.ForeignKey(settings.AUTH_USER_MODEL, null=True, blank=True,
                                    on_delete=models.SET_NULL, related_name="+")
    created_at = models.DateTimeField(auto_now_add=True)
    # A replaced upload (the citizen corrected it) stays for the record but no longer counts.
    replaced_at = models.DateTimeField(null=True, blank=True)
    # Output documents: the code on the QR, read by the public verification page.
    verification_code = models.CharField(max_length=32, null=True, blank=True, unique=True)

    class Meta:
        ordering = ["created_at", "id"]
        indexes = [models.Index(fields=["application", "kind"], name="services_doc_app_idx")]

    def __str__(self) -> str:
        return f"{self.kind} {self.pk} of application {self.application_id}"
