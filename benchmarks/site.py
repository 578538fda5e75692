"""How long `sopgen build` takes for a corpus of generated SOPs: first build and rebuild.

    .venv/bin/python benchmarks/site.py [--sops 100] [--seed 1]

Generates realistic SOP files (the generator of `benchmarks/validate.py`) into a temporary
folder and runs `sopgen build` there as a subprocess three times: a first build (every Graphviz
diagram drawn), a rebuild with the diagram cache warm (`.cache/sopgen`, keyed by content hash),
and a rebuild after one SOP changed. Prints wall seconds, CPU seconds of the build process and
its children (Graphviz included), and seconds per SOP. Needs `dot`/`neato` on the PATH.
"""

from __future__ import annotations

import argparse
import os
import resource
import subprocess
import sys
import tempfile
import time
from pathlib import Path

from validate import generate  # the sibling benchmark's generator of realistic SOP files


def timed_build(work: Path) -> tuple[float, float, int]:
    """Wall and CPU seconds of one `sopgen build`, and its exit code."""
    before = resource.getrusage(resource.RUSAGE_CHILDREN)
    start = time.perf_counter()
    done = subprocess.run(
        [sys.executable, "-m", "sopgen", "build", "sops", "-o", "site"],
        cwd=work, capture_output=True, text=True, check=False,
    )
    wall = time.perf_counter() - start
    after = resource.getrusage(resource.RUSAGE_CHILDREN)
    cpu = (after.ru_utime - before.ru_utime) + (after.ru_stime - before.ru_stime)
    if done.returncode != 0:
        print(done.stderr[-2000:], file=sys.stderr)
    return wall, cpu, done.returncode


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--sops", type=int, default=100, help="how many SOP files to generate")
    parser.add_argument("--seed", type=int, default=1)
    args = parser.parse_args()
    print(f"load average before: {' '.join(f'{x:.2f}' for x in os.getloadavg())}; "
          f"{os.cpu_count()} cores")
    with tempfile.TemporaryDirectory(prefix="sopgen-bench-site-") as temp:
        work = Path(temp)
        files = generate(work, args.sops, args.seed)
        rows = []
        for label in ("first build (cold diagram cache)", "rebuild (warm cache)"):
            rows.append((label, *timed_build(work)))
        changed = files[0]
        changed.write_text(changed.read_text("utf-8").replace("Menerima", "Menerima kembali", 1),
                           "utf-8")
        rows.append(("rebuild after one SOP changed", *timed_build(work)))
        pages = len(list((work / "site").rglob("index.html")))
        print(f"{len(files)} SOPs, {pages} HTML pages in the built site\n")
        width = max(len(r[0]) for r in rows)
        print(f"{'':<{width}}  {'wall s':>7}  {'CPU s':>7}  {'s/SOP':>6}  exit")
        for label, wall, cpu, code in rows:
            print(f"{label:<{width}}  {wall:7.2f}  {cpu:7.2f}  {wall / len(files):6.3f}  {code}")
        print(f"load average after: {' '.join(f'{x:.2f}' for x in os.getloadavg())}")
        return max(r[3] for r in rows)


if __name__ == "__main__":
    sys.exit(main())
