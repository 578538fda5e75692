"""What a reader needs from the swimlane arrows, measured on the real layout in Chromium.

`ROUTING_MEASURE` reads the drawn page (page coordinates, CSS px): every arrow's polyline, the
join lines, the line hops, the decision labels (their text, box and font size) and the boxes of
every symbol and of every piece of text in the procedure table. `routing_counts` turns that into
the numbers the issue asks for, one list of problems per kind:

- ``label_overlaps``: a label overlapping text, a symbol, a line (its own too), a hop, an
  arrowhead or another label;
- ``truncated_labels``: a label not showing its full text (an ellipsis, a cut);
- ``small_labels``: a label under `MIN_FONT` px;
- ``ambiguous_heads``: two distinct arrows ending less than `MIN_GAP` px apart (one shared
  arrowhead);
- ``missing_hops``: a crossing of two lines with no hop;
- ``close_parallels``: two parallel segments of different lines closer than `MIN_GAP` px over a
  common stretch;
- ``detached_labels``: a label further than `MAX_LABEL_DISTANCE` px from its own arrow.
"""

from __future__ import annotations

import itertools
from typing import Any

MIN_GAP = 6.0  # px between parallel lines and between arrowheads
MIN_FONT = 12.0  # px
MAX_LABEL_DISTANCE = 12.0  # px between a label and its own arrow
KINDS = ("label_overlaps", "truncated_labels", "small_labels", "ambiguous_heads",
         "missing_hops", "close_parallels", "detached_labels")

ROUTING_MEASURE = """() => {
  if (window.sopgenSwimlane) { window.sopgenSwimlane.redraw(); }
  const flow = document.querySelector('div.sopgen-flow');
  const overlay = flow.querySelector('svg.sopgen-arrows');
  const o = overlay.getBoundingClientRect();
  const page = (r) => ({left: r.left + scrollX, top: r.top + scrollY,
                        right: r.right + scrollX, bottom: r.bottom + scrollY});
  const point = ([x, y]) => [x + o.left + scrollX, y + o.top + scrollY];
  const arrows = [...overlay.querySelectorAll('polyline.sopgen-arrow')].map((line) => ({
    from: line.dataset.from, to: line.dataset.to,
    points: (line.getAttribute('points') || '').trim().split(/\\s+/).filter(Boolean)
      .map((pair) => point(pair.split(',').map(Number))),
  }));
  const joins = [...overlay.querySelectorAll('line.sopgen-join')]
    .filter((l) => l.hasAttribute('x1'))
    .map((l) => [point([+l.getAttribute('x1'), +l.getAttribute('y1')]),
                 point([+l.getAttribute('x2'), +l.getAttribute('y2')])]);
  const hops = [...overlay.querySelectorAll('.sopgen-hop')].map((h) =>
    point([+h.dataset.x, +h.dataset.y]));
  const hopBoxes = [...overlay.querySelectorAll('.sopgen-hop')].map((h) =>
    page(h.getBoundingClientRect()));
  const polylines = [...overlay.querySelectorAll('polyline.sopgen-arrow[data-label]')];
  const labels = [...overlay.querySelectorAll('text.sopgen-arrow-label')].map((t, i) => {
    const shown = [...t.childNodes].filter((n) => n.nodeName !== 'title')
      .map((n) => n.textContent).join(' ').replace(/\\s+/g, ' ').trim();
    return {from: t.dataset.from, to: t.dataset.to, box: page(t.getBoundingClientRect()),
            shown, full: polylines[i] ? polylines[i].dataset.label : null,
            font: parseFloat(getComputedStyle(t).fontSize)};
  });
  const symbols = [...flow.querySelectorAll('.sopgen-symbol')].map((el) => ({
    step: el.dataset.step, box: page(el.getBoundingClientRect())}));
  const texts = [];
  const walker = document.createTreeWalker(flow.querySelector('table'), NodeFilter.SHOW_TEXT);
  for (let node = walker.nextNode(); node; node = walker.nextNode()) {
    if (!node.textContent.trim() || node.parentElement.closest('.sopgen-symbol')) { continue; }
    const range = document.createRange();
    range.selectNodeContents(node);
    for (const r of range.getClientRects()) {
      if (r.width > 0 && r.height > 0) { texts.push(page(r)); }
    }
  }
  return {arrows, joins, hops, hopBoxes, labels, symbols, texts};
}"""


