"""Cek Fakta's writes, through the real actions: the same hoax from two people is one claim of
count 2; a verdict published from the console or Wagtail tells both once; floods, double taps,
screenshots and bad input are refused with nothing written."""

from __future__ import annotations

import io
import time

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.test import override_settings
from PIL import Image

from anrong.core.models import AuditEvent, Notification, OutboxEvent
from anrong.news import actions
from anrong.news.errors import NewsError, NewsPermissionError, StaleClaim, TooManySubmissions
from anrong.news.models import Claim, ClaimSubmission, FactCheckPage, Verdict
from anrong.reports.testing import sample_jpeg

from .fixtures_factcheck import HOAX, HOAX_AGAIN, OTHER_CLAIM, diskominfo_officer  # noqa: F401

pytestmark = pytest.mark.django_db


def publish(checker, claim, **overrides):  # type: ignore[no-untyped-def]
    values = {"title": "Hoaks: Pemkot Makassar bagikan bantuan tunai Rp5 juta",
              "verdict": Verdict.SALAH,
              "summary": "Tidak ada program bantuan tunai Rp5 juta; situsnya palsu.",
              "explanation": "Diskominfo memeriksa ke Dinas Sosial.\n\nSitus itu bukan milik Pemkot.",
              "sources": "Dinas Sosial Kota Makassar | https://makassarkota.go.id/dinsos",
              "appearance_text": "Pesan berantai WhatsApp"}
    values.update(overrides)
    return actions.write_verdict(actor=checker, claim=claim, **values)


def test_the_same_hoax_from_two_people_is_one_claim_of_count_two(personas, newsroom):
    first = actions.submit_claim(submitter=personas["citizen"], text=HOAX, sender_ip="10.0.0.1")
    second = actions.submit_claim(submitter=personas["other_citizen"], text=HOAX_AGAIN,
                                  sender_ip="10.0.0.2")
    other = actions.submit_claim(submitter=personas["other_citizen"], text=OTHER_CLAIM)
    assert first.claim_id == second.claim_id != other.claim_id
    claim = Claim.objects.get(pk=first.claim_id)
    assert claim.submission_count == 2 and claim.status == Claim.Status.OPEN
    assert claim.text == HOAX.strip()
    assert 0.82 <= ClaimSubmission.objects.get(pk=second.pk).similarity < 1
    assert OutboxEvent.objects.filter(type="news.claim_submitted").count() == 3
    assert AuditEvent.objects.filter(action="factcheck.submitted").count() == 3


def test_exact_repeat_joins_by_fingerprint(personas, newsroom):
    a = actions.submit_claim(submitter=personas["citizen"], text="Beras plastik beredar di pasar Terong!!")
    b = actions.submit_claim(submitter=personas["other_citizen"], text="beras PLASTIK beredar di Pasar terong")
    assert a.claim_id == b.claim_id
    assert ClaimSubmission.objects.get(pk=b.pk).similarity == 1.0


def test_verdict_published_tells_every_submitter_once(personas, newsroom, editor):
    actions.submit_claim(submitter=personas["citizen"], text=HOAX)
    actions.submit_claim(submitter=personas["citizen"], text=HOAX + " ")  # the same person twice
    actions.submit_claim(submitter=personas["other_citizen"], text=HOAX_AGAIN)
    claim = Claim.objects.get()
    assert claim.submission_count == 3

    page = publish(editor, claim, version=claim.version)

    claim.refresh_from_db()
    assert page.live and claim.fact_check_id == page.pk and claim.status == Claim.Status.PUBLISHED
    told = Notification.objects.filter(kind="factcheck.verdict")
    assert sorted(told.values_list("recipient_id", flat=True)) == sorted(
        [personas["citizen"].pk, personas["other_citizen"].pk])
    assert "SALAH/HOAKS" in told.first().body and told.first().url == page.url
    assert not ClaimSubmission.objects.filter(notified_at__isnull=True).exists()
    page = FactCheckPage.objects.get(pk=page.pk)
    assert "bantuanmakassarxyz" in page.normalized_claim
    assert "&lt;" not in page.explanation and "<p>Situs itu bukan milik Pemkot.</p>" in page.explanation
    assert OutboxEvent.objects.filter(type="news.factcheck_published").count() == 1

    # An edit published again tells no one twice.
    page.save_revision(user=editor).publish(user=editor, skip_permission_checks=True)
    assert told.count() == 2

    # Someone who sends the claim after the verdict is told at once.
    late = actions.submit_claim(submitter=personas["officer"], text=HOAX_AGAIN + " tolong cek")
    assert late.claim_id == claim.pk
    assert Notification.objects.filter(kind="factcheck.verdict",
                                       recipient=personas["officer"]).count() == 1


