"""The Diagram Alir as drawn by the real ``neato -n2``, checked on the SVG's own geometry.

For every corpus SOP and the generated stress set: no edge runs through a symbol, every edge
starts on its source and ends (arrowhead tip) on its target's outline, no two edges merge (no
parallel stretches closer than `MIN_GAP`, no two arrowheads at one spot), every edge has exactly
one arrowhead (join lines none), and no arrowhead touches another edge's line (which is how two
edges drawn on top of each other look: one line with a head at each end). Decision labels sit
on no symbol and no line.
"""

from __future__ import annotations

import html
import itertools
import re
from pathlib import Path
from typing import Any

import pytest

from sop_factory import demak_sop
from sopgen.corpus import check_corpus
from sopgen.model import Sop
from sopgen.render import diagram_labels as labels
from sopgen.render.diagram import diagram_dot, render_svg
from stress_sops import write_stress_sops

REPO = Path(__file__).resolve().parents[1]
MIN_GAP = 6.0  # points
Point = tuple[float, float]
Box = tuple[float, float, float, float]  # left, top, right, bottom

_GROUP = re.compile(r'<g id="[^"]*" class="(node|edge)([^"]*)">\s*<title>([^<]*)</title>(.*?)</g>',
                    re.DOTALL)
_NUMBERS = re.compile(r"-?\d+(?:\.\d+)?")


def _pairs(text: str) -> list[Point]:
    values = [float(v) for v in _NUMBERS.findall(text)]
    return list(zip(values[::2], values[1::2], strict=False))


def parse_svg(svg: str) -> tuple[dict[str, Box], list[dict[str, object]], list[Box]]:
    """Symbol boxes by node name, edges (name, classes, polyline, arrowhead tips) and labels."""
    nodes: dict[str, Box] = {}
    edges: list[dict[str, object]] = []
    labels: list[Box] = []
    for kind, classes, title, body in _GROUP.findall(svg):
        title, classes = html.unescape(title), html.unescape(classes)
        if kind == "node":
            if "sopgen-symbol-node" not in classes:
                continue
            shape = re.search(r'<(?:polygon|path)[^>]* (?:points|d)="([^"]+)"', body)
            assert shape, title
            xs, ys = zip(*_pairs(shape.group(1)), strict=True)
            nodes[title] = (min(xs), min(ys), max(xs), max(ys))
            continue
        path = re.search(r'<path[^>]* d="M([^"]+)"', body)
        assert path, title
        controls = _pairs(path.group(1))
        heads = [_pairs(points) for points in re.findall(r'<polygon[^>]* points="([^"]+)"', body)]
        # Graphviz writes an arrowhead as base corner, tip, other base corner, first again.
        tips = [head[1] for head in heads]
        edges.append({"name": title, "classes": classes, "points": controls[::3],
                      "curved": controls, "tips": tips, "drawn": _sampled(controls)})
        for x, y, text in re.findall(r'<text[^>]* x="([-\d.]+)" y="([-\d.]+)"[^>]*>([^<]*)<',
                                     body):
            half = 0.55 * 9 * len(html.unescape(text)) / 2  # Helvetica 9 pt, about
            labels.append((float(x) - half, float(y) - 8, float(x) + half, float(y) + 2))
    return nodes, edges, labels


def _sampled(controls: list[Point], steps: int = 12) -> list[Point]:
    """The drawn line of a cubic B-spline path (M p0 C c1 c2 p1 ...), as a fine polyline."""
    points = [controls[0]]
    for index in range(0, len(controls) - 3, 3):
        p0, c1, c2, p1 = controls[index:index + 4]
        for step in range(1, steps + 1):
            t = step / steps
            u = 1 - t
            points.append(tuple(  # type: ignore[arg-type]
                u**3 * a + 3 * u * u * t * b + 3 * u * t * t * c + t**3 * d
                for a, b, c, d in zip(p0, c1, c2, p1, strict=True)))
    return points


def _distance(a: Point, b: Point) -> float:
    return abs(a[0] - b[0]) + abs(a[1] - b[1])


