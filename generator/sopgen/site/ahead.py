"""Cold builds: the SOP pages MkDocs would read and write one by one, done ahead on every core.

MkDocs reads every page (Python-Markdown), then writes every page (Material's template with its
nav, the search plugin's parsing, sopgen's slots filled), all in one process: at 1,000 new SOP
pages that was about a third of a cold build, with the other core idle. Right after the nav is
made (``on_nav``), `build_ahead` forks workers that run MkDocs' own steps, plugins' events
included, for the SOP pages the finished-page cache lacks: each worker reads the other pages
once (the nav shows their titles), then reads and writes its SOP pages into the site folder and,
through the plugin's ``on_post_page``, keeps them as finished pages; `build_ahead` adds each
page's search entries. MkDocs then reads and writes those pages as finished pages (an empty
page, the stored HTML and entries), so the site is the one a one-process build writes, byte for
byte (tests/test_site_ahead.py).

Only where finished pages are on (no plugin sopgen does not know), for ``mkdocs build`` (serve
rebuilds from its watcher thread: no fork), with several cores and enough pages to pay for it.
A page that fails in a worker is left to MkDocs, which then reports the failure itself. What
MkDocs logs while a worker reads and writes an SOP page is held and logged by the main process,
in page order, so that ``--strict`` counts its warnings.
"""

from __future__ import annotations

import contextlib
import logging
from collections.abc import Callable, Iterator
from concurrent.futures.process import BrokenProcessPool
from typing import Any

from mkdocs.commands.build import _build_page, _populate_page
from mkdocs.config.defaults import MkDocsConfig
from mkdocs.structure.files import Files, InclusionLevel
from mkdocs.structure.pages import Page

from .build_log import build_text
from .finished import SEARCH_PLUGINS, FinishedBuild
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
    sop_pages: set[str], *, files: Files, config: MkDocsConfig, nav: Any,
    finished: FinishedBuild, log: logging.Logger | logging.LoggerAdapter[logging.Logger],
    progress: Callable[[int, int], None], lang: str = "id",
) -> int:
    """Read and write the SOP pages (src URIs) that are not finished pages in forked workers,
    before MkDocs reads any page; each one written becomes a finished page (MkDocs then reads it
    as an empty page). How many were written. No page shows anything of an SOP page (they are
    outside the nav), so the workers read only the others before writing."""
    uris = sorted(uri for uri in sop_pages if uri not in finished.hits)
    entries = search_entries(config)
    if entries is _UNKNOWN or not can_fork(len(uris), AHEAD_FROM):
        return 0
    targets = [file for uri in uris if (file := files.get_file_from_path(uri)) is not None]
    if len(targets) != len(uris):
        return 0
    doc_files = files.documentation_pages(inclusion=InclusionLevel.is_included)
    others = [file for file in doc_files if file.src_uri not in sop_pages]
    # The environment MkDocs makes once it has read the pages (plugins' on_env included).
    env = config.plugins.on_env(config.theme.get_env(), config=config, files=files)
    env.get_template("main.html")  # compiled once here, not once in each worker
    worker = {"others_read": None}  # each worker's own copy, after the fork

    def read_others() -> bool:
        """In a worker, once: every other page read, as MkDocs reads it before writing any
        (the nav shows their titles). What that logs is the main process's to log."""
        if worker["others_read"] is None:
            with held_log_records():
                try:
                    for file in others:
                        _populate_page(file.page or Page(None, file, config), config, files)
                    worker["others_read"] = True
                except Exception:  # MkDocs reads them again and reports it
                    worker["others_read"] = False
        return bool(worker["others_read"])

    def write(index: int) -> tuple[bool, list[tuple[str, int, str]]]:
        """In a worker: MkDocs' steps for one page, then its search entries kept with it;
        whether the page is whole, and what MkDocs logged meanwhile."""
        if not read_others():
            return False, []
        file = targets[index]
        page = file.page or Page(None, file, config)
        before = len(entries) if isinstance(entries, list) else 0
        with held_log_records() as held:
            try:
                _populate_page(page, config, files)
                _build_page(page, config, doc_files, nav, env)
            except Exception:  # the main process builds the page, and reports the failure
                return False, []
        key = finished.keys.get(file.src_uri)
        if key is None:
            return False, []
        finished.pages.store_search_entries(  # only when the page's HTML was stored
            key, entries[before:] if isinstance(entries, list) else [])
        messages = [(r.name, r.levelno, r.getMessage()) for r in held]
        return finished.pages.has(key), messages

    written = 0
    results = map_in_processes(write, range(len(targets)), AHEAD_FROM)  # as checked above
    with contextlib.suppress(BrokenProcessPool):  # a worker killed (memory): MkDocs goes on
        for number, (ok, messages) in enumerate(results, start=1):
            for name, level, message in messages:
                logging.getLogger(name).log(level, "%s", message)
            file = targets[number - 1]
            if ok:
                file.content_string = ""  # read by MkDocs as a finished page: see `finished`
                finished.take_ahead(file.src_uri)
                written += 1
            progress(number, len(targets))
    if written < len(targets):
        log.info(build_text("not_ahead", lang, count=len(targets) - written))
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