def test_a_draft_verdict_tells_no_one_until_published_in_wagtail(personas, newsroom, editor):
    actions.submit_claim(submitter=personas["citizen"], text=HOAX)
    claim = Claim.objects.get()
    page = publish(editor, claim, publish=False)
    claim.refresh_from_db()
    assert not page.live and claim.status == Claim.Status.IN_REVIEW
    assert not Notification.objects.filter(kind="factcheck.verdict").exists()
    with pytest.raises(NewsPermissionError):  # the draft exists: finish it in /cms/
        publish(editor, claim)
    FactCheckPage.objects.get(pk=page.pk).get_latest_revision().publish(user=editor, skip_permission_checks=True)
    claim.refresh_from_db()
    assert claim.status == Claim.Status.PUBLISHED
    assert Notification.objects.filter(kind="factcheck.verdict",
                                       recipient=personas["citizen"]).count() == 1


def test_only_fact_checkers_write_verdicts_or_dismiss(personas, newsroom):
    actions.submit_claim(submitter=personas["citizen"], text=HOAX)
    claim = Claim.objects.get()
    for person in (personas["citizen"], personas["officer"], personas["sysadmin"]):
        with pytest.raises(NewsPermissionError):
            publish(person, claim)
        with pytest.raises(NewsPermissionError):
            actions.dismiss_claim(actor=person, claim=claim, reason="bukan klaim fakta")
    claim.refresh_from_db()
    assert claim.status == Claim.Status.OPEN and claim.fact_check is None
    assert not FactCheckPage.objects.exists()


def test_dismiss_with_reason_and_a_stale_version_is_refused(personas, newsroom, editor, operator):
    actions.submit_claim(submitter=personas["citizen"], text=OTHER_CLAIM)
    claim = Claim.objects.get()
    shown = claim.version
    with pytest.raises(NewsError):
        actions.dismiss_claim(actor=editor, claim=claim, reason="")
    actions.dismiss_claim(actor=editor, claim=claim, reason="Bukan klaim fakta: ajakan saja.",
                          version=shown)
    with pytest.raises((StaleClaim, NewsPermissionError)):
        actions.dismiss_claim(actor=operator, claim=claim, reason="Sudah ditangani", version=shown)
    claim.refresh_from_db()
    assert claim.status == Claim.Status.DISMISSED and claim.assignee == editor
    assert OutboxEvent.objects.filter(type="news.claim_dismissed").count() == 1


def test_a_double_tap_files_once(personas, newsroom):
    a = actions.submit_claim(submitter=personas["citizen"], text=HOAX, idempotency_key="k-1")
    b = actions.submit_claim(submitter=personas["citizen"], text=HOAX, idempotency_key="k-1")
    assert a.pk == b.pk and ClaimSubmission.objects.count() == 1
    assert Claim.objects.get().submission_count == 1


@override_settings(CEK_FAKTA_MAX_PER_ACCOUNT_HOUR=2, CEK_FAKTA_MAX_PER_ADDRESS_HOUR=3)
def test_floods_are_slowed_per_account_and_per_address(personas, newsroom):
    for i in range(2):
        actions.submit_claim(submitter=personas["citizen"], text=f"Pesan nomor {i} tentang banjir")
    with pytest.raises(TooManySubmissions, match="satu jam terakhir"):
        actions.submit_claim(submitter=personas["citizen"], text="Pesan ketiga tentang banjir")
    for i in range(3):
        actions.submit_claim(submitter=personas["other_citizen"] if i < 1 else personas["officer"],
                             text=f"Kabar jalan {i} ditutup", sender_ip="10.9.9.9")
    with pytest.raises(TooManySubmissions, match="jaringan ini"):
        actions.submit_claim(submitter=personas["supervisor"], text="Kabar lain", sender_ip="10.9.9.9")
    assert ClaimSubmission.objects.count() == 5


