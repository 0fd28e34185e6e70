#!/usr/bin/env python
"""Makaverse News at 50,000 articles: the readers' list, an article and a search, measured on
SQLite (and PostgreSQL when asked and reachable).

    .venv/bin/python bench/news.py [--articles 50000] [--requests 300]
                                   [--engines sqlite[,postgres]] [--keep]

Each engine gets a throwaway database (benchkit): SQLite in var/bench/news.sqlite3, PostgreSQL as
`anrong_bench_news`. The child migrates it, seeds the regions, agencies and the page tree, then
the articles without going through Wagtail's `add_child` 50,000 times: the treebeard paths of
the news index's children are computed (`Page._get_path`), the `wagtailcore_page` rows are
bulk-created and the `news_articlepage` rows inserted beside them (multi-table inheritance), the
tags bulk-created, and the search index filled by Wagtail's own backend (`add_bulk`) in chunks.
Bodies are six paragraphs of Indonesian words (about 3 KB), a quarter with a quote.

It then drives the pages in-process through django.test.Client with production settings
(DEBUG off, the static manifest collected): "server time" is the time Django takes to answer.

Measures (p50/p95 ms and queries):
- list: /berita/ pages 1–5, a category, a tag, and the API list /api/v1/news/;
- article: /berita/<slug>/ of random articles, and the API detail;
- search: /berita/cari/?q= and the API with q= for one- and two-word queries from the bodies;
- bytes: an article page's HTML gzip-compressed (what goes over the wire with compression), and
  with the CSS and JS it loads (their pre-compressed .gz, as whitenoise serves them), no images.
Target: p95 under 100 ms; an article page under 150 KB.
"""

from __future__ import annotations

import gzip
import itertools
import json
import random
import re
import time
import uuid

from benchkit import count_queries, seeded_bench, summary, timed

PG_DB = "anrong_bench_news"
RESULT_MARK = "NEWS-RESULT "
CATEGORIES = ["pemerintahan", "kesehatan", "ekonomi", "pendidikan", "infrastruktur", "budaya",
              "olahraga"]
WORDS = ("warga kota makassar pemerintah dinas layanan jalan pasar sekolah puskesmas rumah sakit "
         "banjir drainase pantai losari kecamatan kelurahan anggaran pembangunan perbaikan program "
         "bantuan sosial kesehatan pendidikan guru murid olahraga stadion budaya festival kuliner "
         "coto konro pisang epe pelabuhan bandara transportasi angkot pete-pete lampu taman sampah "
         "kebersihan air bersih pdam listrik jaringan internet digital aplikasi pelayanan publik "
         "wali kota wakil camat lurah rt rw musyawarah rapat kerja sosialisasi vaksinasi imunisasi "
         "gizi anak ibu hamil lansia disabilitas pajak retribusi investasi umkm pedagang nelayan "
         "petani harga beras cabai minyak goreng inflasi ekonomi wisata hotel trotoar jembatan").split()


# The text of real news is Zipfian: a few function words in every article, a long tail of rare
# ones, and each article about a few topics that recur in it. Bodies are drawn that way: the
# function words below, then the Indonesian root words of the Sastrawi dictionary (shipped in
# the PySastrawi package) ranked in a fixed random order, sampled with weights 1/rank; each
# article adds two or three topic words from WORDS (so a topic word is in a few percent of the
# articles, as "banjir" or "puskesmas" would be). An earlier corpus drew every word uniformly
# from WORDS alone: each of them was then in 97% of the articles, a search matched nearly all
# 50,000, and no newsroom's text looks like that.
FUNCTION_WORDS = ("yang dan di ke dari untuk dengan ini itu pada dalam akan tidak juga oleh "
                  "sebagai kami telah bahwa ada sudah karena para lebih agar saat masih").split()
_vocabulary: list[str] = []
_weights: list[float] = []  # cumulative, for random.choices(cum_weights=): O(log n) a draw


def vocabulary() -> tuple[list[str], list[float]]:
    if not _vocabulary:
        from pathlib import Path

        import Sastrawi

        roots = (Path(Sastrawi.__file__).parent / "Stemmer" / "data" / "kata-dasar.txt").read_text()
        words = sorted({w.strip() for w in roots.split() if w.strip().isalpha()} - set(WORDS))
        random.Random(7).shuffle(words)
        _vocabulary.extend(FUNCTION_WORDS + words)
        _weights.extend(itertools.accumulate(1.0 / (rank + 1) for rank in range(len(_vocabulary))))
    return _vocabulary, _weights


def sentence(rng: random.Random, n: int, topics: tuple[str, ...] = ()) -> str:
    words, weights = vocabulary()
    chosen = rng.choices(words, cum_weights=weights, k=n)
    for topic in topics:
        if rng.random() < 0.5:
            chosen[rng.randrange(n)] = topic
    return " ".join(chosen).capitalize() + "."


