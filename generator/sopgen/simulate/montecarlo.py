"""Monte Carlo runs: many random cases through an SOP, summarised as working-time percentiles.

Each case arrives at a moment drawn uniformly over the open office time of the 52 weeks that
follow the reference start (the first scenario's arrival, else the effective date at 07:30), so
quiet weekends do not attract arrivals. Every step's duration is drawn uniformly between its
minimum and maximum (a step without ``waktu`` takes zero); each decision takes ``ya`` with its
``peluang_ya`` (0.5 unless the file says otherwise). A case that makes more than `VISIT_CAP`
visits is stopped and counted as capped, not used in the figures. A case's working time is the
open office time from its arrival (moved to the next opening) to its completion; it meets the
target when it completes no later than arrival + ``simulasi.target`` on the calendar.

One `random.Random(seed)` draws everything in a fixed order, so a seed reproduces the figures.
"""

from __future__ import annotations

import math
import random
from dataclasses import dataclass

from ..calendar.guard import CalendarRangeError
from ..calendar.office import OfficeCalendar
from ..calendar.quick import quick_adder
from ..duration import Duration, Kind
from ..model import END, Sop
from .walk import reference_start, target_of

VISIT_CAP = 1_000
WEEKS = 52
_END = -1


@dataclass(frozen=True)
class MonteCarloResult:
    n: int
    seed: int
    completed: int  # cases that reached the end (the figures are over these)
    capped: int  # cases stopped after VISIT_CAP visits
    p50_seconds: float | None  # working time, open office seconds
    p90_seconds: float | None
    p95_seconds: float | None
    mean_seconds: float | None
    target: Duration | None
    share_meeting_target: float | None  # of completed cases; None without a target
    workday_seconds: float  # the calendar's working day, to print the figures
    samples: tuple[float, ...] = ()  # every completed case's working time, ascending (charts)


@dataclass(frozen=True, slots=True)
class _Row:
    """A step reduced to what a random case needs, with successors as row indices."""

    kind: Kind | None  # None: no waktu
    low: float
    high: float
    ya: int  # next row when not a decision
    tidak: int
    peluang_ya: float  # 1.0 when not a decision


def monte_carlo(sop: Sop, calendar: OfficeCalendar, n: int, seed: int) -> MonteCarloResult:
    """`n` random cases of the SOP on the calendar, reproducible for a seed."""
    rng = random.Random(seed)
    rows = _rows(sop, calendar)
    target = target_of(sop)
    start = calendar.next_open_s(calendar.local_seconds(calendar.aware(reference_start(sop))))
    last = start + WEEKS * 7 * 86400.0
    first = calendar.position(start)
    span = calendar.position(last) - first
    add = quick_adder(calendar, start, last)  # calendar.add_s, bit for bit, faster
    draw = rng.random
    times: list[float] = []
    met = 0
    capped = 0
    for _ in range(max(0, n)):
        arrival = calendar.next_open_s(calendar.at_position(first + draw() * span))
        clock = arrival
        row = 0
        visits = 0
        try:
            while row != _END and visits < VISIT_CAP:
                visits += 1
                step = rows[row]
                if step.kind is not None:
                    low, high = step.low, step.high
                    # random.uniform(low, high) is exactly this expression.
                    amount = high if high <= low else low + (high - low) * draw()
                    clock = add(clock, step.kind, amount)
                if step.peluang_ya >= 1.0:
                    row = step.ya
                else:
                    row = step.ya if draw() < step.peluang_ya else step.tidak
            deadline = None
            if row == _END and target is not None:
                deadline = add(arrival, target.kind, target.maximum)
        except CalendarRangeError:  # a case running beyond the calendar's years
            capped += 1
            continue
        if row != _END:
            capped += 1
            continue
        times.append(calendar.position(clock) - calendar.position(arrival))
        if deadline is not None:
            met += clock <= deadline
    times.sort()
    done = len(times)
    return MonteCarloResult(
        n=max(0, n),
        seed=seed,
        completed=done,
        capped=capped,
        p50_seconds=_percentile(times, 0.50),
        p90_seconds=_percentile(times, 0.90),
        p95_seconds=_percentile(times, 0.95),
        mean_seconds=sum(times) / done if done else None,
        target=target,
        share_meeting_target=met / done if target is not None and done else None,
        workday_seconds=calendar.workday_seconds,
        samples=tuple(times),
    )


def _rows(sop: Sop, calendar: OfficeCalendar) -> list[_Row]:
    index = {step.key: number for number, step in enumerate(sop.langkah)}
    index[END] = _END
    rows = []
    for step in sop.langkah:
        waktu = step.waktu
        kind = calendar.resolve_kind(waktu.kind) if waktu is not None else None
        low = waktu.minimum if waktu is not None else 0.0
        high = waktu.maximum if waktu is not None else 0.0
        if step.keputusan is None:
            rows.append(_Row(kind, low, high, index[step.lanjut], index[step.lanjut], 1.0))
        else:
            decision = step.keputusan
            rows.append(
                _Row(
                    kind, low, high, index[decision.ya], index[decision.tidak], decision.peluang_ya
                )
            )
    return rows


def _percentile(sorted_values: list[float], q: float) -> float | None:
    """Nearest-rank percentile: the smallest value with at least q of the values <= it."""
    if not sorted_values:
        return None
    rank = max(1, math.ceil(q * len(sorted_values)))
    return sorted_values[rank - 1]
