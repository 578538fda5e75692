"""Printing an SOP page: the procedure table splits into pages joined by off-page connectors.

Printed for real with Chromium's PDF printer (the print layout, page breaks included), every page
of the corpus: each page's rows fit on one sheet, no arrow runs over a page edge, every arrow
that leaves a page ends at a lettered connector whose twin starts an arrow on the page of its
target. The paginated layout is also checked on screen with a small page height: connectors in
their lanes, every arrow from box to box and across no other symbol, the model's edges all there.
The PDFs are written to ``test-artifacts/print/`` for people to look at.
"""

from __future__ import annotations

import math
from collections import Counter
from pathlib import Path
from typing import Any

import pytest
from playwright.sync_api import Page
from served_sites import ARROWS_DRAWN
from test_layout import MEASURE, SOP_IDS, arrow_problems, expected_edges, layout_problems

from sopgen.model import Sop

ARTIFACTS = Path(__file__).resolve().parents[2] / "test-artifacts" / "print"
LONG_SOP = "bagian-organisasi-tabanan/fasilitasi-penyusunan-sop"
OUT, IN = "sambungan:keluar:", "sambungan:masuk:"


def print_page(page: Page, url: str, target: Path) -> dict[str, Any]:
    page.set_viewport_size({"width": 1400, "height": 900})
    page.goto(url)
    page.wait_for_function(ARROWS_DRAWN)
    target.parent.mkdir(parents=True, exist_ok=True)
    pdf = page.pdf(path=str(target), prefer_css_page_size=True, print_background=True)
    assert pdf.startswith(b"%PDF")
    reports = page.evaluate("window.sopgenPrint.last")
    assert reports and len(reports) == 1
    return reports[0]


def page_of(y: float, height: float) -> int:
    return math.floor(y / height)


def print_problems(report: dict[str, Any]) -> list[str]:
    problems: list[str] = []
    height = report["sheetHeight"]  # the sheets `placed` is in (measured when printed)
    placed = report["placed"]
    page_of_row: dict[str, int] = {}
    for row in placed["rows"]:
        first, last = page_of(row["top"] + 0.5, height), page_of(row["bottom"] - 0.5, height)
        if first != last:
            problems.append(f"row {row['step']} runs over a page edge: {row}")
        page_of_row[row["step"]] = first
    sheets = []
    for chunk in report["pages"]:
        on = {page_of_row[step] for step in chunk["rows"]}
        if len(on) != 1:
            problems.append(f"rows {chunk['rows']} are spread over sheets {sorted(on)}")
        sheets.append(min(on))
    if sheets != list(range(sheets[0], sheets[0] + len(sheets))):
        problems.append(f"the table's pages are not on consecutive sheets: {sheets}")
    for arrow in placed["arrows"]:
        if len(arrow["points"]) < 2:
            problems.append(f"arrow {arrow['from']}->{arrow['to']} is not drawn")
        elif page_of(arrow["top"] + 0.5, height) != page_of(arrow["bottom"] - 0.5, height):
            problems.append(f"arrow {arrow['from']}->{arrow['to']} crosses a page edge: {arrow}")
    # Connectors ``sambungan:<keluar|masuk>:<page>:<letter>``, one pair per crossing arrow.
    outs = {c["letter"]: c for c in placed["connectors"] if c["step"].startswith(OUT)}
    ins = {c["letter"]: c for c in placed["connectors"] if c["step"].startswith(IN)}
    for letter, out in outs.items():
        twin = ins.get(letter)
        if twin is None or twin["target"] != out["target"]:
            problems.append(f"connector {out} has no twin with its letter: {twin}")
        elif page_of(twin["top"], height) == page_of(out["top"], height):
            problems.append(f"connector {out['letter']} joins a page to itself")
    letters = [c["letter"] for c in placed["connectors"] if c["step"].startswith(OUT)]
    if len(set(letters)) != len(letters):
        problems.append(f"letters used twice: {letters}")
    return problems


@pytest.mark.parametrize("sop_key", SOP_IDS)
def test_printed_pages(page: Page, site_url: str, real_sops: dict[str, Sop], sop_key: str) -> None:
    report = print_page(page, f"{site_url}sop/{sop_key}/", ARTIFACTS / f"{sop_key}.pdf")
    assert print_problems(report) == []
    steps = len(real_sops[sop_key].langkah)
    if sop_key == LONG_SOP:
        assert steps >= 15 and len(report["pages"]) >= 3
        assert report["placed"]["connectors"], "a table of several pages without connectors"
    # Back on screen, the table is as it was: no connectors, the arrows as the model has them.
    assert page.evaluate("document.querySelectorAll('.sopgen-connector-row').length") == 0
    found = page.evaluate(MEASURE)
    assert not [s for s in found["symbols"] if s["step"].startswith("sambungan:")]
    assert layout_problems(real_sops[sop_key], found) == []


