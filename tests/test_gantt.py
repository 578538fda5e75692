"""The Gantt chart of a scenario: bars, shaded closed time, day ticks, deadline, escaping, ids."""

from __future__ import annotations

import datetime as dt
import xml.etree.ElementTree as ET
from typing import Any

from sop_factory import DEMAK_ACTORS, make_sop
from sopgen.calendar.office import OfficeCalendar
from sopgen.duration import parse_duration
from sopgen.model import END, Scenario, Simulation, Sop
from sopgen.render.gantt import actor_colour, gantt_svg
from sopgen.simulate.walk import ScenarioResult, run_scenario

SVG = "{http://www.w3.org/2000/svg}"
CAL = OfficeCalendar.default()


def d(text: str) -> Any:
    duration = parse_duration(text)
    assert duration is not None
    return duration


def aduan(target: str = "5 hari kerja", nama: str = "Aduan") -> Sop:
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
            {"id": "klarifikasi", "pelaksana": "opd", "waktu": "2 jam"},
        ],
        actors=DEMAK_ACTORS,
        simulasi=Simulation(d(target)),
    )


def walk(sop: Sop, masuk: dt.datetime, **scenario: Any) -> ScenarioResult:
    return run_scenario(sop, Scenario(scenario.pop("nama", "Aduan"), masuk, **scenario), CAL)


def parse(svg: str) -> ET.Element:
    return ET.fromstring(svg)


def by_class(root: ET.Element, name: str) -> list[ET.Element]:
    return [e for e in root.iter() if name in (e.get("class") or "").split()]


def titles(elements: list[ET.Element]) -> list[str]:
    return [e.findtext(f"{SVG}title") or "" for e in elements]


CHRISTMAS = dt.datetime(2026, 12, 23, 15, 45)  # Wednesday before cuti bersama 24 and Natal 25


def test_one_bar_per_visit_coloured_by_actor() -> None:
    sop = aduan()
    result = walk(sop, CHRISTMAS, keputusan={"telaah": (True,)})
    names = {a.id: a.nama for a in sop.pelaksana}
    root = parse(gantt_svg(result, CAL, id_prefix="g", actor_names=names))
    bars = by_class(root, "sopgen-gantt-bar")
    assert len(bars) == len(result.visits) == 4
    fills = [bar.get("style") for bar in bars]
    order = list(names)
    assert fills == [f"fill:{actor_colour(order.index(v.pelaksana[0]))}" for v in result.visits]
    # telaah and verifikasi are both the admin's: same colour; the others differ
    assert fills[1] == fills[2] and len({fills[0], fills[1], fills[3]}) == 3
    assert "Langkah 2 (kunjungan ke-1), Admin Koordinator" in titles(bars)[1]


def test_bars_follow_time_and_the_deadline_line_separates_pass_from_fail() -> None:
    sop = aduan(target="5 hari kerja")
    passing = walk(sop, CHRISTMAS, keputusan={"telaah": (True,)})
    failing = run_scenario(
        sop, Scenario("Terlambat", CHRISTMAS, {"telaah": (True,)}, target=d("3 hari kerja")), CAL
    )
    assert passing.memenuhi_target is True and failing.memenuhi_target is False
    for result in (passing, failing):
        root = parse(gantt_svg(result, CAL, id_prefix="g"))
        bars = by_class(root, "sopgen-gantt-bar")
        lefts = [float(b.get("x", "0")) for b in bars]
        assert lefts == sorted(lefts)
        end = max(float(b.get("x", "0")) + float(b.get("width", "0")) for b in bars)
        (line,) = by_class(root, "sopgen-gantt-tenggat")
        assert (float(line.get("x1", "0")) >= end) is result.memenuhi_target


