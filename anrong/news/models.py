"""Makaverse News: the city's newsroom (Wagtail pages) and Cek Fakta.

The page tree, under the Wagtail site's root:

    NewsIndexPage  "/berita/"            the reader's list; categories, tags, search, feeds
      ArticlePage  "/berita/<slug>/"     one article
      FactCheckIndexPage "/berita/cek-fakta/"
        FactCheckPage "/berita/cek-fakta/<slug>/"   a verdict, with ClaimReview JSON-LD

Pages are edited in Wagtail (`/cms/`): reporters draft, editors approve through Wagtail's
moderation workflow. A citizen's suspicious message is a `ClaimSubmission`; the same claim sent
many times is one `Claim` with a count. Only `anrong.news.actions` writes Claim and
ClaimSubmission; Wagtail writes pages (its signals feed our audit and outbox)."""

from __future__ import annotations

import uuid

from django.conf import settings
from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from modelcluster.contrib.taggit import ClusterTaggableManager
from modelcluster.fields import ParentalKey
from taggit.models import TaggedItemBase
from wagtail import blocks
from wagtail.admin.panels import FieldPanel, MultiFieldPanel
from wagtail.embeds.blocks import EmbedBlock
from wagtail.fields import RichTextField, StreamField
from wagtail.images.blocks import ImageBlock
from wagtail.models import Page
from wagtail.search import index

from anrong.core.storage import private_storage


class Category(models.TextChoices):
    PEMERINTAHAN = "pemerintahan", _("Pemerintahan")
    KESEHATAN = "kesehatan", _("Kesehatan")
    EKONOMI = "ekonomi", _("Ekonomi")
    PENDIDIKAN = "pendidikan", _("Pendidikan")
    INFRASTRUKTUR = "infrastruktur", _("Infrastruktur")
    BUDAYA = "budaya", _("Budaya")
    OLAHRAGA = "olahraga", _("Olahraga")


class QuoteBlock(blocks.StructBlock):
    text = blocks.TextBlock(label=_("Kutipan"))
    attribution = blocks.CharBlock(required=False, max_length=200, label=_("Sumber kutipan"))

    class Meta:
        icon = "openquote"
        label = _("Kutipan")


class FigureBlock(blocks.StructBlock):
    image = ImageBlock(label=_("Gambar"))
    caption = blocks.CharBlock(required=False, max_length=300, label=_("Keterangan"))

    class Meta:
        icon = "image"
        label = _("Gambar")


class ArticleBody(blocks.StreamBlock):
    paragraph = blocks.RichTextBlock(
        features=["bold", "italic", "link", "ol", "ul", "h2", "h3"], label=_("Paragraf")
    )
    image = FigureBlock()
    embed = EmbedBlock(label=_("Sematan (video)"))
    quote = QuoteBlock()


class NewsIndexPage(Page):
    """The news list at /berita/: one per site."""

    intro = models.TextField(blank=True, verbose_name=_("Pengantar"))

    content_panels = [*Page.content_panels, FieldPanel("intro")]
    parent_page_types = ["wagtailcore.Page"]
    subpage_types = ["news.ArticlePage", "news.FactCheckIndexPage"]
    max_count = 1

    class Meta:
        verbose_name = _("Indeks berita")


class ArticleTag(TaggedItemBase):
    content_object = ParentalKey("news.ArticlePage", on_delete=models.CASCADE, related_name="tagged_items")


