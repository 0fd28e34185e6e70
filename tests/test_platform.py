"""Platform-wide behaviour: JSON logs with request ids, the Redis channel layer, the API error body."""

import asyncio
import json
import logging

import pytest
from channels_redis.core import RedisChannelLayer

from anrong.core import context
from anrong.core.logging import RequestIdFilter
from anrong.core.testing import run_async


def test_log_lines_are_json_with_the_request_id(capsys):
    from pythonjsonlogger.json import JsonFormatter

    handler = logging.StreamHandler()
    handler.setFormatter(JsonFormatter("%(asctime)s %(levelname)s %(name)s %(message)s %(request_id)s"))
    handler.addFilter(RequestIdFilter())
    logger = logging.getLogger("anrong.test.jsonlog")
    logger.addHandler(handler)
    token = context.bind(context.RequestContext(request_id="rid-0000abcd", ip="127.0.0.1"))
    try:
        logger.warning("permohonan diterima")
    finally:
        context.unbind(token)
        logger.removeHandler(handler)
    line = json.loads(capsys.readouterr().err.strip().splitlines()[-1])
    assert line["message"] == "permohonan diterima"
    assert line["request_id"] == "rid-0000abcd"


@pytest.mark.redis
def test_redis_channel_layer_carries_group_messages_between_layers(redis_url):
    """Two layer instances stand for two ASGI nodes sharing one Redis."""

    async def scenario():
        node_a = RedisChannelLayer(hosts=[redis_url], prefix="anrong-test")
        node_b = RedisChannelLayer(hosts=[redis_url], prefix="anrong-test")
        channel = await node_b.new_channel()
        await node_b.group_add("room-1", channel)
        await node_a.group_send("room-1", {"type": "room.moved", "x": 3})
        message = await asyncio.wait_for(node_b.receive(channel), timeout=5)
        await node_b.group_discard("room-1", channel)
        await node_a.flush()
        return message

    assert run_async(scenario()) == {"type": "room.moved", "x": 3}


@pytest.mark.django_db
def test_api_errors_have_one_body(client):
    response = client.get("/api/v1/no-such-endpoint")
    assert response.status_code == 404
    assert response.json() == {"code": "not_found", "message": "Data tidak ditemukan.", "details": {}}
    assert "text/html" in client.get("/tidak-ada/")["Content-Type"]
