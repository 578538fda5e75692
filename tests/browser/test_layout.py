"""Every SOP page of the real corpus, measured in Chromium at phone and desktop width.

The checks read the real layout (getBoundingClientRect), not the HTML: symbols sit in their
actor's column on their step's row, arrows start and end on their symbols' boxes, no arrow runs
through another symbol, every edge of the model is drawn, the diagram's lanes keep the declared
order, and element ids are unique.
"""

from __future__ import annotations

import itertools
import math
from collections import Counter
from typing import Any

import pytest
from playwright.sync_api import Page
from served_sites import ARROWS_DRAWN, REAL_SOPS

from sopgen.corpus import find_sop_files, sop_id
from sopgen.model import END, Sop

WIDTHS = (390, 1920)
SOP_IDS = [sop_id(file, REAL_SOPS) for file in find_sop_files([REAL_SOPS])]
TOLERANCE = 2.0

MEASURE = """() => {
  // Redraw now so that the geometry read below is the current layout's.
  if (window.sopgenSwimlane) { window.sopgenSwimlane.redraw(); }
  const box = (el) => {
    const r = el.getBoundingClientRect();
    return {left: r.left + scrollX, top: r.top + scrollY,
            right: r.right + scrollX, bottom: r.bottom + scrollY};
  };
  const flow = document.querySelector('div.sopgen-flow');
  const overlay = flow.querySelector('svg.sopgen-arrows');
  const origin = overlay.getBoundingClientRect();
  const symbols = [...flow.querySelectorAll('.sopgen-symbol')].map((el) => {
    const cell = el.closest('td');
    const row = el.closest('tr');
    return {
      step: el.dataset.step, actor: el.dataset.actor, box: box(el),
      shapes: [...el.classList].filter((c) =>
        ['sopgen-terminator', 'sopgen-process', 'sopgen-decision'].includes(c)),
      cellActor: cell && cell.classList.contains('sopgen-lane') ? cell.dataset.actor : null,
      cell: cell ? box(cell) : null,
      rowStep: row ? row.dataset.step : null,
      row: row ? box(row) : null,
    };
  });
  const arrows = [...overlay.querySelectorAll('polyline.sopgen-arrow')].map((line) => ({
    from: line.dataset.from, to: line.dataset.to,
    label: line.hasAttribute('data-label') ? line.dataset.label : null,
    points: (line.getAttribute('points') || '').trim().split(/\\s+/).filter(Boolean)
      .map((pair) => pair.split(',').map(Number))
      .map(([x, y]) => [x + origin.left + scrollX, y + origin.top + scrollY]),
  }));
  const lanes = [...document.querySelectorAll('.sopgen-diagram svg .sopgen-lane-head')]
    .map((el) => {
      const lane = [...el.classList].find((c) => /^lane-\\d+$/.test(c));
      return {index: Number(lane.slice(5)), left: el.getBoundingClientRect().left};
    });
  const ids = [...document.querySelectorAll('[id]')].map((el) => el.id);
  return {symbols, arrows, lanes, ids};
}"""


def expected_edges(sop: Sop) -> Counter[tuple[str, str, str | None]]:
    """Every arrow the model asks for: (from, to, label); a decision exit to the end goes to
    that exit's own end terminator, a plain step that ends is the end terminator itself."""
    edges: Counter[tuple[str, str, str | None]] = Counter()
    for step in sop.langkah:
        for branch, (target, label) in zip(("ya", "tidak"), step.successors(), strict=False):
            if target != END:
                edges[(step.key, target, label)] += 1
            elif step.is_decision:
                edges[(step.key, f"{END}:{step.key}:{branch}", label)] += 1
    return edges


def _on_boundary(point: list[float], box: dict[str, float]) -> bool:
    x, y = point
    t = TOLERANCE
    inside = box["left"] - t <= x <= box["right"] + t and box["top"] - t <= y <= box["bottom"] + t
    near_edge = min(
        abs(x - box["left"]), abs(x - box["right"]), abs(y - box["top"]), abs(y - box["bottom"])
    )
    return inside and near_edge <= t


def _on_outline(point: list[float], symbol: dict[str, Any]) -> bool:
    """On the symbol's box, or on the drawn outline of a diamond or a rounded terminator
    (where an arrow entering beside the top centre ends)."""
    box = symbol["box"]
    if _on_boundary(point, box):
        return True
    x, y = point
    half_w = (box["right"] - box["left"]) / 2
    half_h = (box["bottom"] - box["top"]) / 2
    dx = abs(x - (box["left"] + half_w))
    dy = abs(y - (box["top"] + half_h))
    if half_w <= 0 or half_h <= 0:
        return False
    if "sopgen-decision" in symbol.get("shapes", []):
        return abs(dx / half_w + dy / half_h - 1) * min(half_w, half_h) <= TOLERANCE
    if "sopgen-terminator" in symbol.get("shapes", []):
        flat = half_w - half_h
        return dx > flat and abs(math.hypot(dx - flat, dy) - half_h) <= TOLERANCE
    return False


def segment_crosses(a: list[float], b: list[float], box: dict[str, float]) -> bool:
    """Whether segment a-b passes through the box shrunk by 1 px (Liang-Barsky clipping)."""
    left, right = box["left"] + 1, box["right"] - 1
    top, bottom = box["top"] + 1, box["bottom"] - 1
    if left >= right or top >= bottom:
        return False
    dx, dy = b[0] - a[0], b[1] - a[1]
    low, high = 0.0, 1.0
    for p, q in ((-dx, a[0] - left), (dx, right - a[0]), (-dy, a[1] - top), (dy, bottom - a[1])):
        if p == 0:
            if q < 0:
                return False
            continue
        r = q / p
        if p < 0:
            low = max(low, r)
        else:
            high = min(high, r)
        if low > high:
            return False
    return high - low > 1e-9