def print_table(results: dict[str, dict]) -> None:
    print("\nMakaverse News bench: in-process Django server time (django.test.Client), DEBUG off")
    header = f"{'engine':<9} {'measure':<52} {'n':>5} {'p50 ms':>8} {'p95 ms':>8} {'queries':>8}"
    print(header)
    print("-" * len(header))
    for engine, r in results.items():
        seed = r["seeding"]
        print(f"{engine:<9} seeding: {seed['articles']:,} articles in {seed['total_s']:.0f} s "
              f"(rows {seed['insert_s']:.0f} s, search index {seed['index_s']:.0f} s)")
        for row in r["measures"]:
            queries = "/".join(str(q) for q in sorted(set(row["queries"])))
            print(f"{engine:<9} {row['label']:<52} {row['n']:>5} {row['p50']:>8.1f} "
                  f"{row['p95']:>8.1f} {queries:>8}")
        for note in r["notes"]:
            print(f"{engine:<9} {note}")
    print("\nTarget: p95 < 100 ms for the list, an article and a search; article page < 150 KB.")


# --- The child ----------------------------------------------------------------------------------

def seed(n_articles: int, rng: random.Random) -> dict:
    from django.contrib.contenttypes.models import ContentType
    from django.core.management import call_command
    from django.db import connection, transaction
    from django.utils import timezone
    from taggit.models import Tag
    from wagtail.models import Locale, Page
    from wagtail.search.backends import get_search_backend

    from anrong.agencies.models import Agency
    from anrong.agencies.seed import seed_agencies
    from anrong.core.models import Region
    from anrong.core.seed import seed_regions
    from anrong.news.models import ArticlePage, ArticleTag
    from anrong.news.pages import ensure_newsroom

    started = time.perf_counter()
    call_command("migrate", verbosity=0, interactive=False)
    call_command("collectstatic", verbosity=0, interactive=False)  # pages use the manifest
    seed_regions()
    seed_agencies()
    news, _checks = ensure_newsroom()
    kecamatan = list(Region.objects.filter(level="kecamatan", code__startswith="73.71.")
                     .values_list("code", flat=True))
    agencies = list(Agency.objects.values_list("pk", flat=True))
    content_type = ContentType.objects.get_for_model(ArticlePage)
    locale_id = Locale.get_default().pk
    tags = [Tag.objects.create(name=f"topik {w} {i}", slug=f"topik-{w}-{i}")
            for i, w in enumerate(rng.sample(WORDS, 60))]
    now = timezone.now()
    table = ArticlePage._meta.db_table
    columns = ["page_ptr_id", "lead", "body", "category", "kecamatan_id", "source_agency_id",
               "lead_image_id"]
    insert_sql = (f"INSERT INTO {table} ({', '.join(columns)}) "  # noqa: S608 (our own names)
                  f"VALUES ({', '.join(['%s'] * len(columns))})")
    first_step = news.numchild + 1
    insert_s = 0.0
    chunk = 2000
    for start in range(0, n_articles, chunk):
        pages, extra = [], []
        for i in range(start, min(start + chunk, n_articles)):
            topics = tuple(rng.sample(WORDS, rng.choice([2, 3])))
            title = f"{' '.join(topics).capitalize()} {sentence(rng, 5)[:-1].lower()} {i}"
            slug = f"berita-{i}"
            published = now - dt_minutes(i * 15 + rng.randint(0, 10))
            pages.append(Page(
                title=title, draft_title=title, slug=slug, content_type=content_type,
                path=Page._get_path(news.path, news.depth + 1, first_step + i),
                depth=news.depth + 1, numchild=0, url_path=f"{news.url_path}{slug}/",
                live=True, has_unpublished_changes=False, first_published_at=published,
                last_published_at=published, latest_revision_created_at=published,
                locale_id=locale_id, translation_key=uuid.uuid4()))
            blocks = [{"type": "paragraph", "id": str(uuid.uuid4()),
                       "value": "<p>" + " ".join(sentence(rng, rng.randint(12, 22), topics)
                                                 for _s in range(3)) + "</p>"}
                      for _p in range(6)]
            if rng.random() < 0.25:
                blocks.insert(3, {"type": "quote", "id": str(uuid.uuid4()),
                                  "value": {"text": sentence(rng, 15), "attribution": "Camat"}})
            extra.append((sentence(rng, 25, topics), json.dumps(blocks), rng.choice(CATEGORIES),
                          rng.choice(kecamatan) if rng.random() < 0.7 else None,
                          rng.choice(agencies), None))
        t0 = time.perf_counter()
        with transaction.atomic():
            created = Page.objects.bulk_create(pages)
            if created[0].pk is None:  # a backend that does not return ids
                by_path = dict(Page.objects.filter(path__in=[p.path for p in pages])
                               .values_list("path", "pk"))
                ids = [by_path[p.path] for p in pages]
            else:
                ids = [p.pk for p in created]
            with connection.cursor() as cursor:
                cursor.executemany(insert_sql, [(pk, *row) for pk, row in zip(ids, extra, strict=True)])
            ArticleTag.objects.bulk_create([
                ArticleTag(content_object_id=pk, tag=t) for pk in ids for t in rng.sample(tags, 2)])
        insert_s += time.perf_counter() - t0
    Page.objects.filter(pk=news.pk).update(numchild=news.numchild + n_articles)
    t0 = time.perf_counter()
    backend = get_search_backend()
    qs = ArticlePage.objects.order_by("pk")
    last = 0
    while True:
        batch = list(qs.filter(pk__gt=last).prefetch_related("tags")[:1000])
        if not batch:
            break
        backend.add_bulk(ArticlePage, batch)
        last = batch[-1].pk
    index_s = time.perf_counter() - t0
    with connection.cursor() as cursor:
        cursor.execute("VACUUM ANALYZE" if connection.vendor == "postgresql" else "ANALYZE")
    return {"articles": ArticlePage.objects.count(), "insert_s": insert_s, "index_s": index_s,
            "total_s": time.perf_counter() - started}


