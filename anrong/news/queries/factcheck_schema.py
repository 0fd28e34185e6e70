"""The schema.org ClaimReview of a fact-check (https://schema.org/ClaimReview), as Google's
fact-check markup and the IFCN aggregators read it: claimReviewed, reviewRating (1 false .. 4
true, as models.Verdict says, with the label as alternateName), itemReviewed (the Claim, where it appeared), author,
datePublished, url."""

from __future__ import annotations

from typing import Any

from django.utils import timezone

from ..models import FactCheckPage, Verdict

__all__: list[str] = []  # not star-exported: used by the template tag and the API

# ratingValue on a 1..4 scale, with the Indonesian label as alternateName; 0 is not a rating
# (cannot be verified): reviewRating still carries the label.
RATINGS = {
    Verdict.SALAH: 1,
    Verdict.MENYESATKAN: 2,
    Verdict.SEBAGIAN_BENAR: 3,
    Verdict.BENAR: 4,
    Verdict.TIDAK_DAPAT_DIVERIFIKASI: 0,
}
PUBLISHER = {"@type": "Organization", "name": "Pemerintah Kota Makassar — Cek Fakta",
             "url": "https://makassarkota.go.id/"}


def _absolute(page: FactCheckPage, request: Any) -> str:
    try:
        return page.get_full_url(request=request) or ""
    except Exception:  # noqa: BLE001 - a page outside any site
        return ""


def _day(moment: Any) -> str | None:
    """The date in WITA (a verdict at 07.00 WITA is not dated the day before)."""
    return timezone.localtime(moment).date().isoformat() if moment else None


def claim_review(page: FactCheckPage, *, request: Any = None) -> dict[str, Any]:
    published = page.first_published_at or page.last_published_at
    appearance: dict[str, Any] = {"@type": "CreativeWork"}
    if page.appearance_url:
        appearance["url"] = page.appearance_url
    if page.appearance_text:
        appearance["name"] = page.appearance_text
    # When the claim first reached the fact-checkers: the earliest claim the page answers.
    first_seen = (page.claims.order_by("created_at").values_list("created_at", flat=True).first()
                  if page.pk else None)
    rating = RATINGS.get(page.verdict, 0)
    review_rating: dict[str, Any] = {"@type": "Rating",
                                     "alternateName": page.get_verdict_display()}
    if rating:
        review_rating.update({"ratingValue": rating, "bestRating": 4, "worstRating": 1})
    return {
        "@context": "https://schema.org",
        "@type": "ClaimReview",
        "url": _absolute(page, request),
        "name": page.title,
        "claimReviewed": page.claim_reviewed,
        "reviewBody": page.summary,
        "datePublished": _day(published),
        "author": PUBLISHER,
        "reviewRating": review_rating,
        "itemReviewed": {
            "@type": "Claim",
            "appearance": [appearance],
            **({"datePublished": _day(first_seen)} if first_seen else {}),
            # No "author": who first wrote a chain message is rarely known, and a made-up one
            # would mislead the aggregators.
        },
        "inLanguage": "id",
    }
