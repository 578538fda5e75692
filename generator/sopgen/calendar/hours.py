"""Office hours as data: weekdays, time zones, open intervals, special hours, holidays.

The definitions `OfficeCalendar` is built from (see `sopgen.calendar.office` for the contract):
a day's hours are half-open intervals ``[open, close)`` in minutes of the day, opening hours
minus breaks; a week is seven such days, Monday first.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from zoneinfo import ZoneInfo

WEEKDAYS = ("senin", "selasa", "rabu", "kamis", "jumat", "sabtu", "minggu")
ZONES: dict[str, str] = {"WIB": "Asia/Jakarta", "WITA": "Asia/Makassar", "WIT": "Asia/Jayapura"}
ZONE_LABELS: dict[str, str] = {iana: label for label, iana in ZONES.items()}

Interval = tuple[int, int]
"""An open interval ``[open, close)`` in minutes of the day."""
DayHours = tuple[Interval, ...]
WeekHours = tuple[DayHours, DayHours, DayHours, DayHours, DayHours, DayHours, DayHours]


def minutes(clock: str) -> int:
    """Minutes of the day of ``"HH:MM"`` (``"24:00"`` allowed as a closing time)."""
    hours, mins = clock.split(":")
    return int(hours) * 60 + int(mins)


def day_hours(opening: int, closing: int, breaks: Sequence[Interval] = ()) -> DayHours:
    """Open intervals of a day: opening hours minus breaks (all in minutes of the day)."""
    intervals: list[Interval] = []
    cursor = opening
    for start, end in sorted(breaks):
        if start > cursor:
            intervals.append((cursor, min(start, closing)))
        cursor = max(cursor, end)
    if cursor < closing:
        intervals.append((cursor, closing))
    return tuple((a, b) for a, b in intervals if b > a)


DEFAULT_WEEK: WeekHours = (
    day_hours(450, 960, [(720, 780)]),
    day_hours(450, 960, [(720, 780)]),
    day_hours(450, 960, [(720, 780)]),
    day_hours(450, 960, [(720, 780)]),
    day_hours(450, 990, [(690, 780)]),
    (),
    (),
)


@dataclass(frozen=True, slots=True)
class SpecialHours:
    """Hours that replace the regular ones on the listed weekdays from `mulai` to `sampai`."""

    mulai: dt.date
    sampai: dt.date
    nama: str
    hours: Mapping[int, DayHours]  # weekday (0 = senin) -> open intervals


def national_holidays(year: int) -> dict[dt.date, str]:
    """Indonesian national holidays and cuti bersama of one year, with Indonesian names."""
    import holidays  # imported on first use: it takes a tenth of a second

    found = holidays.country_holidays(
        "ID", years=year, categories=("public", "government"), language="id"
    )
    return {day: str(name) for day, name in sorted(found.items())}


def resolve_zone(name: str) -> ZoneInfo | None:
    """The zone for ``WIB``/``WITA``/``WIT`` or one of their IANA names, else None."""
    iana = ZONES.get(name.strip().upper(), name.strip())
    return ZoneInfo(iana) if iana in ZONE_LABELS else None
