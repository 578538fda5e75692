"""The "Simulasi" section: scenario tables, verdicts, routes, the form and its embedded data."""

from __future__ import annotations

import datetime as dt
import json
import re
from html.parser import HTMLParser
from pathlib import Path
from typing import Any

from sop_factory import DEMAK_ACTORS, make_sop
from sopgen.calendar.office import OfficeCalendar
from sopgen.calendar.working_time import format_margin
from sopgen.duration import parse_duration
from sopgen.model import END, Scenario, Simulation, Sop
from sopgen.render.simulation_section import render_simulation_section, waktu_lokal
from sopgen.render.simulator_data import exported_years, simulator_data
from sopgen.simulate.routes import summarize_routes
from sopgen.simulate.walk import iso_time, run_all

CAL = OfficeCalendar.default()


def d(text: str) -> Any:
    duration = parse_duration(text)
    assert duration is not None
    return duration


def berkas(*scenarios: Scenario, target: str | None = "5 hari kerja") -> Sop:
    return make_sop(
        [
            {
                "id": "ajukan",
                "kegiatan": "Mengajukan berkas",
                "pelaksana": "pengadu",
                "waktu": "15 menit",
            },
            {
                "id": "periksa",
                "kegiatan": "Memeriksa kelengkapan berkas",
                "pelaksana": "admin",
                "waktu": "1 jam",
                "keputusan": {
                    "ya": "proses",
                    "tidak": "lengkapi",
                    "label_ya": "Lengkap",
                    "label_tidak": "Belum lengkap",
                },
            },
            {
                "id": "lengkapi",
                "kegiatan": "Melengkapi berkas",
                "pelaksana": "pengadu",
                "waktu": "1 hari",
                "lanjut": "periksa",
            },
            {
                "id": "proses",
                "kegiatan": "Memproses permohonan",
                "pelaksana": ["admin", "opd"],
                "waktu": "2 hari kerja",
            },
        ],
        actors=DEMAK_ACTORS,
        simulasi=Simulation(d(target) if target else None, tuple(scenarios)),
    )


LENGKAP = Scenario("Berkas lengkap", dt.datetime(2026, 11, 19, 15, 30), {"periksa": (True,)})
TERLAMBAT = Scenario(
    "Berkas dua kali kurang",
    dt.datetime(2026, 12, 23, 9, 0),
    {"periksa": (False, False, True)},
    target=d("3 hari kerja"),
)


class Page(HTMLParser):
    """Elements with their attributes and text, enough to query a fragment."""

    def __init__(self, html: str) -> None:
        super().__init__()
        self.elements: list[tuple[str, dict[str, str], list[str]]] = []
        self.open: list[list[str]] = []
        self.feed(html)

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        text: list[str] = []
        self.elements.append((tag, {k: v or "" for k, v in attrs}, text))
        if tag not in ("input", "br", "rect", "line", "meta"):
            self.open.append(text)

    def handle_endtag(self, tag: str) -> None:
        if self.open and tag not in ("input", "br"):
            self.open.pop()

    def handle_data(self, data: str) -> None:
        for text in self.open:
            text.append(data)

    def find(self, tag: str, **attrs: str) -> list[tuple[dict[str, str], str]]:
        out = []
        for name, found, text in self.elements:
            if name != tag:
                continue
            if all(
                value in found.get(key.rstrip("_"), "").split()
                if key.endswith("_")
                else found.get(key) == value
                for key, value in attrs.items()
            ):
                out.append((found, "".join(text)))
        return out


def section(sop: Sop, **kwargs: Any) -> str:
    return str(render_simulation_section(sop, CAL, **kwargs))


