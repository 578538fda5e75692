"""The deterministic walk: timelines, visits, deadlines and margins computed by hand.

Default calendar (WIB): Mon-Thu 07:30-12:00, 13:00-16:00; Fri 07:30-11:30, 13:00-16:30.
"""

from __future__ import annotations

import datetime as dt
import json
from typing import Any

from sop_factory import loop_steps, make_sop
from sopgen.calendar.office import OfficeCalendar
from sopgen.duration import parse_duration
from sopgen.model import END, Scenario, Simulation, Sop
from sopgen.simulate.walk import run_all, run_scenario, to_json

CAL = OfficeCalendar.default()


def d(text: str) -> Any:
    duration = parse_duration(text)
    assert duration is not None
    return duration


def aduan_sop(target: str | None = "5 hari kerja", *scenarios: Scenario) -> Sop:
    return make_sop(
        [
            {"id": "sampaikan", "pelaksana": "pengadu", "waktu": "seketika"},
            {
                "id": "telaah",
                "pelaksana": "admin",
                "waktu": "maks 3 hari",
                "keputusan": {"ya": "verifikasi", "tidak": END},
            },
            {"id": "verifikasi", "pelaksana": "admin", "waktu": "15 menit"},
        ],
        simulasi=Simulation(d(target) if target else None, tuple(scenarios)),
    )


def berkas_sop(*scenarios: Scenario, target: str = "2 hari kerja") -> Sop:
    """A file check with a loop back to the applicant: periksa -tidak-> lengkapi -> periksa."""
    return make_sop(
        loop_steps(),
        simulasi=Simulation(d(target), tuple(scenarios)),
    )


def times(result: Any) -> list[tuple[str, int, str, str]]:
    return [
        (v.step, v.kunjungan, v.mulai.strftime("%a %d %H:%M"), v.selesai.strftime("%a %d %H:%M"))
        for v in result.visits
    ]


def test_complaint_met_with_deadline_and_margin() -> None:
    scenario = Scenario("Aduan diproses", dt.datetime(2026, 11, 20, 15, 30), {"telaah": (True,)})
    sop = aduan_sop("5 hari kerja", scenario)
    result = run_scenario(sop, scenario, CAL)
    # sampaikan: instant at Fri 15:30; telaah: maks 3 hari = 3 working days -> Wed 25 15:30;
    # verifikasi: 15 min -> Wed 15:45.
    assert times(result) == [
        ("sampaikan", 1, "Fri 20 15:30", "Fri 20 15:30"),
        ("telaah", 1, "Fri 20 15:30", "Wed 25 15:30"),
        ("verifikasi", 1, "Wed 25 15:30", "Wed 25 15:45"),
    ]
    assert result.selesai.isoformat() == "2026-11-25T15:45:00+07:00"
    # Deadline: Fri 20 15:30 + 5 working days = Fri 27 15:30.
    assert result.tenggat is not None
    assert result.tenggat.isoformat() == "2026-11-27T15:30:00+07:00"
    assert result.memenuhi_target is True
    # Margin: Wed 15:45-16:00 (15 min) + Thu (7 h 30) + Fri 07:30-15:30 less the 11:30-13:00
    # break (6 h 30) = 14 h 15 min.
    assert result.margin_seconds == 14.25 * 3600
    assert result.diagnostics == ()
    # telaah used Fri 15:30-16:30 (1 h) + Mon + Tue (7 h 30 each) + Wed 07:30-15:30 less the
    # break (7 h) = 23 h of open time.
    assert result.visits[1].used_seconds == 23 * 3600


def test_loop_taken_twice_misses_target() -> None:
    scenario = Scenario(
        "Berkas dua kali kurang", dt.datetime(2026, 11, 23, 9, 0), {"periksa": (False, False, True)}
    )
    sop = berkas_sop(scenario)
    result = run_scenario(sop, scenario, CAL)
    # Each lengkapi is 1 working day at the same clock time; each check 15 min.
    assert times(result) == [
        ("ajukan", 1, "Mon 23 09:00", "Mon 23 09:15"),
        ("periksa", 1, "Mon 23 09:15", "Mon 23 09:30"),
        ("lengkapi", 1, "Mon 23 09:30", "Tue 24 09:30"),
        ("periksa", 2, "Tue 24 09:30", "Tue 24 09:45"),
        ("lengkapi", 2, "Tue 24 09:45", "Wed 25 09:45"),
        ("periksa", 3, "Wed 25 09:45", "Wed 25 10:00"),
        ("proses", 1, "Wed 25 10:00", "Wed 25 11:00"),
    ]
    # Deadline Mon 09:00 + 2 working days = Wed 25 09:00; done 11:00 -> 2 h late.
    assert result.tenggat is not None
    assert result.tenggat.isoformat() == "2026-11-25T09:00:00+07:00"
    assert result.memenuhi_target is False
    assert result.margin_seconds == -7200


