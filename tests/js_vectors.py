"""Test vectors shared by the Python simulator and its JavaScript twin (``simulator-*.js``).

Each vector is one walk computed by `sopgen.simulate.walk.run_scenario`: the page data the
JavaScript gets (`simulator_data`), the options of ``window.sopgenSimulator.simulate`` and the
Python answer. The browser test feeds every vector to the JavaScript and demands exact agreement.
Arrivals probe the calendar's edges (before opening, breaks, just before closing, Friday
afternoons, weekends, cuti bersama, Idul Fitri 2027, the turn of the year); the model SOPs cover
every duration kind, loops taken twice and the three time zones; the real corpus adds each of its
scenarios.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterator
from dataclasses import dataclass, field, replace
from pathlib import Path
from typing import Any

from sop_factory import make_sop
from sopgen.calendar.file import calendar_for_corpus
from sopgen.calendar.office import OfficeCalendar, SpecialHours, day_hours
from sopgen.corpus import check_corpus
from sopgen.duration import parse_duration
from sopgen.model import END, Scenario, Simulation, Sop
from sopgen.render.simulation_words import closed_days, shown_end
from sopgen.render.simulator_data import duration_data, simulator_data
from sopgen.simulate.walk import ScenarioResult, iso_time, run_scenario

REPO = Path(__file__).resolve().parent.parent
SOPS_DIR = REPO / "sops"

ARRIVALS = (
    "2026-11-23T06:00",  # Monday before opening
    "2026-11-23T07:30",  # exactly at opening
    "2026-11-23T12:30",  # Monday lunch break
    "2026-11-23T15:45",  # 15 minutes before closing
    "2026-11-23T16:00",  # exactly at closing
    "2026-11-27T11:45",  # Friday prayer break
    "2026-11-27T14:00",  # Friday afternoon
    "2026-11-27T16:15",  # 15 minutes before Friday's later closing
    "2026-11-28T10:00",  # Saturday
    "2026-11-29T20:00",  # Sunday evening
    "2026-12-23T09:00",  # the day before cuti bersama Natal
    "2026-12-24T10:00",  # cuti bersama Natal
    "2026-12-31T15:00",  # the last afternoon of the year
    "2026-12-31T23:59",  # the turn of the year
    "2027-03-05T16:15",  # Friday before Nyepi and Idul Fitri 2027
    "2027-03-09T08:00",  # cuti bersama Idul Fitri 2027
    "2026-03-19T09:00",  # Nyepi 2026, the last day of Ramadan hours of the special calendar
    "2026-02-23T14:30",  # Monday in Ramadan: 30 minutes before the special calendar's closing
    "2026-02-27T15:15",  # Friday in Ramadan
)
DATA_ARRIVAL = dt.datetime(2026, 6, 1, 8, 0)
"""Arrival the model SOPs' page data is built for: its exported years (2025-2028) hold every
arrival above and every completion."""


@dataclass
class VectorGroup:
    """Walks of one SOP on one calendar: the page data once, then one case per walk."""

    name: str
    data: dict[str, Any]
    cases: list[dict[str, Any]] = field(default_factory=list)


def expected(result: ScenarioResult, calendar: OfficeCalendar) -> dict[str, Any]:
    """The parts of a Python result the JavaScript must reproduce, as ISO text to the second;
    ``*_tampil`` are the instants shown by the end-of-day convention, ``tutup`` the closed days
    the walk crossed (`render.simulation_words`)."""
    tenggat = result.tenggat
    return {
        "selesai": iso_time(result.selesai),
        "tenggat": iso_time(tenggat) if tenggat is not None else None,
        "selesai_tampil": iso_time(shown_end(calendar, result.selesai, result.masuk)),
        "tenggat_tampil": iso_time(shown_end(calendar, tenggat, result.masuk))
        if tenggat is not None
        else None,
        "tutup": closed_days(calendar, calendar.aware(result.masuk), result.selesai),
        "memenuhi": result.memenuhi_target,
        "langkah": [
            {
                "key": v.step,
                "mulai": iso_time(v.mulai),
                "selesai": iso_time(v.selesai),
                "kunjungan": v.kunjungan,
            }
            for v in result.visits
        ],
    }


def options_for(scenario: Scenario, masuk: dt.datetime | None = None) -> dict[str, Any]:
    """The JavaScript options that describe a scenario (its branches, durations and target)."""
    options: dict[str, Any] = {
        "masuk": (masuk or scenario.masuk).strftime("%Y-%m-%dT%H:%M"),
        "choices": {
            key: ["ya" if branch else "tidak" for branch in branches]
            for key, branches in scenario.keputusan.items()
        },
    }
    if scenario.waktu:
        options["waktu"] = {key: duration_data(d) for key, d in scenario.waktu.items()}
    if scenario.target is not None:
        options["target"] = duration_data(scenario.target)
    return options


def case(sop: Sop, scenario: Scenario, calendar: OfficeCalendar) -> dict[str, Any]:
    result = run_scenario(sop, scenario, calendar)
    if result.failed:
        raise AssertionError(f"vector scenario {scenario.nama!r} does not walk: {result}")
    return {
        "nama": scenario.nama,
        "options": options_for(scenario),
        "expected": expected(result, calendar),
    }


def _duration(text: str) -> Any:
    parsed = parse_duration(text)
    if parsed is None:
        raise ValueError(text)
    return parsed


def _with_target(sop: Sop, target: str | None) -> Sop:
    return replace(sop, simulasi=Simulation(_duration(target) if target else None))


def office_time_sop() -> Sop:
    return _with_target(
        make_sop(
            [
                {"id": "terima", "pelaksana": "pengadu", "waktu": "seketika"},
                {"id": "catat", "pelaksana": "admin", "waktu": "30 menit"},
                {"id": "telaah", "pelaksana": "admin", "waktu": "1,5 jam"},
                {"id": "jawab", "pelaksana": "admin", "waktu": "<24 jam"},
                {"id": "kirim", "pelaksana": "admin", "waktu": "45 detik"},
                {"id": "arsip", "pelaksana": "admin"},  # no waktu: counts as zero
            ]
        ),
        "2 hari",
    )


def day_kinds_sop() -> Sop:
    return _with_target(
        make_sop(
            [
                {"id": "setengah", "pelaksana": "admin", "waktu": "0,5 hari"},
                {"id": "satu", "pelaksana": "admin", "waktu": "1 hari kerja"},
                {"id": "satusetengah", "pelaksana": "admin", "waktu": "1.5 hari"},
                {"id": "kalender", "pelaksana": "admin", "waktu": "2 hari kalender"},
                {"id": "rentang", "pelaksana": "admin", "waktu": "1-2 hari"},
                {"id": "minggu", "pelaksana": "admin", "waktu": "1 minggu"},
                {"id": "maks", "pelaksana": "admin", "waktu": "maks 2,25 hari"},
                {"id": "seperempat", "pelaksana": "admin", "waktu": "0,25 hari kalender"},
            ]
        ),
        "1 bulan",
    )


def loop_sop() -> Sop:
    return _with_target(
        make_sop(
            [
                {"id": "ajukan", "pelaksana": "pengadu", "waktu": "10 menit"},
                {
                    "id": "periksa",
                    "pelaksana": "admin",
                    "waktu": "2 jam",
                    "keputusan": {
                        "ya": "proses",
                        "tidak": "lengkapi",
                        "label_ya": "Lengkap",
                        "label_tidak": "Tidak lengkap",
                    },
                },
                {"id": "lengkapi", "pelaksana": "pengadu", "waktu": "1 hari", "lanjut": "periksa"},
                {"id": "proses", "pelaksana": "admin", "waktu": "3 hari kerja"},
                {
                    "id": "setuju",
                    "pelaksana": "admin",
                    "waktu": "1 jam",
                    "keputusan": {"ya": END, "tidak": "proses"},
                },
            ]
        ),
        "5 hari kerja",
    )


def whole_days_sop() -> Sop:
    """Whole working days: from an opening they end exactly at a later opening, which the
    end-of-day convention shows as the previous working day's closing."""
    return _with_target(
        make_sop(
            [
                {"id": "terima", "pelaksana": "admin", "waktu": "1 hari kerja"},
                {"id": "proses", "pelaksana": "admin", "waktu": "2 hari kerja"},
            ]
        ),
        "3 hari kerja",
    )


