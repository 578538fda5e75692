"""Where the decision labels of the Diagram Alir go: beside their own edge, on nothing else.

Graphviz's ``xlabel`` placement avoids nodes but not edges, and puts a label anywhere along its
edge (a "Ya" ended up at the far end of a long loop). Here each label is placed like the
swimlane's (swimlane-labels.js): at the first spot along its own edge, on either side, nearest
to where it leaves the decision, that overlaps no symbol, line, arrowhead or other label; the
label is then drawn by Graphviz at that spot (``lp``). Text sizes are estimated from the font
size (Helvetica averages about 0.55 em per character), with a margin.
"""

from __future__ import annotations

import itertools
import textwrap
from operator import itemgetter

from .diagram_routes import Box, Layout, Point

FONT_SIZE = 9.0  # points, as in the DOT source
CHAR = 0.6 * FONT_SIZE  # points per character, generous
LINE = 1.25 * FONT_SIZE  # points per line
WRAP = 18  # characters per line
BESIDE = 3.0  # points between a label and its own edge
STEP = 3.0
REACH = 140.0  # points along its edge within which a label should sit


def wrapped(label: str) -> list[str]:
    return textwrap.wrap(label, WRAP, break_long_words=False) or [label]


def label_size(label: str) -> tuple[float, float]:
    lines = wrapped(label)
    return max(len(line) for line in lines) * CHAR + 2, len(lines) * LINE + 2


def _hits(a: Box, b: Box) -> bool:
    return a.left < b.right and b.left < a.right and a.top < b.bottom and b.top < a.bottom


def _around(a: Point, b: Point, margin: float) -> Box:
    return Box(min(a[0], b[0]) - margin, min(a[1], b[1]) - margin,
               max(a[0], b[0]) + margin, max(a[1], b[1]) + margin)


Spot = tuple[float, float, float]
"""A place a label may go: its cost (lower is better), left and top."""
_BY_COST = itemgetter(0)


def _spots(points: tuple[Point, ...], width: float, height: float) -> list[Spot]:
    spots: list[Spot] = []
    walked = 0.0
    for a, b in itertools.pairwise(points):
        vertical = abs(a[0] - b[0]) < 0.01
        length = abs(b[1] - a[1]) if vertical else abs(b[0] - a[0])
        sign = 1 if (b[1] - a[1] if vertical else b[0] - a[0]) >= 0 else -1
        d = 0.0
        while d <= length and walked + d <= REACH:
            cost = walked + d
            if vertical:
                y = a[1] + sign * d
                top = y if sign > 0 else y - height
                spots.append((cost, a[0] + BESIDE, top))
                spots.append((cost + 1, a[0] - BESIDE - width, top))
            else:
                x = a[0] + sign * d
                left = x if sign > 0 else x - width
                spots.append((cost, left, a[1] - BESIDE - height))
                spots.append((cost + 1, left, a[1] + BESIDE))
            d += STEP
        walked += length
        if walked > REACH:
            break
    spots.sort(key=_BY_COST)  # stable: ties keep the order they were found in
    return spots


def _grid(points: tuple[Point, ...], width: float, height: float) -> list[Spot]:
    """Spots around the edge's first stretch, for when none beside the edge is free."""
    near = _around(points[0], points[1], 0)
    x0, y0 = points[0]
    # A column's horizontal gap is the same on every row: computed once per column.
    columns = [(x0 + dx, max(0.0, near.left - (x0 + dx + width), x0 + dx - near.right))
               for dx in range(-120, 121, 3)]
    spots: list[Spot] = []
    for dy in range(-60, 61, 3):
        top = y0 + dy
        gap_y = max(0.0, near.top - (top + height), top - near.bottom)
        spots += [(REACH + 4 * (gap_x + gap_y), left, top) for left, gap_x in columns]
    spots.sort(key=_BY_COST)  # stable: ties keep the row-by-row order
    return spots


def _first_free(
    spots: list[Spot], width: float, height: float, inside: Box, obstacles: list[Box]
) -> Box | None:
    if not spots:
        return None
    # Only obstacles touching the spots' common bounds can hit a spot: the rest need no test.
    lefts = [left for _, left, _ in spots]
    tops = [top for _, _, top in spots]
    reach = Box(min(lefts), min(tops), max(lefts) + width, max(tops) + height)
    near = [(o.left, o.top, o.right, o.bottom) for o in obstacles if _hits(reach, o)]
    in_left, in_top, in_right, in_bottom = inside.left, inside.top, inside.right, inside.bottom
    for _cost, left, top in spots:
        right, bottom = left + width, top + height
        if not (in_left <= left and right <= in_right and in_top <= top and bottom <= in_bottom):
            continue
        for o_left, o_top, o_right, o_bottom in near:  # a loop, not any(): this is hot
            if left < o_right and o_left < right and top < o_bottom and o_top < bottom:
                break
        else:
            return Box(left, top, right, bottom)
    return None


def place_labels(plan: Layout) -> dict[int, tuple[Point, Box]]:
    """Edge index -> (centre of its label, the label's box), for every labelled edge."""
    obstacles = [Box(b.left - 2, b.top - 2, b.right + 2, b.bottom + 2) for b in plan.boxes.values()]
    for _arrow, points in plan.edges:
        obstacles += [_around(a, b, 1.5) for a, b in itertools.pairwise(points)]
        obstacles.append(_around(points[-1], points[-1], 6))
    obstacles += [_around(a, b, 1.5) for a, b in plan.joins]
    inside = Box(1, plan.header + 1, plan.width - 1, plan.height - 1)
    placed: dict[int, tuple[Point, Box]] = {}
    for index, (arrow, points) in enumerate(plan.edges):
        if arrow.label is None:
            continue
        width, height = label_size(arrow.label)
        best = (_first_free(_spots(points, width, height), width, height, inside, obstacles)
                or _first_free(_grid(points, width, height), width, height, inside, obstacles))
        if best is None:  # nowhere free: beside the exit, as Graphviz would
            _cost, left, top = _spots(points, width, height)[0]
            best = Box(left, top, left + width, top + height)
        obstacles.append(best)
        placed[index] = (((best.left + best.right) / 2, (best.top + best.bottom) / 2), best)
    return placed
