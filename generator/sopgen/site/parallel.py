"""Rendering many SOP pages on every core: Graphviz in batches, pages in forked workers.

Graphviz: one ``neato`` process per diagram costs about 22 ms, nearly all process start-up.
``neato`` draws every graph of its input in turn, so `draw_diagrams` feeds it batches of DOT
sources (2.8 ms a diagram in a batch of 24) and splits the output at each ``</svg>``. The only
difference from a single run is the id Graphviz gives the second and later graphs' group
(``page0,1_graph0`` instead of ``graph0``); `_split_svgs` restores it, so a batch's SVG is byte
for byte the one a single run writes (tests/test_site_scale.py checks it). A batch that fails is
drawn one diagram at a time, so the failing SOP gets its own error.

Pages: `PageBuilder` renders the SOPs that missed the cache in forked worker processes, a batch
of pages per task: their DOT sources, one Graphviz run for the batch, then the pages (the
renderers are pure functions of picklable inputs; fork shares the loaded modules and the
calendar). Order and content are those of a serial run.
"""

from __future__ import annotations

import contextlib
import math
import multiprocessing
import os
import re
import shutil
import threading
from collections.abc import Callable, Iterator, Sequence
from concurrent.futures import ProcessPoolExecutor
from pathlib import Path
from typing import Any, TypeVar

from ..render.diagram import GraphvizNotFound, render_svg, svg_cache_file
from ..render.layout_budget import LayoutTimeout, run_layout

BATCH = 24  # diagrams per neato run: start-up is shared, a failure redoes at most this many
PARALLEL_FROM = 8  # fewer pages than this render in-process: forking costs more than it saves

_SECOND_GRAPH_ID = re.compile(r'(<g id=")page\d+,\d+_(graph\d+")')

T = TypeVar("T")
R = TypeVar("R")


_LIMIT: int | None = None  # set by the plugin's `jobs` option or SOPGEN_JOBS (`limit_workers`)
CGROUP = Path("/sys/fs/cgroup")
MEMBERSHIP = Path("/proc/self/cgroup")


def limit_workers(jobs: int | None) -> None:
    """Use at most `jobs` processes from now on (None: as many as `available_cores`)."""
    global _LIMIT
    _LIMIT = jobs


def workers() -> int:
    """How many processes to use: the limit set, else `available_cores`."""
    return _LIMIT if _LIMIT is not None else available_cores()


def available_cores(cgroup: Path = CGROUP, membership: Path = MEMBERSHIP) -> int:
    """The cores this process may run on, no more than its container's CPU quota: a CI
    container often sees every core of its host and may use two of them, and a worker per
    host core would then only share those two (and the memory)."""
    try:
        cores = len(os.sched_getaffinity(0))
    except AttributeError:  # pragma: no cover - not Linux
        cores = os.cpu_count() or 1
    quota = cgroup_cpu_quota(cgroup, membership)
    if quota is not None:
        cores = min(cores, math.ceil(quota))
    return max(1, cores)


def cgroup_cpu_quota(cgroup: Path = CGROUP, membership: Path = MEMBERSHIP) -> float | None:
    """The CPU quota of this process's cgroup in cores, None without one: cgroup v2's
    ``cpu.max`` of its own group and every group above it (the smallest counts; inside a
    container its own group is usually the root), else v1's ``cpu.cfs_quota_us`` /
    ``cpu.cfs_period_us``. Unreadable files count as no quota."""
    quotas = []
    for group in _own_groups(cgroup, membership):
        with contextlib.suppress(OSError, ValueError, ZeroDivisionError):
            fields = (group / "cpu.max").read_text().split()
            if len(fields) == 2 and fields[0] != "max":
                quotas.append(int(fields[0]) / int(fields[1]))
    if quotas:
        return min(quotas)
    with contextlib.suppress(OSError, ValueError, ZeroDivisionError):
        quota = int((cgroup / "cpu" / "cpu.cfs_quota_us").read_text())
        period = int((cgroup / "cpu" / "cpu.cfs_period_us").read_text())
        return quota / period if quota > 0 else None
    return None


