"""The three room layouts as data, and who hears whom in them.

A map is drawn in ASCII, one character per tile (a tile is the unit of every position):

    #  wall              .  floor            T  table (its neighbouring floor tiles are its seats)
    S  stage             P  spawn point (floor where people appear)      D  door (floor)

`layout_data(name)` turns a map into what the browser draws (sent in the welcome message);
`bubbles(positions, layout)` says, for people standing at `positions`, which conversation each
is in. It is a pure function: every node computes the same bubbles from the same positions.

- Whoever stands on the stage is in the bubble "stage", heard by all (`hears_all`).
- Whoever sits at a table (on a tile next to it) shares the table's bubble "table:<n>".
- The others form bubbles with those within `NEAR` tiles of them, transitively: "near:<id>"
  named after the lowest user id in it. Someone alone is in no bubble.
"""

from __future__ import annotations

import math
from dataclasses import dataclass, field
from functools import cache

NEAR = 2.0  # tiles: closer than this and two people hear each other
STAGE = "stage"

MAPS: dict[str, tuple[str, ...]] = {
    # Aula rapat: a stage with its screen at the top, rows of floor for the audience, two
    # round tables at the back for side conversations.
    "hall": (
        "########################",
        "#......SSSSSSSSSS......#",
        "#......SSSSSSSSSS......#",
        "#......................#",
        "#.P..P..P..P..P..P..P..#",
        "#......................#",
        "#......................#",
        "#.P..P..P..P..P..P..P..#",
        "#......................#",
        "#......................#",
        "#.P..P..P..P..P..P..P..#",
        "#......................#",
        "#......................#",
        "#...TT............TT...#",
        "#...TT............TT...#",
        "#......................#",
        "###########DD###########",
    ),
    # Ruang kelas: a teacher's stage at the front and desks in rows (each pair of desks a table).
    "classroom": (
        "######################",
        "#......SSSSSSSS......#",
        "#......SSSSSSSS......#",
        "#....................#",
        "#..TT.....TT.....TT..#",
        "#....................#",
        "#....................#",
        "#..TT.....TT.....TT..#",
        "#....................#",
        "#....................#",
        "#.P..P..P..P..P..P..P#",
        "#....................#",
        "#....................#",
        "#.P..P..P..P..P..P..P#",
        "#....................#",
        "#....................#",
        "#.P..P..P..P..P..P..P#",
        "#....................#",
        "##########DD##########",
    ),
    # Kantor terbuka: clusters of desks, a small stage for the all-hands, a lounge corner.
    "office": (
        "##########################",
        "#..........SSSSSS........#",
        "#..........SSSSSS........#",
        "#........................#",
        "#..TTT.....TTT.....TTT...#",
        "#..TTT.....TTT.....TTT...#",
        "#........................#",
        "#........................#",
        "#.P..P..P..P..P..P..P..P.#",
        "#........................#",
        "#........................#",
        "#.P..P..P..P..P..P..P..P.#",
        "#........................#",
        "#........................#",
        "#.P..P..P..P..P..P..P..P.#",
        "#........................#",
        "#........................#",
        "#..TTT.....TTT...........#",
        "#..TTT.....TTT...........#",
        "#........................#",
        "############DD############",
    ),
}


@dataclass(frozen=True)
class Layout:
    name: str
    width: int
    height: int
    tiles: tuple[str, ...]
    walls: frozenset[tuple[int, int]]
    stage: frozenset[tuple[int, int]]
    # seat tile -> table number (1-based, in reading order of the tables' first tile)
    seats: dict[tuple[int, int], int] = field(hash=False)
    tables: tuple[dict, ...] = field(hash=False)
    spawn: tuple[tuple[float, float], ...] = ()

    def tile(self, x: float, y: float) -> tuple[int, int]:
        return int(math.floor(x)), int(math.floor(y))

    def clamp(self, x: float, y: float) -> tuple[float, float]:
        """A position inside the room's outer walls (walls themselves are the client's to
        avoid; a position is never outside the map)."""
        return (min(max(x, 1.0), self.width - 1.01), min(max(y, 1.0), self.height - 1.01))


