"""Issue 9: a file that validates never crashes a later command. Dates, durations and sizes
outside the supported range are located errors; the calendar refuses to build unbounded years."""

from __future__ import annotations

import datetime as dt
import re
import time
from pathlib import Path

import pytest

from sop_factory import make_sop
from sopgen.calendar.guard import CALENDAR_LAST_YEAR, CalendarRangeError
from sopgen.calendar.office import OfficeCalendar
from sopgen.check.limits import MAX_ACTORS, MAX_SCENARIOS, MAX_STEPS
from sopgen.cli import main
from sopgen.corpus import check_paths
from sopgen.duration import Kind
from sopgen.model import Scenario, Simulation
from sopgen.simulate.montecarlo import monte_carlo
from sopgen.simulate.routes import summarize_routes
from sopgen.simulate.walk import run_scenario

BASE = (Path(__file__).parent / "fixtures" / "sim" / "lulus" / "sops" / "diskominfo"
        / "aduan.yaml").read_text(encoding="utf-8")


def write(tmp_path: Path, text: str, name: str = "aduan") -> Path:
    file = tmp_path / "sops" / "diskominfo" / f"{name}.yaml"
    file.parent.mkdir(parents=True, exist_ok=True)
    file.write_text(text, encoding="utf-8")
    return file


def line_of(text: str, needle: str) -> int:
    return next(n for n, line in enumerate(text.splitlines(), 1) if needle in line)


# The cases reproduced in the issue: each validated with 0 errors and crashed later.
CASES = {
    "3000000 hari kalender": (("waktu: 15 menit", "waktu: 3000000 hari kalender"), "SOP504"),
    "999999 bulan": (("waktu: 15 menit", "waktu: 999999 bulan"), "SOP504"),
    "masuk 9999": (("masuk: 2026-11-20 15:30", "masuk: 9999-12-31 23:59"), "SOP706"),
    "masuk 0001": (("masuk: 2026-11-20 15:30", "masuk: 0001-01-01 08:00"), "SOP706"),
    "target 100 years": (("target: 5 hari kerja", "target: 36500 hari kalender"), "SOP504"),
    "tanggal_efektif 2999": (("tanggal_efektif: 2020-04-02", "tanggal_efektif: 2999-04-02"),
                             "SOP409"),
}


