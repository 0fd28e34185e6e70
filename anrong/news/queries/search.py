"""Search of published articles, newest first, with Wagtail's database search.

Wagtail's backend (modelsearch) finds the matching index entries, joins each to its object id
and keeps the articles among them: the cost grows with the number of matches. For a word a
reader types about one topic ("banjir": a few percent of the articles) that is fine; for a word
in nearly every article ("makassar", "yang") it was 300-500 ms at 50,000 articles on SQLite,
most of it reading the object id of 48,000 index rows of 3 KB each.

When a query matches many entries, the newest matches are instead found by walking the newest
articles (the publishing-date index) and asking the full-text index about each one
(`EXISTS … MATCH … AND rowid = …`: a seek, not a scan). The walk is bounded to a window of the
newest `window` articles; when the window holds too few matches for the page, Wagtail's own
path answers. Both paths use Wagtail's own query compiler, so they match the same words in the
same fields (SQLite FTS5 here; PostgreSQL's full text uses Wagtail's path, its planner already
walks the date index for common words).
"""

from __future__ import annotations

from typing import Any

from django.db import connection
from django.db.models import CharField, Exists, OuterRef, QuerySet
from django.db.models.functions import Cast

from .order import newest_first

# A query with at least this many full-text matches (any model) is "common": walk the newest.
COMMON = 1000
# How many of the newest articles the walk looks at for each result it needs.
WINDOW_PER_RESULT = 50


def newest_matches(qs: QuerySet, q: str, start: int, stop: int) -> list[int]:
    """The ids of the matches of `q` among `qs`, newest first, from `start` to `stop`."""
    if connection.vendor == "sqlite":
        ids = _walk_newest_sqlite(qs, q, start, stop)
        if ids is not None:
            return ids
    hits = qs.order_by("-first_published_at").search(q, order_by_relevance=False)
    return [hit.pk for hit in hits[start:stop]]


def _walk_newest_sqlite(qs: QuerySet, q: str, start: int, stop: int) -> list[int] | None:
    """The newest matches by walking the date index, or None when Wagtail's path is better
    (a rare word, a negated query) or the window holds too few matches."""
    from modelsearch.backends.database.sqlite.query import MatchExpression, normalize
    from modelsearch.backends.database.sqlite.sqlite import SQLiteFTSIndexEntry
    from modelsearch.query import MatchAll, Not
    from modelsearch.utils import get_descendants_content_types_pks
    from wagtail.search.backends import get_search_backend

    backend = get_search_backend()
    compiler = backend.query_compiler_class(qs, q, order_by_relevance=False)
    compiler.check()
    normalized = normalize(compiler.query)
    if isinstance(normalized, MatchAll | Not):
        return None
    match = MatchExpression(compiler.fields or compiler.FTS_TABLE_FIELDS,
                            compiler.build_search_query(normalized, config=compiler.get_config(backend)))
    if SQLiteFTSIndexEntry.objects.filter(match)[:COMMON].count() < COMMON:
        return None
    window = stop * WINDOW_PER_RESULT
    newest = newest_first(qs)
    edge = (qs.order_by("-first_published_at").values_list("first_published_at", flat=True)
            [window - 1:window].first())
    entries = SQLiteFTSIndexEntry.objects.filter(match).filter(
        index_entry__content_type_id__in=get_descendants_content_types_pks(qs.model),
        index_entry__object_id=Cast(OuterRef("pk"), output_field=CharField()))
    walk: Any = newest.filter(Exists(entries))
    if edge is not None:
        walk = walk.filter(first_published_at__gte=edge)
    ids = list(walk.values_list("pk", flat=True)[start:stop])
    if len(ids) < stop - start and edge is not None:
        return None  # too few in the window: the matches are rarer than they looked
    return ids
