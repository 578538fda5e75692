"""Where a cold build's rendering goes: CPU milliseconds per SOP of each part, in one process.

    .venv/bin/python benchmarks/render_parts.py [--sops 300] [--seed 1]

Generates realistic SOP files (the generator of `benchmarks/validate.py`), then renders each
SOP's parts the way a site build's worker does and times each one over all SOPs (CPU time of
this process; Graphviz's in its child processes): the DOT source, Graphviz drawing the diagrams
in batches as the site build does, the page templates, the simulation section split into its
Monte Carlo runs, scenario walks, scenario views (tables and Gantt charts), routes and simulator
data (the rest of the section is the template and the small views), and storing the parts in
the page cache. Each part runs once untimed on the first SOPs, so templates are compiled and the
calendar's years built before the timing. Compare with the budget a cold build would have:
``benchmarks/site.py`` prints the floor of a cold build (every part cached) and Material's time.
"""

from __future__ import annotations

import argparse
import os
import sys
import tempfile
from collections.abc import Callable
from pathlib import Path
from typing import Any

from sopgen.calendar.file import calendar_for_corpus
from sopgen.corpus import check_corpus
from sopgen.render import simulation_section as section
from sopgen.render.diagram import diagram_dot, inline_svg, render_svg
from sopgen.render.montecarlo_chart import CASES, SEED
from sopgen.render.page import PageContext, render_sop_page
from sopgen.render.simulator_data import simulator_data, simulator_data_script
from sopgen.simulate.montecarlo import monte_carlo
from sopgen.simulate.routes import summarize_routes
from sopgen.simulate.walk import run_all
from sopgen.site.cache import EarlyParts, LateParts, PageCache
from sopgen.site.pages import lift_html_blocks
from sopgen.site.parallel import BATCH, draw_diagrams
from validate import generate  # the sibling benchmark's generator of realistic SOP files


def cpu() -> float:
    """CPU seconds of this process and its finished children (Graphviz)."""
    times = os.times()
    return times.user + times.system + times.children_user + times.children_system


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--sops", type=int, default=300)
    parser.add_argument("--seed", type=int, default=1)
    args = parser.parse_args()
    with tempfile.TemporaryDirectory(prefix="sopgen-bench-parts-") as temp:
        work = Path(temp)
        generate(work, args.sops, args.seed)
        sops = check_corpus(work / "sops").sops
        calendar, _ = calendar_for_corpus(work / "sops")
        context = PageContext(
            link_for=lambda _: None, title_for=lambda _: None, source_url=None,
            source_path="sops/x.yaml", logo_url=None, last_change=None,
            simulation_html="<!--simulasi-->", diagram_svg="<!--diagram-->")
        parts: dict[str, Callable[[Any], object]] = {
            "DOT source (routes, labels)": diagram_dot,
            "page templates": lambda sop: render_sop_page(sop, context),
            "Monte Carlo runs": lambda sop: monte_carlo(sop, calendar, CASES, SEED),
            "scenario walks": lambda sop: run_all(sop, calendar),
            "scenario views (tables, Gantt)": lambda sop: [
                section.scenario_view(sop, result, calendar, number=n, anchor=f"s-{n}")
                for n, result in enumerate(run_all(sop, calendar), start=1)],
            "routes": lambda sop: summarize_routes(sop, calendar),
            "simulator data": lambda sop: simulator_data_script(
                simulator_data(sop, calendar), "data"),
            "whole simulation section": lambda sop: section.render_simulation_section(
                sop, calendar),
        }
        for sop in sops[:10]:  # compiled templates, the calendar's years
            for part in parts.values():
                part(sop)
        spent: dict[str, float] = {}
        for name, part in parts.items():
            start = cpu()
            for sop in sops:
                part(sop)
            spent[name] = cpu() - start
        # The scenario views above include their walks: count the walks once.
        spent["scenario views (tables, Gantt)"] -= spent["scenario walks"]
        dots = [diagram_dot(sop) for sop in sops]
        start = cpu()
        draw_diagrams(dots, work / "diagrams")  # batches of BATCH per neato run
        spent[f"Graphviz (neato, batches of {BATCH})"] = cpu() - start
        cache = PageCache(work / "cache")
        stored = [(lift_html_blocks(render_sop_page(sop, context)),
                   inline_svg(render_svg(dot, work / "diagrams"), "d-"),
                   str(section.render_simulation_section(sop, calendar)))
                  for sop, dot in zip(sops, dots, strict=True)]
        start = cpu()
        for number, ((markdown, blocks), svg, simulation) in enumerate(stored):
            cache.store(f"{number:064d}", EarlyParts(markdown, blocks), LateParts(svg, simulation))
        spent["storing the parts in the cache"] = cpu() - start
    count = len(sops)
    print(f"{count} generated SOPs, CPU ms per SOP, one process; load average "
          f"{' '.join(f'{x:.2f}' for x in os.getloadavg())}")
    whole = spent.pop("whole simulation section")
    inside = sum(spent[name] for name in ("Monte Carlo runs", "scenario walks",
                                          "scenario views (tables, Gantt)", "routes",
                                          "simulator data"))
    spent["rest of the simulation section"] = max(0.0, whole - inside)
    for name, seconds in spent.items():
        print(f"  {name:<36}{seconds / count * 1000:7.2f}")
    print(f"  {'total':<36}{sum(spent.values()) / count * 1000:7.2f}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
