"""The SOP lists in the browser: sorting, filtering, the body and unit pages reached from the
nav, phones (cards, no word broken inside), and search ranking an SOP first for its number."""

from __future__ import annotations

import re
from collections import defaultdict

import pytest
from playwright.sync_api import Page, expect

from sopgen.model import Sop

LIST_READY = "() => !!document.querySelector('[data-sopgen-list][data-sopgen-ready]')"
VISIBLE_COLUMN = """(key) => [...document.querySelectorAll('.sopgen-index tbody tr')]
  .filter((row) => !row.hidden)
  .map((row) => row.querySelector(`td[data-kolom="${key}"]`).textContent.trim())"""
BROKEN_WORDS = """() => {
  // A word broken across lines has client rects on more than one line. A break is a fault only
  // when the whole word would have fitted in its box (a word wider than the screen must break).
  const room = (node) => {
    let box = node.parentElement;
    while (getComputedStyle(box).display.startsWith('inline')) box = box.parentElement;
    const style = getComputedStyle(box);
    if (style.display === 'grid') {  // a phone card: label column, then the value column
      return parseFloat(style.gridTemplateColumns.split(' ')[1]);
    }
    return box.clientWidth - parseFloat(style.paddingLeft) - parseFloat(style.paddingRight);
  };
  const broken = [];
  for (const cell of document.querySelectorAll('.sopgen-index td, .sopgen-index th')) {
    const walker = document.createTreeWalker(cell, NodeFilter.SHOW_TEXT);
    for (let node = walker.nextNode(); node; node = walker.nextNode()) {
      const re = /[^\\s\\/-]+/g;
      for (let m = re.exec(node.data); m; m = re.exec(node.data)) {
        const range = document.createRange();
        range.setStart(node, m.index);
        range.setEnd(node, m.index + m[0].length);
        const rects = [...range.getClientRects()];
        const lines = new Set(rects.map((r) => Math.round(r.top)));
        const width = rects.reduce((sum, r) => sum + r.width, 0);
        // Column heads are short words that must never break.
        const fits = cell.tagName === 'TH' || width <= room(node) + 0.5;
        if (lines.size > 1 && fits) broken.push(m[0]);
      }
    }
  }
  return broken;
}"""


def test_the_list_sorts_and_filters_without_a_server(
    page: Page, site_url: str, real_sops: dict[str, Sop]
) -> None:
    page.goto(f"{site_url}sop/")
    page.wait_for_function(LIST_READY)
    rows = page.locator(".sopgen-index tbody tr")
    assert rows.count() == len(real_sops)

    page.locator("th[data-kolom='langkah'] button").click()
    steps = [int(v) for v in page.evaluate(VISIBLE_COLUMN, "langkah")]
    assert steps == sorted(steps) and steps == sorted(len(s.langkah) for s in real_sops.values())
    page.locator("th[data-kolom='langkah'] button").click()
    assert [int(v) for v in page.evaluate(VISIBLE_COLUMN, "langkah")] == sorted(steps)[::-1]
    expect(page.locator("th[data-kolom='langkah']")).to_have_attribute("aria-sort", "descending")

    body = sorted({s.identitas.instansi for s in real_sops.values()})[0]
    page.locator("select[data-saring='instansi']").select_option(body)
    expected = sorted(s.identitas.nomor for s in real_sops.values() if s.identitas.instansi == body)
    assert sorted(page.evaluate(VISIBLE_COLUMN, "nomor")) == expected
    expect(page.locator(".sopgen-list-filter output")).to_have_text(
        f"{len(expected)} dari {len(real_sops)} SOP"
    )
    page.locator("select[data-saring='instansi']").select_option("")

    page.locator("input[data-saring='teks']").fill("DOMISILI")
    names = page.evaluate(VISIBLE_COLUMN, "nama")
    assert names == [s.identitas.nama for s in real_sops.values() if "domisili" in
                     s.identitas.nama.lower()]
    page.locator("input[data-saring='teks']").fill("tidak ada kata seperti ini")
    expect(page.locator(".sopgen-list-empty")).to_be_visible()


def test_the_nav_opens_each_body_and_unit_page(
    page: Page, site_url: str, real_sops: dict[str, Sop]
) -> None:
    units: dict[tuple[str, str], set[str]] = defaultdict(set)
    for sop in real_sops.values():
        units[(sop.identitas.instansi, sop.identitas.satuan_kerja)].add(sop.identitas.nama)
    bodies = sorted({body for body, _ in units})
    for body in bodies:
        page.goto(f"{site_url}sop/")
        # With navigation.indexes the body's entry is a link to its own page.
        page.locator(".md-nav__link", has_text=body).first.click()
        expect(page.locator("h1")).to_have_text(body)
        assert "/daftar/" in page.url
        page.wait_for_function(LIST_READY)
        for (owner, unit), names in units.items():
            if owner != body:
                continue
            page.locator("ul.sopgen-group-links a", has_text=unit).click()
            expect(page.locator("h1")).to_have_text(unit)
            assert set(page.evaluate(VISIBLE_COLUMN, "nama")) == names
            page.go_back()


@pytest.mark.parametrize("width", [390, 1280])
def test_lists_are_readable_on_phones_and_laptops(
    page: Page, site_url: str, stress_site: tuple[str, list[str]], width: int
) -> None:
    page.set_viewport_size({"width": width, "height": 900})
    stress_url = stress_site[0]
    for path in (
        f"{site_url}sop/",
        f"{site_url}sop/daftar/pemerintah-kabupaten-demak/",
        f"{stress_url}sop/",  # long names, a long Nomor, long unit names
        f"{stress_url}sop/daftar/pemerintah-kabupaten-contoh-panjang-sekali/kelurahan-satu/",
    ):
        page.goto(path)
        page.wait_for_function(LIST_READY)
        assert page.evaluate("() => document.documentElement.scrollWidth") <= width
        box = page.locator(".sopgen-list-scroll")
        assert box.evaluate("b => b.scrollWidth <= b.clientWidth + 1"), f"{path} scrolls"
        assert page.evaluate(BROKEN_WORDS) == []
        border = page.locator(".sopgen-index td").first.evaluate(
            "td => getComputedStyle(td).borderBottomStyle"
        )
        assert border == "solid"


def test_search_ranks_the_sop_first_for_its_number(
    page: Page, full_site_url: str, real_sops: dict[str, Sop]
) -> None:
    """On the project's site, whose guide quotes an SOP number in its example file."""
    page.goto(full_site_url)
    for sop in sorted(real_sops.values(), key=lambda s: s.id):
        page.locator("label.md-search__icon, .md-search__input").first.click()
        field = page.locator("input.md-search__input")
        field.fill("")
        field.press_sequentially(sop.identitas.nomor)
        first = page.locator(".md-search-result__item").first
        expect(first).to_be_visible()
        # Material's search answers from a web worker: until it has the whole number the list
        # may still show the previous query's results. Wait for it to settle, then check again.
        wanted = re.compile(rf"sop/{re.escape(sop.id)}/")
        expect(first.locator("a").first).to_have_attribute("href", wanted, timeout=10_000)
        page.wait_for_timeout(300)
        href = first.locator("a").first.get_attribute("href") or ""
        assert wanted.search(href), (sop.identitas.nomor, href)
        page.keyboard.press("Escape")
