"""The corpus a site build publishes: every file checked, the calendar read, one report.

A build keeps each file's own check on disk by the file's bytes (`check.stored`, in the cache
folder's `checks/`); ``serve`` keeps them in memory between saves (`serve.checks`), so a save
re-checks the saved file only. The cross-file rules run every time. Whether problems stop the
build is the plugin's to decide: here they are only found and reported.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path

from ..calendar.office import OfficeCalendar
from ..calendar.stored import stored_holidays
from ..check.stored import StoredChecks
from ..corpus import CorpusResult, check_corpus
from ..diagnostics import Diagnostic
from ..model import Sop
from ..reporters import render_text
from . import files as f
from . import serve
from .builder import Prepared

CHECKS_FOLDER = "checks"
HOLIDAYS_FOLDER = "calendar"


@dataclass
class SiteCorpus:
    """What ``on_pre_build`` found and rendered, for ``on_files`` to publish."""

    result: CorpusResult
    calendar: OfficeCalendar
    report: str  # every problem of the files and the calendar, as `sopgen validate` prints it
    has_errors: bool
    problems: int
    pages: list[tuple[Sop, Prepared]] = field(default_factory=list)
    logos: dict[Path, str] = field(default_factory=dict)  # image file -> its site path


def check_site_corpus(
    sops_dir: Path, calendar_path: Path | None, cache_dir: Path, *, serving: bool, lang: str
) -> SiteCorpus:
    """Every SOP file and the calendar checked, with the report of their problems."""
    if serving:
        result = check_corpus(sops_dir, serve.checks)
    else:
        store = StoredChecks(cache_dir / CHECKS_FOLDER)
        result = check_corpus(sops_dir, store=store)
        store.save()
    # A build that renders one changed SOP would otherwise import `holidays` and compute
    # each year again: about 0.15 s.
    holidays = stored_holidays(cache_dir / HOLIDAYS_FOLDER)
    calendar, calendar_diagnostics = f.corpus_calendar(sops_dir, calendar_path, holidays)
    diagnostics = sorted([*result.diagnostics, *calendar_diagnostics], key=Diagnostic.sort_key)
    read = len(result.files) + f.calendar_files_read(sops_dir, calendar_path)
    report = render_text(diagnostics, read, lang)
    return SiteCorpus(result, calendar, report, any(d.is_error for d in diagnostics),
                      len(diagnostics))
