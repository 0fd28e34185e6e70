"""Cek Fakta writes: a citizen sends a message, fact-checkers work the queue, a verdict is published and everyone who sent the claim is told.

- `submit_claim`: a citizen's message (text, link, screenshot) joins the claim it repeats (same
  normalised words, or close enough: `news.similarity`) or opens a new one. Refused, with nothing
  written: nothing sent, a text too long, a link that is not one, a screenshot that is not a JPG,
  PNG or WEBP picture, a flood (per account and per address). The same idempotency key from the
  same person answers the submission already filed (a double tap files once). A claim whose
  verdict is already out tells the newcomer at once.
- `dismiss_claim`: a fact-checker closes a claim that is not worth a verdict, with the reason.
- `write_verdict`: a fact-checker writes the verdict as a FactCheckPage under the Cek Fakta index,
  linked to the claim; published at once, or kept as a draft to finish in Wagtail (/cms/).
- `fact_check_published`: run when Wagtail publishes a FactCheckPage (signals.py), from the
  console or from /cms/: its claims are marked published and every submitter is told once.

Two fact-checkers at once: steps take the `version` their page showed; the first bumps it, the
second is refused with StaleClaim."""

from __future__ import annotations

import datetime as dt
import hashlib
import hmac
from typing import Any

from django.conf import settings
from django.core.exceptions import ValidationError
from django.core.files.base import ContentFile
from django.core.validators import URLValidator
from django.db import IntegrityError, connection, transaction
from django.db.models import F, Q
from django.urls import NoReverseMatch, reverse
from django.utils import timezone
from django.utils.html import escape
from django.utils.text import slugify
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from anrong.core import notifications
from anrong.core.audit import record_audit
from anrong.core.outbox import emit
from anrong.core.uploads import UploadError, check_upload

from .. import permissions, similarity
from ..errors import NewsError, NewsPermissionError, StaleClaim, TooManySubmissions
from ..models import Claim, ClaimSubmission, FactCheckIndexPage, FactCheckPage, Verdict

__all__ = [
    "CLAIM_TEXT_MAX", "SCREENSHOT_TYPES", "claim_sender_hash", "dismiss_claim",
    "fact_check_published", "fact_check_unpublished", "submit_claim", "write_verdict",
]

CLAIM_TEXT_MAX = 4000
SCREENSHOT_TYPES = ("image/jpeg", "image/png", "image/webp")
MIN_WORDS_FOR_FUZZY = 3  # fewer normalised words: only exact repeats join a claim
CANDIDATES_MAX = 400  # claims scored per submission, after the database pre-filter
RECENT_DAYS = 180  # decided claims stay matchable this long after their last submission
Status = Claim.Status

_VERDICT_TITLE = gettext_lazy("Putusan Cek Fakta: %(verdict)s")
_VERDICT_BODY = gettext_lazy("Pesan yang Anda kirim ke Cek Fakta sudah diperiksa. Putusannya: "
                             "%(verdict)s. %(summary)s")


# --- helpers ------------------------------------------------------------------------------------


def claim_sender_hash(ip: str | None) -> str:
    """An HMAC of the sender's address: enough to count a flood, not enough to find anyone."""
    if not ip:
        return ""
    return hmac.new(settings.SECRET_KEY.encode(), f"cek-fakta:{ip}".encode(),
                    hashlib.sha256).hexdigest()


def _limits() -> dict[str, int]:
    return {
        "account_hour": int(getattr(settings, "CEK_FAKTA_MAX_PER_ACCOUNT_HOUR", 10)),
        "account_day": int(getattr(settings, "CEK_FAKTA_MAX_PER_ACCOUNT_DAY", 30)),
        "address_hour": int(getattr(settings, "CEK_FAKTA_MAX_PER_ADDRESS_HOUR", 40)),
    }


