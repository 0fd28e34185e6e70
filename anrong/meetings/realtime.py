"""The room engine: movement batched per room, on every node.

Moves are not relayed one by one. Each node (process) keeps one `RoomEngine` per room that has
connections on it, and one `Hub` for all of them. A consumer hands its client's moves to the
engine (`move`); every `TICK` seconds the hub sends what changed since the last tick in each
room (the latest position of each person who moved) as one message to the movement group on
the channel layer. Every node's hub is a member of that group, so it receives the snapshots of
all nodes (its own included) and hands each room's part to its engine, which keeps the whole
room's positions, works out the conversation bubbles (`layouts.bubbles`, the same pure
function on every node) and fans the snapshot out to its local connections in the same
process, each getting only what it needs (not its own moves; bubbles only when they changed).
The channel layer carries one message per node per tick, however many rooms and people: with
channels-redis, whose receive fetches one message per round trip, a message per room per tick
was the limit.

An engine that starts asks the others to repeat their people's positions ("hello"), so a node
that gets its first connection to a room learns where everyone already stands.

This is the only module-level state in the app, and it is a per-node cache of the
connections on this node: presence and attendance are in the database (actions.enter/leave,
and `touch` every `TOUCH_EVERY` seconds for this node's live connections), never inferred
from here.
"""

from __future__ import annotations

import asyncio
import contextlib
import json
import logging
import time
from collections.abc import Callable
from typing import Any, Protocol

from .layouts import Layout, bubbles, get_layout

logger = logging.getLogger(__name__)

TICK = 0.066          # seconds between snapshots (~15 a second)
REFRESH_EVERY = 5.0   # seconds: every node repeats its people's positions (heals a lost message)
TOUCH_EVERY = 30.0    # seconds: last_seen of this node's connections in the database


def now_ms() -> int:
    return int(time.time() * 1000)


def room_group(code: str) -> str:
    """Chat, presence and control messages of a room: every connection is a member."""
    return f"rapat.{code}"


# Snapshots of every room: each node's hub is the one member for its node.
MOVES_GROUP = "rapat.moves"


def user_group(code: str, user_id: int) -> str:
    """One person's connection in a room (WebRTC signalling is addressed to it)."""
    return f"rapat.{code}.u{user_id}"


class Participant(Protocol):
    user_id: int

    async def send(self, text_data: str | None = None, bytes_data: bytes | None = None,
                   close: bool = False) -> None: ...