def calendars() -> dict[str, OfficeCalendar]:
    """The default WIB calendar and variants in WITA and WIT with local changes."""
    ramadan = {n: day_hours(480, 900, [(720, 750)]) for n in range(4)}
    ramadan[4] = day_hours(480, 930, [(690, 780)])
    return {
        "WIB": OfficeCalendar(),
        "WITA khusus": OfficeCalendar(
            "WITA",
            special=[SpecialHours(dt.date(2026, 2, 18), dt.date(2026, 3, 19), "Ramadan", ramadan)],
            extra_closed={dt.date(2026, 11, 30): "Hari Jadi Kabupaten"},
            removed=[dt.date(2026, 12, 24)],
        ),
        "WIT kalender": OfficeCalendar("WIT", hari_kalender=True),
    }


def model_groups() -> Iterator[VectorGroup]:
    sops = {
        "menit-jam": office_time_sop(),
        "hari": day_kinds_sop(),
        "putaran": loop_sop(),
        "hari-utuh": whole_days_sop(),
    }
    loop_choices: list[dict[str, tuple[bool, ...]]] = [
        {},
        {"periksa": (False, False, True), "setuju": (False, False, True)},
        {"periksa": (False, True), "setuju": (True,)},
    ]
    for calendar_name, calendar in calendars().items():
        for sop_name, sop in sops.items():
            group = VectorGroup(
                f"{sop_name} @ {calendar_name}",
                simulator_data(sop, calendar, arrival=DATA_ARRIVAL),
            )
            choice_sets = loop_choices if sop_name == "putaran" else [{}]
            for choices in choice_sets:
                for arrival in ARRIVALS:
                    masuk = dt.datetime.fromisoformat(arrival)
                    scenario = Scenario(f"{arrival} {choices}", masuk, dict(choices))
                    group.cases.append(case(sop, scenario, calendar))
            overridden = Scenario(
                "waktu dan target sendiri",
                dt.datetime(2026, 12, 22, 15, 0),
                waktu={sop.langkah[0].key: _duration("2 hari kalender")},
                target=_duration("maks 3 minggu"),
            )
            group.cases.append(case(sop, overridden, calendar))
            yield group


def corpus_groups(sops_dir: Path = SOPS_DIR) -> Iterator[VectorGroup]:
    """One group per SOP of the real corpus that has scenarios, on the corpus calendar."""
    calendar, _ = calendar_for_corpus(sops_dir)
    for sop in check_corpus(sops_dir).sops:
        if sop.simulasi is None or not sop.simulasi.skenario:
            continue
        group = VectorGroup(sop.id, simulator_data(sop, calendar))
        for scenario in sop.simulasi.skenario:
            group.cases.append(case(sop, scenario, calendar))
        yield group


def all_groups() -> list[VectorGroup]:
    return [*model_groups(), *corpus_groups()]


if __name__ == "__main__":
    import json

    groups = all_groups()
    print(json.dumps([g.__dict__ for g in groups], ensure_ascii=False, indent=1)[:4000])
    print(sum(len(g.cases) for g in groups), "vectors in", len(groups), "groups")
