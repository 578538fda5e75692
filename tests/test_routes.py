"""All routes with each loop at most once, their working time and the target verdict."""

from __future__ import annotations

import datetime as dt
import itertools
from typing import Any

from sop_factory import demak_sop, loop_steps, make_sop
from sopgen.calendar.office import OfficeCalendar
from sopgen.duration import parse_duration
from sopgen.model import END, Scenario, Simulation
from sopgen.simulate.routes import summarize_routes

CAL = OfficeCalendar.default()
MONDAY_9 = dt.datetime(2026, 11, 23, 9, 0)


def d(text: str) -> Any:
    duration = parse_duration(text)
    assert duration is not None
    return duration


def berkas_sop(target: str) -> Any:
    return make_sop(
        loop_steps(),
        simulasi=Simulation(d(target), (Scenario("Contoh", MONDAY_9),)),
    )


def test_routes_of_a_loop_with_times_and_verdict() -> None:
    summary = summarize_routes(berkas_sop("2 hari kerja"), CAL)
    assert summary.mulai.isoformat() == "2026-11-23T09:00:00+07:00"
    assert sorted(r.steps for r in summary.routes) == [
        ("ajukan", "periksa", "lengkapi", "periksa", "proses"),
        ("ajukan", "periksa", "proses"),
    ]
    assert not summary.truncated
    # Shortest: 15 + 15 + 60 min = 1 h 30 from Mon 09:00 -> 10:30.
    assert summary.shortest is not None and summary.longest is not None
    assert summary.shortest.working_seconds == 5400
    assert summary.shortest.selesai.isoformat() == "2026-11-23T10:30:00+07:00"
    # Longest: ajukan 09:15, periksa 09:30, lengkapi Tue 09:30, periksa 09:45, proses 10:45.
    # Open time Mon 09:00-12:00 (3 h) + 13:00-16:00 (3 h) + Tue 07:30-10:45 (3 h 15) = 9 h 15.
    assert summary.longest.selesai.isoformat() == "2026-11-24T10:45:00+07:00"
    assert summary.longest.working_seconds == 9.25 * 3600
    # Deadline Mon 09:00 + 2 working days = Wed 09:00; margin Tue 10:45-12:00 (1 h 15) +
    # 13:00-16:00 (3 h) + Wed 07:30-09:00 (1 h 30) = 5 h 45.
    assert summary.tenggat is not None
    assert summary.tenggat.isoformat() == "2026-11-25T09:00:00+07:00"
    assert summary.longest_meets_target is True
    assert summary.margin_seconds == 5.75 * 3600


def test_longest_route_missing_the_target() -> None:
    # 1 working day: Tue 09:00 deadline, the looping route ends Tue 10:45.
    summary = summarize_routes(berkas_sop("1 hari kerja"), CAL)
    assert summary.longest_meets_target is False
    assert summary.margin_seconds == -1.75 * 3600


def test_loop_leaving_through_the_step_it_returns_to() -> None:
    # a -> b; b: ya = end, tidak = back to a. Taking the loop once needs a -> b twice.
    sop = make_sop(
        [
            {"id": "a", "pelaksana": "admin", "waktu": "1 jam"},
            {
                "id": "b",
                "pelaksana": "admin",
                "waktu": "1 jam",
                "keputusan": {"ya": END, "tidak": "a"},
            },
        ],
    )
    summary = summarize_routes(sop, CAL, start=MONDAY_9)
    assert sorted(r.steps for r in summary.routes) == [("a", "b"), ("a", "b", "a", "b")]
    # No target: no verdict. The reference start is the given one.
    assert summary.target is None and summary.longest_meets_target is None
    assert summary.longest is not None and summary.longest.working_seconds == 4 * 3600


def test_two_loops_to_the_same_step_can_each_be_taken_once() -> None:
    sop = make_sop(
        [
            {"id": "isi", "pelaksana": "pengadu", "waktu": "10 menit"},
            {
                "id": "cek1",
                "pelaksana": "admin",
                "waktu": "10 menit",
                "keputusan": {"ya": "cek2", "tidak": "isi"},
            },
            {
                "id": "cek2",
                "pelaksana": "admin",
                "waktu": "10 menit",
                "keputusan": {"ya": END, "tidak": "isi"},
            },
        ],
    )
    routes = {r.steps for r in summarize_routes(sop, CAL, start=MONDAY_9).routes}
    both = ("isi", "cek1", "isi", "cek1", "cek2", "isi", "cek1", "cek2")
    assert both in routes
    assert ("isi", "cek1", "cek2") in routes
    # No route takes a loop twice: cek1 -> isi appears at most once in each route.
    for route in routes:
        pairs = list(itertools.pairwise(route))
        assert pairs.count(("cek1", "isi")) <= 1
        assert pairs.count(("cek2", "isi")) <= 1


def test_reference_start_defaults_to_the_effective_date() -> None:
    sop = demak_sop()  # no simulasi; effective 2020-04-02 (Thursday)
    summary = summarize_routes(sop, CAL)
    assert summary.mulai.isoformat() == "2020-04-02T07:30:00+07:00"
    # telaah "tidak" ends; "ya" goes on; periksa's loop back to klarifikasi is taken once or not.
    assert len(summary.routes) == 3
    assert summary.shortest is not None
    assert summary.shortest.steps == ("sampaikan", "telaah")


def test_enumeration_is_bounded() -> None:
    # Ten decisions in a row, each with two downward exits to the next step: 2^10 routes.
    specs: list[dict[str, Any]] = []
    for number in range(1, 11):
        following = f"s{number + 1}" if number < 10 else END
        specs.append(
            {
                "id": f"s{number}",
                "pelaksana": "admin",
                "waktu": "1 menit",
                "keputusan": {"ya": following, "tidak": following},
            }
        )
    sop = make_sop(specs)
    full = summarize_routes(sop, CAL, start=MONDAY_9)
    assert len(full.routes) == 1024 and not full.truncated
    bounded = summarize_routes(sop, CAL, start=MONDAY_9, limit=100)
    assert len(bounded.routes) == 100 and bounded.truncated
