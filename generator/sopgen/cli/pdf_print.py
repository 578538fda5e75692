"""`sopgen pdf` without argparse: build (or reuse) the site, print the SOPs, write the files.

Kept apart from the command line so the tests and scripts call the same code. The site is built
with `sopgen build` (cli/site.py: MkDocs is only touched there) into a temporary folder.
"""

from __future__ import annotations

import argparse
import contextlib
import tempfile
from collections.abc import Callable, Iterator, Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from ..model import Sop
from ..pdf.book import build_book
from ..pdf.browser import chromium_page, chromium_path, served
from ..pdf.printer import DEFAULT_PAPER, PrintedSop, print_sop
from ..site.index import sop_order

_PROGRESS = {
    "sop": {"id": "{target} ({sheets} halaman)", "en": "{target} ({sheets} sheets)"},
    "book": {"id": "{target} (Buku SOP, {count} SOP)", "en": "{target} (Buku SOP, {count} SOPs)"},
}


class BuildFailed(Exception):
    """``sopgen build`` failed; it has printed why. ``code`` is its exit code."""

    def __init__(self, code: int) -> None:
        super().__init__(code)
        self.code = code


@dataclass
class PdfRun:
    """What one run wrote: SOP id -> (file, printed), and the books by work unit."""

    sops: dict[str, tuple[Path, PrintedSop]] = field(default_factory=dict)
    books: dict[str, Path] = field(default_factory=dict)


def book_path(out_dir: Path, unit: str) -> Path:
    return out_dir / f"buku-sop-{unit.replace('/', '-') or 'sop'}.pdf"


@contextlib.contextmanager
def built_site(sops_dir: Path, site_dir: Path | None, lang: str = "id") -> Iterator[Path]:
    """A built site of the corpus: the given one, or one built now in a temporary folder."""
    if site_dir is not None:
        yield site_dir
        return
    from .site import run_build  # the only way in to MkDocs

    with tempfile.TemporaryDirectory(prefix="sopgen-pdf-") as work:
        target = Path(work) / "site"
        code = run_build(argparse.Namespace(sops_dir=str(sops_dir), site_dir=str(target),
                                            site_name=None, lang=lang, jobs=None))
        if code != 0:
            raise BuildFailed(code)
        yield target


def print_corpus(
    sops: Sequence[Sop],
    sops_dir: Path,
    out_dir: Path,
    *,
    paper: str = DEFAULT_PAPER,
    book: bool = False,
    site_dir: Path | None = None,
    place: str = "........",
    progress: Callable[[str], None] = lambda _: None,
    page: Any | None = None,
    lang: str = "id",
) -> PdfRun:
    """Print each SOP to ``out_dir/<id>.pdf`` (and a Buku SOP per work unit when asked).

    ``page``: a Playwright page to print with (a caller that already drives Chromium: one
    thread can run only one Playwright); by default Chromium is started for this run.
    ``lang``: of the messages and progress lines (the printed form is Indonesian, as the
    regulation has it).
    """
    if page is None:
        chromium_path(lang)  # before the build: say at once when Chromium is missing
    run = PdfRun()
    ordered = sorted(sops, key=sop_order)
    browser = contextlib.nullcontext(page) if page is not None else chromium_page(lang=lang)
    with built_site(sops_dir, site_dir, lang) as site, served(site) as base, browser as page:
        for sop in ordered:
            printed = print_sop(page, base, sop, paper)
            target = out_dir / f"{sop.id}.pdf"
            target.parent.mkdir(parents=True, exist_ok=True)
            target.write_bytes(printed.pdf)
            run.sops[sop.id] = (target, printed)
            progress(_PROGRESS["sop"][lang].format(target=target, sheets=printed.sheets))
        if book:
            units: dict[str, list[Sop]] = {}
            for sop in ordered:
                units.setdefault(sop.satuan_kerja_folder, []).append(sop)
            for unit, unit_sops in units.items():
                pdf = build_book(page, unit_sops, [run.sops[s.id][1].pdf for s in unit_sops],
                                 paper, place)
                target = book_path(out_dir, unit)
                target.parent.mkdir(parents=True, exist_ok=True)
                target.write_bytes(pdf)
                run.books[unit] = target
                progress(_PROGRESS["book"][lang].format(target=target, count=len(unit_sops)))
    return run
