"""The meeting room's websocket: `ws://…/ws/rapat/<code>/` (protocol in `protocol.py`).

A connection is authenticated from the session (AuthMiddlewareStack; the Origin is checked in
config/routing.py) and enters through `actions.enter`: inside, or the lobby when the room is
full or locked. Moves go to the node's room engine (`realtime.py`), which batches them; chat,
presence and host controls go through the actions and then to the room's group on the channel
layer; WebRTC signalling is relayed only between two people in one conversation.

Every frame is checked (size, JSON, schema, a token bucket per kind); one bad frame or a
flood closes that connection with 4008 and nobody else notices. Leaving (or a dead socket)
goes through `actions.leave`, which admits the lobby; the `actions.admitted` signal tells the
admitted connections, wherever they are.
"""

from __future__ import annotations

import json
import logging
import os
import time
from typing import Any

from asgiref.sync import async_to_sync
from channels.consumer import get_handler_name
from channels.db import database_sync_to_async
from channels.generic.websocket import AsyncWebsocketConsumer
from channels.layers import get_channel_layer
from django.conf import settings
from django.utils.translation import gettext as _

from . import actions, permissions, protocol, queries, realtime
from .errors import MeetingError
from .layouts import can_hear, layout_data, spawn_point
from .models import Meeting, MeetingMember, Presence

logger = logging.getLogger(__name__)

HISTORY = 50


def ice_servers() -> list[dict]:
    """STUN/TURN servers for the browsers: settings.MEETING_ICE_SERVERS (a list, or JSON), else
    the environment variable of that name; none by default (no public STUN is reachable from
    every network, and inside one network none is needed)."""
    value: Any = getattr(settings, "MEETING_ICE_SERVERS", None)
    if value is None:
        value = os.environ.get("MEETING_ICE_SERVERS", "")
    if isinstance(value, str):
        try:
            value = json.loads(value) if value.strip() else []
        except ValueError:
            logger.warning("MEETING_ICE_SERVERS is not JSON: ignored")
            value = []
    return value if isinstance(value, list) else []


def sfu_configured() -> bool:
    """LiveKit is used when its URL and keys are all set (`livekit.is_configured`)."""
    from .livekit import is_configured

    return is_configured()


def person(user: Any) -> dict[str, Any]:
    """How the others see someone: never a phone number (`ics.display_name`)."""
    from .ics import display_name

    return {"id": user.pk, "name": display_name(user)}


def chat_line(message: Any) -> dict[str, Any]:
    return {"t": "chat", "id": message.pk, "from": message.user_id,
            "name": person(message.user)["name"] if message.user else "",
            "text": message.text, "scope": "bubble" if message.bubble else "room",
            "at": message.at.isoformat()}


def _announce_admitted(sender: Any, meeting: Meeting, presences: list[Presence], **kwargs: Any) -> None:
    """People admitted from the lobby (by whoever: a leave, an unlock, a removal, the sweep)
    hear it on their connection, on whichever node it is."""
    layer = get_channel_layer()
    if layer is None:
        return
    for presence in presences:
        try:
            async_to_sync(layer.send)(presence.channel_name, {"type": "room.admitted"})
        except Exception:  # noqa: BLE001 (the connection may be gone; the sweep tidies up)
            logger.warning("meeting %s: could not tell %s they were admitted", meeting.pk,
                           presence.user_id)


actions.admitted.connect(_announce_admitted, dispatch_uid="meetings.consumers.admitted")


# --- Database work, off the event loop ------------------------------------------------------------

@database_sync_to_async
def _load(code: str, user: Any) -> Meeting | None:
    meeting = Meeting.objects.select_related("agency").filter(code=code).first()
    if meeting is None or not permissions.can_join(user, meeting):
        return None
    return meeting


@database_sync_to_async
def _enter(user: Any, meeting: Meeting, channel_name: str) -> Presence:
    return actions.enter(user=user, meeting=meeting, channel_name=channel_name)