def _parse(name: str, rows: tuple[str, ...]) -> Layout:
    width = len(rows[0])
    if any(len(row) != width for row in rows):
        raise ValueError(f"layout {name}: rows of different widths")
    walls, stage, table_tiles, spawn = set(), set(), set(), []
    for y, row in enumerate(rows):
        for x, char in enumerate(row):
            if char == "#":
                walls.add((x, y))
            elif char == "S":
                stage.add((x, y))
            elif char == "T":
                table_tiles.add((x, y))
            elif char == "P":
                spawn.append((x + 0.5, y + 0.5))
    # Tables: 4-connected groups of T tiles, numbered in reading order.
    tables, seats, seen = [], {}, set()
    for start in sorted(table_tiles, key=lambda t: (t[1], t[0])):
        if start in seen:
            continue
        group, todo = set(), [start]
        while todo:
            tile = todo.pop()
            if tile in seen or tile not in table_tiles:
                continue
            seen.add(tile)
            group.add(tile)
            x, y = tile
            todo += [(x + 1, y), (x - 1, y), (x, y + 1), (x, y - 1)]
        number = len(tables) + 1
        xs, ys = [t[0] for t in group], [t[1] for t in group]
        tables.append({"id": number, "x": min(xs), "y": min(ys),
                       "w": max(xs) - min(xs) + 1, "h": max(ys) - min(ys) + 1})
        for x, y in group:
            for dx in (-1, 0, 1):
                for dy in (-1, 0, 1):
                    seat = (x + dx, y + dy)
                    if seat not in table_tiles and seat not in walls and seat not in stage:
                        seats[seat] = number
    return Layout(name=name, width=width, height=len(rows), tiles=rows, walls=frozenset(walls),
                  stage=frozenset(stage), seats=seats, tables=tuple(tables), spawn=tuple(spawn))


@cache
def get_layout(name: str) -> Layout:
    return _parse(name, MAPS.get(name) or MAPS["hall"])


def layout_data(name: str) -> dict:
    """What the browser needs to draw the room (JSON-ready)."""
    layout = get_layout(name)
    xs = [x for x, _y in layout.stage]
    ys = [y for _x, y in layout.stage]
    stage = ({"x": min(xs), "y": min(ys), "w": max(xs) - min(xs) + 1, "h": max(ys) - min(ys) + 1}
             if layout.stage else None)
    return {"name": layout.name, "width": layout.width, "height": layout.height,
            "tiles": list(layout.tiles), "tables": list(layout.tables), "stage": stage,
            # The stage's screen: the row of wall above the stage, where a shared screen shows.
            "screen": ({"x": stage["x"], "y": stage["y"] - 1, "w": stage["w"], "h": 1}
                       if stage else None),
            "spawn": [list(point) for point in layout.spawn], "near": NEAR}


def spawn_point(name: str, index: int) -> tuple[float, float]:
    """The index-th arrival's spawn point (cycling through them)."""
    points = get_layout(name).spawn
    return points[index % len(points)]


def bubbles(positions: dict[int, tuple[float, float]], layout: str | Layout) -> dict[int, str]:
    """user id -> bubble key for everyone in a conversation; someone alone is left out."""
    room = layout if isinstance(layout, Layout) else get_layout(layout)
    result: dict[int, str] = {}
    loose: list[tuple[int, float, float]] = []
    for user_id, (x, y) in positions.items():
        tile = room.tile(x, y)
        if tile in room.stage:
            result[user_id] = STAGE
        elif tile in room.seats:
            result[user_id] = f"table:{room.seats[tile]}"
        else:
            loose.append((user_id, x, y))
    # Proximity: union-find over the pairs closer than NEAR (n is at most a few dozen).
    parent = {user_id: user_id for user_id, _x, _y in loose}

    def find(a: int) -> int:
        while parent[a] != a:
            parent[a] = parent[parent[a]]
            a = parent[a]
        return a

    near2 = NEAR * NEAR
    for i, (a, ax, ay) in enumerate(loose):
        for b, bx, by in loose[i + 1:]:
            if (ax - bx) ** 2 + (ay - by) ** 2 <= near2:
                ra, rb = find(a), find(b)
                if ra != rb:
                    parent[max(ra, rb)] = min(ra, rb)
    groups: dict[int, list[int]] = {}
    for user_id, _x, _y in loose:
        groups.setdefault(find(user_id), []).append(user_id)
    for members in groups.values():
        if len(members) > 1:
            key = f"near:{min(members)}"
            for user_id in members:
                result[user_id] = key
    return result


def can_hear(bubble_map: dict[int, str], a: int, b: int) -> bool:
    """Whether a and b are in one conversation (so their media may be connected): the same
    bubble, or one of them on the stage."""
    key_a, key_b = bubble_map.get(a), bubble_map.get(b)
    if key_a == STAGE or key_b == STAGE:
        return True
    return key_a is not None and key_a == key_b
