"""Where every symbol and every edge of the Diagram Alir goes, computed here, not by Graphviz.

Graphviz's own routers cannot promise what a reader needs (``splines=true`` under ``neato -n2``
ran edges through symbols, merged them and drew two edges as one double-headed line), so this
module routes each edge as an orthogonal polyline the way swimlane.js does in the browser, and
``neato -n2`` only draws the given ``pos`` of nodes and edges:

- every lane is a body (as wide as the widest symbol) between two gutters, every row a body (as
  tall as the tallest symbol) between two strips; symbols sit in bodies, lines run only in
  gutters (vertically) and strips (horizontally), or straight down a lane with no symbol
  between, or inside the source's or target's own cell;
- edges that share a gutter or strip get their own track, `GAP` apart; gutters and strips grow
  until every track fits, so no line runs through a symbol or on top of another line;
- distinct edges into one symbol end at distinct entry points (top centre, the side they come
  from, beside the top centre), so no two edges share an arrowhead.

Coordinates here are points with y growing downwards; `diagram.py` flips them for Graphviz.
"""

from __future__ import annotations

from dataclasses import dataclass, field

from .flow import Arrow, Flow, Symbol

GAP = 8.0  # points between parallel lines
MIN_STRIP = 22.0  # height of the strip between two rows with no track in it
MIN_GUTTER = 31.0  # width of a gutter with no track in it
OFFSET = 10.0  # points between entry points on a symbol's top edge
Point = tuple[float, float]


@dataclass(frozen=True, slots=True)
class Box:
    left: float
    top: float
    right: float
    bottom: float

    @property
    def cx(self) -> float:
        return (self.left + self.right) / 2

    @property
    def cy(self) -> float:
        return (self.top + self.bottom) / 2


@dataclass
class _Route:
    arrow: Arrow
    source: Symbol
    target: Symbol
    straight: bool = False
    depart: dict[str, float] | None = None  # strip, then y
    gutter: dict[str, float] | None = None  # lane, side (0 west / 1 east), then x
    arrive: dict[str, float] | None = None
    entry: str = "top"
    entry_gutter: dict[str, float] | None = None
    usages: list[dict[str, float]] = field(default_factory=list)


@dataclass(frozen=True, slots=True)
class Layout:
    lane_edges: tuple[float, ...]  # x of every lane border, left to right
    header: float  # height of the lane header band
    width: float
    height: float
    boxes: dict[tuple[str, int], Box]  # (symbol key, lane) -> its box
    edges: tuple[tuple[Arrow, tuple[Point, ...]], ...]  # each arrow's polyline
    joins: tuple[tuple[Point, Point], ...]  # the dashed lines of shared steps
    label_spots: dict[int, Point]  # index of an edge -> where its label's centre goes


SIDES = ("west", "east")
ENTRY_STEPS = {"top": 0, "top-west": -1, "top-east": 1, "top-west2": -2, "top-east2": 2}


def layout(
    flow: Flow, lanes: int, sizes: dict[str, tuple[float, float]], header: float
) -> Layout:
    """Positions of symbols and routes of edges for ``lanes`` actors (some may have no symbol);
    ``sizes`` gives each kind of symbol's (width, height) in points."""
    lanes = max([lanes, *(1 + lane for symbol in flow.symbols for lane in symbol.lanes)])
    by_key = {symbol.key: symbol for symbol in flow.symbols}
    routes = [_plan(flow, arrow, by_key) for arrow in flow.arrows]
    _assign_entries(routes)
    strips: dict[int, dict[str, list[dict[str, float]]]] = {}
    gutters: dict[tuple[int, int], list[dict[str, float]]] = {}
    _usages(routes, strips, gutters)
    strip_tracks = {index: (_colour(users["first"], 0.3), _colour(users["last"], 0.3))
                    for index, users in strips.items()}
    gutter_tracks = {key: _colour(users, 0.0) for key, users in gutters.items()}

    body_w = max(width for width, _ in sizes.values())
    body_h = max(height for _, height in sizes.values())
    lane_edges = [0.0]
    centres = []
    gutter_box: dict[tuple[int, int], tuple[float, float]] = {}
    for lane in range(lanes):
        west = max(MIN_GUTTER, (gutter_tracks.get((lane, 0), 0) + 1) * GAP)
        east = max(MIN_GUTTER, (gutter_tracks.get((lane, 1), 0) + 1) * GAP)
        left = lane_edges[-1]
        gutter_box[(lane, 0)] = (left, left + west)
        gutter_box[(lane, 1)] = (left + west + body_w, left + west + body_w + east)
        centres.append(left + west + body_w / 2)
        lane_edges.append(left + west + body_w + east)
    rows = len(flow.symbols)
    strip_box: dict[int, tuple[float, float]] = {}
    row_centre = []
    y = header
    for index in range(rows + 1):
        first, last = strip_tracks.get(index, (0, 0))
        height = max(MIN_STRIP, (first + last + 1) * GAP)
        strip_box[index] = (y, y + height)
        y += height
        if index < rows:
            row_centre.append(y + body_h / 2)
            y += body_h

    boxes: dict[tuple[str, int], Box] = {}
    for symbol in flow.symbols:
        width, height = sizes[_kind(symbol)]
        for lane in symbol.lanes:
            cx, cy = centres[lane], row_centre[symbol.row]
            boxes[(symbol.key, lane)] = Box(cx - width / 2, cy - height / 2, cx + width / 2,
                                            cy + height / 2)
    for index, users in strips.items():
        top, bottom = strip_box[index]
        for usage in users["first"]:
            usage["y"] = top + (usage["track"] + 1) * GAP
        for usage in users["last"]:
            usage["y"] = bottom - (usage["track"] + 1) * GAP
    for (lane, side), users in gutters.items():
        left, right = gutter_box[(lane, side)]
        for usage in users:
            usage["x"] = (left + (usage["track"] + 1) * GAP if side == 0
                          else right - (usage["track"] + 1) * GAP)

    edges = tuple((route.arrow, tuple(_points(route, boxes))) for route in routes)
    joins = tuple(
        ((boxes[(s.key, a)].right, boxes[(s.key, a)].cy), (boxes[(s.key, b)].left,
                                                            boxes[(s.key, b)].cy))
        for s in flow.symbols for a, b in zip(s.lanes, s.lanes[1:], strict=False)
    )
    return Layout(tuple(lane_edges), header, lane_edges[-1], y, boxes, edges, joins, {})


