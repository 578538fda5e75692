"""How long rendering one SOP page takes (Python only; Graphviz measured separately).

Run: .venv/bin/python benchmarks/bench_render.py [steps]
"""

from __future__ import annotations

import sys
import tempfile
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1] / "tests"))

from sop_factory import long_sop
from sopgen.render.diagram import diagram_dot, inline_svg, render_svg
from sopgen.render.page import PageContext, render_sop_page


def best_of(runs: int, action: object) -> float:
    timings = []
    for _ in range(runs):
        start = time.perf_counter()
        action()  # type: ignore[operator]
        timings.append(time.perf_counter() - start)
    return min(timings) * 1000


def main() -> None:
    steps = int(sys.argv[1]) if len(sys.argv) > 1 else 25
    sop = long_sop(steps)
    raw_svg = render_svg(diagram_dot(sop), None)
    svg = inline_svg(raw_svg, "d-")
    ctx = PageContext(link_for=lambda i: f"../{i}/", source_url=None, source_path="sops/x.yaml",
                      last_change=None, simulation_html=None, diagram_svg=svg)
    render_sop_page(sop, ctx)  # templates compiled once per build, not per page
    page_ms = best_of(50, lambda: render_sop_page(sop, ctx))
    dot_ms = best_of(50, lambda: diagram_dot(sop))
    inline_ms = best_of(50, lambda: inline_svg(raw_svg, "d-"))
    with tempfile.TemporaryDirectory() as folder:
        cache = Path(folder)
        neato_ms = best_of(1, lambda: render_svg(diagram_dot(sop), cache))
        cached_ms = best_of(50, lambda: render_svg(diagram_dot(sop), cache))
    print(f"SOP of {steps} steps, best of 50 runs:")
    print(f"  render_sop_page (page Markdown, no Graphviz): {page_ms:8.2f} ms")
    print(f"  diagram_dot:                                  {dot_ms:8.2f} ms")
    print(f"  inline_svg:                                   {inline_ms:8.2f} ms")
    print(f"  render_svg first run (neato):                 {neato_ms:8.2f} ms")
    print(f"  render_svg cached (content hash hit):         {cached_ms:8.2f} ms")


if __name__ == "__main__":
    main()
