"""The room engine: moves batched per room and tick, fanned out to each node's connections,
across nodes through Redis. No database: fake connections that record what they were sent."""

from __future__ import annotations

import asyncio
import json
import uuid

from channels.layers import InMemoryChannelLayer

from anrong.core.testing import run_async
from anrong.meetings import realtime


class FakeConnection:
    def __init__(self, user_id: int) -> None:
        self.user_id = user_id
        self.channel_name = f"fake.{user_id}"
        self.frames: asyncio.Queue = asyncio.Queue()

    async def send(self, text_data=None, bytes_data=None, close=False):  # type: ignore[no-untyped-def]
        await self.frames.put(json.loads(text_data))

    async def next_snapshot(self, timeout: float = 3.0) -> dict:
        return await asyncio.wait_for(self.frames.get(), timeout)

    async def until(self, check, timeout: float = 3.0) -> dict:  # type: ignore[no-untyped-def]
        async def wait() -> dict:
            while True:
                frame = await self.frames.get()
                if check(frame):
                    return frame
        return await asyncio.wait_for(wait(), timeout)


def _code() -> str:
    return f"T{uuid.uuid4().hex[:10]}"


def test_a_move_reaches_the_others_in_a_snapshot_but_not_the_mover():
    async def scenario() -> tuple[dict, int]:
        layer = InMemoryChannelLayer()
        code = _code()
        engine = await realtime.engine_for(code=code, layout="hall", layer=layer)
        ana, budi = FakeConnection(1), FakeConnection(2)
        engine.join(ana, 3.5, 4.5)
        engine.join(budi, 20.5, 10.5)
        await budi.until(lambda f: any(m[0] == 1 for m in f["moves"]))   # arrivals
        engine.move(1, 8.0, 8.0)
        seen = await budi.until(lambda f: [1, 8.0, 8.0] in f["moves"])
        # Ana's own frames never carry her moves.
        own = []
        while not ana.frames.empty():
            own += [m for m in ana.frames.get_nowait()["moves"] if m[0] == 1]
        await realtime.release(engine)
        await realtime.release(engine)
        return seen, len(own)

    seen, own = run_async(scenario())
    assert seen["t"] == "snapshot" and isinstance(seen["ts"], int)
    assert own == 0


def test_many_moves_within_a_tick_are_sent_as_the_last_one():
    async def scenario() -> list[dict]:
        layer = InMemoryChannelLayer()
        engine = await realtime.engine_for(code=_code(), layout="hall", layer=layer)
        ana, budi = FakeConnection(1), FakeConnection(2)
        engine.join(ana, 3.5, 4.5)
        engine.join(budi, 20.5, 10.5)
        await budi.until(lambda f: any(m[0] == 1 for m in f["moves"]))
        for step in range(10):
            engine.move(1, 5.0 + step / 10, 6.0)
        frame = await budi.until(lambda f: any(m[0] == 1 for m in f["moves"]))
        await realtime.release(engine)
        await realtime.release(engine)
        return frame["moves"]

    moves = run_async(scenario())
    assert moves == [[1, 5.9, 6.0]]


def test_walking_up_to_someone_puts_both_in_a_bubble_and_walking_away_ends_it():
    async def scenario() -> tuple[dict, dict, str | None]:
        layer = InMemoryChannelLayer()
        engine = await realtime.engine_for(code=_code(), layout="hall", layer=layer)
        ana, budi = FakeConnection(1), FakeConnection(2)
        engine.join(ana, 3.5, 6.5)
        engine.join(budi, 20.5, 6.5)
        engine.move(2, 5.0, 6.5)
        together = await ana.until(lambda f: f["bubbles"])
        bubble = engine.bubble_of(1)
        engine.move(2, 20.5, 6.5)
        apart = await ana.until(lambda f: f["bubbles"])
        await realtime.release(engine)
        await realtime.release(engine)
        return together, apart, bubble

    together, apart, bubble = run_async(scenario())
    assert together["bubbles"] == {"1": "near:1", "2": "near:1"}
    assert bubble == "near:1"
    assert apart["bubbles"] == {"1": None, "2": None}