Box = dict[str, float]
Segment = tuple[list[float], list[float]]


def _segments(points: list[list[float]]) -> list[Segment]:
    return list(itertools.pairwise(points))


def _vertical(segment: Segment) -> bool:
    return abs(segment[0][0] - segment[1][0]) < 0.5


def _horizontal(segment: Segment) -> bool:
    return abs(segment[0][1] - segment[1][1]) < 0.5


def _overlap(a: Box, b: Box, inset: float = 0.5) -> bool:
    """Whether two boxes share more than a hairline (``inset`` px on every side)."""
    return (a["left"] + inset < b["right"] and b["left"] + inset < a["right"]
            and a["top"] + inset < b["bottom"] and b["top"] + inset < a["bottom"])


def _segment_box(segment: Segment, width: float) -> Box:
    (x1, y1), (x2, y2) = segment
    return {"left": min(x1, x2) - width, "right": max(x1, x2) + width,
            "top": min(y1, y2) - width, "bottom": max(y1, y2) + width}


def _lines(found: dict[str, Any]) -> list[tuple[str, list[Segment]]]:
    """Every drawn line as (owner, segments): the arrows, then the join lines."""
    lines = [(f"arrow {a['from']}->{a['to']} #{i}", _segments(a["points"]))
             for i, a in enumerate(found["arrows"])]
    lines += [(f"join #{i}", [(j[0], j[1])]) for i, j in enumerate(found["joins"])]
    return lines


def crossings(found: dict[str, Any]) -> list[tuple[float, float, str, str]]:
    """Where a horizontal and a vertical segment of two different lines cross (inside both)."""
    found_crossings = []
    lines = _lines(found)
    for (owner_a, segs_a), (owner_b, segs_b) in itertools.permutations(lines, 2):
        for h in segs_a:
            if not _horizontal(h) or _vertical(h):
                continue
            for v in segs_b:
                if not _vertical(v) or _horizontal(v):
                    continue
                x, y = v[0][0], h[0][1]
                left, right = sorted((h[0][0], h[1][0]))
                top, bottom = sorted((v[0][1], v[1][1]))
                if left + 1 < x < right - 1 and top + 1 < y < bottom - 1:
                    found_crossings.append((x, y, owner_a, owner_b))
    return found_crossings


def missing_hops(found: dict[str, Any]) -> list[str]:
    hops = found["hops"]
    return [f"{a} crosses {b} at ({x:.1f}, {y:.1f}) with no hop"
            for x, y, a, b in crossings(found)
            if not any(abs(hx - x) <= 1 and abs(hy - y) <= 1 for hx, hy in hops)]


def close_parallels(found: dict[str, Any], gap: float = MIN_GAP) -> list[str]:
    problems = []
    for (owner_a, segs_a), (owner_b, segs_b) in itertools.combinations(_lines(found), 2):
        for a, b in itertools.product(segs_a, segs_b):
            for axis in (0, 1):  # 0: vertical segments (same x), 1: horizontal (same y)
                along = 1 - axis
                if not (abs(a[0][axis] - a[1][axis]) < 0.5 and abs(b[0][axis] - b[1][axis]) < 0.5):
                    continue
                if abs(a[0][along] - a[1][along]) < 0.5 or abs(b[0][along] - b[1][along]) < 0.5:
                    continue  # a point, not a segment
                low = max(min(a[0][along], a[1][along]), min(b[0][along], b[1][along]))
                high = min(max(a[0][along], a[1][along]), max(b[0][along], b[1][along]))
                distance = abs(a[0][axis] - b[0][axis])
                if high - low > 1 and distance < gap:
                    problems.append(f"{owner_a} and {owner_b} run {distance:.1f} px apart "
                                    f"over {high - low:.0f} px")
    return problems