def _refuse_floods(*, submitter: Any, sender: str, now: dt.datetime) -> None:
    limits = _limits()
    hour_ago, day_ago = now - dt.timedelta(hours=1), now - dt.timedelta(days=1)
    mine = ClaimSubmission.objects.filter(submitter=submitter)
    if mine.filter(created_at__gte=hour_ago).count() >= limits["account_hour"]:
        raise TooManySubmissions(_(
            "Anda sudah mengirim %(n)s pesan ke Cek Fakta dalam satu jam terakhir. Tunggu "
            "sebentar lalu kirim lagi; pesan Anda sebelumnya sudah kami terima.")
            % {"n": limits["account_hour"]})
    if mine.filter(created_at__gte=day_ago).count() >= limits["account_day"]:
        raise TooManySubmissions(_(
            "Anda sudah mengirim %(n)s pesan ke Cek Fakta hari ini, batas harian. Kirim lagi "
            "besok.") % {"n": limits["account_day"]})
    if sender and ClaimSubmission.objects.filter(ip_hash=sender, created_at__gte=hour_ago) \
            .count() >= limits["address_hour"]:
        raise TooManySubmissions(_("Terlalu banyak pesan dari jaringan ini dalam satu jam "
                                   "terakhir. Coba lagi nanti."))


def _require(allowed: bool, message: str | None = None) -> None:
    if not allowed:
        raise NewsPermissionError(message or _("Anda tidak berhak melakukan ini."))


def _check_version(claim: Claim, version: int | str | None) -> None:
    if version in (None, ""):
        return
    try:
        same = int(version) == claim.version  # type: ignore[arg-type]
    except (TypeError, ValueError):
        same = False
    if not same:
        raise StaleClaim(_("Klaim ini sudah diubah pemeriksa lain sejak halaman Anda dimuat "
                           "(sekarang: %(status)s). Muat ulang halaman lalu periksa lagi.")
                         % {"status": claim.get_status_display()})


def _error(message: str, field: str) -> NewsError:
    error = NewsError(message)
    error.errors = {field: message}  # type: ignore[attr-defined]
    return error


def _clean_link(link: str) -> str:
    link = (link or "").strip()
    if not link:
        return ""
    if not link.lower().startswith(("http://", "https://")):
        link = "https://" + link
    try:
        URLValidator(schemes=["http", "https"])(link)
    except ValidationError:
        raise _error(_("Tautan tidak terbaca. Salin lagi alamat lengkapnya, mis. "
                       "https://contoh.com/berita."), "link") from None
    if len(link) > 500:
        raise _error(_("Tautan terlalu panjang (paling banyak 500 huruf)."), "link")
    return link


def _check_screenshot(screenshot: Any) -> Any:
    if not screenshot:
        return None
    max_bytes = int(getattr(settings, "CEK_FAKTA_SCREENSHOT_MAX_BYTES", 5 * 1024 * 1024))
    try:
        return check_upload(screenshot, accept=SCREENSHOT_TYPES, max_bytes=max_bytes)
    except UploadError as exc:
        raise _error(_("Tangkapan layar: %(problem)s") % {"problem": exc.message},
                     "screenshot") from exc


def claim_url(claim: Claim) -> str:
    try:
        return reverse("factcheck_console:claim", args=[claim.public_id])
    except NoReverseMatch:
        return ""


def _snapshot(claim: Claim) -> dict[str, Any]:
    """The outbox payload: the claim, never who sent it."""
    return {"claim": str(claim.public_id), "status": claim.status,
            "submission_count": claim.submission_count,
            "fact_check": claim.fact_check_id, "version": claim.version}


MATCHING_LOCK = 7371_0207  # PostgreSQL advisory lock: one submission matched at a time


def _matching_claim(*, normalized: str, fingerprint: str, fuzzy: bool,
                    now: dt.datetime) -> tuple[Claim | None, float]:
    """The claim a new submission repeats, locked, with how close it is (1.0 exact).
    Two people sending the same new hoax at the same moment must not open two claims: SQLite
    writes one transaction at a time already; on PostgreSQL a transaction-scoped advisory lock
    serialises matching and creating (a few milliseconds each)."""
    if connection.vendor == "postgresql":
        with connection.cursor() as cursor:
            cursor.execute("SELECT pg_advisory_xact_lock(%s)", [MATCHING_LOCK])
    exact = (Claim.objects.select_for_update().filter(fingerprint=fingerprint)
             .order_by("created_at").first())
    if exact is not None:
        return exact, 1.0
    if not fuzzy:
        return None, 0.0
    recent = now - dt.timedelta(days=RECENT_DAYS)
    words = similarity.search_tokens(normalized)
    if not words:
        return None, 0.0
    prefilter = Q()
    for word in words:
        prefilter |= Q(normalized__contains=word)
    candidates = (Claim.objects
                  .filter(Q(status__in=[Status.OPEN, Status.IN_REVIEW])
                          | Q(last_submitted_at__gte=recent))
                  .filter(prefilter)
                  .order_by("-last_submitted_at")
                  .values_list("pk", "normalized")[:CANDIDATES_MAX])
    best = similarity.best_match(normalized, candidates)
    if best is None:
        return None, 0.0
    pk, score = best
    return Claim.objects.select_for_update().get(pk=pk), score


