"""The meeting room's websocket, end to end on one node (in-memory channel layer): entering,
the lobby, moves in snapshots, chat for the room and a bubble, signalling within a bubble,
host controls, and a misbehaving client cut off while the others carry on."""

from __future__ import annotations

import asyncio
import json
from typing import Any

import pytest
from asgiref.testing import ApplicationCommunicator
from channels.layers import get_channel_layer
from channels.routing import URLRouter

from anrong.core.testing import run_async
from anrong.meetings import protocol
from anrong.meetings.models import AttendanceSession, MeetingMember, Presence
from anrong.meetings.routing import websocket_urlpatterns

pytestmark = [pytest.mark.django_db(transaction=True), pytest.mark.usefixtures("regions")]

WAIT = 5.0  # seconds: a ceiling for a frame that must come, never a measure


class WebsocketCommunicator(ApplicationCommunicator):
    """A websocket client for an ASGI app in the same process (channels.testing's needs daphne,
    which the project does not install)."""

    def __init__(self, application: Any, path: str, headers: list | None = None) -> None:
        super().__init__(application, {"type": "websocket", "path": path, "query_string": b"",
                                       "headers": headers or [], "subprotocols": []})

    async def connect(self, timeout: float = WAIT) -> tuple[bool, Any]:
        await self.send_input({"type": "websocket.connect"})
        response = await self.receive_output(timeout)
        if response["type"] == "websocket.close":
            return False, response.get("code", 1000)
        return True, response.get("subprotocol")

    async def send_to(self, text_data: str) -> None:
        await self.send_input({"type": "websocket.receive", "text": text_data})

    async def send_json_to(self, data: Any) -> None:
        await self.send_to(json.dumps(data))

    async def receive_from(self, timeout: float = WAIT) -> str:
        response = await self.receive_output(timeout)
        if response["type"] != "websocket.send":
            raise AssertionError(f"expected a frame, got {response}")
        return response["text"]

    async def receive_json_from(self, timeout: float = WAIT) -> Any:
        return json.loads(await self.receive_from(timeout))

    async def disconnect(self, code: int = 1000, timeout: float = WAIT) -> None:
        await self.send_input({"type": "websocket.disconnect", "code": code})
        await self.wait(timeout)


def as_user(user: Any) -> Any:
    """The room's routes with `user` signed in (the session part is tested separately)."""
    inner = URLRouter(websocket_urlpatterns)

    async def app(scope, receive, send):  # type: ignore[no-untyped-def]
        return await inner({**scope, "user": user}, receive, send)

    return app


async def join(user: Any, meeting: Any) -> tuple[WebsocketCommunicator, dict]:
    client = WebsocketCommunicator(as_user(user), f"/ws/rapat/{meeting.code}/")
    connected, code = await client.connect(timeout=WAIT)
    assert connected, f"refused with {code}"
    welcome = await client.receive_json_from(timeout=WAIT)
    assert welcome["t"] == "welcome"
    return client, welcome


async def until(client: WebsocketCommunicator, check: Any) -> dict:
    """The next frame for which `check(frame)` holds (frames before it are skipped)."""
    async def wait() -> dict:
        while True:
            frame = json.loads(await client.receive_from(timeout=WAIT))
            if check(frame):
                return frame
    return await asyncio.wait_for(wait(), WAIT)


def moved(user_id: int, x: float, y: float) -> Any:
    return lambda f: f["t"] == "snapshot" and [user_id, x, y] in f["moves"]


async def closed_with(client: WebsocketCommunicator) -> int:
    async def wait() -> int:
        while True:
            output = await client.receive_output(timeout=WAIT)
            if output["type"] == "websocket.close":
                return output.get("code")
    return await asyncio.wait_for(wait(), WAIT)


def run(scenario: Any) -> Any:
    async def fresh() -> Any:
        await get_channel_layer().flush()
        return await scenario()
    return run_async(fresh())


