"""The simulation in plain words: case noun, office hours, closed days, end-of-day convention,
the office-hours note, and the Monte Carlo chart."""

from __future__ import annotations

import dataclasses
import datetime as dt

from sop_factory import make_sop
from sopgen.calendar.office import OfficeCalendar
from sopgen.duration import Kind
from sopgen.model import Simulation
from sopgen.render.montecarlo_chart import monte_carlo_view
from sopgen.render.simulation_words import (
    case_noun,
    closed_days,
    office_hours_text,
    shown_end,
    waktu_note,
)

CAL = OfficeCalendar()


def test_case_noun_from_the_file_or_the_text() -> None:
    sop = make_sop([{"pelaksana": "a", "kegiatan": "Menerima berkas"}])
    named = dataclasses.replace
    assert case_noun(named(sop, identitas=named(sop.identitas, nama="Izin Praktik"))) == (
        "permohonan"
    )
    assert case_noun(named(sop, identitas=named(sop.identitas, nama="Layanan Pengaduan"))) == (
        "aduan"
    )
    own = named(sop, simulasi=Simulation(None, (), sebutan="usulan"))
    assert case_noun(own) == "usulan"


def test_office_hours_join_equal_weekdays() -> None:
    text = office_hours_text(CAL)
    assert text.startswith("Senin–Kamis 07.30–16.00 (istirahat 12.00–")
    assert "Jumat 07.30–16.30" in text and "Sabtu dan Minggu tutup" in text
    assert text.endswith("(WIB)")


def test_closed_days_are_named_and_weekends_counted() -> None:
    # Idul Fitri 2026 and its cuti bersama, with a weekend in between
    days = closed_days(CAL, dt.datetime(2026, 3, 17, 9), dt.datetime(2026, 3, 27, 9))
    assert any("Idul Fitri" in d for d in days)
    assert "Cuti Bersama Hari Raya Idul Fitri (23–24 Maret 2026)" in days
    weekend = closed_days(CAL, dt.datetime(2026, 11, 20, 9), dt.datetime(2026, 11, 24, 9))
    assert weekend == ["2 hari Sabtu/Minggu"]
    assert closed_days(CAL, dt.datetime(2026, 11, 24, 9), dt.datetime(2026, 11, 24, 15)) == []


def test_a_completion_at_opening_is_shown_at_the_previous_closing() -> None:
    monday, tuesday = dt.datetime(2026, 11, 23, 7, 30), dt.datetime(2026, 11, 24, 7, 30)
    assert shown_end(CAL, tuesday, monday) == dt.datetime(2026, 11, 23, 16, 0)
    # Monday opening after a Friday start: Friday's later closing
    assert shown_end(CAL, dt.datetime(2026, 11, 30, 7, 30), dt.datetime(2026, 11, 27, 9)) == (
        dt.datetime(2026, 11, 27, 16, 30)
    )
    # not at an opening, or no time passed: unchanged
    assert shown_end(CAL, dt.datetime(2026, 11, 24, 7, 31), monday) == dt.datetime(
        2026, 11, 24, 7, 31
    )
    assert shown_end(CAL, tuesday, tuesday) == tuesday
    # a previous closing before the start would read earlier than the start: unchanged
    assert shown_end(CAL, tuesday, dt.datetime(2026, 11, 23, 20, 0)) == tuesday
    aware = CAL.aware(tuesday)
    assert shown_end(CAL, aware, CAL.aware(monday)) == CAL.aware(dt.datetime(2026, 11, 23, 16))


def test_office_hours_longer_than_a_day_get_a_word() -> None:
    assert waktu_note("<24 jam", Kind.OFFICE_SECONDS, 24 * 3600, CAL) == (
        "<24 jam (jam kerja: 3 hari kerja 1 jam 30 menit)"
    )
    assert waktu_note("2 jam", Kind.OFFICE_SECONDS, 7200, CAL) == "2 jam"
    assert waktu_note("3 hari", Kind.WORKING_DAYS, 3, CAL) == "3 hari"


def test_monte_carlo_chart_marks_percentiles_and_the_standard() -> None:
    sop = make_sop(
        [
            {"pelaksana": "a", "waktu": "1-3 hari kerja"},
            {"pelaksana": "a", "waktu": "2-6 jam"},
        ]
    )
    sop = dataclasses.replace(sop, simulasi=Simulation(sop.langkah[0].waktu))
    view = monte_carlo_view(sop, CAL, id_prefix="mc", cases=200)
    assert view is not None and view.completed == 200
    chart = str(view.chart)
    assert chart.count('class="sopgen-mc-bar"') >= 5
    for label in ("P50", "P90", "P95", "Standar"):
        assert f">{label}</text>" in chart
    assert view.share is not None and view.share.endswith(" %") and "," in view.share
    assert view.p50 != view.p95


def test_the_terminal_text_follows_the_same_conventions() -> None:
    from sopgen.model import Scenario
    from sopgen.render.simulation_text import scenario_text
    from sopgen.simulate.walk import run_scenario

    sop = make_sop([{"pelaksana": "a", "waktu": "1 hari kerja"}])
    sop = dataclasses.replace(sop, simulasi=Simulation(sop.langkah[0].waktu))
    # Friday 07.30 + 1 working day = Monday 07.30, shown as Friday's 16.30 closing
    result = run_scenario(sop, Scenario("s", dt.datetime(2026, 11, 20, 7, 30)), CAL)
    text = scenario_text(sop, result, CAL)
    assert "Selesai: Jum 20 Nov 2026 16:30 WIB" in text
    assert "Hari tutup dilewati: 2 hari Sabtu/Minggu" in text
