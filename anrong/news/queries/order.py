"""Newest first, in the order the publishing-date index already has.

Pages are ordered by `first_published_at`, ties by id, so that paging is stable. On SQLite,
adding the id as a second key (Django writes it as the child table's `page_ptr_id`) made the
planner sort all 50,000 published articles for every list (33 ms at p50); ordered by the date
alone it walks the index, whose entries end with the page's rowid, so ties come out by id
anyway. PostgreSQL walks the date index with the second key too (incremental sort)."""

from __future__ import annotations

from django.db import connection
from django.db.models import QuerySet


def newest_first(qs: QuerySet) -> QuerySet:
    if connection.vendor == "sqlite":
        return qs.order_by("-first_published_at")
    return qs.order_by("-first_published_at", "-id")
