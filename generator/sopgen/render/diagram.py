"""The Diagram Alir: the flowchart as a Graphviz drawing with fixed positions.

`diagram_dot` places every symbol and routes every edge itself (`diagram_routes`: one vertical
lane per actor, in declared order, left to right; one rank per row of the procedure table; edges
as orthogonal polylines in gutters and strips) and places the decision labels
(`diagram_labels`); `render_svg` lets ``neato -n2`` draw exactly those positions. `inline_svg`
makes the SVG fit inside a page: no prolog, ids prefixed, scalable, accessible, restylable for
the dark scheme.

Every text from the SOP reaches DOT through `dot_string`, so Graphviz escapes such as ``\\N``
stay literal text.
"""

from __future__ import annotations

import hashlib
import itertools
import math
import re
import shutil
import textwrap
from collections.abc import Callable
from pathlib import Path

from markupsafe import escape

from ..atomic import write_atomically
from ..model import Sop
from .diagram_labels import place_labels, wrapped
from .diagram_routes import Layout, layout
from .escaping import dot_string, dot_tooltip, shorten
from .flow import Flow, Symbol, build_flow
from .layout_budget import run_layout

HEADER_HEIGHT = 52.0  # points
ARROW_SIZE = 0.7
ARROW_LENGTH = 10 * ARROW_SIZE  # points: Graphviz's arrowhead is 10 points at arrowsize 1
FONT = "Helvetica,Arial,sans-serif"
SIZES = {  # inches: width, height
    "terminator": (0.62, 0.34),
    "process": (0.62, 0.34),
    "decision": (0.8, 0.5),
    "end": (0.8, 0.34),
    "lane": (1.55, 0.62),
}


class GraphvizError(RuntimeError):
    """Graphviz could not draw a diagram; ``message_id``/``message_en`` say why for people."""

    def __init__(self, message_id: str, message_en: str) -> None:
        super().__init__(message_id)
        self.message_id = message_id
        self.message_en = message_en


class GraphvizNotFound(GraphvizError):
    def __init__(self) -> None:
        super().__init__(
            "Graphviz (program `neato`) tidak ditemukan, jadi Diagram Alir tidak dapat dibuat. "
            "Pasang Graphviz: `sudo apt-get install graphviz` (Debian/Ubuntu) atau unduh dari "
            "https://graphviz.org/download/, lalu jalankan lagi.",
            "Graphviz (the `neato` program) was not found, so the flow diagram cannot be drawn. "
            "Install Graphviz: `sudo apt-get install graphviz` (Debian/Ubuntu) or download it "
            "from https://graphviz.org/download/, then run again.",
        )


class GraphvizFailed(GraphvizError):
    def __init__(self, stderr: str) -> None:
        self.stderr = stderr
        super().__init__(
            f"Graphviz gagal menggambar Diagram Alir: {stderr.strip()}",
            f"Graphviz failed to draw the flow diagram: {stderr.strip()}",
        )


def diagram_dot(sop: Sop, flow: Flow | None = None) -> str:
    """DOT source with fixed positions of nodes and edges (points), for ``neato -n2``.

    Symbols and edge routes come from `diagram_routes.layout` (orthogonal lines in gutters and
    strips, never through a symbol, never merged); Graphviz only draws them. Deterministic.
    """
    flow = flow or build_flow(sop)
    sizes = {kind: (width * 72, height * 72) for kind, (width, height) in SIZES.items()
             if kind != "lane"}
    plan = layout(flow, len(sop.pelaksana), sizes, HEADER_HEIGHT)
    height = plan.height

    def at(point: tuple[float, float]) -> str:
        return f"{_num(point[0])},{_num(height - point[1])}"

    lines = [
        "digraph sop {",
        f'  graph [splines=true, outputorder=nodesfirst, pad="0.2", fontname="{FONT}",'
        f" _background={dot_string(_lane_lines(plan.lane_edges, height, HEADER_HEIGHT))}];",
        f'  node [fontname="{FONT}", fontsize=10, fixedsize=true, style=filled,'
        ' fillcolor=white, color=black, penwidth=1.2];',
        f'  edge [fontname="{FONT}", fontsize=9, arrowsize={ARROW_SIZE}, penwidth=1.1];',
    ]
    for index, actor in enumerate(sop.pelaksana):
        label = "\n".join(textwrap.wrap(shorten(actor.nama, 60), 20)[:3])
        width, node_height = SIZES["lane"]
        centre = (plan.lane_edges[index] + plan.lane_edges[index + 1]) / 2
        lines.append(
            f'  lane{index} [id="lane-{index}", class="sopgen-lane-head lane-{index}",'
            f" shape=plaintext, style=solid, label={dot_string(label)},"
            f" tooltip={dot_tooltip(shorten(actor.nama, 300))},"
            f' width={width}, height={node_height}, pos="{at((centre, HEADER_HEIGHT / 2))}"];'
        )
    for symbol in flow.symbols:
        lines.extend(_symbol_nodes(symbol, plan, at))
    join_index = 0
    for symbol in flow.symbols:
        for lane_index in range(1, len(symbol.lanes)):
            start, end = plan.joins[join_index]
            join_index += 1
            lines.append(
                f"  {_node(symbol, lane_index - 1)} -> {_node(symbol, lane_index)}"
                ' [dir=none, style=dashed, class="sopgen-join",'
                f' pos="{_spline([start, end], at)}"];'
            )
    symbols = {symbol.key: symbol for symbol in flow.symbols}
    labels = place_labels(plan)
    for index, (arrow, points) in enumerate(plan.edges):
        source, target = symbols[arrow.source], symbols[arrow.target]
        attributes = ['class="sopgen-diagram-arrow"', f'pos="{_arrow_spline(points, at)}"']
        if arrow.label is not None:
            text = "\n".join(wrapped(arrow.label))
            attributes.append(f'label={dot_string(text)}, lp="{at(labels[index][0])}"')
        lines.append(f"  {_node(source, 0)} -> {_node(target, 0)} [{', '.join(attributes)}];")
    lines.append("}")
    return "\n".join(lines) + "\n"


