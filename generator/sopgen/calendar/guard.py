"""The years the office calendar builds, and the error when a computation leaves them.

Defence in depth: the validator keeps dates and durations of valid files within the supported
range (`check.limits`), but a long walk (many long steps, loops) could still run far ahead.
Each calendar year costs time and memory, so the calendar refuses to build years outside
`CALENDAR_FIRST_YEAR`..`CALENDAR_LAST_YEAR` and raises `CalendarRangeError`, which the
simulators turn into a diagnostic (SOP754) instead of a traceback or a hang.
"""

from __future__ import annotations

from ..check.limits import CALENDAR_FIRST_YEAR, CALENDAR_LAST_YEAR

__all__ = ["CALENDAR_FIRST_YEAR", "CALENDAR_LAST_YEAR", "CalendarRangeError", "check_year"]


class CalendarRangeError(OverflowError):
    """A computation needed a calendar year outside the supported span."""

    def __init__(self, year: int) -> None:
        super().__init__(
            f"the calendar covers the years {CALENDAR_FIRST_YEAR}-{CALENDAR_LAST_YEAR}; "
            f"year {year} was needed"
        )
        self.year = year


def check_year(year: int) -> None:
    if not CALENDAR_FIRST_YEAR <= year <= CALENDAR_LAST_YEAR:
        raise CalendarRangeError(year)