def _kind(symbol: Symbol) -> str:
    return "end" if symbol.step is None else symbol.shape


def _plan(flow: Flow, arrow: Arrow, by_key: dict[str, Symbol]) -> _Route:
    source, target = by_key[arrow.source], by_key[arrow.target]
    route = _Route(arrow, source, target)
    if arrow.exit == "bottom":
        between = [s for s in flow.symbols if source.row < s.row < target.row
                   and source.lane in s.lanes]
        if target.lane == source.lane and target.row > source.row and not between:
            route.straight = True
            return route
        route.depart = {"strip": source.row + 1}
        if target.row == source.row + 1:
            return route
    side = arrow.exit if arrow.exit != "bottom" else (
        "west" if target.lane < source.lane else "east")
    route.gutter = {"lane": source.lane, "side": SIDES.index(side)}
    return route


def _approach(route: _Route) -> str:
    start = int(route.gutter["lane"]) if route.gutter else route.source.lane
    if start != route.target.lane:
        return "west" if start < route.target.lane else "east"
    return SIDES[int(route.gutter["side"])] if route.gutter else "top"


def _assign_entries(routes: list[_Route]) -> None:
    exits: dict[str, set[str]] = {}
    by_target: dict[str, list[_Route]] = {}
    for route in routes:
        exits.setdefault(route.source.key, set()).add(route.arrow.exit)
        by_target.setdefault(route.target.key, []).append(route)
    for arrivals in by_target.values():
        target = arrivals[0].target
        used = exits.get(target.key, set())
        free = {name: True for name in ENTRY_STEPS}
        free["west"] = "west" not in used
        free["east"] = "east" not in used and len(target.lanes) < 2
        ordered = ([r for r in arrivals if r.straight]
                   + [r for r in arrivals if not r.straight and not r.gutter]
                   + [r for r in arrivals if r.gutter])
        for route in ordered:
            near = "east" if _approach(route) == "east" else "west"
            far = "west" if near == "east" else "east"
            wishes = (["top", near, f"top-{near}", f"top-{far}", far] if route.gutter
                      else ["top", f"top-{near}", f"top-{far}"])
            wishes += [f"top-{near}2", f"top-{far}2"]
            slot = next((wish for wish in wishes if free.get(wish)), "top")
            free[slot] = False
            route.entry = slot
            if route.straight and slot != "top":
                route.straight = False
                route.depart = {"strip": route.source.row + 1}
                route.gutter = {"lane": route.source.lane, "side": 1}
            side = slot in SIDES
            if side and route.gutter and not (
                route.gutter["lane"] == target.lane and SIDES[int(route.gutter["side"])] == slot
            ):
                route.entry_gutter = {"lane": target.lane, "side": SIDES.index(slot)}
            if route.gutter and not (side and route.entry_gutter is None):
                route.arrive = {"strip": target.row}


def _gutter_pos(lane: float, side: float) -> float:
    return lane + (0.1 if side == 0 else 0.9)


