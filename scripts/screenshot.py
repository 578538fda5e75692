"""Take the README's screenshots of a SOP page: ``docs/assets/screenshot-sop-<width>.png``.

Usage (from the repository root)::

    .venv/bin/python scripts/screenshot.py [SOP_ID] [--width 1280] [--output PATH]

Builds the site of ``sops/`` into a temporary folder with ``sopgen build``, serves it on a free
port of 127.0.0.1, and photographs the SOP page from its top to the end of the procedure table
in headless Chromium once its swimlane arrows are drawn. Chromium is Debian's
``/usr/bin/chromium`` unless ``$SOPGEN_CHROMIUM`` names another; nothing is downloaded.
"""

from __future__ import annotations

import argparse
import functools
import http.server
import os
import sys
import tempfile
import threading
from pathlib import Path

from playwright.sync_api import sync_playwright

from sopgen.cli import main as sopgen_main

REPO = Path(__file__).resolve().parents[1]
DEFAULT_SOP = "diskominfo-demak/layanan-aduan-masyarakat"
ARROWS_DRAWN = """() => {
  const arrows = [...document.querySelectorAll('svg.sopgen-arrows polyline.sopgen-arrow')];
  return arrows.length > 0 && arrows.every((a) => (a.getAttribute('points') || '').trim() !== '');
}"""


class _QuietHandler(http.server.SimpleHTTPRequestHandler):
    def log_message(self, format: str, *args: object) -> None:
        del format, args


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("sop_id", nargs="?", default=DEFAULT_SOP)
    parser.add_argument("--width", type=int, default=1280)
    parser.add_argument("--output", type=Path, default=None)
    args = parser.parse_args()
    if args.output is None:
        args.output = REPO / f"docs/assets/screenshot-sop-{args.width}.png"
    with tempfile.TemporaryDirectory(prefix="sopgen-screenshot-") as work:
        site = Path(work) / "site"
        code = sopgen_main(["build", str(REPO / "sops"), "-o", str(site)])
        if code != 0:
            return code
        handler = functools.partial(_QuietHandler, directory=str(site))
        server = http.server.ThreadingHTTPServer(("127.0.0.1", 0), handler)
        threading.Thread(target=server.serve_forever, daemon=True).start()
        try:
            with sync_playwright() as playwright:
                browser = playwright.chromium.launch(
                    executable_path=os.environ.get("SOPGEN_CHROMIUM", "/usr/bin/chromium"),
                    args=["--no-sandbox", "--disable-gpu", "--disable-background-networking"],
                    headless=True,
                )
                page = browser.new_page(viewport={"width": args.width, "height": 900})
                page.goto(f"http://127.0.0.1:{server.server_address[1]}/sop/{args.sop_id}/")
                page.wait_for_function(ARROWS_DRAWN)
                args.output.parent.mkdir(parents=True, exist_ok=True)
                # The identity block and the procedure table: the part that looks like the form.
                bottom = page.evaluate(
                    "() => { const r = document.querySelector('div.sopgen-flow')"
                    ".closest('.sopgen-scroll').getBoundingClientRect();"
                    " return r.bottom + window.scrollY + 24; }"
                )
                page.screenshot(
                    path=str(args.output),
                    full_page=True,
                    clip={"x": 0, "y": 0, "width": args.width, "height": bottom},
                )
                browser.close()
        finally:
            server.shutdown()
    print(f"Tangkapan layar disimpan di {args.output}", file=sys.stderr)
    return 0


if __name__ == "__main__":
    sys.exit(main())
