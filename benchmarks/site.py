"""Site build speed against plain Material on the same nav: cold, warm, one change; and serve.

    .venv/bin/python benchmarks/site.py [--sops 100] [--rounds 1] [--seed 1]
    .venv/bin/python benchmarks/site.py --sops 1000 --serve [--edits 3]

Generates realistic SOP files (the generator of `benchmarks/validate.py`) into a temporary folder.
The anchor is plain MkDocs Material (no sopgen plugin) building one trivial page per SOP at the
same place, with the same nav (sopgen's own: bodies, work-unit index pages, SOP pages outside
the nav), the same theme settings (`navigation.prune` included), search and Markdown extensions.
Each round runs, interleaved: anchor, sopgen cold (no cache), sopgen warm, anchor, sopgen after
one SOP changed, and sopgen with every SOP's rendered parts cached but no finished page (what a
cold build costs besides rendering the SOPs: the floor of any cold build of these pages). The
ratios are of medians, of wall time and of CPU time (user + system of the build and its
children: on a machine shared with other work, CPU time is the steadier comparison, wall time
what a user waits). Also printed: peak memory of each build (the largest
process, from wait4), bytes per SOP page and of the search index, the load average.

``--serve`` starts ``sopgen serve`` (dirty rebuilds) on a free localhost port, waits for the
first build, then edits one SOP's name ``--edits`` times and polls its page until it shows the
new name: edit-to-page seconds. Needs `dot`/`neato` on the PATH.
"""

from __future__ import annotations

import argparse
import json
import os
import shutil
import socket
import statistics
import subprocess
import sys
import tempfile
import time
import urllib.error
import urllib.request
from pathlib import Path

from sopgen.corpus import check_corpus
from sopgen.site.config import THEME
from sopgen.site.index import INDEX_URI, page_uri
from sopgen.site.lists import group, nav_section
from validate import generate  # the sibling benchmark's generator of realistic SOP files


def run(command: list[str], cwd: Path) -> tuple[float, float, int, float]:
    """Wall seconds, peak memory (MB, largest process), exit code and CPU seconds (user +
    system, its children included) of one command."""
    start = time.perf_counter()
    environment = {**os.environ, "NO_MKDOCS_2_WARNING": "1"}
    process = subprocess.Popen(command, cwd=cwd, stdout=subprocess.DEVNULL,
                               stderr=subprocess.PIPE, env=environment)
    assert process.stderr is not None
    errors = process.stderr.read()
    _, status, usage = os.wait4(process.pid, 0)
    wall = time.perf_counter() - start
    process.returncode = os.waitstatus_to_exitcode(status)
    if process.returncode != 0:
        print(errors.decode("utf-8", "replace")[-2000:], file=sys.stderr)
    cpu = usage.ru_utime + usage.ru_stime
    return wall, usage.ru_maxrss / 1024, process.returncode, cpu


def sopgen_build(work: Path) -> tuple[float, float, int, float]:
    return run([sys.executable, "-m", "sopgen", "build", "sops", "-o", "site"], work)


def anchor_project(work: Path, anchor: Path) -> None:
    """Plain Material: one trivial page per SOP where sopgen puts it, sopgen's nav."""
    result = check_corpus(work / "sops")
    docs = anchor / "docs"
    pages = {page_uri(sop): sop.identitas.nama for sop in result.sops}
    for body in group(result.sops):  # sopgen's list pages, as trivial pages
        pages[body.uri] = body.name
        pages.update({unit.uri: unit.name for unit in body.units})
    pages[INDEX_URI] = "Daftar SOP"
    pages["index.md"] = "Standar Operasional Prosedur"
    for uri, title in pages.items():
        target = docs / uri
        target.parent.mkdir(parents=True, exist_ok=True)
        target.write_text(f"# {title}\n\nHalaman uji dengan satu paragraf teks.\n", "utf-8")
    config = {
        "site_name": "Anchor", "docs_dir": "docs", "site_dir": "site", "theme": THEME,
        "plugins": ["search"], "markdown_extensions": ["tables", "attr_list", "admonition", "toc"],
        "nav": ["index.md", {"Daftar SOP": nav_section(result.sops)}],
        "not_in_nav": "/sop/\n",
    }
    (anchor / "mkdocs.yml").write_text(json.dumps(config, ensure_ascii=False), "utf-8")


def anchor_build(anchor: Path) -> tuple[float, float, int, float]:
    return run([sys.executable, "-m", "mkdocs", "build", "-q"], anchor)


def page_bytes(site: Path) -> tuple[float, int]:
    pages = list((site / "sop").glob("*/*/index.html"))
    size = sum(p.stat().st_size for p in pages) / max(1, len(pages))
    index = site / "search" / "search_index.json"
    return size, index.stat().st_size if index.is_file() else 0


def load() -> str:
    return " ".join(f"{x:.2f}" for x in os.getloadavg())


