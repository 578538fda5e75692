"""The in-browser simulator agrees exactly with the Python simulator.

Every vector of `js_vectors` (model SOPs on three calendars, and every scenario of the real
corpus) is fed to ``window.sopgenSimulator.simulate`` in Chromium; start and end of every visit,
the completion and the deadline must be the very instants Python computed. The real SOP pages
are then checked end to end: their embedded data, and the form a user fills in.
"""

from __future__ import annotations

import datetime as dt
import json
import sys
from pathlib import Path
from typing import Any

import pytest
from playwright.sync_api import Page

from sopgen.calendar.file import calendar_for_corpus
from sopgen.model import Scenario, Sop
from sopgen.render.assets import asset_files
from sopgen.render.simulation_section import waktu_lokal
from sopgen.render.simulation_words import shown_end
from sopgen.render.simulator_data import simulator_data
from sopgen.simulate.walk import iso_time, run_scenario

TESTS = Path(__file__).resolve().parents[1]
# js_vectors and sop_factory live in tests/, which pytest only puts on sys.path for its own files.
sys.path.insert(0, str(TESTS))
from js_vectors import VectorGroup, all_groups  # noqa: E402

ASSETS = TESTS.parent / "site_templates" / "assets"
# The simulator's parts, each using the ones before it; the site loads them in this order.
SIMULATOR_PARTS = ("simulator-calendar.js", "simulator-walk.js", "simulator.js")
SOPS = TESTS.parent / "sops"
RUN_ALL = "([data, cases]) => cases.map(o => window.sopgenSimulator.simulate(data, o))"
AGREEING_KEYS = ("key", "mulai", "selesai", "kunjungan")


@pytest.fixture(scope="module")
def groups() -> list[VectorGroup]:
    return all_groups()


def local_page(page: Page) -> Page:
    """A blank page holding only the simulator's scripts (no site, no network)."""
    page.set_content("<!doctype html><html><body></body></html>")
    for name in SIMULATOR_PARTS:
        page.add_script_tag(path=str(ASSETS / name))
    return page


def test_the_site_loads_the_simulator_parts_in_order() -> None:
    scripts = [path.rsplit("/", 1)[-1] for path in sorted(asset_files()) if path.endswith(".js")]
    assert [name for name in scripts if name in SIMULATOR_PARTS] == list(SIMULATOR_PARTS)


def comparable(answer: dict[str, Any]) -> dict[str, Any]:
    return {
        "selesai": answer.get("selesai"),
        "tenggat": answer.get("tenggat"),
        "selesai_tampil": answer.get("selesai_tampil"),
        "tenggat_tampil": answer.get("tenggat_tampil"),
        "tutup": answer.get("tutup"),
        "memenuhi": answer.get("memenuhi"),
        "langkah": [{k: s[k] for k in AGREEING_KEYS} for s in answer.get("langkah", [])],
    }


def disagreements(page: Page, group: VectorGroup, data: dict[str, Any]) -> list[str]:
    answers = page.evaluate(RUN_ALL, [data, [case["options"] for case in group.cases]])
    out = []
    for case, answer in zip(group.cases, answers, strict=True):
        if comparable(answer) != case["expected"]:
            out.append(
                f"{group.name} / {case['nama']}: {json.dumps(case['options'])}\n"
                f"  python: {json.dumps(case['expected'])}\n  js:     {json.dumps(answer)}"
            )
    return out


def test_javascript_agrees_with_python_on_every_vector(
    page: Page, groups: list[VectorGroup]
) -> None:
    local_page(page)
    problems = [p for group in groups for p in disagreements(page, group, group.data)]
    assert not problems, "\n".join(problems[:10])
    cases = [case for group in groups for case in group.cases]
    assert len(cases) > 250
    # the vectors exercise what they claim: loops taken twice, several zones, real scenarios
    assert any(step["kunjungan"] == 3 for c in cases for step in c["expected"]["langkah"])
    assert {c["expected"]["selesai"][-6:] for c in cases} == {"+07:00", "+08:00", "+09:00"}
    assert {c["expected"]["memenuhi"] for c in cases} == {True, False}
    assert sum(1 for g in groups if "/" in g.name) >= 3
    # the end-of-day convention is exercised (a completion shown at the previous closing) and
    # so are named closed days
    assert any(c["expected"]["selesai_tampil"] != c["expected"]["selesai"] for c in cases)
    assert any(c["expected"]["selesai_tampil"] == c["expected"]["selesai"] for c in cases)
    assert any("Idul Fitri" in day for c in cases for day in c["expected"]["tutup"])