def _tell_submitters(claim_ids: list[int], page: FactCheckPage, now: dt.datetime) -> int:
    """Tell everyone who sent one of these claims and has not been told yet: one notification a
    person, whatever the number of their submissions. Returns how many people were told."""
    pending = (ClaimSubmission.objects.select_for_update()
               .filter(claim_id__in=claim_ids, notified_at__isnull=True, submitter__isnull=False)
               .select_related("submitter"))
    people: dict[int, Any] = {}
    for submission in pending:
        people.setdefault(submission.submitter_id, submission.submitter)
    try:
        url = page.url or ""
    except Exception:  # noqa: BLE001 - a page outside any site still has its verdict told
        url = ""
    for person in people.values():
        notifications.notify_translated(
            user=person, kind="factcheck.verdict", title=_VERDICT_TITLE, body=_VERDICT_BODY,
            params={"verdict": page.get_verdict_display(), "summary": page.summary},
            url=url, channels=(notifications.INBOX,))
    ClaimSubmission.objects.filter(pk__in=[s.pk for s in pending]).update(notified_at=now)
    return len(people)


# --- a citizen sends a message ------------------------------------------------------------------


def submit_claim(*, submitter: Any, text: str = "", link: str = "", screenshot: Any = None,
                 sender_ip: str | None = None,
                 idempotency_key: str | None = None) -> ClaimSubmission:
    """File one message to Cek Fakta and put it in the queue (see the module's doc)."""
    _require(permissions.can_submit_claim(submitter),
             _("Masuk dulu untuk mengirim pesan ke Cek Fakta."))
    key = (idempotency_key or "").strip()[:64]
    if key:
        earlier = ClaimSubmission.objects.filter(submitter=submitter, idempotency_key=key).first()
        if earlier is not None:
            return earlier
    body = (text or "").strip()
    if len(body) > CLAIM_TEXT_MAX:
        raise _error(_("Pesan terlalu panjang: paling banyak %(max)s huruf. Kirim bagian yang "
                       "berisi klaimnya saja.") % {"max": CLAIM_TEXT_MAX}, "text")
    clean_link = _clean_link(link)
    checked = _check_screenshot(screenshot)
    if not body and not clean_link and checked is None:
        raise _error(_("Tempel pesan yang ingin diperiksa, atau kirim tautannya atau tangkapan "
                       "layarnya."), "text")
    normalized = similarity.normalize(f"{body} {clean_link}".strip())
    fuzzy = len(normalized.split()) >= MIN_WORDS_FOR_FUZZY
    if fuzzy:
        fingerprint = similarity.fingerprint(normalized)
    else:  # a bare link or picture: only the very same one is a repeat
        fingerprint = similarity.fingerprint(
            "|".join([normalized, clean_link.lower(), checked.sha256 if checked else ""]))
    try:
        return _file(submitter=submitter, body=body, link=clean_link, checked=checked,
                     normalized=normalized, fingerprint=fingerprint, fuzzy=fuzzy,
                     sender=claim_sender_hash(sender_ip), key=key)
    except IntegrityError:
        if key:  # another request with the same key filed it first
            found = ClaimSubmission.objects.filter(submitter=submitter,
                                                   idempotency_key=key).first()
            if found is not None:
                return found
        raise