class ArticlePage(Page):
    lead = models.TextField(max_length=400, verbose_name=_("Teras berita"),
                            help_text=_("Satu atau dua kalimat: inti berita."))
    body = StreamField(ArticleBody(), verbose_name=_("Isi"))
    category = models.CharField(max_length=20, choices=Category.choices, db_index=True,
                                verbose_name=_("Kategori"))
    tags = ClusterTaggableManager(through=ArticleTag, blank=True, verbose_name=_("Tag"))
    kecamatan = models.ForeignKey(
        "core.Region", null=True, blank=True, on_delete=models.SET_NULL, related_name="+",
        limit_choices_to={"level": "kecamatan"}, verbose_name=_("Kecamatan"),
    )
    source_agency = models.ForeignKey(
        "agencies.Agency", null=True, blank=True, on_delete=models.SET_NULL, related_name="+",
        verbose_name=_("Sumber (OPD)"),
    )
    lead_image = models.ForeignKey(
        "wagtailimages.Image", null=True, blank=True, on_delete=models.SET_NULL, related_name="+",
        verbose_name=_("Gambar utama"),
    )

    search_fields = [
        *Page.search_fields,
        index.SearchField("lead"),
        index.SearchField("body"),
        index.FilterField("category"),
        index.FilterField("kecamatan"),
        index.FilterField("first_published_at"),
        index.RelatedFields("tags", [index.SearchField("name")]),
    ]
    content_panels = [
        *Page.content_panels,
        FieldPanel("lead"),
        FieldPanel("lead_image"),
        FieldPanel("body"),
        MultiFieldPanel([FieldPanel("category"), FieldPanel("tags"), FieldPanel("kecamatan"),
                         FieldPanel("source_agency")], heading=_("Klasifikasi")),
    ]
    parent_page_types = ["news.NewsIndexPage"]
    subpage_types: list[str] = []

    class Meta:
        verbose_name = _("Artikel")
        verbose_name_plural = _("Artikel")
        indexes = [models.Index(fields=["category"], name="news_article_category")]


class Verdict(models.TextChoices):
    """The labels Indonesian fact-checkers use (GLOSSARY: hoaks, cek fakta). The number is the
    ClaimReview `ratingValue` on a 1 (false) to 4 (true) scale; 0 is 'cannot be verified'."""

    SALAH = "salah", _("SALAH/HOAKS")
    MENYESATKAN = "menyesatkan", _("MENYESATKAN")
    SEBAGIAN_BENAR = "sebagian_benar", _("SEBAGIAN BENAR")
    BENAR = "benar", _("BENAR")
    TIDAK_DAPAT_DIVERIFIKASI = "tidak_dapat_diverifikasi", _("TIDAK DAPAT DIVERIFIKASI")


class SourceBlock(blocks.StructBlock):
    title = blocks.CharBlock(max_length=300, label=_("Judul sumber"))
    url = blocks.URLBlock(required=False, label=_("Tautan"))

    class Meta:
        icon = "link"
        label = _("Sumber")


class FactCheckIndexPage(Page):
    intro = models.TextField(blank=True, verbose_name=_("Pengantar"))

    content_panels = [*Page.content_panels, FieldPanel("intro")]
    parent_page_types = ["news.NewsIndexPage"]
    subpage_types = ["news.FactCheckPage"]
    max_count = 1

    class Meta:
        verbose_name = _("Indeks cek fakta")


class FactCheckPage(Page):
    """A verdict on one claim. `claim_reviewed` is the claim as the public saw it; where it
    appeared (a WhatsApp forward, a link) is `appearance_*`."""

    claim_reviewed = models.TextField(verbose_name=_("Klaim yang diperiksa"))
    verdict = models.CharField(max_length=30, choices=Verdict.choices, db_index=True,
                               verbose_name=_("Putusan"))
    summary = models.TextField(max_length=500, verbose_name=_("Ringkasan"),
                               help_text=_("Satu atau dua kalimat yang menjelaskan putusan."))
    explanation = RichTextField(features=["bold", "italic", "link", "ol", "ul", "h2", "h3"],
                                verbose_name=_("Penjelasan"))
    sources = StreamField([("source", SourceBlock())], blank=True, verbose_name=_("Sumber"))
    appearance_url = models.URLField(blank=True, max_length=500,
                                     verbose_name=_("Tautan tempat klaim beredar"))
    appearance_text = models.CharField(blank=True, max_length=200,
                                       verbose_name=_("Tempat klaim beredar"),
                                       help_text=_("Mis. 'Pesan berantai WhatsApp'."))
    normalized_claim = models.TextField(
        blank=True, editable=False,
        help_text="claim_reviewed normalised for 'Cek dulu' (news.similarity), set on publish")

    search_fields = [
        *Page.search_fields,
        index.SearchField("claim_reviewed"),
        index.SearchField("summary"),
        index.SearchField("explanation"),
        index.FilterField("verdict"),
    ]
    content_panels = [
        *Page.content_panels,
        FieldPanel("claim_reviewed"),
        MultiFieldPanel([FieldPanel("appearance_text"), FieldPanel("appearance_url")],
                        heading=_("Tempat klaim beredar")),
        FieldPanel("verdict"),
        FieldPanel("summary"),
        FieldPanel("explanation"),
        FieldPanel("sources"),
    ]
    parent_page_types = ["news.FactCheckIndexPage"]
    subpage_types: list[str] = []

    class Meta:
        verbose_name = _("Cek fakta")
        verbose_name_plural = _("Cek fakta")