def builds(work: Path, files: list[Path], rounds: int) -> int:
    anchor = work / "anchor"
    anchor_project(work, anchor)
    times: dict[str, list[tuple[float, float, int, float]]] = {}
    for number in range(rounds):
        shutil.rmtree(work / ".cache", ignore_errors=True)
        changed = files[number % len(files)]
        steps = [("anchor", lambda: anchor_build(anchor)), ("cold", lambda: sopgen_build(work)),
                 ("warm", lambda: sopgen_build(work)), ("anchor", lambda: anchor_build(anchor)),
                 ("change", lambda n=number, f=changed: _change_and_build(work, f, n)),
                 ("written", lambda: _pages_only_build(work))]
        for label, step in steps:
            times.setdefault(label, []).append(step())
    median = {label: statistics.median(r[0] for r in rows) for label, rows in times.items()}
    cpu = {label: statistics.median(r[3] for r in rows) for label, rows in times.items()}
    peak = {label: max(r[1] for r in rows) for label, rows in times.items()}
    size, index_size = page_bytes(work / "site")
    anchor_size, anchor_index = page_bytes(anchor / "site")
    count = len(files)
    print(f"{count} SOPs, {rounds} round(s), medians; load average now {load()}")
    print(f"{'':<28}{'wall s':>8}{'× Material':>12}{'ms/SOP':>8}{'CPU s':>8}{'× Material':>12}"
          f"{'peak MB':>9}")
    for label, title in (("anchor", "plain Material, same nav"), ("cold", "sopgen cold (no cache)"),
                         ("warm", "sopgen warm"), ("change", "sopgen after one change"),
                         ("written", "sopgen, pages not rendered")):
        ratio = median[label] / median["anchor"]
        cpu_ratio = cpu[label] / cpu["anchor"]
        print(f"{title:<28}{median[label]:8.2f}{ratio:12.2f}{median[label] / count * 1000:8.1f}"
              f"{cpu[label]:8.2f}{cpu_ratio:12.2f}{peak[label]:9.0f}")
    print(f"bytes per SOP page: sopgen {size / 1024:.1f} KB, Material's trivial page "
          f"{anchor_size / 1024:.1f} KB; search index {index_size / count / 1024:.2f} KB per SOP "
          f"({anchor_index / count / 1024:.2f} KB for the trivial pages)")
    return max(r[2] for rows in times.values() for r in rows)


def _pages_only_build(work: Path) -> tuple[float, float, int, float]:
    """Every SOP's parts (diagram, simulation, blocks) from the cache, no finished page: what a
    cold build costs besides rendering the SOPs (MkDocs reading and writing every page)."""
    shutil.rmtree(work / ".cache" / "sopgen" / "finished", ignore_errors=True)
    return sopgen_build(work)


def _change_and_build(work: Path, file: Path, number: int) -> tuple[float, float, int, float]:
    text = file.read_text("utf-8")
    file.write_text(text.replace("Menerima", f"Menerima ({number})", 1), "utf-8")
    return sopgen_build(work)


def serve(work: Path, files: list[Path], edits: int) -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        port = probe.getsockname()[1]
    log = (work / "serve.log").open("w")
    server = subprocess.Popen(
        [sys.executable, "-m", "sopgen", "serve", "sops", "-a", f"127.0.0.1:{port}"], cwd=work,
        stdout=log, stderr=subprocess.STDOUT, env={**os.environ, "NO_MKDOCS_2_WARNING": "1"})
    target = files[len(files) // 2]
    url = f"http://127.0.0.1:{port}/sop/{target.parent.name}/{target.stem}/"
    try:
        start = time.perf_counter()
        if not _wait_for(url, "Pelayanan", timeout=3600):
            print("serve: the first build did not finish", file=sys.stderr)
            return 1
        print(f"serve: first build {time.perf_counter() - start:.1f} s ({len(files)} SOPs)")
        seconds, cpu = [], []
        for number in range(edits):
            time.sleep(2)  # let the watcher settle between edits
            marker = f"Suntingan{number}x{os.getpid()}"
            text = target.read_text("utf-8")
            edit, used = time.perf_counter(), cpu_of(server.pid)
            target.write_text(text.replace("  nama: ", f"  nama: {marker} ", 1), "utf-8")
            if not _wait_for(url, marker, timeout=300):
                print("serve: the edit never showed", file=sys.stderr)
                return 1
            seconds.append(time.perf_counter() - edit)
            cpu.append(cpu_of(server.pid) - used)
        print(f"serve edit-to-page, {edits} edits: median {statistics.median(seconds):.2f} s "
              f"(min {min(seconds):.2f}, max {max(seconds):.2f}); the server's CPU per edit: "
              f"median {statistics.median(cpu):.2f} s; load average {load()}")
        return 0
    finally:
        server.terminate()
        server.wait(timeout=60)
        log.close()


def cpu_of(pid: int) -> float:
    """CPU seconds (user + system, waited-for children included) of a running process."""
    fields = Path(f"/proc/{pid}/stat").read_text().rsplit(")", 1)[1].split()
    ticks = sum(int(fields[i]) for i in (11, 12, 13, 14))  # utime stime cutime cstime
    return ticks / os.sysconf("SC_CLK_TCK")


def _wait_for(url: str, text: str, timeout: float) -> bool:
    deadline = time.perf_counter() + timeout
    while time.perf_counter() < deadline:
        try:
            with urllib.request.urlopen(url, timeout=10) as response:
                if text in response.read().decode("utf-8", "replace"):
                    return True
        except (urllib.error.URLError, ConnectionError, TimeoutError):
            pass
        time.sleep(0.05)
    return False


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--sops", type=int, default=100, help="how many SOP files to generate")
    parser.add_argument("--rounds", type=int, default=1, help="interleaved rounds (medians)")
    parser.add_argument("--seed", type=int, default=1)
    parser.add_argument("--serve", action="store_true", help="measure serve edit-to-page")
    parser.add_argument("--edits", type=int, default=3)
    args = parser.parse_args()
    print(f"load average before: {load()}; {os.cpu_count()} cores")
    with tempfile.TemporaryDirectory(prefix="sopgen-bench-site-") as temp:
        work = Path(temp)
        files = generate(work, args.sops, args.seed)
        if args.serve:
            return serve(work, files, args.edits)
        return builds(work, files, args.rounds)


if __name__ == "__main__":
    sys.exit(main())
