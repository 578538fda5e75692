"""Monte Carlo runs: reproducible for a seed, sensible figures, loops capped not hung."""

from __future__ import annotations

import datetime as dt
from typing import Any

from sop_factory import make_sop
from sopgen.calendar.office import OfficeCalendar
from sopgen.duration import parse_duration
from sopgen.model import END, Scenario, Simulation
from sopgen.simulate.montecarlo import VISIT_CAP, monte_carlo

CAL = OfficeCalendar.default()


def d(text: str) -> Any:
    duration = parse_duration(text)
    assert duration is not None
    return duration


def sop(target: str = "3 hari kerja", peluang_ya: float = 0.7) -> Any:
    return make_sop(
        [
            {"id": "ajukan", "pelaksana": "pengadu", "waktu": "10-20 menit"},
            {
                "id": "periksa",
                "pelaksana": "admin",
                "waktu": "maks 1 jam",
                "keputusan": {"ya": "proses", "tidak": "lengkapi", "peluang_ya": peluang_ya},
            },
            {"id": "lengkapi", "pelaksana": "pengadu", "waktu": "1-2 hari", "lanjut": "periksa"},
            {"id": "proses", "pelaksana": "admin", "waktu": "2 jam"},
        ],
        simulasi=Simulation(d(target), (Scenario("Contoh", dt.datetime(2026, 1, 5, 8, 0)),)),
    )


def test_same_seed_same_figures_and_other_seed_differs() -> None:
    first = monte_carlo(sop(), CAL, 400, seed=7)
    again = monte_carlo(sop(), CAL, 400, seed=7)
    other = monte_carlo(sop(), CAL, 400, seed=8)
    assert first == again
    assert (first.mean_seconds, first.p90_seconds) != (other.mean_seconds, other.p90_seconds)


def test_figures_are_ordered_and_bounded() -> None:
    result = monte_carlo(sop(), CAL, 500, seed=1)
    assert result.n == 500 and result.completed == 500 and result.capped == 0
    assert result.p50_seconds is not None and result.p90_seconds is not None
    assert result.p95_seconds is not None and result.mean_seconds is not None
    assert result.p50_seconds <= result.p90_seconds <= result.p95_seconds
    # The quickest case: 10 min + a very short check + 2 h; without the loop at most
    # 20 + 60 + 120 min = 3 h 20.
    assert result.p50_seconds >= 2 * 3600 + 600
    assert result.p50_seconds <= 3 * 3600 + 1200  # most cases (70 %) skip the loop
    # With 30 % looping at 1-2 days each, P95 lies beyond one working day.
    assert result.p95_seconds > 7.5 * 3600
    assert result.share_meeting_target is not None
    assert 0.5 < result.share_meeting_target < 1.0
    assert result.workday_seconds == 27000


def test_a_loop_that_never_ends_is_capped_not_hung() -> None:
    result = monte_carlo(sop(peluang_ya=0.0), CAL, 3, seed=1)
    assert result.capped == 3 and result.completed == 0
    assert result.p50_seconds is None and result.share_meeting_target is None
    assert VISIT_CAP >= 100


def test_without_target_no_share() -> None:
    no_target = make_sop(
        [
            {"id": "a", "pelaksana": "admin", "waktu": "1 jam"},
            {"id": "b", "pelaksana": "admin", "keputusan": {"ya": END, "tidak": END}},
        ],
    )
    result = monte_carlo(no_target, CAL, 50, seed=3)
    assert result.target is None and result.share_meeting_target is None
    # Every case takes exactly 1 h of office time (b has no waktu: zero).
    assert result.p50_seconds == result.p95_seconds == result.mean_seconds == 3600