def _num(value: float) -> str:
    return f"{value:.2f}".rstrip("0").rstrip(".")


def _spline(points: list[tuple[float, float]], at: Callable[[tuple[float, float]], str]) -> str:
    """A polyline as Graphviz's cubic B-spline: each straight piece with its thirds as controls."""
    parts = [at(points[0])]
    for (x1, y1), (x2, y2) in itertools.pairwise(points):
        dx, dy = x2 - x1, y2 - y1
        parts += [at((x1 + dx / 3, y1 + dy / 3)), at((x1 + 2 * dx / 3, y1 + 2 * dy / 3)),
                  at((x2, y2))]
    return " ".join(parts)


def _arrow_spline(
    points: tuple[tuple[float, float], ...], at: Callable[[tuple[float, float]], str]
) -> str:
    """The edge's spline ends where its arrowhead starts; ``e,`` is the arrowhead's tip."""
    *body, (x2, y2) = points
    x1, y1 = body[-1]
    length = math.hypot(x2 - x1, y2 - y1)
    head = min(ARROW_LENGTH, length / 2) / length if length else 0.0
    base = (x2 - (x2 - x1) * head, y2 - (y2 - y1) * head)
    return f"e,{at((x2, y2))} " + _spline([*body, base], at)


def _node(symbol: Symbol, lane_index: int) -> str:
    base = f"r{symbol.row}"
    return base if lane_index == 0 else f"{base}_{lane_index}"


def _symbol_nodes(
    symbol: Symbol, plan: Layout, at: Callable[[tuple[float, float]], str]
) -> list[str]:
    kind = "end" if symbol.step is None else symbol.shape
    width, node_height = SIZES[kind]
    shape = {
        "terminator": 'shape=box, style="rounded,filled"',
        "end": 'shape=box, style="rounded,filled"',
        "process": "shape=box",
        "decision": "shape=diamond",
    }[kind]
    if symbol.step is not None:
        tooltip = f"Langkah {symbol.label}: " + " ".join(symbol.step.kegiatan)
        number = f"langkah-{symbol.step.number}"
    else:
        tooltip = "Selesai"
        number = symbol.key.replace(":", "-")
    nodes = []
    for lane_index, lane in enumerate(symbol.lanes):
        suffix = "" if lane_index == 0 else f"-{lane}"
        box = plan.boxes[(symbol.key, lane)]
        nodes.append(
            f'  {_node(symbol, lane_index)} [id="simbol-{number}{suffix}",'
            f' class="sopgen-symbol-node sopgen-node-{symbol.shape}", {shape},'
            f" label={dot_string(symbol.label)}, width={width}, height={node_height},"
            f' pos="{at((box.cx, box.cy))}", URL="#{symbol.anchor}", target="_self",'
            f" tooltip={dot_tooltip(shorten(tooltip, 300))}];"
        )
    return nodes