def arrow_problems(
    arrow: dict[str, Any], first_symbol: dict[str, dict[str, Any]], symbols: list[dict[str, Any]]
) -> list[str]:
    """An arrow starts and ends on its symbols' boxes and crosses no other symbol."""
    name = f"arrow {arrow['from']}->{arrow['to']}"
    points = arrow["points"]
    source, target = first_symbol.get(arrow["from"]), first_symbol.get(arrow["to"])
    if len(points) < 2 or source is None or target is None:
        return [f"{name}: {len(points)} points, ends {source}, {target}"]
    problems = []
    if not _on_boundary(points[0], source["box"]):
        problems.append(f"{name} starts at {points[0]}, off {source['box']}")
    if not _on_outline(points[-1], target):
        problems.append(f"{name} ends at {points[-1]}, off {target['box']}")
    for symbol in symbols:
        if symbol["step"] in (arrow["from"], arrow["to"]):
            continue
        for a, b in itertools.pairwise(points):
            if segment_crosses(a, b, symbol["box"]):
                problems.append(f"{name} crosses symbol {symbol['step']} on {a}-{b}")
    return problems


def layout_problems(sop: Sop, found: dict[str, Any]) -> list[str]:
    problems: list[str] = []
    symbols = found["symbols"]
    first_symbol: dict[str, dict[str, Any]] = {}
    for symbol in symbols:
        first_symbol.setdefault(symbol["step"], symbol)
        where = f"symbol {symbol['step']} ({symbol['actor']})"
        if symbol["cellActor"] != symbol["actor"] or symbol["rowStep"] != symbol["step"]:
            problems.append(f"{where} is in lane {symbol['cellActor']} row {symbol['rowStep']}")
            continue
        for container in ("cell", "row"):
            outer, inner = symbol[container], symbol["box"]
            if not (
                inner["left"] >= outer["left"] - 1
                and inner["right"] <= outer["right"] + 1
                and inner["top"] >= outer["top"] - 1
                and inner["bottom"] <= outer["bottom"] + 1
            ):
                problems.append(f"{where} sticks out of its {container}: {inner} vs {outer}")
        if len(symbol["shapes"]) != 1:
            problems.append(f"{where} has shapes {symbol['shapes']}")

    for step in sop.langkah:
        if step.key not in first_symbol:
            problems.append(f"step {step.key} has no symbol")
        elif (
            step.lanjut == END
            and not step.is_decision
            and first_symbol[step.key]["shapes"] != ["sopgen-terminator"]
        ):
            problems.append(f"step {step.key} ends the flow but is not a terminator")
        actors = [s["actor"] for s in symbols if s["step"] == step.key]
        if sorted(actors) != sorted(step.pelaksana):
            problems.append(f"step {step.key} is drawn for {actors}, not {step.pelaksana}")

    drawn: Counter[tuple[str, str, str | None]] = Counter()
    for arrow in found["arrows"]:
        drawn[(arrow["from"], arrow["to"], arrow["label"])] += 1
        problems += arrow_problems(arrow, first_symbol, symbols)
    expected = expected_edges(sop)
    if drawn != expected:
        problems.append(f"arrows {sorted(drawn.items())} != model {sorted(expected.items())}")

    lanes = sorted(found["lanes"], key=lambda lane: lane["index"])
    if [lane["index"] for lane in lanes] != list(range(len(sop.pelaksana))):
        problems.append(f"diagram lane headers {lanes} for {len(sop.pelaksana)} actors")
    lefts = [lane["left"] for lane in lanes]
    if lefts != sorted(lefts) or len(set(lefts)) != len(lefts):
        problems.append(f"diagram lanes out of declared order: {lefts}")

    duplicates = [key for key, count in Counter(found["ids"]).items() if count > 1]
    if duplicates:
        problems.append(f"duplicate ids {duplicates}")
    return problems


@pytest.mark.parametrize("width", WIDTHS)
@pytest.mark.parametrize("sop_key", SOP_IDS)
def test_sop_page_layout(
    page: Page, site_url: str, real_sops: dict[str, Sop], sop_key: str, width: int
) -> None:
    page.set_viewport_size({"width": width, "height": 900})
    page.goto(f"{site_url}sop/{sop_key}/")
    page.wait_for_function(ARROWS_DRAWN)
    found = page.evaluate(MEASURE)
    assert found["symbols"], "no symbols on the page"
    assert layout_problems(real_sops[sop_key], found) == []


def test_the_geometry_checks_catch_a_bad_layout() -> None:
    """The checks above must be able to fail: a symbol on an arrow's path is reported."""
    box = {"left": 10.0, "top": 10.0, "right": 30.0, "bottom": 30.0}
    assert segment_crosses([0, 20], [40, 20], box)
    assert not segment_crosses([0, 9.5], [40, 9.5], box)  # along the edge, within the inset
    assert not segment_crosses([0, 0], [5, 40], box)
    assert _on_boundary([20, 30.5], box) and not _on_boundary([20, 20], box)
    diamond = {"box": box, "shapes": ["sopgen-decision"]}
    assert _on_outline([25, 15], diamond) and not _on_outline([22, 18], diamond)
    assert not _on_outline([25, 15], {"box": box, "shapes": ["sopgen-process"]})