def test_scenario_tables_list_every_visit_in_local_time() -> None:
    sop = berkas(LENGKAP, TERLAMBAT)
    html = section(sop)
    assert "\n\n" not in html and not re.search(r"\n[ \t]*\n", html)
    page = Page(html)
    tables = page.find("table", class_="sopgen-timeline")
    assert len(tables) == 3  # two scenarios and the interactive one
    results = run_all(sop, CAL)
    second = page.find("section", id="sopgen-simulasi-skenario-2")
    assert second and "standar pelayanan skenario ini: 3 hari kerja" in second[0][1]
    first = page.find("section", id="sopgen-simulasi-skenario-1")
    assert "standar pelayanan skenario ini" not in first[0][1]
    header = [t for a, t in page.find("th", scope="col")][:7]
    assert header == [
        "No",
        "Kegiatan",
        "Pelaksana",
        "Mulai (WIB)",
        "Selesai (WIB)",
        "Waktu",
        "Kunjungan ke-",
    ]
    times = [a["datetime"] for a, _ in page.find("time")]
    for result in results:
        for visit in result.visits:
            assert iso_time(visit.mulai) in times and iso_time(visit.selesai) in times
    # the loop's third visit of "periksa" is numbered as such
    rows = page.find("tr")
    assert any(
        t.startswith("2Memeriksa kelengkapan berkas") and t.endswith("1 jam3") for _, t in rows
    )
    assert any("Admin Koordinator, OPD/BUMD" in t for _, t in rows)
    first = results[0].visits[0].mulai
    assert first.isoformat() == "2026-11-19T15:30:00+07:00"
    cells = [(a.get("title"), t) for a, t in page.find("time")]
    assert ("Kamis, 19 November 2026 pukul 15.30 WIB", "Kam 19 Nov 2026 15.30") in cells
    assert waktu_lokal(first, "WIB") == "Kamis, 19 November 2026 pukul 15.30 WIB"


def test_verdicts_have_mark_text_and_class() -> None:
    sop = berkas(LENGKAP, TERLAMBAT)
    lengkap, terlambat = run_all(sop, CAL)
    assert lengkap.memenuhi_target is True and terlambat.memenuhi_target is False
    assert lengkap.margin_seconds is not None and terlambat.margin_seconds is not None
    page = Page(section(sop))
    verdicts = page.find("p", class_="sopgen-verdict")
    passed = [t for a, t in verdicts if "sopgen-pass" in a["class"]]
    failed = [t for a, t in verdicts if "sopgen-fail" in a["class"]]
    margin = format_margin(lengkap.margin_seconds, CAL.workday_seconds)
    late = format_margin(terlambat.margin_seconds, CAL.workday_seconds)
    assert f"✓ Memenuhi standar pelayanan ({margin})" in passed
    assert f"✗ Melampaui standar pelayanan ({late})" in failed
    assert late.startswith("terlambat ")
    assert page.find("p", class_="sopgen-standar")[0][1].startswith(
        "Standar pelayanan: 5 hari kerja"
    )
    done = page.find("time", class_="sopgen-selesai")
    assert [a["datetime"] for a, _ in done] == [
        iso_time(lengkap.selesai),
        iso_time(terlambat.selesai),
    ]


def test_routes_summary() -> None:
    sop = berkas(LENGKAP)
    summary = summarize_routes(sop, CAL)
    page = Page(section(sop))
    (routes,) = page.find("section", class_="sopgen-routes")
    assert f"Ada {len(summary.routes)} rute" in routes[1]
    rows = page.find("table", class_="sopgen-routes-table")
    assert rows
    body = [t for _, t in page.find("tr")]
    assert any(
        t.startswith("11 → 2 → 3 → 2 → 4") or t.startswith("21 → 2 → 3 → 2 → 4") for t in body
    )
    verdict = [t for a, t in page.find("p", class_="sopgen-verdict") if "Rute terlama" in t]
    assert verdict and ("memenuhi" in verdict[0]) is bool(summary.longest_meets_target)


