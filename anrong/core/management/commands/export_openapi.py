"""Write the API's OpenAPI schema to a file (committed as docs/openapi.json; a test fails when the
code and the committed file disagree, so every API change is seen in review)."""

from __future__ import annotations

import json
from pathlib import Path

from django.core.management.base import BaseCommand


def schema_text() -> str:
    from config.api import api

    schema = api.get_openapi_schema(path_prefix="/api/v1")
    return json.dumps(schema, indent=2, ensure_ascii=False, sort_keys=True) + "\n"


class Command(BaseCommand):
    help = "Tulis skema OpenAPI ke berkas. / Write the OpenAPI schema to a file."

    def add_arguments(self, parser):  # type: ignore[no-untyped-def]
        parser.add_argument("path", nargs="?", default="docs/openapi.json")

    def handle(self, *args, path: str, **options):  # type: ignore[no-untyped-def]
        Path(path).write_text(schema_text(), encoding="utf-8")
        self.stdout.write(f"OpenAPI schema written to {path}")
