"""The corpus calendar file (``sops/kalender.yaml``): reading, checking, building the calendar.

The file sets the office calendar once for every SOP of the corpus::

    versi_format: 1
    zona_waktu: WIB                 # WIB, WITA, WIT (or Asia/Jakarta, Asia/Makassar, Asia/Jayapura)
    hari: kerja                     # what plain "hari" means: kerja (default) or kalender
    jam_kerja:                      # a weekday left out keeps the default hours
      senin: {buka: "07:30", tutup: "16:00", istirahat: ["12:00-13:00"]}
      sabtu: libur
    libur_tambahan:                 # local closed days
      - {tanggal: 2026-03-28, nama: Hari Jadi Kabupaten Demak}
    batal_libur: [2026-12-24]       # national holidays or cuti bersama the body works on
    jam_khusus:                     # other hours over a range of dates, e.g. Ramadan
      - mulai: 2026-02-19
        sampai: 2026-03-19
        nama: Ramadan
        jam: {senin: {buka: "08:00", tutup: "15:00", istirahat: ["12:00-12:30"]}}

Every problem is a ``SOP8xx`` diagnostic at its line and column (`reader.CalendarReader` checks
the loaded tree); a file with errors gives no calendar. Scalars arrive as their source text (the
loader's contract), so ``07:30`` written without quotes is read as the text ``07:30``, never as
YAML 1.1's sexagesimal number.
"""

from __future__ import annotations

import datetime as dt
import os
from collections.abc import Callable
from pathlib import Path
from typing import Any

from ..diagnostics import Diagnostic
from ..read.safe import OUTSIDE_CORPUS, leaves
from . import messages as msg
from .office import OfficeCalendar, national_holidays
from .reader import CalendarReader, Locate

CALENDAR_FILE = "kalender.yaml"


def load_calendar(
    path: Path, display: str | None = None,
    *, holiday_source: Callable[[int], dict[dt.date, str]] = national_holidays,
) -> tuple[OfficeCalendar | None, list[Diagnostic]]:
    """The calendar a file describes, or None when the file has errors; with its diagnostics.

    `display` is the file name diagnostics carry (default: the path as given).
    """
    from ..read.loader import load_document  # the loader is only needed when a file is read

    document, diagnostics = load_document(path, display)
    if document is None:
        return None, list(diagnostics)
    calendar, more = calendar_from_data(document.data, document.file, document.locate,
                                        holiday_source=holiday_source)
    return calendar, [*diagnostics, *more]


def calendar_for_corpus(
    sops_dir: Path, display: str | None = None,
    *, holiday_source: Callable[[int], dict[dt.date, str]] = national_holidays,
) -> tuple[OfficeCalendar, list[Diagnostic]]:
    """The corpus calendar: ``kalender.yaml`` in `sops_dir` if present, else the default.

    A file with errors still gives the default calendar, so the caller can go on reporting; its
    errors are in the diagnostics.
    """
    default = OfficeCalendar(holiday_source=holiday_source)
    path = sops_dir / CALENDAR_FILE
    if not os.path.lexists(path):
        return default, []
    outside = leaves(path, sops_dir)
    if outside is not None:  # a link out of the corpus is never read
        shown = display if display is not None else path.as_posix()
        return default, [
            OUTSIDE_CORPUS.at(shown, root=sops_dir.name, target=outside.as_posix())
        ]
    calendar, diagnostics = load_calendar(path, display, holiday_source=holiday_source)
    return calendar or default, diagnostics


def calendar_from_data(
    data: Any,
    file: str,
    locate: Locate | None = None,
    *,
    holiday_source: Callable[[int], dict[dt.date, str]] = national_holidays,
) -> tuple[OfficeCalendar | None, list[Diagnostic]]:
    """Check a loaded calendar tree (scalars as source text) and build the calendar."""
    reader = CalendarReader(file, locate)
    built = reader.read(data)
    diagnostics = reader.diagnostics
    if built is None or any(d.is_error for d in diagnostics):
        return None, diagnostics
    calendar = OfficeCalendar(holiday_source=holiday_source, **built)
    for day, path in reader.removed_at:
        if day not in holiday_source(day.year):
            diagnostics.append(reader.at(msg.NOT_A_HOLIDAY, path, value=day.isoformat()))
    return calendar, diagnostics