def _crosses(a: Point, b: Point, box: Box, inset: float = 1.5) -> bool:
    left, top, right, bottom = box[0] + inset, box[1] + inset, box[2] - inset, box[3] - inset
    return (min(a[0], b[0]) < right and max(a[0], b[0]) > left
            and min(a[1], b[1]) < bottom and max(a[1], b[1]) > top)


def _near_segment(p: Point, a: Point, b: Point, distance: float) -> bool:
    return (min(a[0], b[0]) - distance <= p[0] <= max(a[0], b[0]) + distance
            and min(a[1], b[1]) - distance <= p[1] <= max(a[1], b[1]) + distance)


def diagram_problems(svg: str) -> list[str]:
    nodes, edges, _labels = parse_svg(svg)
    problems: list[str] = []
    for edge in edges:
        name = str(edge["name"])
        source, target = name.split("->")
        points: list[Point] = edge["points"]  # type: ignore[assignment]
        curved: list[Point] = edge["curved"]  # type: ignore[assignment]
        tips: list[Point] = edge["tips"]  # type: ignore[assignment]
        join = "sopgen-join" in str(edge["classes"])
        if len(curved) != 3 * (len(points) - 1) + 1 or any(
            not (abs(a[0] - b[0]) < 0.01 or abs(a[1] - b[1]) < 0.01)
            for a, b in itertools.pairwise(curved)
        ):
            problems.append(f"{name} is not an orthogonal polyline")
        if len(tips) != (0 if join else 1):
            problems.append(f"{name} has {len(tips)} arrowheads")
        drawn: list[Point] = edge["drawn"]  # type: ignore[assignment]
        segments = list(itertools.pairwise([*drawn, *tips]))
        for index, (a, b) in enumerate(segments):
            for node, box in nodes.items():
                # Only the first piece touches the source, only the last ones the target.
                if (node == source and index < len(drawn) // max(1, len(points) - 1)) or (
                        node == target and index >= len(segments) - 1 - len(drawn) // max(
                            1, len(points) - 1)):
                    continue
                if _crosses(a, b, box):
                    problems.append(f"{name} runs through {node} on {a}-{b}")
        if not join and tips:
            box = nodes[target]
            tip = tips[0]
            inside = (box[0] - 1.5 <= tip[0] <= box[2] + 1.5
                      and box[1] - 1.5 <= tip[1] <= box[3] + 1.5)
            if not inside:
                problems.append(f"{name} ends at {tip}, off its target {box}")
    arrows = [e for e in edges if e["tips"]]
    for first, second in itertools.combinations(edges, 2):
        for a, b in itertools.product(itertools.pairwise(first["points"]),  # type: ignore[arg-type]
                                      itertools.pairwise(second["points"])):  # type: ignore[arg-type]
            for axis in (0, 1):
                along = 1 - axis
                if abs(a[0][axis] - a[1][axis]) > 0.01 or abs(b[0][axis] - b[1][axis]) > 0.01:
                    continue
                low = max(min(a[0][along], a[1][along]), min(b[0][along], b[1][along]))
                high = min(max(a[0][along], a[1][along]), max(b[0][along], b[1][along]))
                if high - low > 1 and abs(a[0][axis] - b[0][axis]) < MIN_GAP:
                    problems.append(f"{first['name']} and {second['name']} merge on {a} / {b}")
    for first, second in itertools.combinations(arrows, 2):
        if _distance(first["tips"][0], second["tips"][0]) < MIN_GAP:  # type: ignore[index]
            problems.append(f"{first['name']} and {second['name']} share an arrowhead")
    for arrow in arrows:
        tip: Point = arrow["tips"][0]  # type: ignore[index]
        for other in edges:
            if other is arrow:
                continue
            if any(_near_segment(tip, a, b, 2.0)
                   for a, b in itertools.pairwise(other["points"])):  # type: ignore[arg-type]
                problems.append(f"the head of {arrow['name']} touches {other['name']}")
    return problems


def label_problems(svg: str) -> list[str]:
    """Decision labels (their size estimated from the font) on no symbol and no line."""
    nodes, edges, labels = parse_svg(svg)
    problems = []
    for label in labels:
        for node, box in nodes.items():
            if _crosses((label[0], label[1]), (label[2], label[3]), box, 1):
                problems.append(f"label at {label} on {node}")
        for edge in edges:
            for a, b in itertools.pairwise([*edge["points"], *edge["tips"]]):  # type: ignore[misc]
                if _crosses(a, b, label, 0.5):
                    problems.append(f"label at {label} on {edge['name']}")
    return problems


