"""swimlane.js in real headless Chromium: arrows from box to box, around every other symbol."""

from __future__ import annotations

import itertools
from collections.abc import Callable, Iterator
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path
from typing import Any

import markdown
import pytest
from playwright.sync_api import Browser, Page, sync_playwright

from fixtures.render.hostile.hostile_sop import hostile_sop
from sop_factory import demak_sop, long_sop
from sopgen.model import Sop
from sopgen.render.assets import asset_files
from sopgen.render.page import PageContext, render_sop_page

pytestmark = pytest.mark.browser

CHROMIUM = "/usr/bin/chromium"
TOLERANCE = 2.0

GEOMETRY = """() => {
  const svg = document.querySelector('svg.sopgen-arrows');
  const o = svg.getBoundingClientRect();
  const box = e => { const r = e.getBoundingClientRect();
    return [r.left - o.left, r.top - o.top, r.right - o.left, r.bottom - o.top]; };
  const symbols = [...document.querySelectorAll('.sopgen-symbol')].map(e => ({
    key: e.dataset.step, actor: e.dataset.actor, box: box(e),
    decision: e.classList.contains('sopgen-decision')}));
  const arrows = [...svg.querySelectorAll('polyline.sopgen-arrow')].map(e => ({
    from: e.dataset.from, to: e.dataset.to,
    points: e.getAttribute('points').trim().split(/\\s+/).filter(Boolean)
      .map(p => p.split(',').map(Number))}));
  const joins = [...svg.querySelectorAll('line.sopgen-join')].map(e =>
    ['x1', 'y1', 'x2', 'y2'].map(a => Number(e.getAttribute(a))));
  const flow = document.querySelector('div.sopgen-flow').getBoundingClientRect();
  return {symbols, arrows, joins, overlay: [o.left - flow.left, o.top - flow.top,
    o.width - flow.width, o.height - flow.height]};
}"""


def standalone_page(sop: Sop, folder: Path) -> Path:
    ctx = PageContext(link_for=lambda _id: None, source_url=None, source_path="sops/x.yaml",
                      last_change=None, simulation_html=None, diagram_svg="")
    body = markdown.markdown(render_sop_page(sop, ctx), extensions=["toc", "md_in_html"])
    files = asset_files()
    css = files["assets/sopgen/sopgen.css"].read_text(encoding="utf-8")
    script = "\n".join(  # in the site's order: the labels part first
        files[f"assets/sopgen/{name}"].read_text(encoding="utf-8")
        for name in ("swimlane-labels.js", "swimlane-routes.js", "swimlane.js")
    )
    html = (f'<!doctype html><html><head><meta charset="utf-8"><style>{css}</style></head>'
            f'<body style="margin:8px;font-family:sans-serif">{body}'
            f"<script>{script}</script></body></html>")
    path = folder / "page.html"
    path.write_text(html, encoding="utf-8")
    return path


class ChromiumThread:
    """Headless Chromium driven from a thread of its own.

    Playwright's sync API refuses a thread where another Playwright (the site tests' session
    fixture) already runs its event loop, so every browser call of this module goes through
    this one worker thread; assertions stay in the test.
    """

    def __init__(self) -> None:
        self.executor = ThreadPoolExecutor(max_workers=1)
        self.executor.submit(self._start).result()

    def _start(self) -> None:
        self.playwright = sync_playwright().start()
        self.browser = self.playwright.chromium.launch(
            executable_path=CHROMIUM,
            args=["--no-sandbox", "--disable-gpu", "--disable-background-networking"],
        )

    def _stop(self) -> None:
        self.browser.close()
        self.playwright.stop()

    def run(self, action: Callable[..., Any], *args: Any) -> Any:
        return self.executor.submit(action, self.browser, *args).result()

    def close(self) -> None:
        self.executor.submit(self._stop).result()
        self.executor.shutdown()


@pytest.fixture(scope="module")
def chromium() -> Iterator[ChromiumThread]:
    thread = ChromiumThread()
    yield thread
    thread.close()


def on_boundary(point: list[float], box: list[float]) -> bool:
    x, y = point
    left, top, right, bottom = box
    inside_outer = (left - TOLERANCE <= x <= right + TOLERANCE
                    and top - TOLERANCE <= y <= bottom + TOLERANCE)
    inside_inner = (left + TOLERANCE < x < right - TOLERANCE
                    and top + TOLERANCE < y < bottom - TOLERANCE)
    return inside_outer and not inside_inner