def paginated_problems(sop: Sop, found: dict[str, Any], targets: dict[str, str]) -> list[str]:
    """The screen checks, with connectors taken as symbols and crossing arrows joined again;
    ``targets`` maps each connector to the step its arrow leads to."""
    problems: list[str] = []
    symbols = found["symbols"]
    first: dict[str, dict[str, Any]] = {}
    for symbol in symbols:
        first.setdefault(symbol["step"], symbol)
        if symbol["step"].startswith(("sambungan:", END_PREFIX)) or symbol["actor"] is None:
            continue
        if symbol["rowStep"] != symbol["step"]:
            problems.append(f"symbol {symbol['step']} sits in row {symbol['rowStep']}")
    joined: Counter[tuple[str, str, str | None]] = Counter()
    for arrow in found["arrows"]:
        problems += arrow_problems(arrow, first, symbols)
        if arrow["from"].startswith(IN):
            if arrow["to"] != targets[arrow["from"]]:
                problems.append(f"arrow {arrow['from']} does not lead to its connector's target")
            continue
        to = targets[arrow["to"]] if arrow["to"].startswith(OUT) else arrow["to"]
        joined[(arrow["from"], to, arrow["label"])] += 1
    if joined != expected_edges(sop):
        problems.append(f"arrows {sorted(joined.items())} != model")
    return problems


END_PREFIX = "selesai:"


@pytest.mark.parametrize("width", (390, 1280))
def test_paginated_table_on_screen(
    page: Page, site_url: str, real_sops: dict[str, Sop], width: int
) -> None:
    page.set_viewport_size({"width": width, "height": 900})
    page.goto(f"{site_url}sop/{LONG_SOP}/")
    page.wait_for_function(ARROWS_DRAWN)
    report = page.evaluate("window.sopgenPrint.paginateAll(600)")[0]
    assert len(report["pages"]) >= 3
    found = page.evaluate(MEASURE)
    connectors = [s for s in found["symbols"] if s["step"].startswith("sambungan:")]
    assert connectors and all(s["cellActor"] is not None for s in connectors)
    targets = {c["step"]: c["target"] for c in report["placed"]["connectors"]}
    assert paginated_problems(real_sops[LONG_SOP], found, targets) == []
    # Every page's rows, header and connector rows fit the page height asked for.
    rows = {r["step"]: r for r in report["placed"]["rows"]}
    for chunk in report["pages"]:
        top = min(rows[s]["top"] for s in chunk["rows"])
        bottom = max(rows[s]["bottom"] for s in chunk["rows"])
        connector_rows = chunk["masuk"] + chunk["keluar"]
        assert bottom - top + report["header"] + connector_rows * report["connectorRow"] <= 600 or (
            len(chunk["rows"]) == 1
        )


def test_the_print_checks_catch_an_arrow_over_a_page_edge() -> None:
    report = {
        "pageHeight": 100.0,
        "sheetHeight": 100.0,
        "pages": [{"rows": ["a"]}, {"rows": ["b"]}],
        "placed": {
            "rows": [
                {"step": "a", "top": 10, "bottom": 50}, {"step": "b", "top": 110, "bottom": 150}
            ],
            "arrows": [
                {"from": "a", "to": "b", "top": 30, "bottom": 120, "points": [[1, 30], [1, 120]]}
            ],
            "connectors": [],
        },
    }
    assert any("crosses a page edge" in p for p in print_problems(report))
    report["placed"]["arrows"][0]["bottom"] = 90
    assert print_problems(report) == []


def test_print_tools(page: Page, site_url: str) -> None:
    """The Cetak button prints; the paper choice sets the @page size the breaks are chosen for;
    the tools themselves are not printed."""
    page.goto(f"{site_url}sop/{LONG_SOP}/")
    page.wait_for_function(ARROWS_DRAWN)
    page.evaluate("() => { window.printed = 0; window.print = () => { window.printed += 1; }; }")
    page.get_by_role("button", name="Cetak").click()
    assert page.evaluate("window.printed") == 1
    page.select_option("select.sopgen-paper", "f4")
    rule = page.evaluate("document.getElementById('sopgen-kertas').textContent")
    assert "size: 330mm 215mm" in rule and "Halaman" in rule
    sheet = page.evaluate("window.sopgenPaper.sheet()")
    assert sheet["height"] == pytest.approx((215 - 24) * 96 / 25.4)
    page.emulate_media(media="print")
    assert not page.locator(".sopgen-print-tools").is_visible()
    for hidden in (".md-header", ".sopgen-diagram", ".sopgen-simulation", "h1", "#uraian-prosedur"):
        assert not page.locator(hidden).first.is_visible(), hidden
    assert page.locator(".sopgen-identity").is_visible()
    assert page.locator("table.sopgen-procedure").is_visible()
