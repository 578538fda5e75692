"""National holidays kept on disk per year, for builds that come back to the same years.

Importing the ``holidays`` package and computing a year (lunar and Chinese calendars included)
costs about 0.15 s before the first date; a site build that renders one changed SOP paid it every
time. `stored_holidays` answers from ``<folder>/holidays-<version>/<year>.json`` and asks the
package only for a year it has not stored (a new version of the package starts a new folder).
The stored dates are the package's own, so the calendar's answers are the same (tested).
"""

from __future__ import annotations

import contextlib
import datetime as dt
import json
from collections.abc import Callable
from importlib import metadata
from pathlib import Path

from ..atomic import write_atomically
from .hours import national_holidays

HolidaySource = Callable[[int], dict[dt.date, str]]


def stored_holidays(folder: Path) -> HolidaySource:
    """`national_holidays`, kept in `folder` (the build cache's)."""
    try:
        version = metadata.version("holidays")
    except metadata.PackageNotFoundError:  # pragma: no cover - a dependency of sopgen
        return national_holidays
    years = folder / f"holidays-{version}"

    def holidays_of(year: int) -> dict[dt.date, str]:
        path = years / f"{year}.json"
        try:
            stored = json.loads(path.read_text(encoding="utf-8"))
            return {dt.date.fromisoformat(day): str(name) for day, name in stored.items()}
        except (OSError, ValueError, TypeError, AttributeError):  # absent or damaged: ask again
            found = national_holidays(year)
        text = json.dumps({day.isoformat(): name for day, name in found.items()},
                          ensure_ascii=False)
        with contextlib.suppress(OSError):  # an unwritable cache only costs the next build time
            write_atomically(path, text)
        return found

    return holidays_of