@pytest.mark.parametrize("case", CASES, ids=list(CASES))
def test_out_of_range_values_are_located_errors_and_no_command_crashes(
    case: str, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    (old, new), code = CASES[case]
    text = BASE.replace(old, new)
    assert text != BASE
    file = write(tmp_path, text)
    result = check_paths([file])
    found = [(d.code, d.line) for d in result.diagnostics if d.is_error]
    assert found == [(code, line_of(text, new))]
    for message in (d for d in result.diagnostics if d.code == code):
        assert message.hint_in("id") and message.hint_in("en")
    started = time.perf_counter()
    for command in (["validate"], ["simulate"], ["check"]):
        assert main([*command, str(file)]) == 1
        out = capsys.readouterr().out
        assert code in out and "Traceback" not in out
    assert time.perf_counter() - started < 20


def test_two_scenarios_far_apart_are_refused_not_built(tmp_path: Path) -> None:
    text = BASE.replace(
        "      keputusan: {telaah: ya}",
        "      keputusan: {telaah: ya}\n"
        "    - {nama: Kuno, masuk: 0001-01-01 08:00}\n"
        "    - {nama: Jauh, masuk: 9998-06-01 08:00}",
    )
    result = check_paths([write(tmp_path, text)])
    assert sorted(d.code for d in result.diagnostics if d.is_error) == ["SOP706", "SOP706"]


def test_cli_masuk_outside_the_range_is_a_usage_error(
    capsys: pytest.CaptureFixture[str], tmp_path: Path
) -> None:
    file = write(tmp_path, BASE)
    assert main(["simulate", str(file), "--masuk", "9999-12-31 23:59"]) == 2
    err = capsys.readouterr().err
    assert "1900" in err and "2100" in err
    assert main(["simulate", str(file), "--masuk", "2100-12-31 23:59"]) == 0


def test_the_range_edges_are_accepted(tmp_path: Path) -> None:
    text = (BASE.replace("masuk: 2026-11-20 15:30", "masuk: 2100-12-31 23:59")
            .replace("tanggal_pembuatan: 2020-04-02", "tanggal_pembuatan: 1900-01-01")
            .replace("waktu: 15 menit", "waktu: 1250 hari kerja"))
    assert [d.code for d in check_paths([write(tmp_path, text)]).diagnostics] == []


def test_limits_on_steps_actors_scenarios_and_branch_lists(tmp_path: Path) -> None:
    def sop_text(steps: int, actors: int, scenarios: int, branches: int) -> str:
        lines = [BASE.split("pelaksana:\n  - {id: admin")[0] + "pelaksana:"]
        lines += [f"  - {{id: a{i}, nama: Pelaksana {i}}}" for i in range(actors)]
        lines += ["langkah:", "  - id: terima", "    kegiatan: Menerima", "    pelaksana: a0",
                  "    waktu: 5 menit", "  - id: cek", "    kegiatan: Memeriksa",
                  "    pelaksana: a0", "    waktu: 5 menit",
                  "    keputusan: {ya: l2, tidak: terima}"]
        for i in range(2, steps):
            lines += [f"  - id: l{i}", f"    kegiatan: Kegiatan {i}",
                      f"    pelaksana: a{i % actors}", "    waktu: 5 menit"]
        lines += ["simulasi:", "  target: 5 hari kerja", "  skenario:"]
        choice = "[" + ", ".join(["tidak"] * (branches - 1) + ["ya"]) + "]"
        lines += [f"    - {{nama: S{i}, masuk: 2026-11-20 15:30, keputusan: {{cek: {choice}}}}}"
                  for i in range(scenarios)]
        return "\n".join(lines) + "\n"

    ok = write(tmp_path, sop_text(MAX_STEPS, MAX_ACTORS, MAX_SCENARIOS, 20), "besar")
    assert [d.code for d in check_paths([ok]).diagnostics if d.is_error] == []
    big = write(tmp_path / "lain", sop_text(MAX_STEPS + 1, MAX_ACTORS + 1, MAX_SCENARIOS + 1, 21))
    errors = [d for d in check_paths([big]).diagnostics if d.is_error]
    assert sorted({d.code for d in errors}) == ["SOP312", "SOP707", "SOP708"]
    assert sum(d.code == "SOP312" for d in errors) == 2  # steps and actors
    assert all(d.line > 0 for d in errors)


def test_the_calendar_never_builds_unbounded_years() -> None:
    calendar = OfficeCalendar()
    start = calendar.local_seconds(dt.datetime(2100, 6, 1, 8, 0))
    began = time.perf_counter()
    with pytest.raises(CalendarRangeError) as caught:
        calendar.add_s(start, Kind.CALENDAR_DAYS, 3_000_000)
    assert caught.value.year > CALENDAR_LAST_YEAR
    with pytest.raises(CalendarRangeError):
        calendar.add_s(start, Kind.WORKING_DAYS, 999_999 * 20)
    with pytest.raises(CalendarRangeError):
        calendar.next_open(dt.datetime(1, 1, 1))
    with pytest.raises(CalendarRangeError):  # beyond datetime itself: still the same error
        calendar.next_open_s(1e18)
    assert time.perf_counter() - began < 30


def test_a_walk_beyond_the_calendar_is_a_diagnostic_not_a_crash() -> None:
    # Many long steps, each within the limit, together run past the calendar's last year.
    steps = [{"pelaksana": "admin", "waktu": "1250 hari kerja"} for _ in range(100)]
    scenario = Scenario("Panjang", dt.datetime(2100, 1, 4, 8, 0))
    sop = make_sop(steps, simulasi=Simulation(target=None, skenario=(scenario,)))
    calendar = OfficeCalendar()
    result = run_scenario(sop, scenario, calendar)
    assert result.failed and [d.code for d in result.diagnostics] == ["SOP754"]
    assert result.memenuhi_target is None
    routes = summarize_routes(sop, calendar)
    assert routes.truncated and routes.routes == ()
    chance = monte_carlo(sop, calendar, 5, 1)
    assert chance.capped == 5 and chance.completed == 0


def test_a_gantt_chart_of_a_walk_over_decades_stays_small() -> None:
    from sopgen.render.gantt import SHADING_MAX_DAYS, gantt_svg

    steps = [{"pelaksana": "admin", "waktu": "1250 hari kerja"} for _ in range(8)]
    scenario = Scenario("Panjang", dt.datetime(2030, 1, 7, 8, 0))
    sop = make_sop(steps, simulasi=Simulation(target=None, skenario=(scenario,)))
    calendar = OfficeCalendar()
    result = run_scenario(sop, scenario, calendar)
    assert not result.failed and (result.selesai - result.masuk).days > 30 * 365
    svg = str(gantt_svg(result, calendar, id_prefix="g"))
    assert len(svg) < 60_000  # a line per day over 40 years was 3.8 MB
    assert _day_lines(svg) < 40 and 'class="sopgen-gantt-tutup"' not in svg
    # A walk of a few days keeps its shading and a line per day.
    short_sop = make_sop([{"pelaksana": "admin", "waktu": "3 hari kerja"}],
                         simulasi=Simulation(target=None, skenario=(scenario,)))
    short = str(gantt_svg(run_scenario(short_sop, scenario, calendar), calendar, id_prefix="s"))
    assert 'class="sopgen-gantt-tutup"' in short and _day_lines(short) >= 4
    assert SHADING_MAX_DAYS >= 365


def _day_lines(svg: str) -> int:
    """The vertical day lines of a Gantt chart: one path, one ``M…V…`` segment per line."""
    paths = re.findall(r'<path d="([^"]*)" stroke="currentColor" stroke-opacity="\.25"', svg)
    assert len(paths) == 1, paths
    return len(re.findall(r"M[-\d.]+ [-\d.]+V", paths[0]))
