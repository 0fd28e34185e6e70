"""The room layouts and who hears whom; the protocol's schemas, sizes and rates."""

from __future__ import annotations

import json

import pytest

from anrong.meetings import protocol
from anrong.meetings.layouts import MAPS, NEAR, bubbles, can_hear, get_layout, layout_data


@pytest.mark.parametrize("name", sorted(MAPS))
def test_every_layout_has_walls_a_stage_tables_and_spawn_points_on_the_floor(name):
    layout = get_layout(name)
    data = layout_data(name)

    assert data["width"] == layout.width and data["height"] == len(data["tiles"])
    assert layout.stage and layout.tables and len(layout.spawn) >= 20
    for i, (x, y) in enumerate(layout.spawn):
        assert layout.tile(x, y) not in layout.walls | layout.stage
        assert layout.tile(x, y) not in layout.seats
        # Nobody arrives already in someone's conversation.
        for ox, oy in layout.spawn[i + 1:]:
            assert (x - ox) ** 2 + (y - oy) ** 2 > NEAR ** 2
    assert json.loads(json.dumps(data)) == data


def test_two_people_within_two_tiles_share_a_bubble_and_a_third_far_away_does_not():
    given = {1: (3.5, 6.5), 2: (5.0, 6.5), 3: (20.0, 9.5)}

    result = bubbles(given, "hall")

    assert result[1] == result[2] == "near:1"
    assert 3 not in result


def test_proximity_is_transitive_and_named_after_the_lowest_id():
    # 7 and 9 are 3 tiles apart, but both are near 8.
    given = {9: (8.0, 7.0), 8: (6.5, 7.0), 7: (5.0, 7.0)}

    assert set(bubbles(given, "hall").values()) == {"near:7"}


def test_people_at_one_table_share_it_even_across_the_table():
    hall = get_layout("hall")
    table = hall.tables[0]
    left = (table["x"] - 0.5, table["y"] + 0.5)
    right = (table["x"] + table["w"] + 0.5, table["y"] + table["h"] - 0.5)

    result = bubbles({1: left, 2: right, 3: (12.0, 12.5)}, hall)

    assert result[1] == result[2] == "table:1"
    assert 3 not in result


def test_whoever_is_on_the_stage_is_heard_by_everyone():
    given = {1: (10.5, 1.5), 2: (3.5, 9.5), 3: (20.5, 5.5)}

    result = bubbles(given, "hall")

    assert result == {1: "stage"}
    assert can_hear(result, 1, 2) and can_hear(result, 3, 1)
    assert not can_hear(result, 2, 3)


def test_alone_means_no_conversation():
    assert not can_hear({}, 1, 2)
    assert not can_hear({1: "near:1", 2: "near:2"}, 1, 2)


def test_unknown_layout_falls_back_to_the_hall_and_positions_are_clamped_into_the_room():
    layout = get_layout("nope")
    assert layout.tiles == get_layout("hall").tiles
    x, y = layout.clamp(-5, 500)
    assert 1 <= x < layout.width - 1 and 1 <= y < layout.height - 1


# --- Protocol -----------------------------------------------------------------------------------

@pytest.mark.parametrize("frame, kind", [
    ('{"t":"move","x":3.5,"y":4}', protocol.Move),
    ('{"t":"chat","text":"Selamat pagi","scope":"bubble"}', protocol.Chat),
    ('{"t":"signal","to":4,"data":{"sdp":"v=0"}}', protocol.Signal),
    ('{"t":"host","op":"mute","user":3}', protocol.Host),
    ('{"t":"ping","ts":1700000000000}', protocol.Ping),
])
def test_the_protocols_messages_parse(frame, kind):
    assert isinstance(protocol.parse(frame), kind)


@pytest.mark.parametrize("frame", [
    "not json", "[1,2]", '{"t":"fly"}', '{"t":"move","x":"a","y":1}',
    '{"t":"move","x":1,"y":1,"z":3}', '{"t":"move","x":1e308,"y":NaN}',
    '{"t":"chat","text":""}', '{"t":"chat","text":"' + "a" * 1001 + '"}',
    '{"t":"chat","text":"hi","scope":"everyone"}', '{"t":"signal","to":0,"data":{}}',
    '{"t":"host","op":"ban","user":3}', None,
])
def test_anything_else_is_a_bad_message(frame):
    with pytest.raises(protocol.BadMessage):
        protocol.parse(frame)


def test_frames_over_4_kb_are_refused_except_signalling_up_to_16_kb():
    padding = "x" * 5000
    with pytest.raises(protocol.BadMessage, match="too large"):
        protocol.parse(json.dumps({"t": "ping", "ts": 1, "pad": padding}))
    assert protocol.parse(json.dumps({"t": "signal", "to": 2, "data": {"sdp": padding}}))
    with pytest.raises(protocol.BadMessage, match="too large"):
        protocol.parse(json.dumps({"t": "signal", "to": 2, "data": {"sdp": "x" * 17000}}))


def test_token_bucket_allows_the_burst_then_the_rate():
    limits = protocol.RateLimits(now=0.0)

    chats = [limits.allow("chat", 0.0) for _ in range(6)]
    assert chats == [True] * 5 + [False]
    assert limits.allow("chat", 0.5)          # one token back after half a second at 2/s
    assert not limits.allow("chat", 0.5)
    moves = [limits.allow("move", 1.0) for _ in range(21)]
    assert moves.count(True) == 20
    assert limits.allow("ping", 1.0)           # other kinds have their own bucket