def _lane_lines(edges: tuple[float, ...], top: float, header: float) -> str:
    """xdot drawing of the lane frame: one vertical line per lane edge, one under the headers."""
    colour = "#9e9e9e"
    right = edges[-1]
    ops = [f"c {len(colour)} -{colour}"]
    for x in edges:
        ops.append(f"L 2 {_num(x)} 0 {_num(x)} {_num(top)}")
    for y in (0.0, top - header, top):
        ops.append(f"L 2 0 {_num(y)} {_num(right)} {_num(y)}")
    return " ".join(ops)


def svg_cache_file(dot_source: str, cache_dir: Path) -> Path:
    """Where the SVG of this DOT source is cached: named by the source's content hash."""
    return cache_dir / f"{hashlib.sha256(dot_source.encode('utf-8')).hexdigest()}.svg"


def render_svg(dot_source: str, cache_dir: Path | None, *, drawn: str | None = None) -> str:
    """The SVG that ``neato -n2 -Tsvg`` draws; with ``cache_dir``, drawn once per content.

    ``drawn`` is that SVG when the caller has already run neato (in a batch): it is cached."""
    cached = None
    if cache_dir is not None:
        cached = svg_cache_file(dot_source, cache_dir)
        if drawn is not None:
            write_atomically(cached, drawn)
            return drawn
        if cached.is_file():
            return cached.read_text(encoding="utf-8")
    neato = shutil.which("neato")
    if neato is None or shutil.which("dot") is None:
        raise GraphvizNotFound()
    # Over budget raises LayoutTimeout: the caller names the SOP and its size.
    done = run_layout([neato, "-n2", "-Tsvg"], dot_source.encode("utf-8"))
    if done.returncode != 0:
        raise GraphvizFailed(done.stderr.decode("utf-8", "replace"))
    svg = done.stdout.decode("utf-8")
    if cached is not None:
        write_atomically(cached, svg)
    return svg


# Graphviz's <title> of the graph and of every node and edge holds its DOT name ("sop", "r0",
# "r0->r1"), which browsers show as the tooltip; the symbols carry their own (xlink:title).
_PROLOG = re.compile(r"<\?xml.*?\?>|<!DOCTYPE.*?>|<!--.*?-->|<title>[^<]*</title>", re.DOTALL)
_ID = re.compile(r'(\sid=")([^"]*)(")')
_CLASS = re.compile(r'\sclass="[^"]*"')
_REFERENCE = re.compile(r'(url\(#|href="#)([^)"]*)')
_SVG_OPEN = re.compile(r"<svg\b[^>]*>", re.DOTALL)
_SIZE = re.compile(r'\s(width|height)="([0-9.]+)(pt|px)?"')


def inline_svg(svg: str, id_prefix: str, label: str | None = None) -> str:
    """Graphviz SVG ready to sit inside an HTML page.

    Drops the XML prolog, doctype, comments and Graphviz's titles (the DOT names of the graph,
    its nodes and edges, which browsers would show as tooltips); prefixes every ``id`` and every
    internal reference to one (links to ``#langkah-N`` rows stay as they are); makes the drawing
    scale to the page width (never beyond its natural size) and labels it for screen readers.
    """
    body = _PROLOG.sub("", svg)
    ids = {_unescape_id(match.group(2)) for match in _ID.finditer(body)}

    def prefix_id(match: re.Match[str]) -> str:
        return f"{match.group(1)}{id_prefix}{_unescape_id(match.group(2))}{match.group(3)}"

    def prefix_reference(match: re.Match[str]) -> str:
        target = _unescape_id(match.group(2))
        return match.group(1) + (id_prefix + target if target in ids else match.group(2))

    body = _REFERENCE.sub(prefix_reference, _ID.sub(prefix_id, body))
    body = _CLASS.sub(lambda match: _unescape_id(match.group(0)), body)
    opening = _SVG_OPEN.search(body)
    if opening is None:
        return ""
    sizes = {m.group(1): float(m.group(2)) for m in _SIZE.finditer(opening.group(0))}
    natural = round(sizes.get("width", 0) * 4 / 3)  # Graphviz sizes are in points
    accessible = escape(f"Diagram alir {label}" if label else "Diagram alir")
    tag = _SIZE.sub("", opening.group(0))
    style = f' style="max-width: {natural}px; height: auto"' if natural else ""
    tag = tag.replace(
        "<svg",
        f'<svg width="100%"{style} role="img" aria-label="{accessible}"'
        ' class="sopgen-diagram-svg"',
        1,
    )
    body = body[: opening.start()] + tag + body[opening.end() :]
    return "\n".join(line for line in body.strip().splitlines() if line.strip())


def _unescape_id(value: str) -> str:
    # Graphviz writes "-" in ids as "&#45;".
    return value.replace("&#45;", "-")
