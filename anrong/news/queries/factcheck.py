"""Reads of Cek Fakta: the queue, fact-checks, matching a pasted message."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from django.db.models import Q, QuerySet

from .. import similarity
from ..models import Claim, ClaimSubmission, FactCheckPage
from .order import newest_first

__all__ = [
    "QUEUE_TABS", "FactCheckMatch", "claim_by_public_id", "claim_queue", "claim_submissions",
    "fact_checks_matching", "my_submissions", "published_fact_checks", "submission_for",
]

Status = Claim.Status
# The console's tabs: slug -> statuses shown.
QUEUE_TABS: dict[str, tuple[str, ...]] = {
    "menunggu": (Status.OPEN, Status.IN_REVIEW),
    "terbit": (Status.PUBLISHED,),
    "diabaikan": (Status.DISMISSED,),
}
CHECK_CANDIDATES_MAX = 400


def claim_queue(tab: str = "menunggu") -> QuerySet[Claim]:
    """Claims of a tab, the most sent first, then the most recently sent."""
    statuses = QUEUE_TABS.get(tab, QUEUE_TABS["menunggu"])
    return (Claim.objects.filter(status__in=statuses).select_related("fact_check", "assignee")
            .order_by("-submission_count", "-last_submitted_at", "pk"))


def claim_by_public_id(public_id: Any) -> Claim | None:
    try:
        return Claim.objects.select_related("fact_check", "assignee").get(public_id=public_id)
    except (Claim.DoesNotExist, ValueError, TypeError, Exception):  # noqa: BLE001 - a bad UUID
        return None


def claim_submissions(claim: Claim) -> QuerySet[ClaimSubmission]:
    return claim.submissions.select_related("submitter").order_by("created_at")


def my_submissions(user: Any) -> QuerySet[ClaimSubmission]:
    if not getattr(user, "is_authenticated", False):
        return ClaimSubmission.objects.none()
    return (ClaimSubmission.objects.filter(submitter=user)
            .select_related("claim", "claim__fact_check").order_by("-created_at"))


def submission_for(user: Any, pk: int) -> ClaimSubmission | None:
    """One submission, if `user` may see it (its sender, or a fact-checker)."""
    from ..permissions import can_view_submission

    found = ClaimSubmission.objects.select_related("claim").filter(pk=pk).first()
    if found is None or not can_view_submission(user, found):
        return None
    return found


def published_fact_checks() -> QuerySet[FactCheckPage]:
    return newest_first(FactCheckPage.objects.live().public().specific())


@dataclass(frozen=True)
class FactCheckMatch:
    page: FactCheckPage
    score: float

    @property
    def percent(self) -> int:
        return round(self.score * 100)


def fact_checks_matching(text: str, *, limit: int = 5,
                         threshold: float = similarity.SUGGEST_THRESHOLD) -> list[FactCheckMatch]:
    """"Cek dulu": published fact-checks whose claim is like the pasted message, closest first.
    The database narrows them by the message's rarest words; rapidfuzz scores the few left."""
    normalized = similarity.normalize(text)
    words = similarity.search_tokens(normalized)
    if not words:
        return []
    prefilter = Q()
    for word in words:
        prefilter |= Q(normalized_claim__contains=word)
    candidates = (FactCheckPage.objects.live().public().filter(prefilter)
                  .order_by("-first_published_at")
                  .values_list("pk", "normalized_claim")[:CHECK_CANDIDATES_MAX])
    scored = []
    for pk, claim_text in candidates:
        score = similarity.similarity(normalized, claim_text)
        if score >= threshold:
            scored.append((score, pk))
    scored.sort(key=lambda item: (-item[0], -item[1]))
    scored = scored[:limit]
    pages = FactCheckPage.objects.in_bulk([pk for _score, pk in scored])
    return [FactCheckMatch(page=pages[pk], score=score) for score, pk in scored if pk in pages]
