"""`OfficeCalendar.add_s` as a closure over the calendar's interval lists, for hot loops.

The Monte Carlo runs add a step's duration to a clock a few thousand times per SOP page, most
of a cold build's simulation time. `quick_adder` gives the same function with the interval
lists bound to local names and the kind dispatch inlined: same float operations in the same
order, so the same results to the bit (tests/test_calendar_quick.py compares them). Anything
outside the years covered when the closure was made (a case running years past its arrival)
goes to `add_s` itself, which extends the calendar.
"""

from __future__ import annotations

import math
from bisect import bisect_left, bisect_right
from collections.abc import Callable

from ..duration import Kind
from .office import DAY, OfficeCalendar

_TOLERANCE = 1e-9

Adder = Callable[[float, Kind, float], float]


def quick_adder(calendar: OfficeCalendar, start: float, end: float) -> Adder:
    """``add(s, kind, amount)`` equal to ``calendar.add_s``; fastest for ``start <= s < end``
    (local seconds), which this covers first."""
    lo, hi, starts, ends, cum, workdays = calendar.span_lists(start, end)
    slow = calendar.add_s
    resolve = calendar.resolve_kind
    workday_seconds = calendar.workday_seconds
    count = len(starts)
    last = cum[-1]
    day_count = len(workdays)

    def next_open(s: float) -> int:
        """Index of the interval holding the next open instant at or after `s` (-1: beyond
        the lists)."""
        i = bisect_right(starts, s) - 1
        if i >= 0 and s < ends[i]:
            return i
        return i + 1 if i + 1 < count else -1

    office, working, days = Kind.OFFICE_SECONDS, Kind.WORKING_DAYS, Kind.DAYS
    floor = math.floor

    def add(t: float, kind: Kind, amount: float) -> float:
        # The first open instant inlined: the Monte Carlo loop calls this millions of times.
        if lo <= t < hi:
            i = bisect_right(starts, t) - 1
            s = t
            if i < 0 or t >= ends[i]:
                i += 1
                if i >= count:
                    return slow(t, kind, amount)
                s = starts[i]
            if amount <= 0:
                return s
            if kind is days:
                kind = resolve(kind)
            if kind is office:
                p = cum[i] + (s - starts[i]) + amount
                if p <= last:
                    j = bisect_left(cum, p, i + 1) - 1
                    return starts[j] + (p - cum[j])
            elif kind is working:
                whole = floor(amount + _TOLERANCE)
                fraction = amount - whole
                if whole > 0:
                    day = floor(s / DAY)
                    k = bisect_right(workdays, day) + whole - 1
                    if k >= day_count:
                        return slow(t, kind, amount)
                    moved = workdays[k] * DAY + (s - day * DAY)
                    if not moved < hi:
                        return slow(t, kind, amount)
                    i = next_open(moved)
                    if i < 0:
                        return slow(t, kind, amount)
                    s = moved if moved >= starts[i] else starts[i]
                if fraction <= _TOLERANCE:
                    return s
                p = cum[i] + (s - starts[i]) + fraction * workday_seconds
                if p <= last:
                    j = bisect_left(cum, p, i + 1) - 1
                    return starts[j] + (p - cum[j])
            else:  # calendar days
                later = s + amount * DAY
                k = next_open(later) if later < hi else -1
                if k >= 0:
                    return later if later >= starts[k] else starts[k]
        return slow(t, kind, amount)

    return add
