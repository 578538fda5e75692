"""The Monte Carlo runs' quick adder gives `OfficeCalendar.add_s`'s results to the bit."""

from __future__ import annotations

import datetime as dt
import random
from pathlib import Path

import pytest

import sopgen.simulate.montecarlo as montecarlo
from sopgen.calendar.hours import SpecialHours
from sopgen.calendar.office import DAY, OfficeCalendar
from sopgen.calendar.quick import quick_adder
from sopgen.corpus import check_corpus
from sopgen.duration import Kind

ROOT = Path(__file__).resolve().parents[1]
KINDS = (Kind.OFFICE_SECONDS, Kind.WORKING_DAYS, Kind.CALENDAR_DAYS, Kind.DAYS)


def calendars() -> list[OfficeCalendar]:
    ramadan = SpecialHours(
        mulai=dt.date(2026, 2, 18), sampai=dt.date(2026, 3, 19), nama="Ramadan",
        hours={n: ((480, 900),) for n in range(5)})
    return [
        OfficeCalendar.default(),
        OfficeCalendar("WITA", special=[ramadan], extra_closed={dt.date(2026, 6, 1): "Lokal"}),
        OfficeCalendar(hari_kalender=True),
    ]


def amounts(rng: random.Random, kind: Kind) -> float:
    if kind is Kind.OFFICE_SECONDS:
        return rng.choice([0.0, 60.0, 1800.0, 27000.0, rng.uniform(0, 200_000)])
    return rng.choice([0.0, 1.0, 0.5, 2.25, 20.0, rng.uniform(0, 30)])


@pytest.mark.parametrize("number", range(3))
def test_same_results_as_add_s_inside_outside_and_at_the_edges(number: int) -> None:
    calendar = calendars()[number]
    start = calendar.local_seconds(dt.datetime(2026, 1, 5, 7, 30))
    add = quick_adder(calendar, start, start + 52 * 7 * DAY)
    rng = random.Random(number)
    instants = [start + rng.uniform(-400, 800) * DAY for _ in range(3000)]
    span = calendar.span_lists(start, start)
    instants += span[2][:50] + span[3][:50] + span[2][-20:] + span[3][-20:]  # interval edges
    instants += [span[0], span[1] - 1, span[1] + 1]  # the covered years' bounds
    for s in instants:
        for kind in KINDS:
            amount = amounts(rng, kind)
            assert add(s, kind, amount) == calendar.add_s(s, kind, amount), (s, kind, amount)


def test_monte_carlo_figures_unchanged_on_the_corpus(monkeypatch: pytest.MonkeyPatch) -> None:
    sops = check_corpus(ROOT / "sops").sops
    assert sops
    calendar = OfficeCalendar.default()
    quick = [montecarlo.monte_carlo(sop, calendar, 120, seed=5) for sop in sops]
    monkeypatch.setattr(montecarlo, "quick_adder",
                        lambda calendar, start, end: calendar.add_s)
    plain = [montecarlo.monte_carlo(sop, calendar, 120, seed=5) for sop in sops]
    assert quick == plain


def test_the_inlined_uniform_draw_is_random_uniform() -> None:
    for low, high in ((0.0, 1.0), (600.0, 1200.0), (1.0, 2.5), (3600.0, 86400.0)):
        assert (random.Random(3).uniform(low, high)
                == low + (high - low) * random.Random(3).random())