def dt_minutes(n: int):  # type: ignore[no-untyped-def]
    import datetime as dt

    return dt.timedelta(minutes=n)


def page_bytes(client, path: str) -> dict:  # type: ignore[no-untyped-def]
    """An article page over the wire, compressed: its HTML, and the CSS/JS it loads."""
    from django.conf import settings

    html = client.get(path).content
    assets = re.findall(rb'(?:href|src)="(/static/[^"]+\.(?:css|js))"', html)
    asset_gz = 0
    for url in assets:
        name = url.decode()[len(settings.STATIC_URL):]
        file = settings.STATIC_ROOT / name
        gz = file.with_name(file.name + ".gz")
        asset_gz += gz.stat().st_size if gz.exists() else len(gzip.compress(file.read_bytes()))
    return {"html": len(html), "html_gz": len(gzip.compress(html, 6)), "assets": len(assets),
            "assets_gz": asset_gz}


def measure(n_requests: int, rng: random.Random) -> dict:
    from django.test import Client
    from taggit.models import Tag

    from anrong.news.models import ArticlePage

    client = Client()
    measures, notes = [], []
    ids = list(ArticlePage.objects.values_list("pk", "slug"))
    tag_slugs = list(Tag.objects.values_list("slug", flat=True))

    def run(label: str, make) -> None:  # type: ignore[no-untyped-def]
        for _w in range(5):
            timed(client, *make())
        samples = [timed(client, *make()) for _i in range(n_requests)]
        queries = [count_queries(client, *make()) for _q in range(3)]
        measures.append(summary(label, samples, queries))

    lists = [("/berita/", {}), ("/berita/", {"halaman": 3}), ("/berita/", {"halaman": 5}),
             ("/berita/kategori/kesehatan/", {}), ("/berita/kategori/olahraga/", {"halaman": 2})]
    run("list /berita/ (pages 1-5, categories)", lambda: rng.choice(lists))
    run("list /berita/tag/<slug>/", lambda: (f"/berita/tag/{rng.choice(tag_slugs)}/", {}))
    run("list API /api/v1/news/ (+category)", lambda: rng.choice(
        [("/api/v1/news/", {}), ("/api/v1/news/", {"category": "budaya"}),
         ("/api/v1/news/", {"page": 4})]))
    run("article /berita/<slug>/", lambda: (f"/berita/{rng.choice(ids)[1]}/", {}))
    run("article API /api/v1/news/<id>", lambda: (f"/api/v1/news/{rng.choice(ids)[0]}", {}))

    def query() -> str:
        """What readers type: one or two topic words ("banjir", "pasar sentral")."""
        return " ".join(rng.sample(WORDS, rng.choice([1, 2])))

    def common() -> str:
        """The worst case: a word in nearly every article ("yang", as a newsroom's city name)."""
        return rng.choice(FUNCTION_WORDS[:5])

    run("search /berita/cari/?q= (1-2 topic words)", lambda: ("/berita/cari/", {"q": query()}))
    run("search API /api/v1/news/?q= (1-2 topic words)", lambda: ("/api/v1/news/", {"q": query()}))
    run("search /berita/cari/?q= (a word in every article)",
        lambda: ("/berita/cari/", {"q": common()}))
    sizes = [page_bytes(client, f"/berita/{rng.choice(ids)[1]}/") for _i in range(5)]
    worst = max(sizes, key=lambda s: s["html_gz"] + s["assets_gz"])
    notes.append(f"article page: HTML {worst['html'] / 1024:.1f} KB, gzip {worst['html_gz'] / 1024:.1f} KB; "
                 f"with its {worst['assets']} CSS/JS files gzip "
                 f"{(worst['html_gz'] + worst['assets_gz']) / 1024:.1f} KB (no images)")
    hits = [len(client.get("/api/v1/news/", {"q": query()}).json()["items"]) for _i in range(10)]
    notes.append(f"search: results on the first page for 10 random queries: {hits}")
    return {"measures": measures, "notes": notes, "bytes": worst}


def main() -> None:
    seeded_bench(doc=__doc__ or "", script=__file__, items="articles", count=50_000,
                 engines="sqlite", pg_db=PG_DB, name="news", mark=RESULT_MARK, seed=seed,
                 measure=measure, print_table=print_table)


if __name__ == "__main__":
    main()
