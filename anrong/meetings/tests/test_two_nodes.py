"""Tier 2 for real: two ASGI servers (two uvicorn processes) share the Redis channel layer and
the database, and two people, one on each node, see each other move and chat; presence and chat
written by both nodes land in the one database."""

from __future__ import annotations

import asyncio
import json
from typing import Any

import pytest
import redis
from django.conf import settings
from django.test import Client
from websockets.asyncio.client import connect

from anrong.accounts.testing import sign_in
from anrong.core.testing import run_async
from anrong.meetings.models import AttendanceSession, ChatMessage, Presence

from .servers import asgi_node

pytestmark = [pytest.mark.django_db(transaction=True)]
WAIT = 30  # generous: both nodes and the test share two busy cores


async def until(socket: Any, check: Any) -> dict:
    """The next frame for which `check(frame)` holds (frames before it are skipped; listed if
    none holds in time)."""
    skipped: list[str] = []

    async def wait() -> dict:
        while True:
            frame = json.loads(await socket.recv())
            if check(frame):
                return frame
            skipped.append(frame["t"] if frame["t"] == "snapshot" else json.dumps(frame))

    try:
        return await asyncio.wait_for(wait(), WAIT)
    except TimeoutError:
        raise AssertionError(f"not seen in {WAIT} s; skipped: {skipped[-20:]}") from None


def moved(user_id: int, x: float, y: float) -> Any:
    return lambda f: f["t"] == "snapshot" and [user_id, x, y] in f["moves"]


def test_people_on_two_servers_sharing_redis_see_each_other_move_and_chat(
        regions, make_meeting, personas, redis_url, tmp_path):
    host, guest = personas["officer"], personas["other_officer"]
    meeting = make_meeting(invitees=[guest])
    sessions = {person.pk: sign_in(Client(), person).cookies[settings.SESSION_COOKIE_NAME].value
                for person in (host, guest)}
    redis.Redis.from_url(redis_url).flushdb()

    with asgi_node(tmp_path / "a", redis_url=redis_url) as node_a, \
            asgi_node(tmp_path / "b", redis_url=redis_url) as node_b:

        def joining(base: str, person: Any) -> Any:
            return connect(base.replace("http", "ws", 1) + f"/ws/rapat/{meeting.code}/",
                           origin=base, open_timeout=WAIT,
                           additional_headers={"Cookie": f"{settings.SESSION_COOKIE_NAME}="
                                                         f"{sessions[person.pk]}"})

        async def scenario() -> dict[str, Any]:
            async with joining(node_a, host) as on_a, joining(node_b, guest) as on_b:
                welcome_a = await until(on_a, lambda f: f["t"] == "welcome")
                welcome_b = await until(on_b, lambda f: f["t"] == "welcome")
                await on_a.send(json.dumps({"t": "move", "x": 7.5, "y": 8.5}))
                learnt = await until(on_b, moved(host.pk, 7.5, 8.5))
                await on_b.send(json.dumps({"t": "move", "x": 16.0, "y": 11.0}))
                seen_by_a = await until(on_a, moved(guest.pk, 16.0, 11.0))
                await on_b.send(json.dumps({"t": "chat", "text": "Dari node B", "scope": "room"}))
                chat = await until(on_a, lambda f: f["t"] == "chat")
                await on_a.close()
                left = await until(on_b, lambda f: f["t"] == "presence" and f["state"] == "left")
            return {"welcome_a": welcome_a, "welcome_b": welcome_b, "learnt": learnt,
                    "seen_by_a": seen_by_a, "chat": chat, "left": left}

        seen = run_async(scenario(), timeout=90)

    assert seen["welcome_a"]["lobby"] is False and seen["welcome_b"]["lobby"] is False
    assert seen["chat"]["text"] == "Dari node B" and seen["chat"]["from"] == guest.pk
    assert seen["left"]["user"]["id"] == host.pk
    # What both nodes wrote is in the one database, not in either node's memory: node A closed
    # the host's attendance session and presence, node B wrote the guest's chat.
    host_session = AttendanceSession.objects.get(meeting=meeting, user=host)
    assert host_session.left_at is not None
    assert not Presence.objects.filter(meeting=meeting, user=host).exists()
    assert AttendanceSession.objects.filter(meeting=meeting, user=guest).exists()
    assert ChatMessage.objects.get(meeting=meeting).text == "Dari node B"