@database_sync_to_async
def _leave(user: Any, meeting: Meeting, channel_name: str) -> None:
    actions.leave(user=user, meeting=meeting, channel_name=channel_name)


@database_sync_to_async
def _room(meeting: Meeting, user: Any, *, with_history: bool) -> dict[str, Any]:
    meeting.refresh_from_db(fields=["is_locked", "presenter", "capacity"])
    member = MeetingMember.objects.filter(meeting=meeting, user=user).first()
    history = ([chat_line(m) for m in queries.chat_history(meeting, bubble="", limit=HISTORY)]
               if with_history else [])
    return {"state": {**queries.room_state(meeting), "locked": meeting.is_locked,
                      "presenter": meeting.presenter_id, "capacity": meeting.capacity},
            "history": history,
            "me": {**person(user), "host": permissions.is_host(user, meeting),
                   "muted": bool(member and member.is_muted)}}


@database_sync_to_async
def _post_chat(user: Any, meeting: Meeting, text: str, bubble: str) -> dict[str, Any]:
    message = actions.post_chat(user=user, meeting=meeting, text=text, bubble=bubble)
    message.user = user
    return chat_line(message)


@database_sync_to_async
def _host(actor: Any, meeting: Meeting, op: str, user_id: int | None) -> None:
    from django.contrib.auth import get_user_model

    target = None
    if user_id is not None:
        target = get_user_model().objects.filter(pk=user_id).first()
    if op in {"mute", "unmute", "remove"} and target is None:
        raise MeetingError(_("Orang itu bukan peserta rapat ini."))
    if op in {"lock", "unlock"}:
        actions.set_locked(actor=actor, meeting=meeting, locked=op == "lock")
    elif op in {"mute", "unmute"}:
        actions.set_muted(actor=actor, meeting=meeting, user=target, muted=op == "mute")
    elif op == "remove":
        actions.remove(actor=actor, meeting=meeting, user=target)
    elif op == "presenter":
        actions.set_presenter(actor=actor, meeting=meeting, user=target)


@database_sync_to_async
def _touch(meeting: Meeting, channel_names: list[str]) -> None:
    actions.touch(meeting=meeting, channel_names=channel_names)


