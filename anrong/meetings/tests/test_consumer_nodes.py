"""Two nodes sharing Redis: people connected to different ASGI servers (here two consumers on
two RedisChannelLayer connections, db 15) see each other move and chat."""

from __future__ import annotations

from typing import Any

import pytest
from channels.routing import URLRouter
from django.urls import re_path

from anrong.core.testing import run_async
from anrong.meetings.consumers import MeetingConsumer

from .test_consumer import WebsocketCommunicator, moved, until

pytestmark = [pytest.mark.django_db(transaction=True), pytest.mark.usefixtures("regions")]


def node(alias: str, user: Any) -> Any:
    consumer = type(f"MeetingConsumerOn_{alias}", (MeetingConsumer,), {"channel_layer_alias": alias})
    inner = URLRouter([re_path(r"^ws/rapat/(?P<code>[A-Za-z0-9-]{1,24})/$", consumer.as_asgi())])

    async def app(scope, receive, send):  # type: ignore[no-untyped-def]
        return await inner({**scope, "user": user}, receive, send)

    return app


def test_people_on_two_nodes_see_each_other_move_and_chat(meeting, personas, redis_url, settings):
    # redis-py 8's socket timeout (5 s) must be above channels-redis' blocking read (5 s), or an
    # idle connection's read times out and kills its consumer: the settings the project needs.
    host = {"address": redis_url, "socket_timeout": 15}
    settings.CHANNEL_LAYERS = {
        alias: {"BACKEND": "channels_redis.core.RedisChannelLayer", "CONFIG": {"hosts": [host]}}
        for alias in ("node_a", "node_b")}
    host, guest = personas["officer"], personas["other_officer"]

    async def scenario() -> dict[str, Any]:
        from channels.layers import get_channel_layer

        layer_a, layer_b = get_channel_layer("node_a"), get_channel_layer("node_b")
        assert layer_a is not layer_b
        await layer_a.flush()
        a = WebsocketCommunicator(node("node_a", host), f"/ws/rapat/{meeting.code}/")
        b = WebsocketCommunicator(node("node_b", guest), f"/ws/rapat/{meeting.code}/")
        assert (await a.connect())[0]
        await a.receive_json_from()
        await a.send_json_to({"t": "move", "x": 7.5, "y": 8.5})
        assert (await b.connect())[0]
        welcome_b = await b.receive_json_from()
        # Node B's engine starts empty and learns where Ana stands from node A.
        learnt = await until(b, moved(host.pk, 7.5, 8.5))
        await b.send_json_to({"t": "move", "x": 16.0, "y": 11.0})
        seen_by_a = await until(a, moved(guest.pk, 16.0, 11.0))
        await b.send_json_to({"t": "chat", "text": "Dari node B", "scope": "room"})
        chat = await until(a, lambda f: f["t"] == "chat")
        await a.disconnect()
        left = await until(b, lambda f: f["t"] == "presence" and f["state"] == "left")
        await b.disconnect()
        await layer_a.flush()
        await layer_a.close_pools()
        await layer_b.close_pools()
        return {"welcome_b": welcome_b, "learnt": learnt, "seen_by_a": seen_by_a, "chat": chat,
                "left": left}

    seen = run_async(scenario())
    assert seen["welcome_b"]["lobby"] is False
    assert seen["learnt"]["t"] == seen["seen_by_a"]["t"] == "snapshot"
    assert seen["chat"]["text"] == "Dari node B" and seen["chat"]["from"] == guest.pk
    assert seen["left"]["user"]["id"] == host.pk
