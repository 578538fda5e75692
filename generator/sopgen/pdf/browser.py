"""Debian's Chromium driven by Playwright, and a built site served on 127.0.0.1.

No browser is ever downloaded: the binary is ``/usr/bin/chromium`` (Debian's package
``chromium``) or the one named by ``$SOPGEN_CHROMIUM``. When either Chromium or the Python package
``playwright`` is missing, `PrintUnavailable` says what to install (Indonesian, or English on
request).
"""

from __future__ import annotations

import contextlib
import functools
import http.server
import os
import shutil
import threading
from collections.abc import Iterator
from pathlib import Path
from typing import Any

DEFAULT_CHROMIUM = "/usr/bin/chromium"
CHROMIUM_ARGS = ["--no-sandbox", "--disable-gpu", "--disable-background-networking"]


_MISSING = {
    "chromium": {
        "id": "Peramban Chromium tidak ditemukan ({wanted}). Pasang paket Debian `chromium` "
        "(sudo apt-get install chromium) atau tunjuk berkasnya dengan variabel "
        "SOPGEN_CHROMIUM. sopgen tidak mengunduh peramban sendiri.",
        "en": "The Chromium browser was not found ({wanted}). Install the Debian package "
        "`chromium` (sudo apt-get install chromium) or name the binary in the variable "
        "SOPGEN_CHROMIUM. sopgen never downloads a browser itself.",
    },
    "playwright": {
        "id": "Paket Python `playwright` belum terpasang. Pasang dengan: pip install playwright "
        "(atau pip install 'sopgen[pdf]'); peramban yang dipakai tetap Chromium dari paket "
        "Debian `chromium`, tidak ada yang diunduh.",
        "en": "The Python package `playwright` is not installed. Install it with: pip install "
        "playwright (or pip install 'sopgen[pdf]'); the browser stays the Chromium of the "
        "Debian package `chromium`, nothing is downloaded.",
    },
}


class PrintUnavailable(Exception):
    """Chromium or Playwright is missing; the message names what to install."""


def _missing(what: str, lang: str, **values: str) -> PrintUnavailable:
    texts = _MISSING[what]
    return PrintUnavailable(texts.get(lang, texts["id"]).format(**values))


def chromium_path(lang: str = "id") -> str:
    """The Chromium binary to use, or `PrintUnavailable` naming Debian's package."""
    wanted = os.environ.get("SOPGEN_CHROMIUM") or DEFAULT_CHROMIUM
    found = shutil.which(wanted)
    if found is None:
        raise _missing("chromium", lang, wanted=wanted)
    return found


@contextlib.contextmanager
def chromium_page(viewport_width: int = 1400, lang: str = "id") -> Iterator[Any]:
    """One headless Chromium page (a Playwright ``Page``) for the whole print run."""
    try:
        from playwright.sync_api import sync_playwright
    except ImportError as error:
        raise _missing("playwright", lang) from error
    executable = chromium_path(lang)
    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(
            executable_path=executable, args=CHROMIUM_ARGS, headless=True
        )
        try:
            context = browser.new_context(viewport={"width": viewport_width, "height": 900})
            yield context.new_page()
        finally:
            browser.close()


class _QuietHandler(http.server.SimpleHTTPRequestHandler):
    def log_message(self, format: str, *args: object) -> None:
        del format, args


@contextlib.contextmanager
def served(folder: Path) -> Iterator[str]:
    """Serve a folder on a free port of 127.0.0.1 while the block runs; yields the base URL."""
    handler = functools.partial(_QuietHandler, directory=str(folder))
    server = http.server.ThreadingHTTPServer(("127.0.0.1", 0), handler)
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    try:
        yield f"http://127.0.0.1:{server.server_address[1]}/"
    finally:
        server.shutdown()
        server.server_close()

