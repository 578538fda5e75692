"""Built sites served over HTTP and one headless Chromium, shared by every browser test.

Each site is built once per session with ``sopgen build`` (the real ``sops/`` corpus and the
hostile fixture corpus), served by ``http.server`` on a free port of 127.0.0.1 in a thread.
Chromium is Debian's (``/usr/bin/chromium``, or ``$SOPGEN_CHROMIUM``): nothing is downloaded.
"""

from __future__ import annotations

import os
from collections.abc import Iterator
from pathlib import Path

import pytest
from form_stress import write_stress_corpus
from playwright.sync_api import Browser, Page, Playwright, sync_playwright
from served_sites import (
    CHROMIUM_ARGS,
    HOSTILE_SOPS,
    REAL_SOPS,
    REPO,
    build_configured_site,
    build_site,
    serve,
)

from sopgen.corpus import check_corpus, find_sop_files, sop_id
from sopgen.model import Sop


def pytest_collection_modifyitems(items: list[pytest.Item]) -> None:
    for item in items:
        if Path(str(item.fspath)).is_relative_to(Path(__file__).parent):
            item.add_marker(pytest.mark.browser)


@pytest.fixture(scope="session")
def real_site_dir(tmp_path_factory: pytest.TempPathFactory) -> Path:
    return build_site(REAL_SOPS, tmp_path_factory.mktemp("real-site"))


@pytest.fixture(scope="session")
def hostile_site_dir(tmp_path_factory: pytest.TempPathFactory) -> Path:
    return build_site(HOSTILE_SOPS, tmp_path_factory.mktemp("hostile-site"))


@pytest.fixture(scope="session")
def site_url(real_site_dir: Path) -> str:
    """Base URL (ending in /) of the site built from the real ``sops/`` corpus."""
    return serve(real_site_dir)


@pytest.fixture(scope="session")
def hostile_site_url(hostile_site_dir: Path) -> str:
    """Base URL (ending in /) of the site built from the hostile fixture corpus."""
    return serve(hostile_site_dir)


@pytest.fixture(scope="session")
def full_site_url(tmp_path_factory: pytest.TempPathFactory) -> str:
    """The project's own site (``sops/`` and the guide pages of ``docs/``) with Material's
    ``navigation.instant`` on: base URL ending in /."""
    site = tmp_path_factory.mktemp("full") / "site"
    site.mkdir()
    url = serve(site)  # the port must be known first: instant navigation needs site_url
    build_configured_site(
        REAL_SOPS, site, docs_dir=REPO / "docs", features=("navigation.instant",), site_url=url
    )
    return url


@pytest.fixture(scope="session")
def stress_site(tmp_path_factory: pytest.TempPathFactory) -> tuple[str, list[str]]:
    """The generated stress corpus (`form_stress`) built and served: base URL and SOP ids."""
    folder = write_stress_corpus(tmp_path_factory.mktemp("stress") / "sops")
    site = build_site(folder, tmp_path_factory.mktemp("stress-site"))
    return serve(site), [sop_id(f, folder) for f in find_sop_files([folder])]


@pytest.fixture(scope="session")
def real_sops() -> dict[str, Sop]:
    return {sop.id: sop for sop in check_corpus(REAL_SOPS).sops}


@pytest.fixture(scope="session")
def hostile_sops() -> dict[str, Sop]:
    return {sop.id: sop for sop in check_corpus(HOSTILE_SOPS).sops}


@pytest.fixture(scope="session")
def playwright_instance() -> Iterator[Playwright]:
    with sync_playwright() as playwright:
        yield playwright


@pytest.fixture(scope="session")
def browser(playwright_instance: Playwright) -> Iterator[Browser]:
    chromium = playwright_instance.chromium.launch(
        executable_path=os.environ.get("SOPGEN_CHROMIUM", "/usr/bin/chromium"),
        args=CHROMIUM_ARGS,
        headless=True,
    )
    yield chromium
    chromium.close()


@pytest.fixture
def page(browser: Browser) -> Iterator[Page]:
    """A fresh page (own context: no shared storage between tests), 1280x900 until resized."""
    context = browser.new_context(viewport={"width": 1280, "height": 900})
    new_page = context.new_page()
    yield new_page
    context.close()