def _own_groups(cgroup: Path, membership: Path) -> list[Path]:
    """This process's cgroup v2 folder and those above it, up to the root (from
    ``/proc/self/cgroup``'s ``0::/path`` line; the root alone when it cannot be read)."""
    groups = [cgroup]
    with contextlib.suppress(OSError):
        for line in membership.read_text().splitlines():
            if line.startswith("0::"):
                parts = [part for part in line[3:].split("/") if part not in ("", "..")]
                groups += [cgroup.joinpath(*parts[:depth]) for depth in range(1, len(parts) + 1)]
    return groups


def draw_diagrams(dot_sources: Sequence[str], cache_dir: Path) -> int:
    """Draw every DOT source whose SVG is not in the cache yet, into the cache; how many were
    already there. Failures are left for `render_svg` to report per SOP."""
    missing = list(dict.fromkeys(d for d in dot_sources if not svg_cache_file(d, cache_dir)
                                 .is_file()))
    if not missing:
        return len(dot_sources)
    if shutil.which("neato") is None:
        return len(dot_sources) - len(missing)
    # One batch per page worker's task (`PageBuilder`): the workers keep the cores busy.
    for start in range(0, len(missing), BATCH):
        _draw_batch(missing[start : start + BATCH], cache_dir)
    return len(dot_sources) - len(missing)


def _draw_batch(batch: list[str], cache_dir: Path) -> None:
    neato = shutil.which("neato")
    if neato is None:
        return
    try:  # the layout budget covers the batch; over it, each diagram gets its own budget below
        done = run_layout([neato, "-n2", "-Tsvg"], "".join(batch).encode("utf-8"))
    except LayoutTimeout:
        done = None
    svgs = _split_svgs(done.stdout.decode("utf-8")) if done and done.returncode == 0 else []
    if len(svgs) != len(batch):
        for dot_source in batch:  # one by one: the broken one fails alone, later, with its error
            with contextlib.suppress(GraphvizNotFound, RuntimeError):  # LayoutTimeout too
                render_svg(dot_source, cache_dir)
        return
    for dot_source, svg in zip(batch, svgs, strict=True):
        render_svg(dot_source, cache_dir, drawn=svg)


def _split_svgs(output: str) -> list[str]:
    """The SVG documents of one neato run over several graphs, each as a lone run writes it."""
    end = "</svg>\n"
    parts = output.split(end)
    if parts[-1].strip():
        return []  # not the shape we know: let the caller fall back to single runs
    return [_SECOND_GRAPH_ID.sub(r"\1\2", part) + end for part in parts[:-1]]


_JOB: tuple[Callable[[Any], Any], Sequence[Any]] | None = None
_IN_WORKER = False


def _run_one(index: int) -> Any:
    assert _JOB is not None
    function, items = _JOB
    return function(items[index])


def _mark_worker() -> None:
    global _IN_WORKER
    _IN_WORKER = True


def in_worker() -> bool:
    """Whether this process is one of `map_in_processes`' forked workers."""
    return _IN_WORKER


def can_fork(items: int, smallest: int | None = None) -> bool:
    """Whether `map_in_processes` would fork for this many items: at least `smallest`
    (default `PARALLEL_FROM`), more than one core, fork on this platform, not already in a
    worker, and no other thread running (``mkdocs serve`` rebuilds from its watcher thread: a
    child forked then could inherit a lock another thread holds)."""
    smallest = PARALLEL_FROM if smallest is None else smallest
    return (items >= smallest and workers() >= 2 and threading.active_count() == 1
            and "fork" in multiprocessing.get_all_start_methods() and not _IN_WORKER)


def map_in_processes(
    function: Callable[[T], R], items: Sequence[T], smallest: int | None = None
) -> Iterator[R]:
    """``function(item)`` for each item on every core, yielded in order as they finish.

    The function and items reach the workers through fork, not pickling; only results travel
    back. Falls back to a plain loop where `can_fork` (with ``smallest``) says no.
    """
    global _JOB
    count = workers()
    if not can_fork(len(items), smallest):
        yield from (function(item) for item in items)
        return
    _JOB = (function, items)
    try:
        context = multiprocessing.get_context("fork")
        with ProcessPoolExecutor(max_workers=count, mp_context=context,
                                 initializer=_mark_worker) as pool:
            chunk = max(1, min(16, len(items) // (count * 8)))
            yield from pool.map(_run_one, range(len(items)), chunksize=chunk)
    finally:
        _JOB = None