class Claim(models.Model):
    """One claim in the fact-checkers' queue: every submission of the same (or nearly the same)
    message points here; `submission_count` is how many."""

    class Status(models.TextChoices):
        OPEN = "open", _("Menunggu")
        IN_REVIEW = "in_review", _("Diperiksa")
        PUBLISHED = "published", _("Putusan terbit")
        DISMISSED = "dismissed", _("Tidak diperiksa")

    public_id = models.UUIDField(default=uuid.uuid4, unique=True, editable=False)
    text = models.TextField(verbose_name=_("Klaim"))
    normalized = models.TextField(help_text="the text normalised for matching (news.similarity)")
    fingerprint = models.CharField(max_length=64, db_index=True,
                                   help_text="hash of the normalised text: exact repeats")
    status = models.CharField(max_length=20, choices=Status.choices, default=Status.OPEN,
                              db_index=True)
    submission_count = models.PositiveIntegerField(default=0)
    fact_check = models.ForeignKey(FactCheckPage, null=True, blank=True, on_delete=models.SET_NULL,
                                   related_name="claims")
    assignee = models.ForeignKey(settings.AUTH_USER_MODEL, null=True, blank=True,
                                 on_delete=models.SET_NULL, related_name="+")
    dismiss_reason = models.TextField(blank=True)
    created_at = models.DateTimeField(default=timezone.now)
    last_submitted_at = models.DateTimeField(default=timezone.now, db_index=True)
    decided_at = models.DateTimeField(null=True, blank=True)
    version = models.PositiveIntegerField(default=1)

    class Meta:
        ordering = ["-submission_count", "-last_submitted_at"]
        indexes = [models.Index(fields=["status", "-last_submitted_at"], name="news_claim_queue")]

    def __str__(self) -> str:
        return self.text[:80]


class ClaimSubmission(models.Model):
    """One citizen's message sent to Cek Fakta: text, a link, a screenshot (re-encoded, private)."""

    claim = models.ForeignKey(Claim, on_delete=models.CASCADE, related_name="submissions")
    submitter = models.ForeignKey(settings.AUTH_USER_MODEL, null=True, blank=True,
                                  on_delete=models.SET_NULL, related_name="claim_submissions")
    text = models.TextField(blank=True)
    link = models.URLField(blank=True, max_length=500)
    screenshot = models.ImageField(storage=private_storage, upload_to="cek-fakta/%Y/%m/",
                                   blank=True)
    similarity = models.FloatField(default=1.0, help_text="how close to the claim's text, 0..1")
    ip_hash = models.CharField(max_length=64, blank=True)
    idempotency_key = models.CharField(max_length=64, blank=True)
    created_at = models.DateTimeField(default=timezone.now)
    notified_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        ordering = ["-created_at"]
        constraints = [
            models.UniqueConstraint(fields=["submitter", "idempotency_key"],
                                    condition=~models.Q(idempotency_key=""),
                                    name="news_submission_idempotent"),
        ]

    def __str__(self) -> str:
        return f"{self.claim_id}: {(self.text or self.link)[:60]}"
