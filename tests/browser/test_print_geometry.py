"""The printed form, measured: every corpus SOP and a generated stress set, on A4 and F4.

Printed with the code of ``sopgen pdf`` (headless Chromium, the page's own print layout). The
checks read two things: the geometry swimlane_print.js measured in the real printed layout
(sheet k spans [k * sheetHeight, (k + 1) * sheetHeight) in document px, sheetHeight the sheet
measured in print, which may be up to a px taller than the pageHeight the breaks were chosen
for) and the PDF itself.

- every row on one sheet; every arrow segment inside the table body of one sheet, never over
  the (repeated) header and never past the sheet's bottom;
- every out-connector has exactly one in-connector with its letter, on the sheet of the arrow's
  target, and the arrow goes on from there to that target; no two connectors overlap;
- no blank sheet, every sheet says "Halaman k dari N" with N the PDF's sheets; sheet sizes;
- activity text at least 10 pt, the table no wider than the sheet, no heading of the form (but
  the actors' names), column number or step number broken inside a word; the PDF's text holds
  every step's activity;
- the columns fill the sheet's width; up to ten actors, every lane at least 14 mm, no actor's
  name broken inside a word and Kegiatan at least 40 mm wide (with 20 actors the lanes are
  squeezed: the table still fits).
"""

from __future__ import annotations

import functools
import io
import re
from collections.abc import Callable
from pathlib import Path
from typing import Any

import pytest
from playwright.sync_api import Browser
from print_stress import STRESS, UNIT, write_stress_corpus
from pypdf import PdfReader
from served_sites import REPO, build_site
from test_layout import SOP_IDS

from sopgen.cli.pdf_print import print_corpus
from sopgen.corpus import check_corpus
from sopgen.model import Sop
from sopgen.pdf.printer import PAPERS, PrintedSop
from stress_sops import STRESS as LAYOUT_STRESS
from stress_sops import write_stress_sops

ARTIFACTS = REPO / "test-artifacts" / "pdf"
# The print stress set, and the routing stress set (ten actors, long decision labels).
STRESS_IDS = [f"{UNIT}/{name}" for name in STRESS] + list(LAYOUT_STRESS)
OUT, IN = "sambungan:keluar:", "sambungan:masuk:"
TOL = 1.5  # px
MM = 96 / 25.4
PT = 96 / 72
MARGINS_MM = (24, 20)  # @page margins: top + bottom, left + right


@pytest.fixture(scope="session")
def stress_sops_dir(tmp_path_factory: pytest.TempPathFactory) -> Path:
    sops = tmp_path_factory.mktemp("stress") / "sops"
    write_stress_corpus(sops)
    write_stress_sops(sops)
    return sops


@pytest.fixture(scope="session")
def stress_site_dir(stress_sops_dir: Path, tmp_path_factory: pytest.TempPathFactory) -> Path:
    return build_site(stress_sops_dir, tmp_path_factory.mktemp("stress-site"))


@pytest.fixture(scope="session")
def printed(
    real_site_dir: Path, stress_site_dir: Path, stress_sops_dir: Path, browser: Browser
) -> Callable[[str, str], tuple[Sop, PrintedSop]]:
    """(paper, SOP id) -> the SOP and its print; each corpus printed once per paper."""
    corpora = {"real": (REPO / "sops", real_site_dir), "stress": (stress_sops_dir, stress_site_dir)}

    @functools.cache
    def run(paper: str, corpus: str) -> dict[str, tuple[Sop, PrintedSop]]:
        sops_dir, site_dir = corpora[corpus]
        sops = check_corpus(sops_dir).sops
        context = browser.new_context(viewport={"width": 1400, "height": 900})
        try:
            done = print_corpus(sops, sops_dir, ARTIFACTS / paper, paper=paper,
                                site_dir=site_dir, page=context.new_page())
        finally:
            context.close()
        return {sop.id: (sop, done.sops[sop.id][1]) for sop in sops}

    def get(paper: str, sop_id: str) -> tuple[Sop, PrintedSop]:
        return run(paper, "stress" if sop_id in STRESS_IDS else "real")[sop_id]

    return get