class MeetingConsumer(AsyncWebsocketConsumer):
    meeting: Meeting | None = None
    engine: realtime.RoomEngine | None = None
    finished = False

    async def __call__(self, scope: Any, receive: Any, send: Any) -> None:
        try:
            await super().__call__(scope, receive, send)
        except Exception as exc:
            # With redis-py 8, channels' cancelling of the channel layer's blocking read when the
            # consumer stops surfaces as redis' TimeoutError. Once `disconnect` has done its work
            # that is not an error of this connection.
            if not (self.finished and type(exc).__module__.startswith("redis")
                    and type(exc).__name__ == "TimeoutError"):
                raise

    async def dispatch(self, message: dict[str, Any]) -> None:
        """As channels' own, without closing stale database connections before every message
        (channels >= 4.2 does, through the one thread database work runs on: at hundreds of
        moves a second that queue was the room's latency). Every database call here goes
        through `database_sync_to_async`, which closes stale connections itself."""
        handler = getattr(self, get_handler_name(message), None)
        if handler is None:
            raise ValueError(f"No handler for message type {message['type']}")
        await handler(message)

    # --- Connection -----------------------------------------------------------------------------
    async def connect(self) -> None:
        self.user = self.scope.get("user")
        self.user_id = getattr(self.user, "pk", None)
        self.inside = False
        self.closing = False
        self.replaced = False
        self.removed = False
        self.entered = False
        self.limits = protocol.RateLimits(time.monotonic())
        code = self.scope["url_route"]["kwargs"]["code"]
        if not getattr(self.user, "is_authenticated", False):
            await self.close(code=protocol.CLOSE_REFUSED)
            return
        self.meeting = await _load(code, self.user)
        if self.meeting is None:
            await self.close(code=protocol.CLOSE_REFUSED)
            return
        try:
            presence = await _enter(self.user, self.meeting, self.channel_name)
        except MeetingError:
            await self.close(code=protocol.CLOSE_REFUSED)
            return
        self.entered = True
        self.group = realtime.room_group(self.meeting.code)
        await self.channel_layer.group_add(self.group, self.channel_name)
        await self.channel_layer.group_add(realtime.user_group(self.meeting.code, self.user_id),
                                           self.channel_name)
        if presence.replaced_channel:
            await self.channel_layer.send(presence.replaced_channel, {"type": "room.replaced"})
        await self.accept()
        room = await _room(self.meeting, self.user, with_history=True)
        self.inside = presence.state == Presence.State.INSIDE
        welcome: dict[str, Any] = {
            "t": "welcome", "me": room["me"], "layout": layout_data(self.meeting.layout),
            "state": room["state"], "history": room["history"] if self.inside else [],
            "lobby": not self.inside, "ice_servers": ice_servers(), "sfu": sfu_configured()}
        if self.inside:
            await self._come_in()
            welcome["state"].update(self.engine.state() if self.engine else {})
        else:
            await self._watch()
        await self.send_json(welcome)
        await self._tell_room("inside" if self.inside else "lobby")

    async def _watch(self) -> None:
        """Every connection, in the lobby too, is known to this node's engine, which keeps
        its presence alive in the database (`touch`)."""
        meeting = self.meeting
        if meeting is None or self.engine is not None:
            return
        self.engine = await realtime.engine_for(
            code=meeting.code, layout=meeting.layout, layer=self.channel_layer,
            touch=lambda names: _touch(meeting, names))
        self.engine.watching.add(self)

    async def _come_in(self) -> None:
        """Stand in the room: join this node's engine at a spawn point (or where this person
        already stood, when a second connection took over)."""
        await self._watch()
        if self.meeting is None or self.engine is None:
            return
        meeting = self.meeting
        spot = self.engine.position(self.user_id) or spawn_point(
            meeting.layout, len(set(self.engine.positions) | set(self.engine.pending)))
        self.engine.join(self, *spot)

    async def disconnect(self, code: int) -> None:
        self.closing = True
        if self.engine is not None:
            self.engine.watching.discard(self)
            await self.engine.part(self, gone=not self.replaced)
            await realtime.release(self.engine)
            self.engine = None
        if not self.entered or self.meeting is None:
            self.finished = True
            return
        # The database first: presence and attendance must not depend on the channel layer.
        if not self.replaced and not self.removed:
            try:
                await _leave(self.user, self.meeting, self.channel_name)
            except Exception:  # noqa: BLE001 (the sweep closes what could not be closed here)
                logger.exception("meeting %s: leave failed", self.meeting.pk)
        try:
            if not self.replaced:
                await self._tell_room("left")
            await self.channel_layer.group_discard(self.group, self.channel_name)
            await self.channel_layer.group_discard(
                realtime.user_group(self.meeting.code, self.user_id), self.channel_name)
        except Exception:  # noqa: BLE001 (memberships of a dead channel expire in the layer)
            logger.warning("meeting %s: channel layer busy while %s left", self.meeting.pk,
                           self.user_id)
        self.finished = True

    async def _tell_room(self, state: str) -> None:
        await self.channel_layer.group_send(self.group, {
            "type": "room.presence", "user": person(self.user), "state": state})

    async def misbehaving(self, reason: str) -> None:
        """Cut this one connection off; nobody else is told anything but that it left."""
        if not self.closing:
            self.closing = True
            logger.info("meeting: closing user %s's connection: %s", self.user_id, reason)
            await self.close(code=protocol.CLOSE_MISBEHAVING)

    async def send_json(self, content: dict[str, Any]) -> None:
        await self.send(text_data=json.dumps(content, separators=(",", ":"), default=str))

    async def error(self, code: str, message: str) -> None:
        await self.send_json({"t": "error", "code": code, "message": message})

    # --- From the client ------------------------------------------------------------------------
    async def receive(self, text_data: str | None = None, bytes_data: bytes | None = None) -> None:
        if self.closing:
            return
        try:
            message = protocol.parse(text_data)
        except protocol.BadMessage as exc:
            await self.misbehaving(str(exc))
            return
        kind = message.t if message.t in {"move", "chat"} else "other"
        if not self.limits.allow(kind, time.monotonic()):
            await self.misbehaving(f"too many {kind} messages")
            return
        if isinstance(message, protocol.Ping):
            await self.send_json({"t": "pong", "ts": message.ts})
        elif not self.inside:
            await self.error("lobby", _("Anda masih menunggu di lobi."))
        elif isinstance(message, protocol.Move):
            if self.engine is not None:
                self.engine.move(self.user_id, message.x, message.y)
        elif isinstance(message, protocol.Chat):
            await self._chat(message)
        elif isinstance(message, protocol.Signal):
            await self._signal(message)
        elif isinstance(message, protocol.Host):
            await self._host(message)

    async def _chat(self, message: protocol.Chat) -> None:
        bubble = ""
        if message.scope == "bubble":
            bubble = (self.engine.bubble_of(self.user_id) if self.engine else None) or ""
            if not bubble:
                await self.error("no_bubble", _("Anda tidak sedang dalam percakapan."))
                return
        try:
            line = await _post_chat(self.user, self.meeting, message.text, bubble)
        except MeetingError as exc:
            await self.error("chat", exc.message)
            return
        await self.channel_layer.group_send(self.group, {"type": "room.chat", "line": line,
                                                         "bubble": bubble})

    async def _signal(self, message: protocol.Signal) -> None:
        bubble_map = self.engine.bubble_map if self.engine else {}
        if message.to == self.user_id or not can_hear(bubble_map, self.user_id, message.to):
            await self.error("not_in_bubble", _("Orang itu tidak sedang dalam percakapan Anda."))
            return
        await self.channel_layer.group_send(
            realtime.user_group(self.meeting.code, message.to),  # type: ignore[union-attr]
            {"type": "room.signal", "from": self.user_id, "data": message.data})

    async def _host(self, message: protocol.Host) -> None:
        try:
            await _host(self.user, self.meeting, message.op, message.user)
        except MeetingError as exc:
            await self.error("host", exc.message)
            return
        await self.channel_layer.group_send(self.group, {
            "type": "room.control", "op": message.op, "user": message.user, "by": self.user_id})

    # --- From the room (channel layer) ----------------------------------------------------------
    async def room_chat(self, event: dict[str, Any]) -> None:
        if not self.inside or self.closing:
            return
        if event["bubble"] and (not self.engine
                                or self.engine.bubble_of(self.user_id) != event["bubble"]):
            return
        await self.send_json(event["line"])

    async def room_signal(self, event: dict[str, Any]) -> None:
        if self.inside and not self.closing:
            await self.send_json({"t": "signal", "from": event["from"], "data": event["data"]})

    async def room_presence(self, event: dict[str, Any]) -> None:
        if not self.closing and event["user"]["id"] != self.user_id:
            await self.send_json({"t": "presence", "user": event["user"], "state": event["state"]})

    async def room_control(self, event: dict[str, Any]) -> None:
        if self.closing:
            return
        await self.send_json({"t": "control", "op": event["op"], "user": event["user"],
                              "by": event["by"]})
        if event["op"] == "remove" and event["user"] == self.user_id:
            self.removed = True
            self.closing = True
            await self.close(code=protocol.CLOSE_REMOVED)

    async def room_admitted(self, event: dict[str, Any]) -> None:
        if self.inside or self.closing or self.meeting is None:
            return
        self.inside = True
        await self._come_in()
        room = await _room(self.meeting, self.user, with_history=True)
        state = {**room["state"], **(self.engine.state() if self.engine else {})}
        await self.send_json({"t": "admitted", "state": state, "history": room["history"]})
        await self._tell_room("inside")

    async def room_replaced(self, event: dict[str, Any]) -> None:
        """The same person connected again (another tab or device): this one gives way."""
        self.replaced = True
        self.closing = True
        await self.close(code=protocol.CLOSE_REPLACED)