def test_holidays_weekends_and_nights_are_shaded_and_named() -> None:
    result = walk(aduan(), CHRISTMAS, keputusan={"telaah": (True,)})
    root = parse(gantt_svg(result, CAL, id_prefix="g"))
    closed = titles(by_class(root, "sopgen-gantt-libur"))
    assert any("Kamis, 24 Des 2026: Cuti Bersama Hari Raya Natal" in t for t in closed)
    assert any("Jumat, 25 Des 2026: Hari Raya Natal" in t for t in closed)
    assert any(t.startswith("Sabtu, 26 Des 2026") for t in closed)
    assert any("Tahun Baru Masehi" in t for t in closed)
    written = [e.text for e in by_class(root, "sopgen-gantt-libur-nama")]
    assert "Hari Raya Natal" in written
    # the axis covers every calendar day from the arrival's to the last one, whole days only
    last = max(result.selesai, result.tenggat or result.selesai)
    days = (last.date() - CHRISTMAS.date()).days + 1
    working = sum(
        1 for n in range(days) if CAL.is_working_day(CHRISTMAS.date() + dt.timedelta(days=n))
    )
    assert len(closed) == days - working
    # each working day: before opening, the break, after closing
    (nights,) = by_class(root, "sopgen-gantt-tutup")  # one path, one subpath per band
    assert nights.get("d", "").count("M") == 3 * working


def test_day_ticks_are_indonesian() -> None:
    result = walk(aduan(), CHRISTMAS, keputusan={"telaah": (True,)})
    root = parse(gantt_svg(result, CAL, id_prefix="g"))
    texts = [" ".join(t.itertext()) for t in root.iter(f"{SVG}text")]
    assert "Rab 23 Des" in texts and "Kam 24 Des" in texts and "Jum 1 Jan" in texts


def test_text_is_escaped_and_ids_carry_the_prefix() -> None:
    hostile = '<script>alert("x")</script> & Co'
    sop = make_sop(
        [{"id": "a", "pelaksana": "x", "waktu": "1 jam"}],
        actors=[("x", hostile)],
        simulasi=Simulation(d("1 hari")),
    )
    result = walk(sop, CHRISTMAS, nama=hostile)
    svg = gantt_svg(
        result, CAL, id_prefix="s1-gantt", step_labels={"a": hostile}, actor_names={"x": hostile}
    )
    assert "<script" not in svg
    root = parse(svg)  # well-formed XML despite the markup characters
    assert root.findtext(f"{SVG}title") == f"Diagram Gantt: {hostile}"
    ids = [e.get("id") for e in root.iter() if e.get("id")]
    assert ids and all(str(i).startswith("s1-gantt-") for i in ids)
    assert len(ids) == len(set(ids))
    other = parse(gantt_svg(result, CAL, id_prefix="s2-gantt"))
    assert not set(ids) & {e.get("id") for e in other.iter() if e.get("id")}


def test_scales_to_its_container_and_is_deterministic() -> None:
    result = walk(aduan(), CHRISTMAS, keputusan={"telaah": (True,)})
    svg = gantt_svg(result, CAL, id_prefix="g")
    root = parse(svg)
    assert root.get("viewBox", "").startswith("0 0 760 ")
    assert root.get("width") is None and root.get("height") is None
    assert root.get("role") == "img" and root.get("aria-labelledby") == "g-judul g-ket"
    assert svg == gantt_svg(result, CAL, id_prefix="g")


def test_a_long_walk_labels_fewer_days() -> None:
    sop = make_sop(
        [{"id": "a", "pelaksana": "admin", "waktu": "2 bulan"}], simulasi=Simulation(d("3 bulan"))
    )
    result = walk(sop, dt.datetime(2026, 1, 5, 8, 0))
    root = parse(gantt_svg(result, CAL, id_prefix="g"))
    labels = [t for t in root.iter(f"{SVG}text") if t.find(f"{SVG}tspan") is not None]
    days = (result.tenggat.date() - dt.date(2026, 1, 5)).days + 1 if result.tenggat else 0
    assert days > 80
    assert 5 <= len(labels) <= 18