def test_the_engine_stops_with_its_last_connection():
    async def scenario() -> tuple[bool, bool]:
        layer = InMemoryChannelLayer()
        code = _code()
        first = await realtime.engine_for(code=code, layout="hall", layer=layer)
        second = await realtime.engine_for(code=code, layout="hall", layer=layer)
        await realtime.release(first)
        hub_tasks = list(first.hub.tasks)
        alive = bool(hub_tasks) and all(not task.done() for task in hub_tasks)
        await realtime.release(second)  # returns at once; the hub stops in the background
        await asyncio.wait(hub_tasks, timeout=5)
        return first is second and alive, all(task.done() for task in hub_tasks)

    shared_and_alive, stopped = run_async(scenario())
    assert shared_and_alive and stopped


def test_two_nodes_sharing_redis_see_each_others_moves(redis_url):
    from channels_redis.core import RedisChannelLayer

    async def scenario() -> tuple[dict, dict]:
        node_a = RedisChannelLayer(hosts=[redis_url])
        node_b = RedisChannelLayer(hosts=[redis_url])
        code = _code()
        engine_a = await realtime.engine_for(code=code, layout="hall", layer=node_a)
        ana = FakeConnection(1)
        engine_a.join(ana, 3.5, 4.5)
        await asyncio.sleep(0.3)
        # Node B gets its first connection later: its engine learns where Ana stands.
        engine_b = await realtime.engine_for(code=code, layout="hall", layer=node_b)
        budi = FakeConnection(2)
        engine_b.join(budi, 20.5, 10.5)
        learnt = await budi.until(lambda f: [1, 3.5, 4.5] in f["moves"])
        engine_a.move(1, 9.0, 9.0)
        moved = await budi.until(lambda f: [1, 9.0, 9.0] in f["moves"])
        await ana.until(lambda f: any(m[0] == 2 for m in f["moves"]))
        await realtime.release(engine_a)
        await realtime.release(engine_b)
        await node_a.flush()
        await node_a.close_pools()
        await node_b.close_pools()
        return learnt, moved

    learnt, moved = run_async(scenario())
    assert learnt["t"] == moved["t"] == "snapshot"


def test_the_engine_keeps_every_local_connection_alive_in_the_database_lobby_too(monkeypatch):
    monkeypatch.setattr(realtime, "TOUCH_EVERY", 0.05)

    async def scenario() -> list[str]:
        touched: asyncio.Queue = asyncio.Queue()

        async def touch(names: list[str]) -> None:
            await touched.put(names)

        engine = await realtime.engine_for(code=_code(), layout="hall",
                                           layer=InMemoryChannelLayer(), touch=touch)
        inside, waiting = FakeConnection(1), FakeConnection(2)
        engine.watching.update({inside, waiting})
        engine.join(inside, 3.5, 4.5)
        names = await asyncio.wait_for(touched.get(), 3.0)
        await realtime.release(engine)
        return names

    assert run_async(scenario()) == ["fake.1", "fake.2"]


def test_one_tick_carries_every_room_and_each_room_hears_only_its_own():
    async def scenario() -> tuple[dict, list]:
        layer = InMemoryChannelLayer()
        room_a = await realtime.engine_for(code=_code(), layout="hall", layer=layer)
        room_b = await realtime.engine_for(code=_code(), layout="office", layer=layer)
        ana, budi, citra = FakeConnection(1), FakeConnection(2), FakeConnection(3)
        room_a.join(ana, 3.5, 4.5)
        room_a.join(budi, 20.5, 10.5)
        room_b.join(citra, 3.5, 8.5)
        room_b.move(3, 9.0, 9.0)
        room_a.move(1, 9.0, 9.0)
        seen = await budi.until(lambda f: [1, 9.0, 9.0] in f["moves"])
        others = []
        while not budi.frames.empty():
            others.append(budi.frames.get_nowait())
        shared_hub = room_a.hub is room_b.hub
        for engine in (room_a, room_a, room_b):
            await realtime.release(engine)
        return seen, [shared_hub, [m for f in others for m in f["moves"] if m[0] == 3]]

    seen, (shared_hub, leaked) = run_async(scenario())
    assert shared_hub and all(move[0] != 3 for move in seen["moves"]) and leaked == []
