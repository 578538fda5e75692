"""The plugin option ``pdf: true``: each SOP page offers its printed form as a PDF download.

Run after the site is built (the PDF is printed from the built page, so it is exactly what the
print button gives). Each PDF is cached in the cache folder under the hash of what decides it:
the page's HTML, sopgen's and the theme's CSS and JavaScript, and the paper; an unchanged SOP
is never printed again, and Chromium is not even started when nothing changed. The PDF lands
beside the page as ``<name>.pdf`` and the page's print tools get a link to it.
"""

from __future__ import annotations

import hashlib
import shutil
from collections.abc import Sequence
from html import escape
from pathlib import Path

from ..model import Sop
from ..render.templates import PDF_SLOT
from .browser import PrintUnavailable, chromium_page, served
from .printer import DEFAULT_PAPER, print_sop

__all__ = ["PDF_SLOT", "PrintUnavailable", "add_pdf_downloads", "pdf_file_name"]

CACHE_VERSION = "1"
_ASSET_SUFFIXES = (".css", ".js")


def _assets_digest(site_dir: Path) -> str:
    digest = hashlib.sha256()
    for folder in ("assets/sopgen", "assets/stylesheets", "assets/javascripts"):
        base = site_dir / folder
        if not base.is_dir():
            continue
        for file in sorted(base.rglob("*")):
            if file.is_file() and file.suffix in _ASSET_SUFFIXES:
                digest.update(file.relative_to(site_dir).as_posix().encode())
                digest.update(file.read_bytes())
    return digest.hexdigest()


def pdf_file_name(sop: Sop) -> str:
    return f"{sop.id.rsplit('/', 1)[-1]}.pdf"


def add_pdf_downloads(
    site_dir: Path, sops: Sequence[Sop], cache_dir: Path, paper: str = DEFAULT_PAPER,
    lang: str = "id",
) -> int:
    """Put each SOP's PDF beside its built page and link it; returns how many were printed."""
    assets = _assets_digest(site_dir)
    jobs = []
    for sop in sops:
        page_file = site_dir / "sop" / sop.id / "index.html"
        if not page_file.is_file():
            continue
        html = page_file.read_text(encoding="utf-8")
        key = hashlib.sha256(
            "\0".join((CACHE_VERSION, paper, assets, html)).encode("utf-8")
        ).hexdigest()
        jobs.append((sop, page_file, html, cache_dir / "pdf" / f"{key}.pdf"))
    missing = [job for job in jobs if not job[3].is_file()]
    if missing:
        with served(site_dir) as base, chromium_page(lang=lang) as page:
            for sop, _, _, cached in missing:
                cached.parent.mkdir(parents=True, exist_ok=True)
                cached.write_bytes(print_sop(page, base, sop, paper).pdf)
    for sop, page_file, html, cached in jobs:
        name = pdf_file_name(sop)
        shutil.copyfile(cached, page_file.parent / name)
        link = (f'<a class="md-button sopgen-pdf-link" href="{escape(name)}" download>'
                "Unduh PDF</a>")
        page_file.write_text(html.replace(PDF_SLOT, link, 1), encoding="utf-8")
    return len(missing)
