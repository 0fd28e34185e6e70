"""Readers' pages: the list, a category, a tag, search, an article, and the feeds."""

from __future__ import annotations

import xml.etree.ElementTree as ET  # noqa: S405 (parsing our own feed output)
from urllib.parse import unquote

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext

from anrong.core.models import Region

from .fixtures_newsroom import at, make_article

pytestmark = pytest.mark.django_db


@pytest.fixture
def articles(newsroom):  # type: ignore[no-untyped-def]
    kecamatan = Region.objects.filter(level="kecamatan").first()
    return {
        "puskesmas": make_article(title="Puskesmas Kassi-Kassi buka 24 jam", category="kesehatan",
                                  lead="Layanan gawat darurat kini tanpa jeda malam.",
                                  tags=("puskesmas", "layanan malam"), kecamatan=kecamatan,
                                  paragraphs=("Warga Rappocini dapat berobat kapan saja.",),
                                  published_at=at(2026, 11, 22, 10, 30)),
        "jalan": make_article(title="Perbaikan Jalan Perintis Kemerdekaan", category="infrastruktur",
                              lead="Dinas PU menambal lubang sepanjang dua kilometer.",
                              tags=("jalan",), published_at=at(2026, 11, 21, 8, 5)),
        "draft": make_article(title="Rancangan anggaran belum final", live=False),
    }


def test_the_list_shows_published_articles_newest_first_in_wita(client, articles):
    response = client.get("/berita/")

    assert response.status_code == 200
    html = response.content.decode()
    assert html.index("Puskesmas Kassi-Kassi") < html.index("Perbaikan Jalan Perintis")
    assert "Rancangan anggaran" not in html
    assert "22 November 2026, 10.30 WITA" in html
    assert 'href="/berita/puskesmas-kassi-kassi-buka-24-jam/"' in html


def test_the_list_costs_the_same_few_queries_for_2_or_20_articles(client, articles):
    def count() -> int:
        client.get("/berita/")  # warm: the alert banner is cached for a minute (anrong.alerts), not a cost of this page
        with CaptureQueriesContext(connection) as ctx:
            assert client.get("/berita/").status_code == 200
        return len(ctx.captured_queries)

    few = count()
    for n in range(18):
        make_article(title=f"Berita nomor {n}", published_at=at(2026, 10, 1 + n))
    assert count() == few
    assert few <= 6


def test_the_list_paginates_without_counting(client, settings, articles):
    settings.NEWS_PAGE_SIZE = 1

    first = client.get("/berita/").content.decode()
    second = client.get("/berita/?halaman=2").content.decode()

    assert "Puskesmas" in first and "halaman=2" in first
    assert "Perbaikan Jalan" in second and "halaman=3" not in second
    assert client.get("/berita/?halaman=abc").status_code == 200


def test_a_category_page_lists_only_its_articles_and_unknown_ones_are_404(client, articles):
    html = client.get("/berita/kategori/kesehatan/").content.decode()

    assert "Puskesmas Kassi-Kassi" in html and "Jalan Perintis" not in html
    assert client.get("/berita/kategori/gosip/").status_code == 404


def test_a_tag_page_lists_the_tagged_articles(client, articles):
    html = client.get("/berita/tag/jalan/").content.decode()

    assert "Jalan Perintis" in html and "Puskesmas" not in html
    assert client.get("/berita/tag/tidak-ada/").status_code == 404


def test_search_finds_articles_by_words_in_title_lead_and_body(client, articles):
    by_title = client.get("/berita/cari/", {"q": "puskesmas"}).content.decode()
    by_body = client.get("/berita/cari/", {"q": "Rappocini"}).content.decode()
    nothing = client.get("/berita/cari/", {"q": "kapal pesiar"}).content.decode()

    assert "Puskesmas Kassi-Kassi" in by_title and "Jalan Perintis" not in by_title
    assert "Puskesmas Kassi-Kassi" in by_body
    assert "Tidak ada berita yang cocok" in nothing
    assert "Rancangan" not in client.get("/berita/cari/", {"q": "anggaran"}).content.decode()


def test_search_escapes_what_it_echoes(client, articles):
    html = client.get("/berita/cari/", {"q": "<script>alert(1)</script>"}).content.decode()

    assert "<script>alert(1)</script>" not in html
    assert "&lt;script&gt;alert(1)&lt;/script&gt;" in html


def test_an_article_page_has_its_lead_date_tags_and_a_whatsapp_share_link(client, articles):
    response = client.get("/berita/puskesmas-kassi-kassi-buka-24-jam/")

    assert response.status_code == 200
    html = response.content.decode()
    assert "<h1>Puskesmas Kassi-Kassi buka 24 jam</h1>" in html
    assert "22 November 2026, 10.30 WITA" in html
    assert 'href="/berita/tag/puskesmas/"' in html
    share = html.split('href="https://wa.me/?text=')[1].split('"')[0]
    assert unquote(share) == ("Puskesmas Kassi-Kassi buka 24 jam "
                              "http://testserver/berita/puskesmas-kassi-kassi-buka-24-jam/")
    assert client.get("/berita/rancangan-anggaran-belum-final/").status_code == 404


def test_the_rss_and_atom_feeds_carry_the_latest_articles(client, articles):
    rss = client.get("/berita/rss/")
    atom = client.get("/berita/atom/")
    category_rss = client.get("/berita/kategori/infrastruktur/rss/")

    assert rss["Content-Type"].startswith("application/rss+xml")
    items = ET.fromstring(rss.content).findall("./channel/item")  # noqa: S314
    assert [i.findtext("title") for i in items] == ["Puskesmas Kassi-Kassi buka 24 jam",
                                                    "Perbaikan Jalan Perintis Kemerdekaan"]
    assert items[0].findtext("link") == "http://testserver/berita/puskesmas-kassi-kassi-buka-24-jam/"
    ns = {"a": "http://www.w3.org/2005/Atom"}
    entries = ET.fromstring(atom.content).findall("a:entry", ns)  # noqa: S314
    assert len(entries) == 2 and entries[0].find("a:title", ns).text.startswith("Puskesmas")
    cat_items = ET.fromstring(category_rss.content).findall("./channel/item")  # noqa: S314
    assert [i.findtext("title") for i in cat_items] == ["Perbaikan Jalan Perintis Kemerdekaan"]