def on_diamond(point: list[float], box: list[float]) -> bool:
    """On a diamond's outline (an arrow entering beside the top vertex ends there)."""
    left, top, right, bottom = box
    half_w, half_h = (right - left) / 2, (bottom - top) / 2
    dx, dy = abs(point[0] - (left + half_w)), abs(point[1] - (top + half_h))
    return abs(dx / half_w + dy / half_h - 1) * min(half_w, half_h) <= TOLERANCE


def crosses(a: list[float], b: list[float], box: list[float]) -> bool:
    """Whether the axis-parallel segment a-b enters the box (shrunk by 1 px)."""
    left, top, right, bottom = box[0] + 1, box[1] + 1, box[2] - 1, box[3] - 1
    return (min(a[0], b[0]) < right and max(a[0], b[0]) > left
            and min(a[1], b[1]) < bottom and max(a[1], b[1]) > top)


def check_geometry(data: dict[str, Any]) -> None:
    assert data["errors"] == []
    assert all(abs(v) < 0.5 for v in data["overlay"])  # the overlay covers div.sopgen-flow
    first: dict[str, list[float]] = {}
    diamonds = set()
    for symbol in data["symbols"]:
        first.setdefault(symbol["key"], symbol["box"])
        if symbol["decision"]:
            diamonds.add(symbol["key"])
    assert data["arrows"]
    for arrow in data["arrows"]:
        points = arrow["points"]
        assert len(points) >= 2, arrow
        source, target = first[arrow["from"]], first[arrow["to"]]
        assert on_boundary(points[0], source), arrow
        assert on_boundary(points[-1], target) or (
            arrow["to"] in diamonds and on_diamond(points[-1], target)), arrow
        for a, b in itertools.pairwise(points):
            assert a[0] == b[0] or a[1] == b[1], ("not orthogonal", arrow)
            for symbol in data["symbols"]:
                if symbol["box"] in (source, target):
                    continue
                assert not crosses(a, b, symbol["box"]), (arrow, symbol)
    for x1, y1, x2, y2 in data["joins"]:
        assert x2 > x1 and y1 == y2


def open_page(browser: Browser, path: Path, width: int) -> tuple[Page, list[str]]:
    page = browser.new_page(viewport={"width": width, "height": 800})
    errors: list[str] = []
    page.on("pageerror", lambda error: errors.append(str(error)))
    page.goto(path.as_uri())
    page.wait_for_function(
        "document.querySelector('polyline.sopgen-arrow').getAttribute('points') !== ''")
    return page, errors


def measure(browser: Browser, path: Path, width: int, scroll_left: int = 0) -> dict[str, Any]:
    page, errors = open_page(browser, path, width)
    try:
        if scroll_left:
            page.evaluate(f"document.querySelector('.sopgen-scroll').scrollLeft = {scroll_left}")
        data = page.evaluate(GEOMETRY)
        data["scrolls"] = page.evaluate(
            "(() => { const e = document.querySelector('.sopgen-scroll');"
            " return e.scrollWidth > e.clientWidth; })()")
        data["errors"] = errors
        return data
    finally:
        page.close()


def measure_resized(browser: Browser, path: Path) -> tuple[dict[str, Any], dict[str, Any]]:
    page, errors = open_page(browser, path, 1920)
    try:
        before = page.evaluate(GEOMETRY)
        first = before["arrows"][0]["points"]
        page.set_viewport_size({"width": 390, "height": 800})
        page.wait_for_function(
            "p => document.querySelector('polyline.sopgen-arrow').getAttribute('points') !== p",
            arg=" ".join(",".join(str(v) for v in point) for point in first),
        )
        page.wait_for_timeout(50)
        after = page.evaluate(GEOMETRY)
        before["errors"] = after["errors"] = errors
        return before, after
    finally:
        page.close()


@pytest.mark.parametrize("width", [390, 1024, 1920])
def test_arrows_route_from_box_to_box_around_other_symbols(
    chromium: ChromiumThread, tmp_path: Path, width: int
) -> None:
    for sop in (demak_sop(), long_sop(25)):
        check_geometry(chromium.run(measure, standalone_page(sop, tmp_path), width))


def test_hostile_long_words_and_scrolling_keep_the_routing(
    chromium: ChromiumThread, tmp_path: Path
) -> None:
    path = standalone_page(hostile_sop(), tmp_path)
    unscrolled = chromium.run(measure, path, 390)
    check_geometry(unscrolled)
    assert unscrolled["scrolls"]  # the table scrolls inside its container
    check_geometry(chromium.run(measure, path, 390, 200))  # the overlay moved with the table


def test_resizing_redraws_the_arrows(chromium: ChromiumThread, tmp_path: Path) -> None:
    before, after = chromium.run(measure_resized, standalone_page(demak_sop(), tmp_path))
    check_geometry(before)
    check_geometry(after)
    assert after["arrows"] != before["arrows"]
