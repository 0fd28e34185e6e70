"""Search, newest first, answers the same through both of its paths (queries/search.py): Wagtail's
(every match joined to its article) and the walk over the newest articles (for common words),
which falls back to Wagtail's when its window holds too few matches."""

from __future__ import annotations

import pytest
from django.db import connection

from anrong.news.queries import search
from anrong.news.queries.articles import list_articles, published

from .fixtures_newsroom import at, make_article

pytestmark = pytest.mark.django_db

sqlite_only = pytest.mark.skipif(connection.vendor != "sqlite",
                                 reason="the walk is SQLite's (PostgreSQL plans it itself)")


@pytest.fixture
def many(newsroom):  # type: ignore[no-untyped-def]
    """Twelve articles a day apart, newest last; every third one about banjir."""
    return [make_article(title=f"Berita hari ke-{i}", category="pemerintahan",
                         paragraphs=(("Banjir di Manggala surut. " if i % 3 == 0 else "")
                                     + f"Warga kota bekerja bakti, hari ke-{i}.",),
                         published_at=at(2026, 10, 1 + i, 9, 0)) for i in range(12)]


def wagtails(q: str, start: int, stop: int) -> list[int]:
    hits = published().order_by("-first_published_at").search(q, order_by_relevance=False)
    return [hit.pk for hit in hits[start:stop]]


@sqlite_only
@pytest.mark.parametrize("q", ["warga", "banjir", "banjir manggala", "kota -banjir", "tidakada"])
def test_the_walk_finds_what_wagtails_path_finds_in_the_same_order(monkeypatch, many, q):
    monkeypatch.setattr(search, "COMMON", 1)   # every query counts as common: the walk answers
    walked = search._walk_newest_sqlite(published(), q, 0, 5)
    expected = wagtails(q, 0, 5)
    if q == "kota -banjir" or q == "tidakada":
        assert walked is None or walked == expected
    else:
        assert walked == expected and walked
    for start in (0, 2, 4):
        assert search.newest_matches(published(), q, start, start + 3) == wagtails(q, start, start + 3)


@sqlite_only
def test_a_common_word_is_walked_and_a_rare_one_goes_through_wagtail(monkeypatch, many):
    monkeypatch.setattr(search, "COMMON", 10)
    assert search._walk_newest_sqlite(published(), "warga", 0, 3) == wagtails("warga", 0, 3)
    assert search._walk_newest_sqlite(published(), "banjir", 0, 3) is None   # 4 matches < 10


@sqlite_only
def test_a_window_with_too_few_matches_falls_back_to_wagtails_path(monkeypatch, many):
    monkeypatch.setattr(search, "COMMON", 1)
    monkeypatch.setattr(search, "WINDOW_PER_RESULT", 1)   # 3 newest articles for 3 results
    # Of the three newest (days 11, 10, 9) only day 9 is about banjir: the walk gives up...
    assert search._walk_newest_sqlite(published(), "banjir", 0, 3) is None
    # ...and the answer is still the three newest banjir articles (days 9, 6, 3).
    ids = search.newest_matches(published(), "banjir", 0, 3)
    assert ids == [many[9].pk, many[6].pk, many[3].pk]


def test_the_readers_search_pages_through_the_newest_matches(many):
    first = list_articles(q="banjir", page_size=2)
    second = list_articles(q="banjir", page=2, page_size=2)
    assert [a.pk for a in first.articles] == [many[9].pk, many[6].pk] and first.has_next
    assert [a.pk for a in second.articles] == [many[3].pk, many[0].pk] and not second.has_next


def test_the_list_is_newest_first_with_ties_broken_the_same_way_every_time(newsroom):
    same = at(2026, 10, 5, 9, 0)
    made = [make_article(title=f"Serentak {i}", published_at=same) for i in range(4)]
    pages = [list_articles(page=p, page_size=2).articles for p in (1, 2)]
    shown = [a.pk for page in pages for a in page]
    assert sorted(shown) == sorted(a.pk for a in made)      # none twice, none missing
    assert shown == [a.pk for p in (1, 2) for a in list_articles(page=p, page_size=2).articles]