def _sheet(y: float, height: float) -> int:
    return int(y // height)


def geometry_problems(report: dict[str, Any]) -> list[str]:
    problems: list[str] = []
    height, header = report["sheetHeight"], report["header"]
    placed = report["placed"]
    head = placed["head"]
    head_sheet = _sheet(head["top"] + TOL, height)

    def body(k: int) -> tuple[float, float]:
        top = head["bottom"] if k == head_sheet else k * height + header
        return top, (k + 1) * height

    sheet_of_row: dict[str, int] = {}
    for row in placed["rows"]:
        first, last = _sheet(row["top"] + TOL, height), _sheet(row["bottom"] - TOL, height)
        if first != last:
            problems.append(f"row {row['step']} runs over a sheet edge: {row}")
        elif row["top"] < body(first)[0] - TOL:
            problems.append(f"row {row['step']} lies over the header of sheet {first}")
        sheet_of_row[row["step"]] = first
    for arrow in placed["arrows"]:
        name = f"arrow {arrow['from']}->{arrow['to']}"
        points = arrow["points"]
        if len(points) < 2:
            problems.append(f"{name} is not drawn")
            continue
        sheets = {_sheet(y, height) for _, y in points}
        if len(sheets) != 1:
            problems.append(f"{name} runs over sheets {sorted(sheets)}")
            continue
        top, bottom = body(sheets.pop())
        for x, y in points:
            inside_x = head["left"] - TOL <= x <= head["right"] + TOL
            if not (top - TOL <= y <= bottom + TOL and inside_x):
                problems.append(f"{name} leaves the table body of its sheet at ({x:.1f}, {y:.1f})")
                break
    connectors = placed["connectors"]
    outs = [c for c in connectors if c["step"].startswith(OUT)]
    ins = [c for c in connectors if c["step"].startswith(IN)]
    arrows = {(a["from"], a["to"]) for a in placed["arrows"]}
    for kind, group in (("out", outs), ("in", ins)):
        letters = [c["letter"] for c in group]
        if len(set(letters)) != len(letters):
            problems.append(f"{kind}-connector letters used twice: {letters}")
    for out in outs:
        twins = [c for c in ins if c["letter"] == out["letter"]]
        if len(twins) != 1:
            problems.append(f"out-connector {out['letter']} has {len(twins)} in-connectors")
            continue
        twin, target = twins[0], out["target"]
        if twin["target"] != target:
            problems.append(f"connector {out['letter']} leads to {twin['target']}, not {target}")
        if _sheet(twin["top"], height) != sheet_of_row.get(target):
            problems.append(f"in-connector {out['letter']} is not on the sheet of {target}")
        if _sheet(twin["top"], height) == _sheet(out["top"], height):
            problems.append(f"connector {out['letter']} joins a sheet to itself")
        if (twin["step"], target) not in arrows or not any(to == out["step"] for _, to in arrows):
            problems.append(f"connector pair {out['letter']} does not carry an arrow through")
    if len(ins) != len(outs):
        problems.append(f"{len(outs)} out-connectors but {len(ins)} in-connectors")
    for i, a in enumerate(connectors):
        for b in connectors[i + 1 :]:
            overlap_x = min(a["right"], b["right"]) - max(a["left"], b["left"])
            overlap_y = min(a["bottom"], b["bottom"]) - max(a["top"], b["top"])
            if overlap_x > 0.5 and overlap_y > 0.5:
                problems.append(f"connectors {a['step']} and {b['step']} overlap")
    return problems


def sheet_start_problems(report: dict[str, Any]) -> list[str]:
    """Each table page after the first starts right below its sheet's repeated header: the
    sheets of `placed` are the printed ones (a wrong sheet height drifts a little per sheet)."""
    problems: list[str] = []
    height, header = report["sheetHeight"], report["header"]
    rows = {row["step"]: row for row in report["placed"]["rows"]}
    for number, chunk in enumerate(report["pages"][1:], start=1):
        opening = f"{IN}{number}:0" if chunk["masuk"] else chunk["rows"][0]
        top = rows[opening]["top"]
        below_header = top - _sheet(top, height) * height - header
        if abs(below_header) > TOL:
            problems.append(f"page {number} starts {below_header:.1f} px below its header")
    return problems


def _squash(text: str) -> str:
    return re.sub(r"\s+", "", text)


def pdf_problems(sop: Sop, done: PrintedSop, paper: str) -> list[str]:
    problems: list[str] = []
    reader = PdfReader(io.BytesIO(done.pdf))
    width_mm, height_mm = PAPERS[paper]
    texts = [page.extract_text() for page in reader.pages]
    for number, (page, text) in enumerate(zip(reader.pages, texts, strict=True), start=1):
        size = (float(page.mediabox.width), float(page.mediabox.height))
        if abs(size[0] - width_mm * 72 / 25.4) > 1 or abs(size[1] - height_mm * 72 / 25.4) > 1:
            problems.append(f"sheet {number} is {size} pt, not {paper}")
        if not _squash(text):
            problems.append(f"sheet {number} is blank")
        elif f"Halaman {number} dari {len(reader.pages)}" not in text:
            problems.append(f"sheet {number} lacks 'Halaman {number} dari {len(reader.pages)}'")
    source = sop.path.read_text(encoding="utf-8")  # words the SOP itself may print
    for site_part in ("Diagram Alir", "Simulasi", "Sumber", "Cetak", "Daftar SOP", "Kertas"):
        if site_part in "".join(texts) and site_part not in source:
            problems.append(f"the site's {site_part!r} is printed")
    if sop.identitas.nomor not in texts[0]:
        problems.append("the first sheet lacks the SOP number")
    everything = _squash("".join(texts))
    for step in sop.langkah:
        for item in step.kegiatan:
            if _squash(item) not in everything:
                problems.append(f"step {step.number}'s activity is not in the PDF: {item[:40]}")
    if reader.metadata.title != sop.identitas.nama or sop.identitas.instansi not in str(
        reader.metadata.author
    ):
        problems.append(f"metadata: {reader.metadata}")
    return problems


@pytest.mark.parametrize("sop_id", SOP_IDS + STRESS_IDS)
@pytest.mark.parametrize("paper", sorted(PAPERS))
def test_printed_form(
    printed: Callable[[str, str], tuple[Sop, PrintedSop]], paper: str, sop_id: str
) -> None:
    sop, done = printed(paper, sop_id)
    report = done.report
    assert report is not None and report.get("printed"), "the page did not paginate for print"
    expected_height = (PAPERS[paper][1] - MARGINS_MM[0]) * MM
    assert report["pageHeight"] == pytest.approx(expected_height, abs=0.5)
    # The printed sheet (Chromium's, measured in print) is the paper's and holds the planned one.
    assert report["pageHeight"] - 0.01 <= report["sheetHeight"] <= expected_height + 1.5
    assert report["sheets"] == done.sheets
    assert geometry_problems(report) == []
    assert sheet_start_problems(report) == []
    assert pdf_problems(sop, done, paper) == []
    head = report["placed"]["head"]
    assert head["right"] - head["left"] <= (PAPERS[paper][0] - MARGINS_MM[1]) * MM + TOL
    assert report["placed"]["brokenWords"] == []  # headings and numbers broken inside a word
    for column in ("sopgen-kegiatan", "sopgen-kelengkapan", "sopgen-output", "sopgen-keterangan"):
        if column in report["textPx"]:
            assert report["textPx"][column] >= 10 * PT - 0.01, (column, report["textPx"])
    assert column_problems(report, paper, len(sop.pelaksana)) == []


def column_problems(report: dict[str, Any], paper: str, actors: int) -> list[str]:
    """The printed columns against the sheet: filled, lanes and Kegiatan wide enough."""
    columns = report["columnsMm"]
    problems: list[str] = []
    sheet_mm = PAPERS[paper][0] - MARGINS_MM[1]
    total = sum(c["mm"] for c in columns)
    if abs(total - sheet_mm) > 1.0:
        problems.append(f"the columns take {total:.1f} mm of a {sheet_mm} mm sheet")
    lanes = [c["mm"] for c in columns if c["column"] == "sopgen-col-lane"]
    if len(lanes) != actors:
        problems.append(f"{len(lanes)} lanes for {actors} actors")
    kegiatan = next((c["mm"] for c in columns if c["column"] == "sopgen-col-kegiatan"), 0.0)
    if actors <= 10:
        if min(lanes, default=0.0) < 14 - 0.2:
            problems.append(f"a lane narrower than 14 mm: {lanes}")
        if kegiatan < 40:
            problems.append(f"Kegiatan {kegiatan} mm wide, lanes {lanes}")
        if report["placed"]["brokenNames"]:
            names = report["placed"]["brokenNames"]
            problems.append(f"actors' names broken inside a word: {names}")
    return problems


def test_the_stress_set_breaks_where_it_should(
    printed: Callable[[str, str], tuple[Sop, PrintedSop]],
) -> None:
    """The stress SOPs do reach the shapes they were made for (else the checks prove little)."""
    _, tall = printed("a4", f"{UNIT}/baris-tinggi")
    rows = [r["step"] for r in tall.report["placed"]["rows"]]
    assert "s3:lanjutan:2" in rows, "the tall row was not split over three sheets or more"
    assert "s5:lanjutan:1" in rows, "the row of one long word was not split"
    _, forty = printed("a4", f"{UNIT}/empat-puluh-langkah")
    connectors = forty.report["placed"]["connectors"]
    height = forty.report["sheetHeight"]
    loop = {OUT if c["step"].startswith(OUT) else IN: _sheet(c["top"], height)
            for c in connectors if c["target"] == "s2"}
    assert loop[OUT] - loop[IN] >= 2, f"no loop back over three sheets: {loop}"
    _, five = printed("a4", f"{UNIT}/lima-keputusan")
    per_sheet: dict[int, int] = {}
    for c in five.report["placed"]["connectors"]:
        if c["step"].startswith(OUT):
            sheet = _sheet(c["top"], five.report["sheetHeight"])
            per_sheet[sheet] = per_sheet.get(sheet, 0) + 1
    assert max(per_sheet.values()) >= 3, f"no break crossed by several arrows: {per_sheet}"


def test_the_geometry_checks_catch_bad_layouts() -> None:
    """Each kind of fault is reported (the checks can fail)."""
    def report(**changes: Any) -> dict[str, Any]:
        base: dict[str, Any] = {
            "pageHeight": 100.0,
            "sheetHeight": 100.0,
            "header": 20.0,
            "placed": {
                "head": {"left": 0, "right": 50, "top": 10, "bottom": 30},
                "rows": [{"step": "a", "top": 30, "bottom": 60},
                         {"step": "b", "top": 120, "bottom": 150}],
                "arrows": [{"from": "a", "to": "sambungan:keluar:0:A",
                            "points": [[5, 40], [5, 80]]},
                           {"from": "sambungan:masuk:1:A", "to": "b",
                            "points": [[5, 125], [5, 130]]}],
                "connectors": [
                    {"step": "sambungan:keluar:0:A", "letter": "A", "target": "b", "left": 1,
                     "right": 9, "top": 80, "bottom": 88},
                    {"step": "sambungan:masuk:1:A", "letter": "A", "target": "b", "left": 1,
                     "right": 9, "top": 121, "bottom": 124}],
            },
        }
        base["placed"].update(changes)
        return base

    assert geometry_problems(report()) == []
    over_header = report()
    over_header["placed"]["arrows"][1]["points"][0] = [5, 110]
    assert any("leaves the table body" in p for p in geometry_problems(over_header))
    across = report()
    across["placed"]["arrows"][0]["points"][1] = [5, 130]
    assert any("runs over sheets" in p for p in geometry_problems(across))
    lonely = report()
    lonely["placed"]["connectors"].pop()
    assert any("0 in-connectors" in p for p in geometry_problems(lonely))
    stacked = report()
    stacked["placed"]["connectors"].append(dict(stacked["placed"]["connectors"][0],
                                                step="sambungan:keluar:0:B", letter="B"))
    assert any("overlap" in p for p in geometry_problems(stacked))


def test_the_column_checks_catch_bad_widths() -> None:
    """What the browser's own table layout printed before (ten actors on A4: lanes as wide as
    a long label, Kegiatan 16 mm), a table wider than the sheet and a broken name are caught."""
    def report(kegiatan: float, lanes: list[float], names: list[str] | None = None,
               side: float = 22.0) -> dict[str, Any]:
        columns = ([("sopgen-col-no", 8.0), ("sopgen-col-kegiatan", kegiatan)]
                   + [("sopgen-col-lane", lane) for lane in lanes]
                   + [("sopgen-col-kelengkapan", side), ("sopgen-col-waktu", 15.0),
                      ("sopgen-col-output", side), ("sopgen-col-keterangan", side)])
        return {"columnsMm": [{"column": c, "mm": mm} for c, mm in columns],
                "placed": {"brokenNames": names or []}}

    good = report(48.0, [14.0] * 10)
    assert column_problems(good, "a4", 10) == []
    before = report(16.0, [17.0, 17.0, 18.0, 17.0, 18.0, 38.0, 17.0, 17.0, 18.0, 17.0],
                    side=11.6)
    assert any("Kegiatan 16.0 mm" in p for p in column_problems(before, "a4", 10))
    wide = report(60.0, [14.0] * 10)
    assert any("of a 277.0 mm sheet" in p for p in column_problems(wide, "a4", 10))
    narrow = report(50.0, [14.0] * 8 + [13.0, 13.0])
    assert any("narrower than 14 mm" in p for p in column_problems(narrow, "a4", 10))
    broken = report(48.0, [14.0] * 10, names=["Verifikator Berkas Administrasi"])
    assert any("broken inside a word" in p for p in column_problems(broken, "a4", 10))
    squeezed = report(23.0, [9.0] * 20, side=17.0)
    assert column_problems(squeezed, "a4", 20) == []  # 20 actors: only the sheet's width