class RoomEngine:
    def __init__(self, *, code: str, layout: str, hub: Hub,
                 touch: Callable[[list[str]], Any] | None = None) -> None:
        self.code = code
        self.layout: Layout = get_layout(layout)
        self.hub = hub
        self.layer = hub.layer
        self.touch = touch
        self.positions: dict[int, tuple[float, float]] = {}   # the whole room, all nodes
        self.bubble_map: dict[int, str] = {}
        self.local: dict[int, Participant] = {}                # user id -> connection here
        self.watching: set[Any] = set()     # every connection here, the lobby's too (touch)
        self.pending: dict[int, tuple[float, float]] = {}      # changed here since last tick
        self.gone: list[int] = []                              # left here since last tick
        self.hello = True        # ask the other nodes where their people stand (next tick)
        self.last_refresh = time.monotonic()
        self.tasks: list[asyncio.Task] = []
        self.sent = 0

    def start(self) -> None:
        if self.touch is not None:
            self.tasks.append(asyncio.create_task(self._touch_loop()))

    async def stop(self) -> None:
        for task in self.tasks:
            task.cancel()
        for task in self.tasks:
            with contextlib.suppress(asyncio.CancelledError, Exception):
                await task

    # --- What the consumers call ----------------------------------------------------------------
    def join(self, participant: Participant, x: float, y: float) -> None:
        """A connection here is inside the room, standing at (x, y)."""
        self.local[participant.user_id] = participant
        self.move(participant.user_id, x, y)

    async def part(self, participant: Participant, *, gone: bool = True) -> None:
        """A connection here leaves the room; `gone` False when the person is still inside
        through another connection (a second tab took over)."""
        if self.local.get(participant.user_id) is participant:
            del self.local[participant.user_id]
            self.pending.pop(participant.user_id, None)
            if gone:
                self.gone.append(participant.user_id)

    def move(self, user_id: int, x: float, y: float) -> None:
        x, y = self.layout.clamp(x, y)
        self.pending[user_id] = (round(x, 2), round(y, 2))

    def position(self, user_id: int) -> tuple[float, float] | None:
        return self.pending.get(user_id) or self.positions.get(user_id)

    def bubble_of(self, user_id: int) -> str | None:
        return self.bubble_map.get(user_id)

    def state(self) -> dict[str, Any]:
        positions = {**self.positions, **self.pending}
        return {"positions": [[uid, x, y] for uid, (x, y) in positions.items()],
                "bubbles": {str(uid): key for uid, key in self.bubble_map.items()}}

    # --- The hub's side -------------------------------------------------------------------------
    def take(self) -> dict[str, Any] | None:
        """What changed here since the last tick, for the hub's message (None: nothing)."""
        if time.monotonic() - self.last_refresh > REFRESH_EVERY:
            # Repeat where this node's people stand: heals a message the layer lost.
            self.last_refresh = time.monotonic()
            for user_id in self.local:
                if user_id not in self.pending and user_id in self.positions:
                    self.pending[user_id] = self.positions[user_id]
        if not self.pending and not self.gone and not self.hello:
            return None
        item: dict[str, Any] = {"m": [[uid, x, y] for uid, (x, y) in self.pending.items()]}
        if self.gone:
            item["g"] = self.gone
        if self.hello:
            item["h"] = 1
        self.pending, self.gone, self.hello = {}, [], False
        return item

    async def apply(self, ts: int, item: dict[str, Any]) -> None:
        """A node's changes in this room (this node's own included)."""
        if item.get("h"):
            for user_id in self.local:
                if user_id in self.positions and user_id not in self.pending:
                    self.pending[user_id] = self.positions[user_id]
        moves, gone = item.get("m", []), item.get("g", [])
        for user_id, x, y in moves:
            self.positions[user_id] = (x, y)
        for user_id in gone:
            if user_id not in self.local:
                self.positions.pop(user_id, None)
        new_map = bubbles(self.positions, self.layout)
        changed = {str(uid): key for uid, key in new_map.items() if self.bubble_map.get(uid) != key}
        changed.update({str(uid): None for uid in self.bubble_map if uid not in new_map})
        self.bubble_map = new_map
        if moves or changed or gone:
            await self._fan_out(ts, moves, changed, gone)

    async def _touch_loop(self) -> None:
        while True:
            await asyncio.sleep(TOUCH_EVERY)
            channels = sorted({getattr(p, "channel_name", "")
                               for p in [*self.watching, *self.local.values()]} - {""})
            if channels and self.touch is not None:
                try:
                    await self.touch(channels)
                except Exception:  # noqa: BLE001
                    logger.exception("meeting %s: touch failed", self.code)

    async def _fan_out(self, ts: int, moves: list[list], changed: dict, gone: list[int]) -> None:
        """Each local connection gets the others' moves (not its own) and bubble changes."""
        base: dict[str, Any] = {"t": "snapshot", "ts": ts, "moves": moves, "bubbles": changed}
        if gone:
            base["gone"] = gone
        shared = json.dumps(base, separators=(",", ":"))
        movers = {move[0] for move in moves}
        for user_id, participant in list(self.local.items()):
            if user_id in movers:
                others = [move for move in moves if move[0] != user_id]
                if not others and not changed and not gone:
                    continue
                text = json.dumps({**base, "moves": others}, separators=(",", ":"))
            else:
                text = shared
            try:
                await participant.send(text_data=text)
                self.sent += 1
            except Exception:  # noqa: BLE001 (a closing connection; its consumer cleans up)
                logger.debug("meeting %s: snapshot to %s failed", self.code, user_id)