def test_bad_input_gives_an_indonesian_message(page: Page, groups: list[VectorGroup]) -> None:
    local_page(page)
    data = groups[0].data
    for masuk in ("2026-02-30T10:00", "", "besok pagi", "2026-11-23T25:00", "0050-01-01T10:00"):
        answer = page.evaluate(RUN_ALL, [data, [{"masuk": masuk}]])[0]
        noun = data["sebutan"]
        assert answer == {
            "galat": f"Tanggal dan jam {noun} masuk tidak valid: isi seperti 2026-11-20 09:30."
        }


def test_an_endless_loop_is_cut_off(page: Page, groups: list[VectorGroup]) -> None:
    local_page(page)
    loop = next(g for g in groups if g.name.startswith("putaran"))
    options = {"masuk": "2026-11-23T08:00", "choices": {"periksa": ["tidak"]}}
    answer = page.evaluate(RUN_ALL, [loop.data, [options]])[0]
    assert answer["terpotong"] is True and answer["memenuhi"] is None
    assert len(answer["langkah"]) == loop.data["maks_kunjungan"] == 50


def open_sop(page: Page, site_url: str, sop: Sop) -> dict[str, Any]:
    page.goto(f"{site_url}sop/{sop.id}/")
    blob = page.locator("template[data-sopgen-data][id$='-interaktif-data']")
    return json.loads(blob.evaluate("t => t.content.textContent") or "null")


def test_built_pages_carry_the_corpus_data_and_agree(
    page: Page, site_url: str, real_sops: dict[str, Sop], groups: list[VectorGroup]
) -> None:
    calendar, _ = calendar_for_corpus(SOPS)
    corpus = {g.name: g for g in groups if g.name in real_sops}
    assert corpus
    for sop_id, group in corpus.items():
        data = open_sop(page, site_url, real_sops[sop_id])
        assert data == json.loads(json.dumps(simulator_data(real_sops[sop_id], calendar)))
        assert not disagreements(page, group, data)


def test_the_form_shows_pythons_completion(
    page: Page, site_url: str, real_sops: dict[str, Sop]
) -> None:
    sop = real_sops["diskominfo-demak/layanan-aduan-masyarakat"]
    calendar, _ = calendar_for_corpus(SOPS)
    open_sop(page, site_url, sop)
    form = page.locator("[data-sopgen-simulator]")
    done = form.locator(".sopgen-sim-selesai time")

    def python(masuk: dt.datetime, telaah: bool) -> dt.datetime:
        scenario = Scenario("formulir", masuk, {"telaah": (telaah,)})
        return run_scenario(sop, scenario, calendar).selesai

    first = sop.simulasi.skenario[0].masuk if sop.simulasi else None
    assert first is not None
    expected = python(first, True)
    assert done.get_attribute("data-iso") == iso_time(expected)
    shown = shown_end(calendar, expected, calendar.aware(first))
    assert done.text_content() == waktu_lokal(shown, calendar.zone_label)

    masuk = dt.datetime(2026, 12, 23, 15, 45)
    form.locator("input[type='datetime-local']").fill(masuk.strftime("%Y-%m-%dT%H:%M"))
    expected = python(masuk, True)
    assert done.get_attribute("data-iso") == iso_time(expected)
    assert form.locator("tbody tr").count() == len(sop.langkah)
    # the interactive case has its own Gantt chart (a bar per visit) and names the closed days
    # it crossed: 23 Dec 2026 15.45 runs over cuti bersama Natal and Natal
    gantt = form.locator(".sopgen-sim-gantt")
    assert gantt.is_visible()
    assert gantt.locator("rect.sopgen-gantt-bar").count() == len(sop.langkah)
    closed = form.locator(".sopgen-tutup").text_content() or ""
    assert "Natal" in closed and "Sabtu/Minggu" in closed, closed

    form.locator("fieldset[data-key='telaah'] input[value='tidak']").check()
    expected = python(masuk, False)
    assert done.get_attribute("data-iso") == iso_time(expected)
    shown = shown_end(calendar, expected, calendar.aware(masuk))
    assert done.text_content() == waktu_lokal(shown, calendar.zone_label)
    assert form.locator("tbody tr").count() == 2
    verdict = form.locator(".sopgen-verdict")
    assert verdict.get_attribute("data-memenuhi") == "ya"
    assert (verdict.text_content() or "").startswith("✓ Memenuhi")

    form.locator("input[type='datetime-local']").fill("")
    assert "tidak valid" in (form.locator(".sopgen-sim-galat").text_content() or "")
