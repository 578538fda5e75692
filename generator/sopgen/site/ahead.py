"""Cold builds: the SOP pages MkDocs would write one by one, written ahead on every core.

Once MkDocs has read every page (``on_env``), it writes them in one process: Material's
template with its nav, the search plugin's parsing, sopgen's slots filled. At 1,000 new SOP
pages that was a third of a cold build, with the other core idle. `build_ahead` forks workers
that run MkDocs' own page step (``_build_page``, plugins' events included) for the SOP pages
the finished-page cache lacks. Each worker writes its pages into the site folder and, through
the plugin's ``on_post_page``, keeps them as finished pages; `build_ahead` adds each page's
search entries. The main process then takes them as finished pages (an empty template, the
stored HTML and entries), so the site is the one a one-process build writes, byte for byte
(tests/test_site_ahead.py).

Only where finished pages are on (no plugin sopgen does not know), for ``mkdocs build`` (serve
rebuilds from its watcher thread: no fork), with several cores and enough pages to pay for it.
A page that fails in a worker is left to MkDocs, which then reports the failure itself. What
MkDocs logs while a worker writes a page is held and logged by the main process, in page order,
so that ``--strict`` counts its warnings.
"""

from __future__ import annotations

import contextlib
import logging
from collections.abc import Callable, Iterator
from concurrent.futures.process import BrokenProcessPool
from typing import Any

from mkdocs.commands.build import _build_page
from mkdocs.config.defaults import MkDocsConfig
from mkdocs.structure.files import Files, InclusionLevel

from .finished import SEARCH_PLUGINS, TEMPLATE, FinishedBuild
from .parallel import can_fork, map_in_processes

AHEAD_FROM = 48  # fewer new pages than this are written by MkDocs itself: forking costs more

_UNKNOWN = object()


def search_entries(config: MkDocsConfig) -> list[dict[str, Any]] | object | None:
    """The list the search plugin appends each page's entries to; None without a search
    plugin; `_UNKNOWN` when its shape is not one sopgen knows (Material's ``entries``, MkDocs'
    own ``_entries``)."""
    for name in SEARCH_PLUGINS:
        plugin = config.plugins.get(name)
        if plugin is None:
            continue
        index = getattr(plugin, "search_index", None)
        entries = getattr(index, "entries", getattr(index, "_entries", None))
        return entries if isinstance(entries, list) else _UNKNOWN
    return None


def build_ahead(
    uris: list[str], *, files: Files, config: MkDocsConfig, nav: Any, env: Any,
    finished: FinishedBuild, log: logging.Logger | logging.LoggerAdapter[logging.Logger],
    progress: Callable[[int, int], None],
) -> int:
    """Write the pages of `uris` in forked workers; mark each one written as finished (its
    template emptied, out of the search plugin's way). How many were written."""
    entries = search_entries(config)
    if entries is _UNKNOWN or not can_fork(len(uris), AHEAD_FROM):
        return 0
    doc_files = files.documentation_pages(inclusion=InclusionLevel.is_included)
    pages = [file.page for uri in uris if (file := files.get_file_from_path(uri)) is not None]
    if len(pages) != len(uris) or any(page is None for page in pages):
        return 0
    env.get_template("main.html")  # compiled once here, not once in each worker

    def write(index: int) -> tuple[bool, list[tuple[str, int, str]]]:
        """In a worker: MkDocs' page step, then the page's search entries kept with it; whether
        the page is whole, and what MkDocs logged meanwhile."""
        page = pages[index]
        assert page is not None
        before = len(entries) if isinstance(entries, list) else 0
        with held_log_records() as held:
            try:
                _build_page(page, config, doc_files, nav, env)
            except Exception:  # the main process builds the page, and reports the failure
                return False, []
        key = finished.keys.get(page.file.src_uri)
        if key is None:
            return False, []
        finished.pages.store_search_entries(  # only when the page's HTML was stored
            key, entries[before:] if isinstance(entries, list) else [])
        messages = [(r.name, r.levelno, r.getMessage()) for r in held]
        return finished.pages.has(key), messages

    written = 0
    results = map_in_processes(write, range(len(pages)))
    with contextlib.suppress(BrokenProcessPool):  # a worker killed (memory): MkDocs goes on
        for number, (ok, messages) in enumerate(results, start=1):
            page = pages[number - 1]
            assert page is not None
            for name, level, message in messages:
                logging.getLogger(name).log(level, "%s", message)
            if ok:
                page.meta["template"] = TEMPLATE
                page.meta["search"] = {"exclude": True}
                finished.take_ahead(page.file.src_uri)
                written += 1
            progress(number, len(pages))
    if written < len(pages):
        log.info(f"{len(pages) - written} halaman SOP ditulis ulang tanpa paralel")
    return written


class _Holding(logging.Handler):
    def __init__(self, held: list[logging.LogRecord]) -> None:
        super().__init__()
        self.held = held

    def emit(self, record: logging.LogRecord) -> None:
        self.held.append(record)


@contextlib.contextmanager
def held_log_records() -> Iterator[list[logging.LogRecord]]:
    """The records MkDocs' loggers emit meanwhile, held instead of printed (MkDocs' handlers,
    strict mode's warning counter among them, are on its ``mkdocs`` logger)."""
    logger = logging.getLogger("mkdocs")
    held: list[logging.LogRecord] = []
    handlers, propagate = logger.handlers[:], logger.propagate
    logger.handlers, logger.propagate = [_Holding(held)], False
    try:
        yield held
    finally:
        logger.handlers, logger.propagate = handlers, propagate