def test_two_people_inside_see_each_others_moves_in_snapshots(meeting, personas):
    host, guest = personas["officer"], personas["other_officer"]

    async def scenario() -> tuple[dict, dict, dict]:
        a, welcome_a = await join(host, meeting)
        b, welcome_b = await join(guest, meeting)
        await a.send_json_to({"t": "move", "x": 10.0, "y": 9.0})
        seen_by_b = await until(b, moved(host.pk, 10.0, 9.0))
        await b.send_json_to({"t": "move", "x": 15.25, "y": 11.5})
        seen_by_a = await until(a, moved(guest.pk, 15.25, 11.5))
        await a.disconnect()
        await b.disconnect()
        return welcome_b, seen_by_b, seen_by_a

    welcome, seen_by_b, seen_by_a = run(scenario)
    assert welcome["lobby"] is False and welcome["me"]["id"] == personas["other_officer"].pk
    assert welcome["layout"]["name"] == "hall" and welcome["layout"]["tiles"]
    assert welcome["ice_servers"] == [] and welcome["sfu"] is False
    assert [x[0] for x in welcome["state"]["positions"]].count(personas["officer"].pk) == 1
    assert seen_by_b["t"] == seen_by_a["t"] == "snapshot"
    # Both were inside while connected, and both attendance sessions are closed now.
    assert AttendanceSession.objects.filter(meeting=meeting, left_at__isnull=False).count() == 2
    assert not Presence.objects.filter(meeting=meeting).exists()


def test_room_chat_reaches_everyone_inside_and_late_joiners_get_the_history(meeting, personas):
    host, guest, late = personas["officer"], personas["other_officer"], personas["citizen"]

    async def scenario() -> tuple[dict, dict]:
        a, _ = await join(host, meeting)
        b, _ = await join(guest, meeting)
        await a.send_json_to({"t": "chat", "text": "<b>Selamat pagi</b>", "scope": "room"})
        line = await until(b, lambda f: f["t"] == "chat")
        c, welcome = await join(late, meeting)
        for client in (a, b, c):
            await client.disconnect()
        return line, welcome

    line, welcome = run(scenario)
    assert line["text"] == "<b>Selamat pagi</b>" and line["from"] == host.pk
    assert line["scope"] == "room"
    assert [h["text"] for h in welcome["history"]] == ["<b>Selamat pagi</b>"]


def test_bubble_chat_and_signalling_stay_inside_the_bubble(meeting, personas):
    host, guest, far = personas["officer"], personas["other_officer"], personas["citizen"]

    async def scenario() -> dict[str, Any]:
        a, _ = await join(host, meeting)
        b, _ = await join(guest, meeting)
        c, _ = await join(far, meeting)
        # Ana and Budi stand together; Citra stays at the far wall.
        await a.send_json_to({"t": "move", "x": 10.0, "y": 9.0})
        await b.send_json_to({"t": "move", "x": 11.0, "y": 9.0})
        await c.send_json_to({"t": "move", "x": 21.0, "y": 4.5})
        await until(a, lambda f: f["t"] == "snapshot" and f["bubbles"].get(str(guest.pk)))
        await until(b, lambda f: f["t"] == "snapshot" and f["bubbles"].get(str(host.pk)))
        await until(c, moved(guest.pk, 11.0, 9.0))
        await a.send_json_to({"t": "chat", "text": "Antara kita saja", "scope": "bubble"})
        in_bubble = await until(b, lambda f: f["t"] == "chat")
        await a.send_json_to({"t": "chat", "text": "Untuk semua", "scope": "room"})
        first_for_c = await until(c, lambda f: f["t"] == "chat")
        await a.send_json_to({"t": "signal", "to": guest.pk, "data": {"type": "offer", "sdp": "v=0"}})
        relayed = await until(b, lambda f: f["t"] == "signal")
        await a.send_json_to({"t": "signal", "to": far.pk, "data": {"type": "offer", "sdp": "v=0"}})
        refused = await until(a, lambda f: f["t"] == "error")
        # Citra's own bubble chat: she is in no conversation.
        await c.send_json_to({"t": "chat", "text": "Halo?", "scope": "bubble"})
        alone = await until(c, lambda f: f["t"] == "error")
        for client in (a, b, c):
            await client.disconnect()
        return {"in_bubble": in_bubble, "first_for_c": first_for_c, "relayed": relayed,
                "refused": refused, "alone": alone}

    seen = run(scenario)
    assert seen["in_bubble"]["text"] == "Antara kita saja" and seen["in_bubble"]["scope"] == "bubble"
    assert seen["first_for_c"]["text"] == "Untuk semua"
    assert seen["relayed"] == {"t": "signal", "from": host.pk,
                               "data": {"type": "offer", "sdp": "v=0"}}
    assert seen["refused"]["code"] == "not_in_bubble"
    assert seen["alone"]["code"] == "no_bubble"


