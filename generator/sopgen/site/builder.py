"""The SOP pages of one build: from the cache where possible, rendered on every core otherwise.

`PageBuilder.prepare` takes every SOP with its page facts, looks each up in the page cache and
renders the misses (Graphviz diagrams in batches, then pages in worker processes), logging
progress as it goes. It returns each page's Markdown; the large fragments stay in the cache
files until MkDocs asks for them (`fill_content`, `fill_output`), so memory does not grow with
the rendered size of the whole corpus.
"""

from __future__ import annotations

import logging
import math
import time
from collections.abc import Sequence
from dataclasses import dataclass, replace
from pathlib import Path

from ..diagnostics import Diagnostic
from ..model import Sop
from ..render.diagram import diagram_dot
from .build_log import BuildStats, build_text, is_progress_step
from .cache import EarlyParts, LateParts, PageCache, build_key, site_digest
from .parallel import BATCH, draw_diagrams, map_in_processes, workers
from .render_parts import PageFacts, RenderSettings, fill_content, fill_output, render_parts


@dataclass(frozen=True)
class Prepared:
    """One SOP page ready for MkDocs: its parts are in the cache (by key: MkDocs reads the
    Markdown file itself) or, when that could not be written or the page has problems, here."""

    key: str
    markdown_file: Path | None
    diagnostics: tuple[Diagnostic, ...] = ()
    early: EarlyParts | None = None
    late: LateParts | None = None


@dataclass(frozen=True)
class _Job:
    sop: Sop
    facts: PageFacts
    key: str
    dot: str | None = None  # the diagram's DOT source, once made


class PageBuilder:
    def __init__(
        self,
        settings: RenderSettings,
        *,
        calendar_file: Path | None,
        log: logging.Logger | logging.LoggerAdapter[logging.Logger],
        parallel: bool = True,
        lang: str = "id",
    ) -> None:
        self.settings = settings
        self.cache = PageCache(settings.cache_dir)
        self.digest = site_digest(template_dir=settings.template_dir, calendar_file=calendar_file)
        self.log = log
        self.parallel = parallel
        self.lang = lang  # of the progress lines
        self.stats = BuildStats()

    def prepare(self, pages: Sequence[tuple[Sop, PageFacts]]) -> list[Prepared]:
        """Every page's Markdown, in the order given; renders only what the cache lacks."""
        start = time.perf_counter()
        jobs = [_Job(sop, facts, build_key(self.digest, sop.path, facts.as_data()))
                for sop, facts in pages]
        self.stats.sops = len(jobs)
        prepared: dict[str, Prepared] = {}
        misses: list[_Job] = []
        for job in jobs:
            if self.cache.has(job.key):
                prepared[job.key] = Prepared(job.key, self.cache.markdown_file(job.key))
            else:
                misses.append(job)
        self.stats.from_cache = len(jobs) - len(misses)
        self.stats.diagrams_from_cache = self.stats.from_cache
        if misses:
            self.log.info(build_text("to_render", self.lang, missing=len(misses),
                                     total=len(jobs), cached=self.stats.from_cache))
            self._render(misses, prepared)
        self.stats.seconds = time.perf_counter() - start
        return [prepared[job.key] for job in jobs]

    def _render(self, misses: list[_Job], prepared: dict[str, Prepared]) -> None:
        # A task is a batch of pages: their DOT sources (placing the labels is most of their
        # cost), one Graphviz run for all their diagrams, then the pages. One pool, no phase
        # waiting for the slowest worker of the one before.
        size = max(1, min(BATCH, math.ceil(len(misses) / (workers() * 6))))
        batches = [misses[i : i + size] for i in range(0, len(misses), size)]
        results = (map_in_processes(self._render_batch, batches) if self.parallel
                   else map(self._render_batch, batches))
        done = 0
        for batch, (cached, pages) in zip(batches, results, strict=True):
            self.stats.diagrams_from_cache += cached
            for job, result in zip(batch, pages, strict=True):
                prepared[job.key] = result
                done += 1
                self.stats.rendered += 1
                self.stats.rendered_ids.append(job.sop.id)
                if is_progress_step(done, len(misses)):
                    self.log.info(build_text("rendered", self.lang, done=done, total=len(misses)))

    def _render_batch(self, batch: list[_Job]) -> tuple[int, list[Prepared]]:
        """Runs in a worker: how many diagrams were in the cache already, and the pages."""
        dots = [diagram_dot(job.sop) for job in batch]
        cached = draw_diagrams(dots, self.settings.cache_dir)
        return cached, [self._render_one(replace(job, dot=dot))
                        for job, dot in zip(batch, dots, strict=True)]

    def _render_one(self, job: _Job) -> Prepared:
        """Runs in a worker: render, store in the cache, send back only what must travel."""
        early, late, diagnostics = render_parts(job.sop, job.facts, self.settings, job.dot)
        if not diagnostics and self.cache.store(job.key, early, late):
            return Prepared(job.key, self.cache.markdown_file(job.key))
        # Not cached: a page with problems is redone next time; an unwritable cache keeps it here.
        return Prepared(job.key, None, tuple(diagnostics), early, late)

    def fill_content(self, page: Prepared, html: str) -> str:
        blocks = page.early.blocks if page.early else self.cache.blocks(page.key)
        return fill_content(blocks, html) if blocks is not None else html

    def fill_output(self, page: Prepared, html: str) -> str:
        blocks = page.early.blocks if page.early else self.cache.blocks(page.key)
        late = page.late or self.cache.late(page.key)
        self.stats.pages_written += 1
        if blocks is None or late is None:
            return html
        return fill_output(blocks, late, html)