def _file(*, submitter: Any, body: str, link: str, checked: Any, normalized: str,
          fingerprint: str, fuzzy: bool, sender: str, key: str) -> ClaimSubmission:
    now = timezone.now()
    with transaction.atomic():
        _refuse_floods(submitter=submitter, sender=sender, now=now)
        claim, score = _matching_claim(normalized=normalized, fingerprint=fingerprint,
                                       fuzzy=fuzzy, now=now)
        created = claim is None
        if claim is None:
            claim = Claim.objects.create(
                text=body or link or _("(tangkapan layar tanpa teks)"), normalized=normalized,
                fingerprint=fingerprint, submission_count=1, created_at=now,
                last_submitted_at=now)
        else:
            Claim.objects.filter(pk=claim.pk).update(
                submission_count=F("submission_count") + 1, last_submitted_at=now)
            claim.refresh_from_db()
        submission = ClaimSubmission(claim=claim, submitter=submitter, text=body, link=link,
                                     similarity=score if not created else 1.0, ip_hash=sender,
                                     idempotency_key=key, created_at=now)
        if checked is not None:
            submission.screenshot.save(f"tangkapan{checked.extension}",
                                       ContentFile(checked.content), save=False)
        with transaction.atomic():
            submission.save()
        record_audit(actor=submitter, action="factcheck.submitted", target=submission,
                     details={"claim": str(claim.public_id), "new_claim": created,
                              "similarity": submission.similarity})
        emit("news.claim_submitted", _snapshot(claim), aggregate=claim)
        if claim.status == Status.PUBLISHED and claim.fact_check_id is not None:
            page = FactCheckPage.objects.filter(pk=claim.fact_check_id, live=True).first()
            if page is not None:
                _tell_submitters([claim.pk], page, now)
    return submission


# --- fact-checkers ------------------------------------------------------------------------------


def _locked(claim: Claim) -> Claim:
    return Claim.objects.select_for_update().get(pk=claim.pk)


def dismiss_claim(*, actor: Any, claim: Claim, reason: str,
                  version: int | str | None = None) -> Claim:
    """Close a claim without a verdict (not a claim of fact, not the city's business, spam)."""
    reason = (reason or "").strip()
    if len(reason) < 5:
        raise _error(_("Tuliskan alasannya (paling sedikit 5 huruf): warga yang membaca "
                       "riwayatnya perlu tahu."), "reason")
    with transaction.atomic():
        claim = _locked(claim)
        _require(permissions.can_work_claim(actor, claim),
                 _("Klaim ini tidak dapat diabaikan: Anda bukan pemeriksa fakta, atau klaimnya "
                   "sudah diputus."))
        _check_version(claim, version)
        claim.status = Status.DISMISSED
        claim.dismiss_reason = reason[:2000]
        claim.decided_at = timezone.now()
        claim.assignee = actor
        claim.version += 1
        claim.save()
        record_audit(actor=actor, action="factcheck.dismissed", target=claim,
                     details={"reason": claim.dismiss_reason})
        emit("news.claim_dismissed", _snapshot(claim), aggregate=claim)
    return claim


def _paragraphs(text: str) -> str:
    parts = [p.strip() for p in (text or "").replace("\r\n", "\n").split("\n\n") if p.strip()]
    return "".join(f"<p>{escape(p).replace(chr(10), '<br>')}</p>" for p in parts)


def _parse_sources(sources: Any) -> list[tuple[str, dict[str, str]]]:
    """Sources as (title, url) pairs, or lines "Judul | https://…"."""
    if isinstance(sources, str):
        pairs = []
        for line in sources.splitlines():
            if not line.strip():
                continue
            title, _sep, url = line.partition("|")
            pairs.append((title.strip(), url.strip()))
    else:
        pairs = [(str(t).strip(), str(u or "").strip()) for t, u in (sources or [])]
    blocks = []
    for title, url in pairs:
        if url:
            try:
                URLValidator(schemes=["http", "https"])(url)
            except ValidationError:
                raise _error(_("Tautan sumber \"%(title)s\" tidak terbaca.") % {"title": title},
                             "sources") from None
        if not title:
            title = url
        if title:
            blocks.append(("source", {"title": title[:300], "url": url}))
    return blocks


