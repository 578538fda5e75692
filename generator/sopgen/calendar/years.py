"""The years of an office calendar: its open intervals and working days, built one year at a time.

Internally instants are *local seconds*: seconds since 1970-01-01 00:00 local wall time (a fixed
offset from UTC). Per year, the open intervals are kept as sorted lists with a prefix sum of open
time, so adding office time and measuring it are one bisect each (the arithmetic is
`sopgen.calendar.office`'s); working days are a sorted list of day numbers. Years are built
lazily, each queried from the holidays package once, and only within the years `guard` allows.

`CalendarYears` is the base class of `OfficeCalendar` rather than an object it holds: the
simulators reach the lists millions of times, and a base class gives them without one more
attribute hop per call.
"""

from __future__ import annotations

import datetime as dt
import math
from dataclasses import dataclass, field

from .guard import CalendarRangeError, check_year
from .hours import DayHours

DAY = 86400.0
EPOCH = dt.datetime(1970, 1, 1)
EPOCH_ORDINAL = EPOCH.toordinal()


def year_start(year: int) -> float:
    """Local seconds of 1 January of `year`, 00:00."""
    return (dt.date(year, 1, 1).toordinal() - EPOCH_ORDINAL) * DAY


@dataclass
class _Span:
    """Open intervals of a contiguous range of years, in local seconds, with open-time sums."""

    first_year: int
    last_year: int
    starts: list[float] = field(default_factory=list)
    ends: list[float] = field(default_factory=list)
    # cum[i] = open seconds before interval i, counted from a fixed origin; len = len(starts) + 1
    cum: list[float] = field(default_factory=lambda: [0.0])
    workdays: list[int] = field(default_factory=list)  # day numbers since the epoch


class CalendarYears:
    """The years covered so far, as one span; a subclass says which dates are closed and what
    hours a date has (`closed_dates`, `hours_on`)."""

    def __init__(self) -> None:
        self._span: _Span | None = None
        self._covered = (0.0, 0.0)  # local seconds the span surely covers: [from, to)

    def closed_dates(self, year: int) -> list[tuple[dt.date, str]]:
        """Closed dates of a year with their names."""
        raise NotImplementedError

    def hours_on(self, day: dt.date) -> DayHours:
        """Open intervals of a date ignoring closed dates."""
        raise NotImplementedError

    def span_lists(
        self, start: float, end: float
    ) -> tuple[float, float, list[float], list[float], list[float], list[int]]:
        """The years holding local seconds `start` and `end` covered, then the bounds of what is
        covered (``lo <= s < hi``) and the interval starts, ends, open-time sums and working
        days behind the arithmetic of `OfficeCalendar` (for `quick.quick_adder`). The lists only
        ever grow at their end while they are the calendar's, so they stay right for
        ``[lo, hi)``."""
        self._cover(start)
        span = self._cover(end)
        lo, hi = self._covered
        return lo, hi, span.starts, span.ends, span.cum, span.workdays

    def _span_or_fail(self) -> _Span:
        if self._span is None:
            raise RuntimeError("calendar span used before any year was covered")
        return self._span

    def _cover(self, s: float) -> _Span:
        """The span, extended so that it holds the year of local seconds `s`."""
        span = self._span
        # The simulators ask millions of times, nearly always inside the span: a comparison
        # instead of a date. The bounds only ever lag behind the span (it never shrinks).
        if span is not None and self._covered[0] <= s < self._covered[1]:
            return span
        span = self._cover_slow(s)
        self._covered = (year_start(span.first_year), year_start(span.last_year + 1))
        return span

    def _cover_slow(self, s: float) -> _Span:
        try:
            year = dt.date.fromordinal(EPOCH_ORDINAL + math.floor(s / DAY)).year
        except (ValueError, OverflowError):  # beyond datetime's years 1-9999 (or not a number)
            guess = 1970 + s / (DAY * 365.2425)
            raise CalendarRangeError(round(guess) if math.isfinite(guess) else 0) from None
        span = self._span
        if span is None:
            check_year(year)
            span = _Span(year, year - 1)
            self._span = span
            self._extend_forward()
            return self._span_or_fail()
        while year > span.last_year:
            span = self._extend_forward()
        while year < span.first_year:
            span = self._extend_backward()
        return span

    def _build_year(self, year: int) -> tuple[list[float], list[float], list[int]]:
        closed = {day for day, _ in self.closed_dates(year)}
        starts: list[float] = []
        ends: list[float] = []
        workdays: list[int] = []
        day = dt.date(year, 1, 1)
        step = dt.timedelta(days=1)
        while day.year == year:
            hours = () if day in closed else self.hours_on(day)
            if hours:
                number = day.toordinal() - EPOCH_ORDINAL
                base = number * DAY
                workdays.append(number)
                for a, b in hours:
                    starts.append(base + a * 60.0)
                    ends.append(base + b * 60.0)
            day += step
        return starts, ends, workdays

    def _extend_forward(self) -> _Span:
        span = self._span_or_fail()
        check_year(span.last_year + 1)  # never an unbounded calendar (CalendarRangeError)
        starts, ends, workdays = self._build_year(span.last_year + 1)
        total = span.cum[-1]
        for a, b in zip(starts, ends, strict=True):
            total += b - a
            span.cum.append(total)
        span.starts.extend(starts)
        span.ends.extend(ends)
        span.workdays.extend(workdays)
        span.last_year += 1
        return span

    def _extend_backward(self) -> _Span:
        span = self._span_or_fail()
        check_year(span.first_year - 1)
        starts, ends, workdays = self._build_year(span.first_year - 1)
        # Earlier open time gets negative positions so that known positions never move.
        cum = [span.cum[0] - sum(b - a for a, b in zip(starts, ends, strict=True))]
        for a, b in zip(starts, ends, strict=True):
            cum.append(cum[-1] + (b - a))
        span.cum = cum[:-1] + span.cum
        span.starts = starts + span.starts
        span.ends = ends + span.ends
        span.workdays = workdays + span.workdays
        span.first_year -= 1
        return span
