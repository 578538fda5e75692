"""Material's ``navigation.instant``: pages swap without a reload, and every script of ours
runs again on the new page (swimlane arrows, the simulator with its data, the lists).

Material re-creates each inline ``<script>`` of the new page without its ``type``, so a JSON
``<script type="application/json">`` would be run as JavaScript ("Unexpected token ':'"); the
simulator's data travels in a ``<template>`` instead. The test clicks from page to page as a
reader would and checks that no page error occurred and no full reload happened.
"""

from __future__ import annotations

from pathlib import Path

import pytest
from playwright.sync_api import Page, expect
from served_sites import ARROWS_DRAWN, REAL_SOPS, build_configured_site

from sopgen.model import Sop

SIMULATOR_FILLED = """() => {
  const root = document.querySelector('[data-sopgen-simulator]');
  return !!root && root.getAttribute('data-sopgen-ready') === '1'
    && root.querySelectorAll('tbody tr').length > 0
    && !!root.querySelector('.sopgen-sim-selesai time');
}"""

LIST_READY = "() => !!document.querySelector('[data-sopgen-list][data-sopgen-ready]')"


def _open_by_link(page: Page, href_part: str) -> None:
    page.locator(f'article a[href*="{href_part}"]').first.click()
    page.wait_for_url(f"**/{href_part}**")


def test_instant_navigation_reruns_every_script(
    page: Page, full_site_url: str, real_sops: dict[str, Sop]
) -> None:
    errors: list[str] = []
    page.on("pageerror", lambda error: errors.append(str(error)))
    page.goto(f"{full_site_url}sop/")
    assert page.evaluate("() => !!(window.document$ && window.document$.subscribe)")
    page.evaluate("() => { window.sopgenNoReload = true; }")
    visited = sorted(real_sops)[:3]
    for sop_id in visited:
        # Back to the list by its nav entry, then into the SOP from the list: both instant.
        page.locator('.md-nav a[href$="sop/"]').first.click()
        page.wait_for_function(LIST_READY)
        _open_by_link(page, f"{sop_id}/")
        page.wait_for_function(ARROWS_DRAWN)
        page.wait_for_function(SIMULATOR_FILLED)
        title = page.locator("h1").first.text_content() or ""
        assert real_sops[sop_id].identitas.nama.split()[0] in title
        # The simulator answers on this page: another arrival changes the completion.
        form = page.locator("[data-sopgen-simulator]")
        done = form.locator(".sopgen-sim-selesai time")
        before = done.get_attribute("data-iso")
        form.locator("input[type='datetime-local']").fill("2026-12-23T15:45")
        expect(done).not_to_have_attribute("data-iso", before or "")
    assert page.evaluate("() => window.sopgenNoReload === true"), "a click reloaded the page"
    assert errors == []



@pytest.fixture(scope="module")
def offline_site(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The corpus with Material's offline plugin (and instant navigation asked for), opened
    from the file system as an office without a web server would."""
    site = tmp_path_factory.mktemp("offline") / "site"
    return build_configured_site(
        REAL_SOPS, site, features=("navigation.instant",), plugins=("offline",)
    )


def test_the_offline_site_runs_every_script_from_files(
    page: Page, offline_site: Path, real_sops: dict[str, Sop]
) -> None:
    errors: list[str] = []
    page.on("pageerror", lambda error: errors.append(str(error)))
    sop_id = sorted(real_sops)[0]
    page.goto((offline_site / "sop" / f"{sop_id}.html").as_uri())
    page.wait_for_function(ARROWS_DRAWN)
    page.wait_for_function(SIMULATOR_FILLED)
    page.goto((offline_site / "sop" / "index.html").as_uri())
    page.wait_for_function(LIST_READY)
    assert errors == []