def test_last_listed_branch_repeats() -> None:
    # [tidak, ya] then ya for ever: one loop only.
    scenario = Scenario(
        "Sekali kurang", dt.datetime(2026, 11, 23, 9, 0), {"periksa": (False, True)}
    )
    result = run_scenario(berkas_sop(scenario), scenario, CAL)
    assert [v.step for v in result.visits] == ["ajukan", "periksa", "lengkapi", "periksa", "proses"]


def test_endless_loop_is_an_error_not_a_hang() -> None:
    scenario = Scenario("Selalu kurang", dt.datetime(2026, 11, 23, 9, 0), {"periksa": (False,)})
    result = run_scenario(berkas_sop(scenario), scenario, CAL)
    errors = [x for x in result.diagnostics if x.is_error]
    assert [e.code for e in errors] == ["SOP753"]
    assert "2 (periksa)" in errors[0].message["id"]
    assert "3 (lengkapi)" in errors[0].message["id"]
    assert "1 (ajukan)" not in errors[0].message["id"]
    assert result.memenuhi_target is None
    assert result.margin_seconds is None
    assert result.failed
    # The first periksa still had its one listed branch unused; from the second periksa on
    # nothing changes, so the walk stops when lengkapi comes round again in the same state.
    assert [v.step for v in result.visits] == ["ajukan", "periksa", "lengkapi", "periksa"]


def test_loop_through_two_decisions_is_detected() -> None:
    sop = make_sop(
        [
            {
                "id": "a",
                "pelaksana": "admin",
                "waktu": "10 menit",
                "keputusan": {"ya": "b", "tidak": END},
            },
            {
                "id": "b",
                "pelaksana": "admin",
                "waktu": "10 menit",
                "keputusan": {"ya": END, "tidak": "a"},
            },
        ],
    )
    scenario = Scenario(
        "Bolak-balik", dt.datetime(2026, 11, 23, 9, 0), {"a": (True,), "b": (False, False, True)}
    )
    # a, b(tidak), a, b(tidak), a, b(ya) -> end: finite although both lists repeat values.
    result = run_scenario(sop, scenario, CAL)
    assert [v.step for v in result.visits] == ["a", "b", "a", "b", "a", "b"]
    assert not result.failed
    endless = Scenario(
        "Tanpa akhir", dt.datetime(2026, 11, 23, 9, 0), {"a": (True,), "b": (False,)}
    )
    assert run_scenario(sop, endless, CAL).failed


def test_missing_waktu_counts_zero_with_a_warning() -> None:
    sop = make_sop(
        [
            {"id": "terima", "pelaksana": "admin", "waktu": "30 menit"},
            {"id": "catat", "pelaksana": "admin"},
            {"id": "kirim", "pelaksana": "admin", "waktu": "30 menit"},
        ],
    )
    scenario = Scenario("Tanpa waktu", dt.datetime(2026, 11, 23, 9, 0))
    result = run_scenario(sop, scenario, CAL)
    # 09:00-09:30, catat takes nothing (09:30-09:30), kirim 09:30-10:00.
    assert times(result)[1] == ("catat", 1, "Mon 23 09:30", "Mon 23 09:30")
    assert result.selesai.isoformat() == "2026-11-23T10:00:00+07:00"
    assert result.visits[1].missing_waktu
    assert [(x.code, x.severity.value) for x in result.diagnostics] == [("SOP751", "warning")]
    assert "catat" in result.diagnostics[0].message["id"]
    # No target anywhere: no verdict.
    assert result.target is None and result.memenuhi_target is None


def test_decision_without_branch_takes_ya_with_a_warning() -> None:
    scenario = Scenario("Tanpa cabang", dt.datetime(2026, 11, 23, 9, 0))
    result = run_scenario(aduan_sop("5 hari kerja", scenario), scenario, CAL)
    assert [v.step for v in result.visits] == ["sampaikan", "telaah", "verifikasi"]
    assert [x.code for x in result.diagnostics] == ["SOP752"]
    assert "telaah" in result.diagnostics[0].message["en"]