def _corpus() -> dict[str, Sop]:
    return {sop.id: sop for sop in check_corpus(REPO / "sops").sops}


@pytest.fixture(scope="module")
def every_sop(tmp_path_factory: pytest.TempPathFactory) -> dict[str, Sop]:
    stress = check_corpus(write_stress_sops(tmp_path_factory.mktemp("stress")))
    assert not [d for d in stress.diagnostics if d.severity == "error"]
    sops = _corpus() | {sop.id: sop for sop in stress.sops}
    assert len(sops) >= 9
    return sops


def test_no_edge_through_a_symbol_no_merge_no_double_head(
    every_sop: dict[str, Sop], tmp_path: Path
) -> None:
    found = {}
    for key, sop in sorted(every_sop.items()):
        svg = render_svg(diagram_dot(sop), tmp_path)
        found[key] = diagram_problems(svg) + label_problems(svg)
    assert found == {key: [] for key in every_sop}


def test_the_diagram_checks_catch_a_bad_drawing(tmp_path: Path) -> None:
    """Curved edges (neato's own router), a symbol on a line, doubled edges all fail."""
    dot = diagram_dot(demak_sop())
    stripped = re.sub(r', pos="e,[^"]*"', "", dot)  # let neato route the edges itself
    problems = diagram_problems(render_svg(stripped, tmp_path))
    assert any("not an orthogonal polyline" in p for p in problems)
    # The start symbol moved onto a corner of another edge's line is caught.
    edge = re.search(r'  (r[1-9]\d*) -> (r[1-9]\d*) \[[^\n]*pos="e,\S+ \S+ \S+ \S+ (\S+) \S+', dot)
    assert edge
    moved = re.sub(r'(  r0 \[[^\n]*pos=")[^"]*"', rf'\g<1>{edge.group(3)}"', dot)
    assert f"{edge.group(1)}->{edge.group(2)} runs through r0" in " ".join(
        diagram_problems(render_svg(moved, tmp_path)))
    svg = render_svg(dot, tmp_path)
    assert diagram_problems(svg) == [] and label_problems(svg) == []
    # A label moved onto the start of its own edge is caught.
    on_line = re.sub(r'(pos="e,\S+ (\S+) [^"]*", label="Ya", lp=")[^"]*"', r'\1\2"', dot)
    assert on_line != dot
    assert label_problems(render_svg(on_line, tmp_path))
    # Two edges drawn on top of each other: a merge, and each head touches the other line.
    doubled = re.sub(r"(  r5 -> r6 \[[^\n]*\n)", r"\1\1", dot)
    merged = diagram_problems(render_svg(doubled, tmp_path))
    assert any("merge" in p for p in merged) and any("share an arrowhead" in p for p in merged)


def _plain_first_free(spots: list, width: float, height: float, inside: Any,
                      obstacles: list) -> Any:
    """The search before it learned to skip far obstacles: every spot against every obstacle."""
    from sopgen.render.diagram_routes import Box as RouteBox

    for _cost, left, top in spots:
        box = RouteBox(left, top, left + width, top + height)
        if not (inside.left <= box.left and box.right <= inside.right
                and inside.top <= box.top and box.bottom <= inside.bottom):
            continue
        if not any(labels._hits(box, other) for other in obstacles):
            return box
    return None


def test_the_fast_label_search_places_labels_where_the_plain_one_does(
    every_sop: dict[str, Sop], monkeypatch: pytest.MonkeyPatch
) -> None:
    """Skipping obstacles outside the spots' bounds is an optimisation only: on the corpus and
    the stress set (decisions in a row, long labels, loops) every label lands on the same spot."""
    fast = {key: diagram_dot(sop) for key, sop in every_sop.items()}
    monkeypatch.setattr(labels, "_first_free", _plain_first_free)
    plain = {key: diagram_dot(sop) for key, sop in every_sop.items()}
    assert sum(dot.count(" lp=") for dot in fast.values()) >= 20  # labels were placed
    assert fast == plain
