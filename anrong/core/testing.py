"""Helpers for tests across apps."""

from __future__ import annotations

from typing import Any

from .concurrency import run_coroutine

# Async code in tests: a fresh loop on its own thread (Playwright keeps one running on ours).
run_async = run_coroutine


# --- Seeded reference data, once per database ---------------------------------------------------
# The catalogue (agencies, offices, services) takes ~0.5 s to seed through its actions and more
# than 600 tests per database want it. The first test that asks runs the real seeders and
# remembers the rows they wrote; later tests get the same rows back in one bulk insert per table.
# A test that starts with any of those tables non-empty (a transactional test's leftovers, rows
# it made itself) runs the seeders instead, so the shortcut never changes what a test sees.
_snapshots: dict[tuple[str, str], list[tuple[Any, list[dict[str, Any]]]]] = {}


def _table_counts() -> dict[Any, int]:
    from django.apps import apps

    return {model: model._base_manager.count()
            for model in apps.get_models(include_auto_created=True) if model._meta.managed
            and not model._meta.proxy}


def _insertable(model: Any) -> list[str]:
    from django.db.models import GeneratedField

    return [f.attname for f in model._meta.concrete_fields if not isinstance(f, GeneratedField)]


def seed_once(name: str, seed: Any) -> None:
    """Run `seed()` in this test, the first time through the seeders and afterwards from the rows
    they wrote the first time (same primary keys; sequences moved past them)."""
    from django.core.management.color import no_style
    from django.db import connection, transaction

    key = (name, f"{connection.vendor}:{connection.settings_dict['NAME']}")
    snapshot = _snapshots.get(key)
    if snapshot is not None and not any(m._base_manager.exists() for m, _rows in snapshot):
        with transaction.atomic():
            for model, rows in snapshot:
                model._base_manager.bulk_create([model(**row) for row in rows])
            statements = connection.ops.sequence_reset_sql(no_style(), [m for m, _rows in snapshot])
            if statements:
                with connection.cursor() as cursor:
                    for sql in statements:
                        cursor.execute(sql)
        return
    before = _table_counts()
    seed()
    if snapshot is None:
        after = _table_counts()
        grown = [model for model, count in after.items() if count > before.get(model, 0)]
        # Only tables that were empty before: rows that were already there are not the seed's.
        if all(before.get(model, 0) == 0 for model in grown):
            _snapshots[key] = [(model, list(model._base_manager.values(*_insertable(model))))
                               for model in grown]