class Hub:
    """This node's member of the movement group: one tick for all its rooms."""

    def __init__(self, layer: Any) -> None:
        self.layer = layer
        self.engines: dict[str, RoomEngine] = {}
        self.channel: str | None = None
        self.tasks: list[asyncio.Task] = []
        self.wake = asyncio.Event()
        self.stopping = False

    async def start(self) -> None:
        self.channel = await self.layer.new_channel()
        await self.layer.group_add(MOVES_GROUP, self.channel)
        self.tasks = [asyncio.create_task(self._receive_loop()),
                      asyncio.create_task(self._flush_loop())]

    async def stop(self) -> None:
        """Stop the tick and the receiving. channels-redis can swallow a cancellation that hits
        its blocking read (the read is retried, and the receive waits on for a message that
        may never come); so the receive loop also stops at its next message, and the hub sends
        one to itself. `release` runs this in the background: a person leaving never waits on
        it (it once held up their leave, and so the others' "left", indefinitely)."""
        self.stopping = True
        for task in self.tasks:
            task.cancel()
        _done, pending = await asyncio.wait(self.tasks, timeout=1) if self.tasks else ((), ())
        if self.channel:
            if pending:
                with contextlib.suppress(Exception):
                    await self.layer.send(self.channel, {"type": "stop"})
                await asyncio.wait(pending, timeout=10)
            with contextlib.suppress(Exception):
                await self.layer.group_discard(MOVES_GROUP, self.channel)

    async def _flush_loop(self) -> None:
        while True:
            await asyncio.sleep(TICK)
            rooms = {}
            for code, engine in list(self.engines.items()):
                item = engine.take()
                if item is not None:
                    rooms[code] = item
            if not rooms:
                continue
            try:
                await self.layer.group_send(MOVES_GROUP,
                                            {"type": "tick", "ts": now_ms(), "rooms": rooms})
            except Exception:  # noqa: BLE001 (a layer hiccup must not stop the rooms)
                logger.exception("meetings: snapshot not sent")

    async def _receive_loop(self) -> None:
        channel = self.channel or ""
        while not self.stopping:
            message = await self.layer.receive(channel)
            if self.stopping:
                return
            ts = message.get("ts") or now_ms()
            for code, item in (message.get("rooms") or {}).items():
                engine = self.engines.get(code)
                if engine is None:
                    continue
                try:
                    await engine.apply(ts, item)
                except Exception:  # noqa: BLE001
                    logger.exception("meeting %s: bad snapshot", code)


# --- The engines of this node -------------------------------------------------------------------

_hubs: dict[tuple[int, int], Hub] = {}
_users: dict[tuple[int, int, str], int] = {}
_stopping: set[asyncio.Task] = set()   # hubs stopping in the background (kept from the GC)


def _key(layer: Any) -> tuple[int, int]:
    return (id(asyncio.get_running_loop()), id(layer))


async def engine_for(*, code: str, layout: str, layer: Any,
                     touch: Callable[[list[str]], Any] | None = None) -> RoomEngine:
    """The room's engine on this node, started on first use; `release` when done with it."""
    key = _key(layer)
    hub = _hubs.get(key)
    if hub is None:
        hub = _hubs[key] = Hub(layer)
        await hub.start()
    _users[(*key, code)] = _users.get((*key, code), 0) + 1
    engine = hub.engines.get(code)
    if engine is None:
        engine = hub.engines[code] = RoomEngine(code=code, layout=layout, hub=hub, touch=touch)
        engine.start()
    return engine


async def release(engine: RoomEngine) -> None:
    key = _key(engine.layer)
    count = _users.get((*key, engine.code), 1) - 1
    _users[(*key, engine.code)] = count
    hub = engine.hub
    if count > 0 or hub.engines.get(engine.code) is not engine:
        return
    del _users[(*key, engine.code)]
    if engine.gone:
        # Tell the others before this node forgets the room.
        item = engine.take()
        with contextlib.suppress(Exception):
            await hub.layer.group_send(MOVES_GROUP, {"type": "tick", "ts": now_ms(),
                                                    "rooms": {engine.code: item}})
    del hub.engines[engine.code]
    await engine.stop()
    if not hub.engines and _hubs.get(key) is hub:
        del _hubs[key]
        stopping = asyncio.create_task(hub.stop())
        _stopping.add(stopping)
        stopping.add_done_callback(_stopping.discard)
