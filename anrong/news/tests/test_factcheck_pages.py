"""Cek Fakta's pages and API: "Cek dulu" finds a published verdict at once; sending a message;
the console (only fact-checkers) shows one row per claim with its count and publishes a verdict;
the fact-check page carries a ClaimReview JSON-LD with the fields search engines read; what
citizens typed is escaped everywhere."""

from __future__ import annotations

import json
import re

import pytest
from django.test import Client
from django.urls import reverse

from anrong.accounts.testing import sign_in
from anrong.core.models import Notification
from anrong.news import actions
from anrong.news.models import Claim, ClaimSubmission, FactCheckPage, Verdict

from .fixtures_factcheck import HOAX, HOAX_AGAIN, OTHER_CLAIM, diskominfo_officer  # noqa: F401

pytestmark = pytest.mark.django_db

XSS = '<script>alert("hoaks")</script><img src=x onerror=alert(1)> Bansos 5 juta cair besok'


def client_of(user=None):  # type: ignore[no-untyped-def]
    client = Client()
    if user is not None:
        sign_in(client, user)
    return client


def published(personas, editor):  # type: ignore[no-untyped-def]
    actions.submit_claim(submitter=personas["citizen"], text=HOAX)
    claim = Claim.objects.get()
    return actions.write_verdict(
        actor=editor, claim=claim, title="Hoaks: bantuan tunai Rp5 juta dari Pemkot Makassar",
        verdict=Verdict.SALAH, summary="Tidak ada program bantuan tunai Rp5 juta dari Pemkot.",
        explanation="Dinas Sosial memastikan tidak ada program itu.",
        sources=[("Dinas Sosial Kota Makassar", "https://makassarkota.go.id/dinsos")],
        appearance_text="Pesan berantai WhatsApp", appearance_url="https://bantuan-makassar.xyz/")


def jsonld(html: str) -> dict:
    found = re.search(r'<script type="application/ld\+json">(.*?)</script>', html, re.S)
    assert found, "no JSON-LD on the page"
    return json.loads(found.group(1))


def test_fact_check_page_carries_claim_review_jsonld(personas, newsroom, editor):
    page = published(personas, editor)
    response = Client().get(page.url)
    assert response.status_code == 200
    html = response.content.decode()
    data = jsonld(html)
    assert data["@context"] == "https://schema.org" and data["@type"] == "ClaimReview"
    assert data["claimReviewed"] == HOAX.strip()
    assert data["reviewRating"]["alternateName"] == "SALAH/HOAKS"
    assert data["reviewRating"]["ratingValue"] == 1 and data["reviewRating"]["bestRating"] == 4
    assert data["itemReviewed"]["@type"] == "Claim"
    assert data["itemReviewed"]["appearance"][0]["url"] == "https://bantuan-makassar.xyz/"
    assert data["author"]["@type"] == "Organization" and data["author"]["name"]
    assert re.fullmatch(r"\d{4}-\d{2}-\d{2}", data["datePublished"])
    assert data["url"].endswith(page.url) and data["url"].startswith("http")
    assert "SALAH/HOAKS" in html and "Dinas Sosial Kota Makassar" in html
    assert "https://wa.me/?text=" in html
    index = Client().get(page.get_parent().url)
    assert index.status_code == 200 and page.title in index.content.decode()


def test_jsonld_cannot_be_closed_by_the_claim(personas, newsroom, editor):
    actions.submit_claim(submitter=personas["citizen"], text=XSS + " </script><b>x</b>")
    claim = Claim.objects.get()
    page = actions.write_verdict(actor=editor, claim=claim, title="Hoaks bansos 5 juta cair",
                                 verdict=Verdict.TIDAK_DAPAT_DIVERIFIKASI,
                                 summary="Belum ada bukti pencairan.",
                                 explanation="Kami belum dapat memastikan klaim ini.")
    html = Client().get(page.url).content.decode()
    assert "<script>alert" not in html and "<img src=x" not in html
    data = jsonld(html)
    assert data["claimReviewed"].startswith("<script>alert")
    assert "ratingValue" not in data["reviewRating"]
    assert data["reviewRating"]["alternateName"] == "TIDAK DAPAT DIVERIFIKASI"


def test_cek_dulu_finds_the_verdict_for_a_forward(personas, newsroom, editor):
    page = published(personas, editor)
    response = Client().get(reverse("factcheck:home"), {"pesan": HOAX_AGAIN})
    html = response.content.decode()
    assert response.status_code == 200 and page.title in html and "SALAH/HOAKS" in html
    unrelated = Client().get(reverse("factcheck:home"), {"pesan": OTHER_CLAIM}).content.decode()
    assert page.title not in unrelated.split("Putusan terbaru")[0]
    api = Client().post(reverse("api-v1:factcheck_check"), {"text": HOAX_AGAIN},
                        content_type="application/json").json()
    assert [m["id"] for m in api["matches"]] == [page.pk] and api["matches"][0]["similarity"] > 0.8


def test_citizen_sends_and_sees_it_escaped(personas, newsroom):
    client = client_of(personas["citizen"])
    form = client.get(reverse("factcheck:send"))
    assert form.status_code == 200
    key = re.search(r'name="idempotency_key" value="([0-9a-f]+)"', form.content.decode()).group(1)
    for _tap in range(2):  # a double tap
        response = client.post(reverse("factcheck:send"), {"text": XSS, "idempotency_key": key})
        assert response.status_code == 302
    assert ClaimSubmission.objects.count() == 1
    mine = client.get(reverse("factcheck:mine")).content.decode()
    assert "&lt;script&gt;alert" in mine and "<script>alert" not in mine
    assert Client().get(reverse("factcheck:send")).status_code == 302  # sign in first