def test_a_flooding_client_is_cut_off_and_the_others_carry_on(meeting, personas):
    host, guest, flooder = personas["officer"], personas["other_officer"], personas["citizen"]

    async def scenario() -> tuple[int, dict]:
        a, _ = await join(host, meeting)
        b, _ = await join(guest, meeting)
        c, _ = await join(flooder, meeting)
        for i in range(60):
            await c.send_json_to({"t": "move", "x": 3.0 + i / 100, "y": 5.0})
        code = await closed_with(c)
        await c.disconnect()  # what the server does after a close
        await a.send_json_to({"t": "move", "x": 12.5, "y": 8.5})
        still = await until(b, moved(host.pk, 12.5, 8.5))
        await a.disconnect()
        await b.disconnect()
        return code, still

    code, still = run(scenario)
    assert code == protocol.CLOSE_MISBEHAVING
    assert still["t"] == "snapshot"
    assert not Presence.objects.filter(meeting=meeting, user=flooder).exists()


@pytest.mark.parametrize("frame", [
    "{not json", json.dumps({"t": "chat", "text": "x" * 900, "pad": "y" * 4000}),
    json.dumps({"t": "teleport", "x": 1}), json.dumps({"t": "chat", "text": ""}),
])
def test_an_invalid_or_oversized_frame_closes_only_that_client(meeting, personas, frame):
    host, guest = personas["officer"], personas["other_officer"]

    async def scenario() -> tuple[int, dict]:
        a, _ = await join(host, meeting)
        b, _ = await join(guest, meeting)
        await b.send_to(text_data=frame)
        code = await closed_with(b)
        await b.disconnect()
        await a.send_json_to({"t": "ping", "ts": 42})
        pong = await until(a, lambda f: f["t"] == "pong")
        await a.disconnect()
        return code, pong

    code, pong = run(scenario)
    assert code == protocol.CLOSE_MISBEHAVING
    assert pong == {"t": "pong", "ts": 42}


def test_past_capacity_the_next_wait_in_the_lobby_and_come_in_when_a_place_frees(
        make_meeting, personas):
    meeting = make_meeting(capacity=2)
    host, guest, third = personas["officer"], personas["other_officer"], personas["citizen"]

    async def scenario() -> dict[str, Any]:
        a, _ = await join(host, meeting)
        b, _ = await join(guest, meeting)
        c, lobby_welcome = await join(third, meeting)
        await c.send_json_to({"t": "move", "x": 10.0, "y": 9.0})
        refused = await until(c, lambda f: f["t"] == "error")
        await b.disconnect()
        admitted = await until(c, lambda f: f["t"] == "admitted")
        told = await until(a, lambda f: f["t"] == "presence" and f["state"] == "inside"
                           and f["user"]["id"] == third.pk)
        await c.send_json_to({"t": "move", "x": 10.0, "y": 9.0})
        seen = await until(a, moved(third.pk, 10.0, 9.0))
        await a.disconnect()
        await c.disconnect()
        return {"lobby": lobby_welcome, "refused": refused, "admitted": admitted, "told": told,
                "seen": seen}

    seen = run(scenario)
    assert seen["lobby"]["lobby"] is True and seen["lobby"]["history"] == []
    assert {p["id"] for p in seen["lobby"]["state"]["inside"]} == {host.pk, guest.pk}
    assert seen["refused"]["code"] == "lobby"
    assert seen["admitted"]["history"] == [] and seen["admitted"]["state"]["positions"]
    assert AttendanceSession.objects.filter(meeting=meeting, user=third).count() == 1


def test_a_locked_room_keeps_newcomers_in_the_lobby_until_the_host_unlocks(meeting, personas):
    host, guest = personas["officer"], personas["other_officer"]

    async def scenario() -> tuple[dict, dict, dict]:
        a, _ = await join(host, meeting)
        await a.send_json_to({"t": "host", "op": "lock"})
        locked = await until(a, lambda f: f["t"] == "control")
        b, welcome = await join(guest, meeting)
        await a.send_json_to({"t": "host", "op": "unlock"})
        admitted = await until(b, lambda f: f["t"] == "admitted")
        await a.disconnect()
        await b.disconnect()
        return locked, welcome, admitted

    locked, welcome, admitted = run(scenario)
    assert locked == {"t": "control", "op": "lock", "user": None, "by": host.pk}
    assert welcome["lobby"] is True
    assert admitted["state"]["locked"] is False