def ambiguous_heads(found: dict[str, Any], gap: float = MIN_GAP) -> list[str]:
    ends = [(f"{a['from']}->{a['to']}", a["points"][-1]) for a in found["arrows"] if a["points"]]
    return [f"arrows {a} and {b} end {abs(p[0] - q[0]) + abs(p[1] - q[1]):.1f} px apart"
            for (a, p), (b, q) in itertools.combinations(ends, 2)
            if abs(p[0] - q[0]) < gap and abs(p[1] - q[1]) < gap]


def label_overlaps(found: dict[str, Any]) -> list[str]:
    """Each label that overlaps anything: text, symbol, line, hop, arrowhead, other label."""
    problems = []
    segments = [(owner, seg) for owner, segs in _lines(found) for seg in segs]
    heads = [a["points"][-1] for a in found["arrows"] if a["points"]]
    for index, label in enumerate(found["labels"]):
        box = label["box"]
        what = [f"text {t}" for t in found["texts"] if _overlap(box, t)]
        what += [f"symbol {s['step']}" for s in found["symbols"] if _overlap(box, s["box"])]
        what += [f"line {owner}" for owner, seg in segments
                 if _overlap(box, _segment_box(seg, 0.6), 0)]
        what += ["a hop" for hop in found["hopBoxes"] if _overlap(box, hop)]
        what += [f"an arrowhead at {h}" for h in heads
                 if _overlap(box, _segment_box((h, h), 4.0))]
        what += [f"label {other['shown']!r}" for other in found["labels"][index + 1:]
                 if _overlap(box, other["box"])]
        if what:
            problems.append(f"label {label['shown']!r} ({label['from']}->{label['to']}) "
                            f"overlaps {', '.join(sorted(set(what))[:4])}")
    return problems


def truncated_labels(found: dict[str, Any]) -> list[str]:
    return [f"label {label['shown']!r} is not the full {label['full']!r}"
            for label in found["labels"]
            if label["full"] is None or "…" in label["shown"]
            or " ".join(label["full"].split()) != label["shown"]]


def small_labels(found: dict[str, Any]) -> list[str]:
    return [f"label {label['shown']!r} at {label['font']} px" for label in found["labels"]
            if label["font"] < MIN_FONT]


def _box_to_segment(box: Box, segment: Segment) -> float:
    """Distance between a box and an axis-parallel segment (0 when they touch)."""
    (x1, y1), (x2, y2) = segment
    dx = max(0.0, min(x1, x2) - box["right"], box["left"] - max(x1, x2))
    dy = max(0.0, min(y1, y2) - box["bottom"], box["top"] - max(y1, y2))
    return max(dx, dy)


def detached_labels(found: dict[str, Any], reach: float = MAX_LABEL_DISTANCE) -> list[str]:
    """A label further than ``reach`` px from its own arrow could be read as another's."""
    problems = []
    for label in found["labels"]:
        own = [a for a in found["arrows"] if (a["from"], a["to"]) == (label["from"], label["to"])]
        distance = min((_box_to_segment(label["box"], seg) for a in own
                        for seg in _segments(a["points"])), default=float("inf"))
        if distance > reach:
            problems.append(f"label {label['shown']!r} is {distance:.0f} px from its arrow")
    return problems


def routing_problems(found: dict[str, Any]) -> dict[str, list[str]]:
    """Every problem a reader would meet, by kind (see the module docstring)."""
    return {
        "label_overlaps": label_overlaps(found),
        "truncated_labels": truncated_labels(found),
        "small_labels": small_labels(found),
        "ambiguous_heads": ambiguous_heads(found),
        "missing_hops": missing_hops(found),
        "close_parallels": close_parallels(found),
        "detached_labels": detached_labels(found),
    }


def routing_counts(found: dict[str, Any]) -> dict[str, int]:
    return {kind: len(problems) for kind, problems in routing_problems(found).items()}
