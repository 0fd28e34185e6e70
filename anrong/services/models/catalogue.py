"""The service catalogue: what every agency offers citizens, how and at what cost."""

from __future__ import annotations

from django.db import models
from django.db.models import Q
from django.utils.translation import gettext_lazy as _


class Category(models.Model):
    code = models.SlugField(_("kode"), max_length=40, unique=True)
    name = models.CharField(_("nama"), max_length=100)
    order = models.PositiveSmallIntegerField(_("urutan"), default=100)

    class Meta:
        ordering = ["order", "name"]
        verbose_name = _("kategori layanan")
        verbose_name_plural = _("kategori layanan")

    def __str__(self) -> str:
        return self.name


class LifeEvent(models.Model):
    """A moment in a citizen's life that needs several services (a birth, a move)."""

    code = models.SlugField(_("kode"), max_length=40, unique=True)
    name = models.CharField(_("nama"), max_length=100)
    description = models.TextField(_("keterangan"), blank=True)
    order = models.PositiveSmallIntegerField(_("urutan"), default=100)

    class Meta:
        ordering = ["order", "name"]
        verbose_name = _("peristiwa hidup")
        verbose_name_plural = _("peristiwa hidup")

    def __str__(self) -> str:
        return self.name


class Service(models.Model):
    class Delivery(models.TextChoices):
        ONLINE = "online", _("Daring di Anrong")
        VISIT_OFFICE = "visit_office", _("Datang ke kantor")
        NATIONAL_SYSTEM = "national_system", _("Melalui sistem nasional")

    agency = models.ForeignKey("agencies.Agency", on_delete=models.PROTECT, related_name="services")
    code = models.CharField(_("kode"), max_length=40, unique=True)
    name = models.CharField(_("nama"), max_length=200)
    summary = models.CharField(_("ringkasan"), max_length=300)
    description = models.TextField(_("uraian"), blank=True)
    category = models.ForeignKey(Category, on_delete=models.PROTECT, related_name="services")
    requirements = models.JSONField(_("persyaratan"), default=list, blank=True)
    fee_rupiah = models.PositiveIntegerField(_("biaya (Rp)"), default=0, help_text=_("0 = gratis"))
    fee_note = models.CharField(
        _("keterangan biaya"), max_length=300, blank=True,
        help_text=_("Untuk biaya yang dihitung per kasus (retribusi, pajak)."),
    )
    legal_basis = models.TextField(_("dasar hukum"), blank=True)
    sla_working_days = models.PositiveSmallIntegerField(_("lama proses (hari kerja)"))
    output = models.CharField(_("hasil layanan"), max_length=300)
    delivery = models.CharField(_("cara layanan"), max_length=20, choices=Delivery.choices)
    external_url = models.URLField(_("alamat sistem nasional"), blank=True)
    life_events = models.ManyToManyField(
        LifeEvent, through="LifeEventStep", related_name="services", blank=True
    )
    is_active = models.BooleanField(default=True)
    updated_at = models.DateTimeField(auto_now=True)
    # Maintained by actions and the seeder (see search.py); never edited by hand.
    search_text = models.TextField(editable=False, blank=True, default="")
    search_title = models.CharField(editable=False, max_length=400, blank=True, default="")

    class Meta:
        ordering = ["name"]
        verbose_name = _("layanan")
        verbose_name_plural = _("layanan")
        constraints = [
            models.CheckConstraint(
                condition=~Q(delivery="national_system") | ~Q(external_url=""),
                name="service_national_system_has_url",
            ),
        ]

    def __str__(self) -> str:
        return self.name


class LifeEventStep(models.Model):
    """One service of a life event, in the order a citizen usually needs them."""

    life_event = models.ForeignKey(LifeEvent, on_delete=models.CASCADE, related_name="steps")
    service = models.ForeignKey(Service, on_delete=models.CASCADE, related_name="life_event_steps")
    step = models.PositiveSmallIntegerField(_("urutan"), default=1)

    class Meta:
        ordering = ["life_event", "step", "service__name"]
        constraints = [
            models.UniqueConstraint(fields=["life_event", "service"], name="uniq_life_event_service"),
        ]

    def __str__(self) -> str:
        return f"{self.life_event}: {self.step}. {self.service}"