def test_screenshot_is_reencoded_and_non_images_refused(personas, newsroom):
    shot = sample_jpeg(gps=(-5.13, 119.41), name="tangkapan.jpg")
    submission = actions.submit_claim(submitter=personas["citizen"], screenshot=shot)
    stored = submission.screenshot.read()
    assert Image.open(io.BytesIO(stored)).getexif().get(0x8825) is None  # no GPS left
    assert submission.claim.text == "(tangkapan layar tanpa teks)"
    fake = SimpleUploadedFile("hoaks.png", b"<script>alert(1)</script>", content_type="image/png")
    with pytest.raises(NewsError, match="Tangkapan layar"):
        actions.submit_claim(submitter=personas["citizen"], text="lihat ini", screenshot=fake)
    assert ClaimSubmission.objects.count() == 1


def test_bad_input_is_refused_with_nothing_written(personas, newsroom):
    with pytest.raises(NewsError):
        actions.submit_claim(submitter=personas["citizen"], text="   ")
    with pytest.raises(NewsError, match="Tautan"):
        actions.submit_claim(submitter=personas["citizen"], link="javascript:alert(1)")
    with pytest.raises(NewsError, match="terlalu panjang"):
        actions.submit_claim(submitter=personas["citizen"], text="a" * 4001)
    with pytest.raises(NewsPermissionError):
        actions.submit_claim(submitter=personas["anonymous"], text=HOAX)
    assert not Claim.objects.exists() and not ClaimSubmission.objects.exists()


def test_same_link_alone_is_one_claim(personas, newsroom):
    a = actions.submit_claim(submitter=personas["citizen"], link="https://bit.ly/hoaks-banjir")
    b = actions.submit_claim(submitter=personas["other_citizen"], link="bit.ly/hoaks-banjir")
    c = actions.submit_claim(submitter=personas["other_citizen"], link="https://bit.ly/lain")
    assert a.claim_id == b.claim_id != c.claim_id


def test_matching_stays_fast_with_thousands_of_open_claims(personas, newsroom):
    from anrong.news import similarity

    subjects = ["banjir", "vaksin", "bantuan", "razia", "listrik", "pdam", "sekolah", "pajak"]
    places = ["panakkukang", "tamalate", "rappocini", "biringkanaya", "mariso", "tallo"]
    claims = []
    for i in range(3000):
        text = (f"{subjects[i % 8]} di {places[i % 6]} nomor {i}: warga diminta datang ke kantor "
                f"camat hari {i % 7}")
        normalized = similarity.normalize(text)
        claims.append(Claim(text=text, normalized=normalized, submission_count=1,
                            fingerprint=similarity.fingerprint(normalized)))
    Claim.objects.bulk_create(claims, batch_size=500)
    first = actions.submit_claim(submitter=personas["citizen"], text=HOAX)
    started = time.perf_counter()
    second = actions.submit_claim(submitter=personas["other_citizen"], text=HOAX_AGAIN)
    elapsed = time.perf_counter() - started
    assert second.claim_id == first.claim_id
    assert elapsed < 0.5, f"matching one message took {elapsed:.3f} s"


def test_a_verdict_taken_down_sends_its_claim_back_to_the_queue(personas, newsroom, editor):
    actions.submit_claim(submitter=personas["citizen"], text=HOAX)
    claim = Claim.objects.get()
    page = publish(editor, claim)
    from wagtail.actions.unpublish_page import UnpublishPageAction

    UnpublishPageAction(FactCheckPage.objects.get(pk=page.pk), user=editor).execute(
        skip_permission_checks=True)  # as an editor with the Wagtail permission would in /cms/
    claim.refresh_from_db()
    assert claim.status == Claim.Status.IN_REVIEW and claim.fact_check_id == page.pk
    assert OutboxEvent.objects.filter(type="news.factcheck_unpublished").count() == 1
    # A later submission is not told a verdict that is no longer out.
    actions.submit_claim(submitter=personas["other_citizen"], text=HOAX_AGAIN)
    assert not Notification.objects.filter(recipient=personas["other_citizen"]).exists()
    # Published again: the claim is back, the newcomer is told, the first sender not twice.
    FactCheckPage.objects.get(pk=page.pk).get_latest_revision().publish(
        user=editor, skip_permission_checks=True)
    claim.refresh_from_db()
    assert claim.status == Claim.Status.PUBLISHED
    assert Notification.objects.filter(kind="factcheck.verdict",
                                       recipient=personas["citizen"]).count() == 1
    assert Notification.objects.filter(kind="factcheck.verdict",
                                       recipient=personas["other_citizen"]).count() == 1