def write_verdict(*, actor: Any, claim: Claim, title: str, verdict: str, summary: str,
                  explanation: str, sources: Any = (), appearance_text: str = "",
                  appearance_url: str = "", publish: bool = True,
                  version: int | str | None = None) -> FactCheckPage:
    """Write the claim's verdict as a FactCheckPage under the Cek Fakta index and link it to the
    claim. `publish=True` publishes it now (Wagtail's page_published then tells the submitters:
    `fact_check_published`); otherwise a draft is kept for the fact-checker to finish in /cms/."""
    title = (title or "").strip()
    summary = (summary or "").strip()
    if verdict not in Verdict.values:
        raise _error(_("Pilih putusannya."), "verdict")
    if len(title) < 10 or len(title) > 255:
        raise _error(_("Judul 10 sampai 255 huruf."), "title")
    if len(summary) < 10 or len(summary) > 500:
        raise _error(_("Ringkasan 10 sampai 500 huruf: satu atau dua kalimat."), "summary")
    if len((explanation or "").strip()) < 20:
        raise _error(_("Jelaskan putusannya (paling sedikit 20 huruf)."), "explanation")
    appearance_url = (appearance_url or "").strip()
    if appearance_url:
        appearance_url = _clean_link(appearance_url)
    source_blocks = _parse_sources(sources)
    with transaction.atomic():
        claim = _locked(claim)
        _require(permissions.can_work_claim(actor, claim) and claim.fact_check_id is None,
                 _("Putusan untuk klaim ini tidak dapat ditulis di sini: Anda bukan pemeriksa "
                   "fakta, klaimnya sudah diputus, atau drafnya sudah ada di CMS."))
        _check_version(claim, version)
        index = FactCheckIndexPage.objects.first()
        if index is None:
            from ..pages import ensure_newsroom

            index = ensure_newsroom()[1]
        page = FactCheckPage(
            title=title, slug=f"{slugify(title)[:60].strip('-') or 'cek-fakta'}-{claim.public_id.hex[:6]}",
            claim_reviewed=claim.text[:4000], verdict=verdict, summary=summary,
            explanation=_paragraphs(explanation), sources=source_blocks,
            appearance_text=(appearance_text or "").strip()[:200] or _("Pesan berantai"),
            appearance_url=appearance_url, live=False, owner=actor)
        index.add_child(instance=page)
        revision = page.save_revision(user=actor, log_action=True)
        claim.fact_check = page
        claim.status = Status.IN_REVIEW
        claim.assignee = actor
        claim.version += 1
        claim.save()
        record_audit(actor=actor, action="factcheck.verdict_written", target=claim,
                     details={"page": page.pk, "verdict": verdict, "publish": bool(publish)})
        emit("news.claim_in_review", _snapshot(claim), aggregate=claim)
        if publish:
            # Anrong decided who may publish (a fact-checker, asked above); Wagtail group
            # permissions are for /cms/ editing.
            revision.publish(user=actor, skip_permission_checks=True)
            page.refresh_from_db()
    return page


def fact_check_published(*, page: FactCheckPage) -> int:
    """A FactCheckPage went live (from the console or Wagtail): keep its normalised claim for
    "Cek dulu", mark its claims published, tell every submitter once. Returns how many people
    were told now; publishing again (an edit) tells no one twice."""
    now = timezone.now()
    with transaction.atomic():
        FactCheckPage.objects.filter(pk=page.pk).update(
            normalized_claim=similarity.normalize(page.claim_reviewed))
        claims = list(Claim.objects.select_for_update().filter(fact_check_id=page.pk))
        for claim in claims:
            if claim.status != Status.PUBLISHED:
                claim.status = Status.PUBLISHED
                claim.decided_at = claim.decided_at or now
                claim.version += 1
                claim.save()
        told = _tell_submitters([c.pk for c in claims], page, now)
        record_audit(actor=None, action="factcheck.published", target=page,
                     details={"verdict": page.verdict, "claims": [str(c.public_id) for c in claims],
                              "told": told})
        emit("news.factcheck_published", {
            "page": page.pk, "verdict": page.verdict, "title": page.title,
            "url": page.full_url or "", "claims": [str(c.public_id) for c in claims],
        }, aggregate=page)
    return told


def fact_check_unpublished(*, page: FactCheckPage) -> int:
    """A FactCheckPage was taken down (in /cms/): its claims go back to the queue, in review,
    until it is published again. Submitters already told are not told twice. Returns how many
    claims went back."""
    with transaction.atomic():
        claims = list(Claim.objects.select_for_update().filter(fact_check_id=page.pk,
                                                               status=Status.PUBLISHED))
        for claim in claims:
            claim.status = Status.IN_REVIEW
            claim.version += 1
            claim.save()
        record_audit(actor=None, action="factcheck.unpublished", target=page,
                     details={"claims": [str(c.public_id) for c in claims]})
        emit("news.factcheck_unpublished", {
            "page": page.pk, "claims": [str(c.public_id) for c in claims]}, aggregate=page)
    return len(claims)
