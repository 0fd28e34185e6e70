"""Cek Fakta's JSON API, at /api/v1/news/cek-fakta/: "Cek dulu" (match a pasted message against
published fact-checks), the list of verdicts, one verdict with its ClaimReview, sending a message
(JSON, or multipart with a `screenshot`), and my submissions. Errors are
{"code", "message", "details": {"errors": {field: message}}}; 429 for a flood."""

from __future__ import annotations

import json
from typing import Any

from django.http import HttpRequest, JsonResponse
from django.utils.translation import gettext as _
from ninja import Query, Router, Schema, Status
from ninja.errors import HttpError

from anrong.core.api_auth import api_auth
from anrong.core.middleware import client_ip

from . import actions, queries
from .errors import NewsError, NewsPermissionError, StaleClaim, TooManySubmissions
from .models import ClaimSubmission, FactCheckPage
from .queries.factcheck_schema import claim_review

router = Router(tags=["cek-fakta"])
PER_PAGE = 20


class FactCheckOut(Schema):
    id: int
    title: str
    url: str
    verdict: str
    verdict_label: str
    claim_reviewed: str
    summary: str
    published_at: Any = None


class FactCheckDetailOut(FactCheckOut):
    claim_review: dict[str, Any]


class MatchOut(FactCheckOut):
    similarity: float


class CheckOut(Schema):
    matches: list[MatchOut]


class FactCheckPageOut(Schema):
    items: list[FactCheckOut]
    page: int
    has_next: bool


class CheckIn(Schema):
    text: str


class SubmissionOut(Schema):
    id: int
    claim: str
    claim_status: str
    submission_count: int
    text: str
    link: str
    has_screenshot: bool
    created_at: Any
    fact_check: FactCheckOut | None = None


def _fact_check(page: FactCheckPage, request: HttpRequest) -> dict[str, Any]:
    return {"id": page.pk, "title": page.title, "url": page.get_full_url(request=request) or "",
            "verdict": page.verdict, "verdict_label": page.get_verdict_display(),
            "claim_reviewed": page.claim_reviewed, "summary": page.summary,
            "published_at": page.first_published_at}


def _submission(submission: ClaimSubmission, request: HttpRequest) -> dict[str, Any]:
    claim = submission.claim
    page = claim.fact_check if claim.status == "published" and claim.fact_check_id else None
    return {"id": submission.pk, "claim": str(claim.public_id), "claim_status": claim.status,
            "submission_count": claim.submission_count, "text": submission.text,
            "link": submission.link, "has_screenshot": bool(submission.screenshot),
            "created_at": submission.created_at,
            "fact_check": _fact_check(page, request) if page is not None and page.live else None}


def _refused(exc: NewsError) -> JsonResponse:
    errors = getattr(exc, "errors", None) or {}
    status, code = 400, "invalid" if errors else "bad_request"
    if isinstance(exc, NewsPermissionError):
        status, code = 403, "forbidden"
    elif isinstance(exc, StaleClaim):
        status, code = 409, "conflict"
    elif isinstance(exc, TooManySubmissions):
        status, code = 429, "rate_limited"
    response = JsonResponse({"code": code, "message": str(exc),
                             "details": {"errors": errors} if errors else {}}, status=status)
    if status == 429:
        response["Retry-After"] = "3600"
    return response


@router.post("/cek-dulu", response=CheckOut, auth=None, url_name="factcheck_check",
             summary="Cek dulu: cocokkan pesan dengan putusan / Match a message against verdicts")
def check(request: HttpRequest, payload: CheckIn) -> dict[str, Any]:
    """Published fact-checks whose claim is like `text`, closest first (up to 5)."""
    text = payload.text[:4000]
    return {"matches": [{**_fact_check(m.page, request), "similarity": m.score}
                        for m in queries.fact_checks_matching(text)]}


@router.get("/putusan", response=FactCheckPageOut, auth=None, url_name="factcheck_list",
            summary="Daftar putusan / Published verdicts")
def verdicts(request: HttpRequest, page: int = Query(1, ge=1)) -> dict[str, Any]:  # noqa: B008
    start = (page - 1) * PER_PAGE
    rows = list(queries.published_fact_checks()[start:start + PER_PAGE + 1])
    return {"items": [_fact_check(p, request) for p in rows[:PER_PAGE]], "page": page,
            "has_next": len(rows) > PER_PAGE}


@router.get("/putusan/{page_id}", response=FactCheckDetailOut, auth=None,
            url_name="factcheck_detail", summary="Satu putusan / One verdict")
def verdict(request: HttpRequest, page_id: int) -> dict[str, Any]:
    page = queries.published_fact_checks().filter(pk=page_id).first()
    if page is None:
        raise HttpError(404, _("Putusan ini tidak ada."))
    return {**_fact_check(page, request), "claim_review": claim_review(page, request=request)}


@router.post("/kiriman", response={201: SubmissionOut}, auth=api_auth,
             url_name="factcheck_submit", summary="Kirim pesan ke Cek Fakta / Send a message")
def submit(request: HttpRequest) -> Any:
    """`text`, `link` (JSON or form fields) and, in multipart, a `screenshot` (JPG, PNG, WEBP).
    Send an `Idempotency-Key` header: a retry with the same key answers the same submission."""
    if request.content_type == "application/json":
        try:
            body = json.loads(request.body or b"{}")
        except ValueError as exc:
            raise HttpError(400, _("Badan permintaan bukan JSON yang sah.")) from exc
        if not isinstance(body, dict):
            raise HttpError(400, _("Badan permintaan harus berupa objek JSON."))
        screenshot = None
    else:
        body, screenshot = request.POST, request.FILES.get("screenshot")
    try:
        submission = actions.submit_claim(
            submitter=request.user, text=str(body.get("text") or ""),
            link=str(body.get("link") or ""), screenshot=screenshot,
            sender_ip=client_ip(request), idempotency_key=request.headers.get("Idempotency-Key"))
    except NewsError as exc:
        return _refused(exc)
    submission = ClaimSubmission.objects.select_related("claim", "claim__fact_check").get(
        pk=submission.pk)
    return Status(201, _submission(submission, request))


@router.get("/kiriman/saya", response=list[SubmissionOut], auth=api_auth,
            url_name="factcheck_mine", summary="Kiriman saya / My submissions")
def mine(request: HttpRequest) -> list[dict[str, Any]]:
    return [_submission(s, request) for s in queries.my_submissions(request.user)[:100]]
