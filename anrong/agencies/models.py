"""Makassar's city agencies (OPD), their offices and units, and who works for them."""

from __future__ import annotations

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _


class Agency(models.Model):
    class Kind(models.TextChoices):
        SEKRETARIAT = "sekretariat", _("Sekretariat")
        INSPEKTORAT = "inspektorat", _("Inspektorat")
        DINAS = "dinas", _("Dinas")
        BADAN = "badan", _("Badan")
        SATPOL = "satpol", _("Satuan Polisi Pamong Praja")
        RSUD = "rsud", _("Rumah Sakit Umum Daerah")
        KECAMATAN = "kecamatan", _("Kecamatan")
        KELURAHAN = "kelurahan", _("Kelurahan")
        PUSKESMAS = "puskesmas", _("Puskesmas")
        LAINNYA = "lainnya", _("Lainnya")

    code = models.CharField(_("kode"), max_length=40, unique=True)
    name = models.CharField(_("nama"), max_length=200)
    short_name = models.CharField(_("nama singkat"), max_length=60, blank=True)
    kind = models.CharField(_("jenis"), max_length=20, choices=Kind.choices)
    parent = models.ForeignKey(
        "self", null=True, blank=True, on_delete=models.PROTECT, related_name="children"
    )
    region = models.ForeignKey(
        "core.Region", null=True, blank=True, on_delete=models.PROTECT, related_name="+",
        help_text=_("Wilayah kerja, untuk kecamatan dan kelurahan."),
    )
    facility_code = models.CharField(
        _("kode fasilitas Kemenkes"), max_length=20, blank=True,
        help_text=_("Untuk puskesmas dan rumah sakit."),
    )
    is_active = models.BooleanField(default=True)

    class Meta:
        ordering = ["name"]
        verbose_name = _("OPD")
        verbose_name_plural = _("OPD")

    def __str__(self) -> str:
        return self.short_name or self.name


class Office(models.Model):
    """A physical office: where citizens go and where attendance check-in is geofenced."""

    agency = models.ForeignKey(Agency, on_delete=models.CASCADE, related_name="offices")
    name = models.CharField(_("nama"), max_length=200)
    address = models.CharField(_("alamat"), max_length=255, blank=True)
    lat = models.DecimalField(max_digits=9, decimal_places=6)
    lng = models.DecimalField(max_digits=9, decimal_places=6)
    radius_m = models.PositiveIntegerField(_("radius (m)"), default=100)
    kelurahan = models.ForeignKey(
        "core.Region", null=True, blank=True, on_delete=models.PROTECT, related_name="+"
    )
    is_main = models.BooleanField(default=False)

    class Meta:
        ordering = ["agency", "-is_main", "name"]

    def __str__(self) -> str:
        return self.name


class Unit(models.Model):
    agency = models.ForeignKey(Agency, on_delete=models.CASCADE, related_name="units")
    name = models.CharField(_("nama"), max_length=200)

    class Meta:
        ordering = ["agency", "name"]
        constraints = [models.UniqueConstraint(fields=["agency", "name"], name="uniq_unit_name")]

    def __str__(self) -> str:
        return f"{self.agency}: {self.name}"


class Membership(models.Model):
    class Role(models.TextChoices):
        OFFICER = "officer", _("Petugas")
        SUPERVISOR = "supervisor", _("Supervisor")
        ADMIN = "admin", _("Admin OPD")

    user = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="memberships"
    )
    agency = models.ForeignKey(Agency, on_delete=models.CASCADE, related_name="memberships")
    unit = models.ForeignKey(Unit, null=True, blank=True, on_delete=models.SET_NULL)
    role = models.CharField(max_length=20, choices=Role.choices, default=Role.OFFICER)
    is_active = models.BooleanField(default=True)
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        constraints = [
            models.UniqueConstraint(fields=["user", "agency"], name="uniq_membership")
        ]

    def __str__(self) -> str:
        return f"{self.user} @ {self.agency} ({self.role})"
