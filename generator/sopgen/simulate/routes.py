"""Every route through an SOP, each loop taken at most once, timed on the office calendar.

A *backward arrow* is an outgoing arrow of a step (its ``lanjut``, or a decision's ``ya`` or
``tidak`` exit) whose target is the same step or one above it in the table (number <= its own).
Arrows downwards always lead to a higher number, so every loop contains a backward arrow and a
loop is identified by it. A *route* is a walk from the first step to the end that follows **each
backward arrow at most once**; downward arrows may repeat. So each loop is taken at most once,
several loops through the same step can each be taken once, and the number of routes is finite.

(The simpler rules fail on real shapes: "each arrow at most once" forbids even one pass round
``a -> b -(tidak)-> a``, since leaving the loop needs the arrow ``a -> b`` again; "each step at
most twice" forbids taking two loops that return to the same step.)

Each route is walked from the reference start (the first scenario's arrival, else the effective
date at 07:30) with every step at its maximum duration (no ``waktu`` counts as zero). The
longest route is compared with ``simulasi.target`` measured from the same start. Enumeration
stops at `ROUTE_LIMIT` routes (or `WORK_LIMIT` explored steps) and says it was truncated.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

from ..calendar.guard import CalendarRangeError
from ..calendar.office import OfficeCalendar
from ..duration import Duration
from ..model import END, Sop
from .walk import reference_start, target_of, verdict

ROUTE_LIMIT = 10_000
WORK_LIMIT = 500_000


@dataclass(frozen=True)
class Route:
    steps: tuple[str, ...]  # step keys in walking order
    selesai: dt.datetime
    working_seconds: float  # open office time from the normalised start to `selesai`


@dataclass(frozen=True)
class RoutesSummary:
    mulai: dt.datetime  # the reference start, moved to the next opening
    routes: tuple[Route, ...]
    truncated: bool
    shortest: Route | None
    longest: Route | None
    target: Duration | None
    tenggat: dt.datetime | None
    longest_meets_target: bool | None  # None without a target or without routes
    margin_seconds: float | None  # open time from the longest route's end to the deadline


def summarize_routes(
    sop: Sop,
    calendar: OfficeCalendar,
    *,
    start: dt.datetime | None = None,
    limit: int = ROUTE_LIMIT,
) -> RoutesSummary:
    """All routes of the SOP (bounded by `limit`), the extremes and the verdict on the target."""
    target = target_of(sop)
    try:
        begin = calendar.next_open(calendar.aware(start or reference_start(sop)))
    except CalendarRangeError:  # an arrival the calendar does not serve: no routes to time
        begin = calendar.aware(start or reference_start(sop))
        return RoutesSummary(begin, (), True, None, None, target, None, None, None)
    walker = _RouteWalker(sop, calendar, limit)
    try:
        walker.walk(calendar.local_seconds(begin))
    except CalendarRangeError:  # a route runs beyond the calendar: keep those found so far
        walker.truncated = True
    base = calendar.position(calendar.local_seconds(begin))
    routes = tuple(
        Route(keys, calendar.instant(end), calendar.position(end) - base)
        for keys, end in walker.found
    )
    shortest = min(routes, key=lambda r: (r.working_seconds, len(r.steps)), default=None)
    longest = max(routes, key=lambda r: (r.working_seconds, len(r.steps)), default=None)
    try:
        tenggat, meets, margin = verdict(
            calendar, begin, target, longest.selesai if longest else begin
        )
    except CalendarRangeError:
        tenggat, meets, margin = None, None, None
    if longest is None:  # no route reaches the end: nothing to judge
        meets, margin = None, None
    return RoutesSummary(
        mulai=begin,
        routes=routes,
        truncated=walker.truncated,
        shortest=shortest,
        longest=longest,
        target=target,
        tenggat=tenggat,
        longest_meets_target=meets,
        margin_seconds=margin,
    )


class _RouteWalker:
    """Depth-first enumeration that times each prefix once, so shared prefixes cost nothing.

    Iterative, so a very long procedure cannot exhaust Python's recursion limit.
    """

    def __init__(self, sop: Sop, calendar: OfficeCalendar, limit: int) -> None:
        self.calendar = calendar
        self.limit = limit
        self.first = sop.langkah[0].key
        self.steps = {step.key: step for step in sop.langkah}
        self.found: list[tuple[tuple[str, ...], float]] = []
        self.truncated = False

    def walk(self, clock: float) -> None:
        path = [self.first]
        used: set[tuple[str, int]] = set()
        # frame: step key, its end, next exit to try, the backward arrow that led here
        stack: list[tuple[str, float, int, tuple[str, int] | None]] = [
            (self.first, self._end(self.first, clock), 0, None)
        ]
        work = 1
        while stack:
            key, end, exit_number, arrow_in = stack.pop()
            exits = self.steps[key].successors()
            if exit_number >= len(exits):
                path.pop()
                if arrow_in is not None:
                    used.discard(arrow_in)
                continue
            stack.append((key, end, exit_number + 1, arrow_in))
            target = exits[exit_number][0]
            if target == END:
                if len(self.found) >= self.limit:
                    self.truncated = True
                    return
                self.found.append((tuple(path), end))
                continue
            work += 1
            if work > WORK_LIMIT:
                self.truncated = True
                return
            arrow = (key, exit_number)
            backward = self.steps[target].number <= self.steps[key].number
            if backward:
                if arrow in used:
                    continue
                used.add(arrow)
            path.append(target)
            stack.append((target, self._end(target, end), 0, arrow if backward else None))

    def _end(self, key: str, clock: float) -> float:
        waktu = self.steps[key].waktu
        if waktu is None:
            return self.calendar.next_open_s(clock)
        return self.calendar.add_s(clock, waktu.kind, waktu.maximum)
