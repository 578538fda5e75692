"""The benchmark scripts run and print their figures (tiny corpora: their numbers are not
checked here, only that every row is there; speed is judged in the benchmarks themselves)."""

from __future__ import annotations

import os
import re
import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
ENV = {**os.environ, "NO_MKDOCS_2_WARNING": "1",
       "PYTHONPATH": os.pathsep.join([str(ROOT / "generator"), os.environ.get("PYTHONPATH", "")])}
NUMBER = r"\s+\d+\.\d+"


def run(script: str, *args: str) -> str:
    done = subprocess.run([sys.executable, str(ROOT / "benchmarks" / script), *args], env=ENV,
                          capture_output=True, text=True, timeout=600, check=False)
    assert done.returncode == 0, done.stderr[-2000:]
    return done.stdout


def test_render_parts_prints_every_part_per_sop() -> None:
    out = run("render_parts.py", "--sops", "12")
    assert out.startswith("12 generated SOPs, CPU ms per SOP")
    for part in ("DOT source", "page templates", "Monte Carlo runs", "scenario views",
                 "Graphviz (neato, batches of 24)", "storing the parts in the cache",
                 "rest of the simulation section", "total"):
        assert re.search(re.escape(part) + r".*?" + NUMBER + "$", out, re.MULTILINE), part


def test_site_benchmark_prints_the_ratios_to_material() -> None:
    out = run("site.py", "--sops", "12", "--rounds", "1")
    for row in ("plain Material, same nav", "sopgen cold (no cache)", "sopgen warm",
                "sopgen after one change", "sopgen, pages not rendered"):
        # wall s, x Material, ms/SOP, CPU s, x Material, then peak MB (a whole number)
        found = re.search(re.escape(row) + r"((?:" + NUMBER + r"){5})\s+\d+$", out, re.MULTILINE)
        assert found, row
        ratio = float(found.group(1).split()[1])
        assert ratio > 0
    assert re.search(r"^plain Material, same nav\s+\S+\s+1\.00\s", out, re.MULTILINE)
    assert "bytes per SOP page: sopgen" in out


def test_site_benchmark_measures_serve_from_save_to_page() -> None:
    out = run("site.py", "--sops", "12", "--serve", "--edits", "1")
    assert re.search(r"^serve: first build \d+\.\d s \(12 SOPs\)$", out, re.MULTILINE)
    assert re.search(r"^serve edit-to-page, 1 edits: median \d+\.\d\d s", out, re.MULTILINE)
