"""The ASGI entry point serves Django over HTTP in one hop per request (config/handler.py)."""

import asyncio

import pytest
from asgiref.testing import ApplicationCommunicator

from anrong.core.testing import run_async
from config.asgi import application


async def _get(path: str, headers=None):  # type: ignore[no-untyped-def]
    scope = {
        "type": "http", "asgi": {"version": "3.0"}, "http_version": "1.1", "method": "GET",
        "scheme": "http", "path": path, "raw_path": path.encode(), "query_string": b"",
        "root_path": "", "headers": headers or [], "client": ("127.0.0.1", 50000),
        "server": ("127.0.0.1", 8000),
    }
    communicator = ApplicationCommunicator(application, scope)
    await communicator.send_input({"type": "http.request", "body": b"", "more_body": False})
    start = await communicator.receive_output(10)
    body = b""
    while True:
        message = await communicator.receive_output(10)
        body += message.get("body", b"")
        if not message.get("more_body"):
            break
    await communicator.wait(1)
    return {"status": start["status"], "headers": start["headers"], "body": body}


@pytest.mark.django_db(transaction=True)
def test_asgi_serves_a_page_that_reads_the_database_with_a_request_id():
    response = run_async(_get("/healthz", [(b"host", b"127.0.0.1"), (b"x-request-id", b"asgi-test-0001")]))
    assert response["status"] == 200
    assert b'"ok"' in response["body"]
    assert (b"X-Request-ID", b"asgi-test-0001") in response["headers"]


@pytest.mark.django_db(transaction=True)
def test_asgi_serves_concurrent_requests():
    async def many():
        return await asyncio.gather(*(_get("/healthz", [(b"host", b"127.0.0.1")]) for _ in range(10)))

    responses = run_async(many())
    assert [r["status"] for r in responses] == [200] * 10
    ids = {dict(r["headers"])[b"X-Request-ID"] for r in responses}
    assert len(ids) == 10
