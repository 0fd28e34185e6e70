"""The mobile app's news API at /api/v1/news/: the list with its filters and pages, one article
with typed body blocks and image renditions."""

from __future__ import annotations

import io

import pytest
from django.core.files.images import ImageFile
from PIL import Image as PILImage
from wagtail.images import get_image_model

from anrong.core.models import Region

from .fixtures_newsroom import at, make_article

pytestmark = pytest.mark.django_db


def a_photo():  # type: ignore[no-untyped-def]
    buffer = io.BytesIO()
    PILImage.new("RGB", (1200, 800), (10, 77, 104)).save(buffer, "JPEG")
    return get_image_model().objects.create(title="Pantai Losari", file=ImageFile(buffer, name="losari.jpg"))


@pytest.fixture
def articles(newsroom):  # type: ignore[no-untyped-def]
    kecamatan = Region.objects.filter(level="kecamatan").order_by("code").first()
    photo = a_photo()
    health = make_article(title="Vaksinasi gratis di Pantai Losari", category="kesehatan",
                          tags=("vaksin",), kecamatan=kecamatan, published_at=at(2026, 11, 22))
    health.lead_image = photo
    health.body = [("paragraph", "<p>Datang <b>pagi</b>.</p>"),
                   ("quote", {"text": "Ayo vaksin.", "attribution": "Kadinkes"}),
                   ("image", {"image": photo, "caption": "Antrean warga"})]
    health.save_revision().publish()
    sport = make_article(title="PSM menang di Parepare", category="olahraga",
                         published_at=at(2026, 11, 20))
    make_article(title="Draf rahasia", live=False)
    return {"health": health, "sport": sport, "kecamatan": kecamatan}


def test_the_list_is_public_newest_first_and_cacheable(client, articles):
    response = client.get("/api/v1/news/")

    assert response.status_code == 200
    assert response["Cache-Control"] == "public, max-age=60"
    body = response.json()
    assert [i["title"] for i in body["items"]] == ["Vaksinasi gratis di Pantai Losari",
                                                   "PSM menang di Parepare"]
    first = body["items"][0]
    assert first["category_label"] == "Kesehatan"
    assert first["url"] == "http://testserver/berita/vaksinasi-gratis-di-pantai-losari/"
    assert first["share_url"].startswith("https://wa.me/?text=Vaksinasi%20gratis")
    assert first["image"]["thumbnail"].endswith(".webp")
    assert body["has_next"] is False and body["page"] == 1


@pytest.mark.parametrize(("query", "titles"), [
    ({"category": "olahraga"}, ["PSM menang di Parepare"]),
    ({"tag": "vaksin"}, ["Vaksinasi gratis di Pantai Losari"]),
    ({"q": "Parepare"}, ["PSM menang di Parepare"]),
    ({"q": "rahasia"}, []),
])
def test_the_list_filters(client, articles, query, titles):
    body = client.get("/api/v1/news/", query).json()

    assert [i["title"] for i in body["items"]] == titles


def test_the_list_filters_by_kecamatan_and_pages(client, settings, articles):
    settings.NEWS_PAGE_SIZE = 1
    by_place = client.get("/api/v1/news/", {"kecamatan": articles["kecamatan"].code}).json()
    page2 = client.get("/api/v1/news/", {"page": 2}).json()

    assert [i["title"] for i in by_place["items"]] == ["Vaksinasi gratis di Pantai Losari"]
    assert page2["page"] == 2 and [i["title"] for i in page2["items"]] == ["PSM menang di Parepare"]
    assert client.get("/api/v1/news/", {"category": "gosip"}).status_code == 400


def test_one_article_has_its_body_as_blocks_and_drafts_are_404(client, articles):
    health = articles["health"]

    body = client.get(f"/api/v1/news/{health.pk}").json()

    assert body["tags"] == ["vaksin"]
    assert [b["type"] for b in body["body"]] == ["paragraph", "quote", "image"]
    assert body["body"][0]["html"] == "<p>Datang <b>pagi</b>.</p>"
    assert body["body"][1] == {"type": "quote", "html": None, "image": None, "caption": None,
                               "text": "Ayo vaksin.", "attribution": "Kadinkes", "url": None}
    assert body["body"][2]["image"]["large"].endswith(".webp")
    assert body["image"]["small"].endswith(".webp")
    draft = make_article(title="Draf kedua", live=False)
    assert client.get(f"/api/v1/news/{draft.pk}").status_code == 404
    assert client.get("/api/v1/news/999999").status_code == 404