def test_scenario_overrides_waktu_and_target() -> None:
    scenario = Scenario(
        "Telaah cepat",
        dt.datetime(2026, 11, 20, 15, 30),
        {"telaah": (True,)},
        waktu={"telaah": d("1 jam")},
        target=d("1 hari kerja"),
    )
    result = run_scenario(aduan_sop("5 hari kerja", scenario), scenario, CAL)
    # telaah: Fri 15:30 + 1 h = 16:30 (Friday closes 16:30); verifikasi Mon 07:30-07:45.
    assert result.selesai.isoformat() == "2026-11-23T07:45:00+07:00"
    # Own target: Fri 15:30 + 1 working day = Mon 15:30; margin Mon 07:45-15:30 minus the
    # break = 6 h 45 min.
    assert result.target is not None and result.target.text == "1 hari kerja"
    assert result.tenggat is not None
    assert result.tenggat.isoformat() == "2026-11-23T15:30:00+07:00"
    assert result.margin_seconds == 6.75 * 3600


def test_other_arrival_and_closed_arrival() -> None:
    scenario = Scenario("Aduan", dt.datetime(2026, 11, 20, 15, 30), {"telaah": (True,)})
    sop = aduan_sop("5 hari kerja", scenario)
    # Arrival Saturday: everything starts Mon 23 07:30; the deadline counts from there too:
    # Mon 07:30 + 5 working days = Mon 30 07:30; done Thu 26 07:45 (3 days + 15 min).
    result = run_scenario(sop, scenario, CAL, masuk=dt.datetime(2026, 11, 21, 10, 0))
    assert result.masuk.isoformat() == "2026-11-21T10:00:00+07:00"
    assert result.visits[0].mulai.isoformat() == "2026-11-23T07:30:00+07:00"
    assert result.selesai.isoformat() == "2026-11-26T07:45:00+07:00"
    assert result.tenggat is not None
    assert result.tenggat.isoformat() == "2026-11-30T07:30:00+07:00"


def test_no_target_anywhere_gives_no_verdict() -> None:
    scenario = Scenario("Aduan", dt.datetime(2026, 11, 20, 15, 30), {"telaah": (False,)})
    result = run_scenario(aduan_sop(None, scenario), scenario, CAL)
    assert [v.step for v in result.visits] == ["sampaikan", "telaah"]
    assert result.tenggat is None and result.memenuhi_target is None


def test_run_all_and_json_in_wita() -> None:
    first = Scenario("Satu", dt.datetime(2026, 11, 20, 15, 30), {"telaah": (True,)})
    second = Scenario("Dua", dt.datetime(2026, 12, 23, 9, 0), {"telaah": (False,)})
    sop = aduan_sop("5 hari kerja", first, second)
    results = run_all(sop, OfficeCalendar("WITA"))
    data = to_json(sop, results)
    json.dumps(data)  # JSON-able
    assert data["sop"] == sop.id
    assert [s["nama"] for s in data["skenario"]] == ["Satu", "Dua"]
    one = data["skenario"][0]
    assert one["masuk"] == "2026-11-20T15:30:00+08:00"
    assert one["selesai"] == "2026-11-25T15:45:00+08:00"
    assert one["target"] == "5 hari kerja"
    assert one["tenggat"] == "2026-11-27T15:30:00+08:00"
    assert one["memenuhi_target"] is True
    assert one["langkah"][0] == {
        "id": "sampaikan",
        "nomor": 1,
        "pelaksana": ["pengadu"],
        "mulai": "2026-11-20T15:30:00+08:00",
        "selesai": "2026-11-20T15:30:00+08:00",
        "kunjungan": 1,
        "waktu": "seketika",
    }
    required = {"nama", "masuk", "selesai", "target", "tenggat", "memenuhi_target", "langkah"}
    assert required <= set(one)
    # Dua: Wed 23 Dec 09:00, telaah 3 working days: 24, 25 Dec closed, weekend ->
    # Mon 28 (1), Tue 29 (2), Wed 30 (3) at 09:00; then "tidak" ends the procedure.
    two = data["skenario"][1]
    assert two["selesai"] == "2026-12-30T09:00:00+08:00"
    assert [step["id"] for step in two["langkah"]] == ["sampaikan", "telaah"]


def test_wit_offset_and_steps_without_ids() -> None:
    sop = make_sop(
        [{"pelaksana": "admin", "waktu": "1 jam"}, {"pelaksana": "admin", "waktu": "1 jam"}],
        simulasi=Simulation(d("1 hari kerja")),
    )
    scenario = Scenario("Tanpa id", dt.datetime(2026, 11, 23, 11, 0))
    result = run_scenario(sop, scenario, OfficeCalendar("WIT"))
    data = to_json(sop, [result])
    # 11:00-12:00, then 13:00-14:00 after the break; step keys are "#1", "#2".
    assert [(s["id"], s["mulai"], s["selesai"]) for s in data["skenario"][0]["langkah"]] == [
        ("#1", "2026-11-23T11:00:00+09:00", "2026-11-23T12:00:00+09:00"),
        ("#2", "2026-11-23T13:00:00+09:00", "2026-11-23T14:00:00+09:00"),
    ]
