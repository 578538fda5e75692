"""`sopgen export` built by Zensical (Material's successor, which ignores MkDocs plugins): the
SOP pages keep their routed swimlane arrows and a working simulator."""

from __future__ import annotations

import datetime as dt
import json
import subprocess
import sys
from pathlib import Path

import pytest
import yaml
from playwright.sync_api import Page
from served_sites import REAL_SOPS, serve

from sopgen.calendar.file import calendar_for_corpus
from sopgen.cli import main
from sopgen.model import Scenario, Sop
from sopgen.simulate.walk import iso_time, run_scenario

SOP_ID = "diskominfo-demak/layanan-aduan-masyarakat"


def zensical_site(folder: Path) -> Path:
    """Export the real corpus into ``folder/docs`` and build it with Zensical."""
    assert main(["export", str(folder / "docs"), "--sops-dir", str(REAL_SOPS),
                 "--cache-dir", str(folder / "cache")]) == 0
    (folder / "docs" / "index.md").write_text("# Beranda\n", "utf-8")
    nav = yaml.safe_load((folder / "sopgen-nav.yml").read_text("utf-8"))["nav"]
    config = {
        "site_name": "SOP", "docs_dir": "docs", "site_dir": "site", "nav": ["index.md", *nav],
        "theme": {"language": "id", "font": False},
        "markdown_extensions": ["tables", "attr_list", "admonition", {"toc": {"permalink": True}}],
    }
    (folder / "mkdocs.yml").write_text(json.dumps(config, ensure_ascii=False), "utf-8")
    zensical = Path(sys.executable).parent / "zensical"
    done = subprocess.run([str(zensical), "build"], cwd=folder, capture_output=True, text=True,
                          check=False, timeout=300)
    assert done.returncode == 0, done.stdout + done.stderr
    return folder / "site"


@pytest.fixture(scope="module")
def export_url(tmp_path_factory: pytest.TempPathFactory) -> str:
    return serve(zensical_site(tmp_path_factory.mktemp("zensical")))


@pytest.fixture(scope="module")
def sop() -> Sop:
    from sopgen.corpus import check_corpus

    return next(s for s in check_corpus(REAL_SOPS).sops if s.id == SOP_ID)


def test_the_exported_page_routes_its_arrows(page: Page, export_url: str, sop: Sop) -> None:
    page.goto(f"{export_url}sop/{SOP_ID}/", wait_until="domcontentloaded")
    page.wait_for_function(
        "() => { const a = [...document.querySelectorAll('polyline.sopgen-arrow')];"
        " return a.length > 0 && a.every((p) => (p.getAttribute('points') || '').trim()); }",
        timeout=15000,
    )
    boxes = page.evaluate(
        """() => {
          // The overlay draws with overflow visible over the whole flow (table) box.
          const overlay = document.querySelector('.sopgen-flow').getBoundingClientRect();
          return [...document.querySelectorAll('polyline.sopgen-arrow')].map((p) => ({
            points: p.getAttribute('points').trim().split(/\\s+/)
              .map((xy) => xy.split(',').map(Number)),
            width: overlay.width, height: overlay.height}));
        }"""
    )
    assert len(boxes) >= len(sop.langkah) - 1
    for arrow in boxes:
        assert len(arrow["points"]) >= 2
        for x, y in arrow["points"]:
            assert 0 <= x <= arrow["width"] + 1 and 0 <= y <= arrow["height"] + 1
    # The stylesheet came with the page: the procedure table is laid out as a swimlane.
    assert page.evaluate(
        "() => getComputedStyle(document.querySelector('.sopgen-flow')).position"
    ) == "relative"


def test_the_exported_simulator_agrees_with_python(
    page: Page, export_url: str, sop: Sop
) -> None:
    calendar, _ = calendar_for_corpus(REAL_SOPS)
    page.goto(f"{export_url}sop/{SOP_ID}/", wait_until="domcontentloaded")
    form = page.locator("[data-sopgen-simulator]")
    done = form.locator(".sopgen-sim-selesai time")

    def python(masuk: dt.datetime, telaah: bool) -> dt.datetime:
        return run_scenario(sop, Scenario("x", masuk, {"telaah": (telaah,)}), calendar).selesai

    masuk = dt.datetime(2026, 12, 23, 15, 45)
    form.locator("input[type='datetime-local']").fill(masuk.strftime("%Y-%m-%dT%H:%M"))
    assert done.get_attribute("data-iso") == iso_time(python(masuk, True))
    form.locator("fieldset[data-key='telaah'] input[value='tidak']").check()
    assert done.get_attribute("data-iso") == iso_time(python(masuk, False))


def test_links_between_exported_pages_resolve(page: Page, export_url: str) -> None:
    page.goto(f"{export_url}sop/", wait_until="domcontentloaded")
    link = page.locator("table.sopgen-index a").first
    link.click()
    page.wait_for_load_state("domcontentloaded")
    assert page.url.startswith(f"{export_url}sop/") and page.url.endswith("/")
    assert page.locator("table.sopgen-procedure").count() == 1
    source = page.locator("a[href$='.yaml']").first
    response = page.request.get(page.url + (source.get_attribute("href") or ""))
    assert response.ok and b"versi_format" in response.body()
