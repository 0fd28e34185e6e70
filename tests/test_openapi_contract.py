"""The committed API contract (docs/openapi.json) must match the code."""

from pathlib import Path

from anrong.core.management.commands.export_openapi import schema_text

COMMITTED = Path(__file__).resolve().parent.parent / "docs" / "openapi.json"


def test_committed_openapi_schema_matches_the_code():
    assert COMMITTED.exists(), "docs/openapi.json is missing: run `make openapi` and commit it."
    assert COMMITTED.read_text(encoding="utf-8") == schema_text(), (
        "The API changed but docs/openapi.json did not: run `make openapi` and commit the result."
    )


def test_schema_and_docs_are_served(client):
    response = client.get("/api/v1/openapi.json")
    assert response.status_code == 200
    assert response.json()["info"]["title"] == "Anrong API"
    assert client.get("/api/v1/docs").status_code == 200