def test_a_refused_message_says_why(personas, newsroom, settings):
    settings.CEK_FAKTA_MAX_PER_ACCOUNT_HOUR = 1
    client = client_of(personas["citizen"])
    empty = client.post(reverse("factcheck:send"), {"text": "  "})
    assert empty.status_code == 400 and "Tempel pesan" in empty.content.decode()
    assert client.post(reverse("factcheck:send"), {"text": HOAX}).status_code == 302
    flood = client.post(reverse("factcheck:send"), {"text": OTHER_CLAIM})
    assert flood.status_code == 429 and "satu jam terakhir" in flood.content.decode()


@pytest.mark.parametrize(("who", "status"), [
    ("citizen", 403), ("officer", 403), ("editor", 200), ("diskominfo_officer", 200),
])
def test_console_only_for_fact_checkers(request, personas, newsroom, who, status):
    person = personas[who] if who in personas else request.getfixturevalue(who)
    actions.submit_claim(submitter=personas["citizen"], text=HOAX)
    claim = Claim.objects.get()
    client = client_of(person)
    assert client.get(reverse("factcheck_console:queue")).status_code == status
    assert client.get(reverse("factcheck_console:claim", args=[claim.public_id])).status_code == status
    response = client.post(reverse("factcheck_console:dismiss", args=[claim.public_id]),
                           {"reason": "Bukan klaim fakta.", "version": claim.version})
    claim.refresh_from_db()
    if status == 403:
        assert response.status_code == 403 and claim.status == Claim.Status.OPEN
    else:
        assert response.status_code == 302 and claim.status == Claim.Status.DISMISSED
    assert Client().get(reverse("factcheck_console:queue")).status_code == 302


def test_console_queue_counts_and_publishes_a_verdict(personas, newsroom, editor):
    actions.submit_claim(submitter=personas["citizen"], text=HOAX)
    actions.submit_claim(submitter=personas["other_citizen"], text=HOAX_AGAIN)
    actions.submit_claim(submitter=personas["other_citizen"], text=XSS)
    client = client_of(editor)
    queue = client.get(reverse("factcheck_console:queue")).content.decode()
    rows = re.findall(r'<tr data-claim="([^"]+)">.*?class="claim-count">(\d+)<', queue, re.S)
    assert [int(count) for _id, count in rows] == [2, 1]
    assert "&lt;script&gt;" in queue and "<script>alert" not in queue
    claim = Claim.objects.get(public_id=rows[0][0])
    detail = client.get(reverse("factcheck_console:claim", args=[claim.public_id]))
    assert detail.status_code == 200
    bad = client.post(reverse("factcheck_console:verdict", args=[claim.public_id]),
                      {"title": "Pendek", "verdict": "salah"})
    assert bad.status_code == 400 and "Judul 10 sampai 255 huruf" in bad.content.decode()
    response = client.post(reverse("factcheck_console:verdict", args=[claim.public_id]), {
        "title": "Hoaks: bantuan tunai Rp5 juta", "verdict": "salah",
        "summary": "Tidak ada program bantuan tunai itu.",
        "explanation": "Dinas Sosial memastikan tidak ada program itu.",
        "sources": "Dinas Sosial | https://makassarkota.go.id/dinsos",
        "version": claim.version, "then": "publish"})
    assert response.status_code == 302
    claim.refresh_from_db()
    assert claim.status == Claim.Status.PUBLISHED and claim.fact_check.live
    assert set(Notification.objects.filter(kind="factcheck.verdict")
               .values_list("recipient_id", flat=True)) == {personas["citizen"].pk,
                                                            personas["other_citizen"].pk}


def test_console_draft_goes_to_wagtail_editor(personas, newsroom, editor):
    actions.submit_claim(submitter=personas["citizen"], text=HOAX)
    claim = Claim.objects.get()
    response = client_of(editor).post(reverse("factcheck_console:verdict", args=[claim.public_id]), {
        "title": "Hoaks: bantuan tunai Rp5 juta", "verdict": "salah",
        "summary": "Tidak ada program bantuan tunai itu.",
        "explanation": "Dinas Sosial memastikan tidak ada program itu.", "then": "draft"})
    page = FactCheckPage.objects.get()
    assert response.status_code == 302 and response["Location"] == reverse(
        "wagtailadmin_pages:edit", args=[page.pk])
    assert not page.live


def test_api_submit_and_mine(personas, newsroom, editor):
    client = client_of(personas["citizen"])
    url = reverse("api-v1:factcheck_submit")
    created = client.post(url, {"text": HOAX}, content_type="application/json",
                          headers={"Idempotency-Key": "a1"})
    again = client.post(url, {"text": HOAX}, content_type="application/json",
                        headers={"Idempotency-Key": "a1"})
    assert created.status_code == 201 and again.json()["id"] == created.json()["id"]
    refused = client.post(url, {"text": ""}, content_type="application/json")
    assert refused.status_code == 400 and refused.json()["details"]["errors"]["text"]
    assert Client().post(url, {"text": HOAX}, content_type="application/json").status_code == 401
    claim = Claim.objects.get()
    actions.write_verdict(actor=editor, claim=claim, title="Hoaks: bantuan tunai Rp5 juta",
                          verdict="salah", summary="Tidak ada program bantuan tunai itu.",
                          explanation="Dinas Sosial memastikan tidak ada program itu.")
    mine = client.get(reverse("api-v1:factcheck_mine")).json()
    assert mine[0]["claim_status"] == "published" and mine[0]["fact_check"]["verdict"] == "salah"
    listing = Client().get(reverse("api-v1:factcheck_list")).json()
    detail = Client().get(reverse("api-v1:factcheck_detail", args=[listing["items"][0]["id"]]))
    assert detail.json()["claim_review"]["@type"] == "ClaimReview"