def test_host_removes_someone_whose_connection_is_closed_and_who_cannot_come_back(
        meeting, personas):
    host, guest, other = personas["officer"], personas["other_officer"], personas["citizen"]

    async def scenario() -> dict[str, Any]:
        a, _ = await join(host, meeting)
        b, _ = await join(guest, meeting)
        c, _ = await join(other, meeting)
        # Not a host: refused, nothing happens.
        await c.send_json_to({"t": "host", "op": "remove", "user": guest.pk})
        refused = await until(c, lambda f: f["t"] == "error")
        await a.send_json_to({"t": "host", "op": "mute", "user": other.pk})
        muted = await until(c, lambda f: f["t"] == "control")
        await a.send_json_to({"t": "host", "op": "remove", "user": guest.pk})
        code = await closed_with(b)
        await b.disconnect()
        control = await until(c, lambda f: f["t"] == "control")
        again = WebsocketCommunicator(as_user(guest), f"/ws/rapat/{meeting.code}/")
        back, back_code = await again.connect(timeout=WAIT)
        await a.disconnect()
        await c.disconnect()
        return {"refused": refused, "muted": muted, "code": code, "control": control,
                "back": back, "back_code": back_code}

    seen = run(scenario)
    assert seen["refused"]["code"] == "host"
    assert seen["muted"]["op"] == "mute" and seen["muted"]["user"] == other.pk
    assert MeetingMember.objects.get(meeting=meeting, user=other).is_muted
    assert seen["code"] == protocol.CLOSE_REMOVED
    assert seen["control"]["op"] == "remove" and seen["control"]["user"] == guest.pk
    assert seen["back"] is False and seen["back_code"] == protocol.CLOSE_REFUSED
    assert MeetingMember.objects.get(meeting=meeting, user=guest).is_removed


def test_a_second_connection_of_the_same_person_takes_over(meeting, personas):
    host = personas["officer"]

    async def scenario() -> tuple[int, dict]:
        first, _ = await join(host, meeting)
        second, welcome = await join(host, meeting)
        code = await closed_with(first)
        await first.disconnect()
        await second.send_json_to({"t": "ping", "ts": 1})
        await until(second, lambda f: f["t"] == "pong")
        await second.disconnect()
        return code, welcome

    code, welcome = run(scenario)
    assert code == protocol.CLOSE_REPLACED and welcome["lobby"] is False
    assert AttendanceSession.objects.filter(meeting=meeting, user=host, left_at=None).count() == 0


def test_the_websocket_signs_in_from_the_session_and_checks_the_origin(meeting, personas, client):
    from config.routing import websocket_application

    client.force_login(personas["other_officer"])
    cookie = f"sessionid={client.cookies['sessionid'].value}".encode()
    path = f"/ws/rapat/{meeting.code}/"

    async def attempt(headers: list[tuple[bytes, bytes]]) -> tuple[bool, Any, dict | None]:
        ws = WebsocketCommunicator(websocket_application, path, headers=headers)
        connected, code = await ws.connect(timeout=WAIT)
        welcome = await ws.receive_json_from(timeout=WAIT) if connected else None
        if connected:
            await ws.disconnect()
        return connected, code, welcome

    async def scenario() -> dict[str, Any]:
        origin = (b"origin", b"http://localhost")
        return {"signed_in": await attempt([(b"cookie", cookie), origin]),
                "anonymous": await attempt([origin]),
                "other_site": await attempt([(b"cookie", cookie), (b"origin", b"https://evil.example")])}

    seen = run(scenario)
    connected, _code, welcome = seen["signed_in"]
    assert connected and welcome["me"]["id"] == personas["other_officer"].pk
    assert seen["anonymous"][:2] == (False, protocol.CLOSE_REFUSED)
    assert seen["other_site"][0] is False


def test_someone_not_invited_is_refused_and_nothing_is_written(meeting, personas):
    async def scenario() -> tuple[bool, Any]:
        ws = WebsocketCommunicator(as_user(personas["other_agency_officer"]),
                                   f"/ws/rapat/{meeting.code}/")
        return await ws.connect(timeout=WAIT)

    connected, code = run(scenario)
    assert connected is False and code == protocol.CLOSE_REFUSED
    assert not Presence.objects.filter(meeting=meeting).exists()