def _entry_pos(route: _Route) -> float:
    target = route.target
    if route.entry in SIDES:
        return _gutter_pos(target.lane, SIDES.index(route.entry))
    return target.lane + 0.5 + ENTRY_STEPS[route.entry] / 10


def _span(a: float, b: float, **extra: float) -> dict[str, float]:
    return {"lo": min(a, b), "hi": max(a, b), **extra}


def _usages(
    routes: list[_Route],
    strips: dict[int, dict[str, list[dict[str, float]]]],
    gutters: dict[tuple[int, int], list[dict[str, float]]],
) -> None:
    for route in routes:
        s, t = route.source, route.target
        start = (_gutter_pos(route.gutter["lane"], route.gutter["side"]) if route.gutter
                 else _entry_pos(route))
        if route.depart is not None:
            route.depart["usage"] = len(route.usages)
            route.usages.append(_span(s.lane + 0.5, start))
            strips.setdefault(int(route.depart["strip"]), {"first": [], "last": []})[
                "first"].append(route.usages[-1])
        if route.arrive is not None:
            end = (_gutter_pos(t.lane, route.entry_gutter["side"]) if route.entry_gutter
                   else _entry_pos(route))
            outer = 100.0 if route.entry_gutter else abs(ENTRY_STEPS.get(route.entry, 0))
            route.arrive["usage"] = len(route.usages)
            route.usages.append(_span(start, end, outer=outer))
            strips.setdefault(int(route.arrive["strip"]), {"first": [], "last": []})[
                "last"].append(route.usages[-1])
        if route.gutter is not None:
            low = route.depart["strip"] if route.depart else s.row + 0.5
            high = route.arrive["strip"] if route.arrive else t.row + 0.5
            route.gutter["usage"] = len(route.usages)
            route.usages.append(_span(low, high))
            key = (int(route.gutter["lane"]), int(route.gutter["side"]))
            gutters.setdefault(key, []).append(route.usages[-1])
        if route.entry_gutter is not None:
            route.entry_gutter["usage"] = len(route.usages)
            route.usages.append(_span(t.row, t.row + 0.5))
            key = (t.lane, int(route.entry_gutter["side"]))
            gutters.setdefault(key, []).append(route.usages[-1])
    for users in strips.values():
        users["last"].sort(key=lambda u: (-u.get("outer", 0), u["lo"]))
    for users in gutters.values():
        users.sort(key=lambda u: (u["lo"], -u["hi"]))


def _colour(usages: list[dict[str, float]], margin: float) -> int:
    """Greedy interval colouring: each usage takes the lowest track where it overlaps nothing."""
    tracks: list[list[dict[str, float]]] = []
    for usage in usages:
        index = next((k for k, taken in enumerate(tracks)
                      if all(usage["hi"] + margin < o["lo"] or o["hi"] + margin < usage["lo"]
                             for o in taken)), len(tracks))
        if index == len(tracks):
            tracks.append([])
        tracks[index].append(usage)
        usage["track"] = index
    return len(tracks)


def _top_at(box: Box, shape: str, offset: float) -> float:
    """Where a vertical line ``offset`` from the centre meets the top of the outline."""
    if shape != "decision":
        return box.top
    half_w, half_h = (box.right - box.left) / 2, (box.bottom - box.top) / 2
    return box.top + min(abs(offset), half_w) * half_h / half_w


def _points(route: _Route, boxes: dict[tuple[str, int], Box]) -> list[Point]:
    s = boxes[(route.source.key, route.source.lane)]
    t = boxes[(route.target.key, route.target.lane)]
    offset = ENTRY_STEPS.get(route.entry, 0) * OFFSET
    entry_x, entry_y = t.cx + offset, _top_at(t, route.target.shape, offset)
    side_x = t.left if route.entry == "west" else t.right
    exit_ = route.arrow.exit
    start = ((s.right, s.cy) if exit_ == "east" else (s.left, s.cy) if exit_ == "west"
             else (s.cx, s.bottom))
    points = [start]
    if route.straight:
        return [start, (s.cx, t.top)]
    y = s.cy
    if route.depart is not None:
        y = route.usages[int(route.depart["usage"])]["y"]
        points.append((s.cx, y))
    if route.gutter is None:
        return [*points, (entry_x, y), (entry_x, entry_y)]
    x = route.usages[int(route.gutter["usage"])]["x"]
    points.append((x, y))
    if route.arrive is None:
        return [*points, (x, t.cy), (side_x, t.cy)]
    y = route.usages[int(route.arrive["usage"])]["y"]
    points.append((x, y))
    if route.entry_gutter is not None:
        x = route.usages[int(route.entry_gutter["usage"])]["x"]
        return [*points, (x, y), (x, t.cy), (side_x, t.cy)]
    return [*points, (entry_x, y), (entry_x, entry_y)]
