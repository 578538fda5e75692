"""Material's search finds SOP text: the generated pages are in its index."""

from __future__ import annotations

import re

from playwright.sync_api import Page, expect

from sopgen.model import Sop


def test_search_finds_a_word_from_a_sops_steps(
    page: Page, site_url: str, real_sops: dict[str, Sop]
) -> None:
    sop = real_sops["diskominfo-demak/layanan-aduan-masyarakat"]
    word = "mengarsipkan"
    assert any(word in text.lower() for step in sop.langkah for text in step.kegiatan)
    page.goto(site_url)
    page.locator("label.md-search__icon, .md-search__input").first.click()
    # Material reacts to key events, so type the word as a person would.
    page.locator("input.md-search__input").press_sequentially(word)
    result = page.locator(".md-search-result__item").first
    expect(result).to_be_visible()
    expect(page.locator(".md-search-result__list")).to_contain_text(
        re.compile(word, re.IGNORECASE)
    )
    hit = page.locator('.md-search-result__list a[href*="sop/diskominfo-demak/layanan-aduan"]')
    expect(hit.first).to_be_attached()