def test_form_and_embedded_data() -> None:
    sop = berkas(LENGKAP, TERLAMBAT)
    html = section(sop, id_prefix="sim")
    page = Page(html)
    (form,) = page.find("section", id="sim-interaktif")
    assert form[0]["data-sopgen-simulator"] == "sim-interaktif"
    (masuk,) = page.find("input", id="sim-interaktif-masuk")
    assert masuk[0]["type"] == "datetime-local" and masuk[0]["value"] == "2026-11-19T15:30"
    (script,) = page.find("template", id="sim-interaktif-data")
    assert "data-sopgen-data" in script[0]
    assert not page.find("script")  # Material's instant navigation would run it as JavaScript
    data = json.loads(script[1])
    assert data == json.loads(json.dumps(simulator_data(sop, CAL)))
    assert [s["key"] for s in data["langkah"]] == ["ajukan", "periksa", "lengkapi", "proses"]
    assert data["langkah"][1]["keputusan"]["label_tidak"] == "Belum lengkap"
    assert data["langkah"][3]["pelaksana"] == ["Admin Koordinator", "OPD/BUMD"]
    assert data["langkah"][2]["waktu"] == {
        "jenis": "days",
        "min": 1.0,
        "maks": 1.0,
        "teks": "1 hari",
    }
    assert data["target"]["teks"] == "5 hari kerja"
    assert data["kalender"]["tahun"] == [2025, 2026, 2027, 2028]
    assert {"tanggal": "2026-12-25", "nama": "Hari Raya Natal"} in data["kalender"]["libur"]
    ids = re.findall(r'\bid="([^"]+)"', html)
    assert len(ids) == len(set(ids)) and all(i == "sim" or i.startswith("sim-") for i in ids)


def test_hostile_text_is_escaped_everywhere() -> None:
    hostile = "</script><img src=x onerror=alert(1)>\u2028&amp;"
    sop = make_sop(
        [
            {
                "id": "a",
                "kegiatan": hostile,
                "pelaksana": "x",
                "waktu": "1 jam",
                "keputusan": {"ya": END, "tidak": "a", "label_ya": hostile},
            }
        ],
        actors=[("x", hostile)],
        simulasi=Simulation(
            d("1 hari"), (Scenario(hostile, dt.datetime(2026, 11, 19, 9, 0), {"a": (True,)}),)
        ),
    )
    html = section(sop)
    assert "<img" not in html
    assert "</script>" not in html and html.count("</template>") == 1
    (script,) = Page(html).find("template", id="sopgen-simulasi-interaktif-data")
    assert "<" not in script[1] and "&" not in script[1] and "\u2028" not in script[1]
    data = json.loads(script[1])
    assert data["langkah"][0]["keputusan"]["label_ya"] == hostile
    assert Page(html).find("h3", id="sopgen-simulasi-skenario-1-judul")[0][1].endswith(hostile)


def test_without_scenarios_or_target() -> None:
    sop = berkas(target=None)
    page = Page(section(sop))
    assert not page.find("section", class_="sopgen-scenario")
    assert "belum menetapkan standar pelayanan" in page.find("p", class_="sopgen-standar")[0][1]
    (masuk,) = page.find("input", id="sopgen-simulasi-interaktif-masuk")
    assert masuk[0]["value"] == "2020-04-02T07:30"  # the effective date at opening time
    (data,) = page.find("template", id="sopgen-simulasi-interaktif-data")
    assert json.loads(data[1])["target"] is None


def test_exported_years_around_the_arrival() -> None:
    assert exported_years(dt.datetime(2026, 12, 31, 23, 0)) == [2025, 2026, 2027, 2028]


def test_a_body_template_overrides_the_default(tmp_path: Path) -> None:
    (tmp_path / "simulation_form.html.j2").write_text(
        '<p class="milik-instansi">{{ form.masuk }}</p>', encoding="utf-8"
    )
    page = Page(section(berkas(LENGKAP), template_dir=tmp_path))
    assert page.find("p", class_="milik-instansi")[0][1] == "2026-11-19T15:30"
    assert not page.find("section", class_="sopgen-simulator")


def test_zone_label_follows_the_calendar() -> None:
    wit = OfficeCalendar("WIT")
    html = str(render_simulation_section(berkas(LENGKAP), wit))
    assert "pukul 15.30 WIT" in html and "+09:00" in html and "WIB" not in html
