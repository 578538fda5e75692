"""The SOP form on phones, laptops and desktops (390, 1280, 1920 px; light and dark), on the
real corpus and on a generated stress corpus (eight actors, long words, a long Nomor).

Measured from the real layout: the page itself never scrolls sideways; the identity block's
labels never overlap their values; the procedure table keeps its header row and its No and
Kegiatan columns in view while its box scrolls, and says that it scrolls exactly when it does;
at 1280 px every corpus SOP fits without scrolling; grid lines reach 3:1 against the page;
charts open full size; keyboard focus is visible on the simulator's radios.
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
from form_stress import write_stress_corpus
from playwright.sync_api import Browser, Page, expect
from served_sites import ARROWS_DRAWN, REAL_SOPS

from sopgen.corpus import find_sop_files, sop_id

CORPUS_IDS = [sop_id(file, REAL_SOPS) for file in find_sop_files([REAL_SOPS])]

MEASURE = r"""() => {
  const rect = (el) => el.getBoundingClientRect();
  const overlaps = (a, b) => a.left < b.right - 1 && b.left < a.right - 1
    && a.top < b.bottom - 1 && b.top < a.bottom - 1;
  const out = {pageWidth: document.documentElement.scrollWidth, overprints: []};
  for (const th of document.querySelectorAll('.sopgen-identity-head th')) {
    const td = th.nextElementSibling;
    if (td && overlaps(rect(th), rect(td))) out.overprints.push(th.textContent.trim());
    if (th.scrollWidth > th.clientWidth + 1) out.overprints.push('overflow ' + th.textContent);
  }
  const box = document.querySelector('.sopgen-flow').closest('.sopgen-scroll');
  out.scrollsX = box.scrollWidth > box.clientWidth + 1;
  out.scrollsY = box.scrollHeight > box.clientHeight + 1;
  const hint = box.previousElementSibling;
  out.hint = !!hint && hint.classList.contains('sopgen-scroll-hint') && !hint.hidden
    && rect(hint).height > 0;
  // Scroll the box both ways: the header row and the No/Kegiatan columns must stay put.
  box.scrollLeft = box.scrollWidth;
  box.scrollTop = Math.min(200, box.scrollHeight - box.clientHeight);
  const row = [...box.querySelectorAll('tbody tr[data-step]')]
    .find((r) => rect(r).top > rect(box.querySelector('thead')).bottom);
  const b = rect(box);
  out.noOffset = rect(row.querySelector('td.sopgen-no')).left - b.left;
  out.kegiatanOffset = rect(row.querySelector('td.sopgen-kegiatan')).left
    - rect(row.querySelector('td.sopgen-no')).right;
  out.headOffset = rect(box.querySelector('thead')).top - b.top;
  const cell = box.querySelector('tbody td.sopgen-lane');
  out.grid = getComputedStyle(cell).borderRightColor;
  // The page colour: the first opaque background from the table cell outwards.
  let el = cell;
  while (el && getComputedStyle(el).backgroundColor.match(/rgba\(.*, 0\)$|transparent/)) {
    el = el.parentElement;
  }
  out.mainBackground = el ? getComputedStyle(el).backgroundColor : 'rgb(255, 255, 255)';
  box.scrollLeft = 0;
  box.scrollTop = 0;
  return out;
}"""


def _rgba(text: str) -> tuple[float, float, float, float]:
    values = [float(v) for v in re.findall(r"[\d.]+", text)] + [1.0]
    return values[0], values[1], values[2], values[3]


def contrast(colour: str, background: str) -> float:
    """WCAG contrast of ``colour`` drawn over ``background`` (alpha blended, as painted)."""
    br, bg, bb, _ = _rgba(background)
    r, g, b, alpha = _rgba(colour)
    pairs = zip((r, g, b), (br, bg, bb), strict=True)
    painted = tuple(c * alpha + back * (1 - alpha) for c, back in pairs)

    def luminance(rgb: tuple[float, ...]) -> float:
        def channel(c: float) -> float:
            c /= 255
            return c / 12.92 if c <= 0.03928 else ((c + 0.055) / 1.055) ** 2.4

        red, green, blue = (channel(c) for c in rgb)
        return 0.2126 * red + 0.7152 * green + 0.0722 * blue

    high, low = sorted((luminance(painted), luminance((br, bg, bb))), reverse=True)
    return (high + 0.05) / (low + 0.05)


def _pages(browser: Browser, width: int, scheme: str) -> Iterator[Page]:
    context = browser.new_context(viewport={"width": width, "height": 900}, color_scheme=scheme)
    try:
        yield context.new_page()
    finally:
        context.close()


def problems(found: dict[str, Any], width: int, corpus: bool) -> list[str]:
    out = []
    if found["pageWidth"] > width:
        out.append(f"page is {found['pageWidth']} px wide")
    if found["overprints"]:
        out.append(f"identity labels overprint: {found['overprints']}")
    if found["hint"] != found["scrollsX"]:
        out.append(f"scroll hint {found['hint']} while the table scrolls: {found['scrollsX']}")
    if abs(found["noOffset"]) > 2 or abs(found["kegiatanOffset"]) > 2:
        out.append(f"No/Kegiatan not sticky: {found['noOffset']}, {found['kegiatanOffset']}")
    if found["scrollsY"] and abs(found["headOffset"]) > 2:
        out.append(f"header row not sticky: {found['headOffset']}")
    if corpus and width >= 1280 and found["scrollsX"]:
        out.append("the procedure table scrolls sideways at laptop width")
    ratio = contrast(found["grid"], found["mainBackground"])
    if ratio < 3:
        out.append(f"grid lines {found['grid']} on {found['mainBackground']}: {ratio:.2f}:1")
    return out


@pytest.mark.parametrize(
    ("width", "scheme"), [(390, "light"), (390, "dark"), (1280, "light"), (1920, "dark")]
)
def test_the_form_on_every_screen(
    browser: Browser, site_url: str, stress_site: tuple[str, list[str]], width: int, scheme: str
) -> None:
    stress_url, stress_ids = stress_site
    report: dict[str, list[str]] = {}
    for page in _pages(browser, width, scheme):
        for base, ids, corpus in ((site_url, CORPUS_IDS, True), (stress_url, stress_ids, False)):
            for key in ids:
                page.goto(f"{base}sop/{key}/")
                page.wait_for_function(ARROWS_DRAWN)
                page.wait_for_timeout(50)  # the ResizeObserver's hint update
                found = page.evaluate(MEASURE)
                if width == 390:
                    assert found["scrollsX"], f"{key}: the measure must see a scrolling table"
                trouble = problems(found, width, corpus)
                if trouble:
                    report[key] = trouble
    assert report == {}


def test_the_checks_can_fail() -> None:
    assert contrast("rgb(0, 0, 0)", "rgb(255, 255, 255)") == pytest.approx(21, abs=0.01)
    assert contrast("rgba(0, 0, 0, 0.12)", "rgb(255, 255, 255)") < 3  # Material's own
    bad = {"pageWidth": 500, "overprints": ["Nomor SOP"], "hint": False, "scrollsX": True,
           "scrollsY": True, "noOffset": 40, "kegiatanOffset": 0, "headOffset": 30,
           "grid": "rgb(230, 230, 230)", "mainBackground": "rgb(255, 255, 255)"}
    assert len(problems(bad, 390, True)) == 6


def test_charts_open_full_size_on_a_phone(browser: Browser, site_url: str) -> None:
    for page in _pages(browser, 390, "light"):
        page.goto(f"{site_url}sop/{CORPUS_IDS[0]}/")
        for figure in (".sopgen-diagram", ".sopgen-gantt-figure"):
            page.locator(f"{figure} button.sopgen-zoom").first.click()
            dialog = page.locator("dialog.sopgen-zoom-dialog[open]")
            expect(dialog).to_be_visible()
            svg = dialog.locator("svg").first
            natural = svg.evaluate("s => s.viewBox.baseVal.width")
            assert svg.evaluate("s => s.getBoundingClientRect().width") >= natural
            page.keyboard.press("Escape")
            expect(page.locator("dialog.sopgen-zoom-dialog")).to_have_count(0)


def test_keyboard_focus_is_visible_on_the_simulator_radios(page: Page, site_url: str) -> None:
    page.goto(f"{site_url}sop/diskominfo-demak/layanan-aduan-masyarakat/")
    page.locator("[data-sopgen-simulator] input[type='datetime-local']").focus()
    for _ in range(12):
        page.keyboard.press("Tab")
        if page.evaluate("() => document.activeElement.type") == "radio":
            break
    style = page.evaluate(
        "() => { const s = getComputedStyle(document.activeElement);"
        " return [document.activeElement.type, s.outlineStyle, parseFloat(s.outlineWidth)]; }"
    )
    assert style[0] == "radio" and style[1] != "none" and style[2] >= 2, style


def test_stress_corpus_is_written(tmp_path: Path) -> None:
    folder = write_stress_corpus(tmp_path)
    assert len(list(folder.glob("*/*.yaml"))) == 3


FOCUSED = """() => {
  const e = document.activeElement;
  // Tab from a date field's last part leaves the input active but unfocused for a moment.
  if (!e || !e.matches(':focus') || !e.closest('[class*=sopgen]')) return null;
  const s = getComputedStyle(e);
  const name = `${e.tagName}.${e.className} in ${e.closest('[class*=sopgen]').className}`;
  return [name + ' ' + (e.textContent || '').slice(0, 20), s.outlineStyle,
          parseFloat(s.outlineWidth)];
}"""


@pytest.mark.parametrize("path", ["sop/diskominfo-demak/layanan-aduan-masyarakat/", "sop/"])
def test_keyboard_focus_is_visible_on_every_control_of_ours(
    page: Page, site_url: str, path: str
) -> None:
    page.goto(f"{site_url}{path}")
    page.locator("article h1").first.click()  # start the Tab walk in the content
    visited: list[tuple[str, str, float]] = []
    for _ in range(80):
        page.keyboard.press("Tab")
        found = page.evaluate(FOCUSED)
        if found is not None:
            visited.append((found[0], found[1], found[2]))
    assert len({name for name, _, _ in visited}) >= 2, visited
    invisible = [v for v in visited if v[1] == "none" or v[2] < 2]
    assert invisible == [], invisible
