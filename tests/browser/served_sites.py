"""Where the test sites come from and how they are served (shared by conftest and the tests)."""

from __future__ import annotations

import functools
import http.server
import threading
from pathlib import Path

from sopgen.cli import main as sopgen_main

TESTS = Path(__file__).resolve().parents[1]
REPO = TESTS.parent
REAL_SOPS = REPO / "sops"
HOSTILE_SOPS = TESTS / "fixtures" / "hostile" / "sops"
SCREENSHOTS = REPO / "test-artifacts" / "screenshots"
ARROWS_DRAWN = """() => {
  const arrows = [...document.querySelectorAll('svg.sopgen-arrows polyline.sopgen-arrow')];
  return arrows.length > 0 && arrows.every((a) => (a.getAttribute('points') || '').trim() !== '');
}"""
"""A wait condition: the swimlane script has drawn every arrow of the page."""
CHROMIUM_ARGS = ["--no-sandbox", "--disable-gpu", "--disable-background-networking"]


def build_site(sops_dir: Path, site_dir: Path) -> Path:
    """Build the default site of a SOP folder; fails the session if the build fails."""
    code = sopgen_main(["build", str(sops_dir), "-o", str(site_dir)])
    assert code == 0, f"sopgen build {sops_dir} exited with {code}"
    return site_dir


class _QuietHandler(http.server.SimpleHTTPRequestHandler):
    def log_message(self, format: str, *args: object) -> None:
        del format, args


@functools.cache
def serve(site_dir: Path) -> str:
    """Serve a built site on a free port of 127.0.0.1 in a daemon thread; its base URL."""
    handler = functools.partial(_QuietHandler, directory=str(site_dir))
    server = http.server.ThreadingHTTPServer(("127.0.0.1", 0), handler)
    threading.Thread(target=server.serve_forever, daemon=True).start()
    return f"http://127.0.0.1:{server.server_address[1]}/"


def build_configured_site(
    sops_dir: Path,
    site_dir: Path,
    *,
    docs_dir: Path | None = None,
    features: tuple[str, ...] = (),
    plugins: tuple[str, ...] = (),
    site_url: str | None = None,
) -> Path:
    """Build the site of a SOP folder (and hand-written pages of ``docs_dir``) with extra
    Material features (``navigation.instant`` needs ``site_url``) through MkDocs' own API."""
    from mkdocs.commands.build import build
    from mkdocs.config import load_config

    from sopgen.site.config import THEME, default_config, write_config

    work = site_dir.parent / f"{site_dir.name}-project"
    docs = docs_dir or work / "docs"
    docs.mkdir(parents=True, exist_ok=True)
    config = default_config(sops_dir, docs, site_dir=site_dir, cache_dir=work / "cache")
    config["theme"] = {**THEME, "features": [*THEME["features"], *features]}
    config["plugins"] = [*config["plugins"][:-1], *plugins, config["plugins"][-1]]
    if site_url is not None:
        config["site_url"] = site_url
    build(load_config(config_file=str(write_config(config, work))))
    return site_dir
