"""One SOP page printed to PDF by Chromium, with the document's title and author set.

The page does the layout work itself (print stylesheet, ``swimlane_print.js``); here the paper
is chosen through the page's ``?kertas=`` parameter, the PDF is asked for with the page's own
@page size, and pypdf writes the metadata Chromium leaves out (Chromium takes only <title>).
"""

from __future__ import annotations

import io
from dataclasses import dataclass
from typing import Any

from pypdf import PdfReader, PdfWriter

from ..model import Sop

PAPERS = {"a4": (297.0, 210.0), "f4": (330.0, 215.0)}  # landscape sheet, mm
DEFAULT_PAPER = "a4"
ARROWS_DRAWN = """() => {
  const arrows = [...document.querySelectorAll('svg.sopgen-arrows polyline.sopgen-arrow')];
  return arrows.every((a) => (a.getAttribute('points') || '').trim() !== '');
}"""
LOAD_TIMEOUT_MS = 30_000


@dataclass(frozen=True)
class PrintedSop:
    pdf: bytes
    sheets: int
    report: dict[str, Any] | None  # what swimlane_print.js did: sheet height, breaks, geometry


def page_url(base_url: str, sop: Sop) -> str:
    """The SOP's page in a site built by sopgen (directory URLs)."""
    return f"{base_url}sop/{sop.id}/"


def print_sop(page: Any, base_url: str, sop: Sop, paper: str = DEFAULT_PAPER) -> PrintedSop:
    """Print one SOP page of a served site with a Playwright page; metadata set."""
    page.goto(f"{page_url(base_url, sop)}?kertas={paper}", timeout=LOAD_TIMEOUT_MS)
    page.wait_for_function(ARROWS_DRAWN, timeout=LOAD_TIMEOUT_MS)
    raw = page.pdf(prefer_css_page_size=True, print_background=True)
    last = page.evaluate("window.sopgenPrint && window.sopgenPrint.last")
    report = last[0] if last else None
    pdf = with_metadata(raw, **sop_metadata(sop))
    return PrintedSop(pdf=pdf, sheets=len(PdfReader(io.BytesIO(pdf)).pages), report=report)


def sop_metadata(sop: Sop) -> dict[str, str]:
    identity = sop.identitas
    return {
        "title": identity.nama,
        "author": f"{identity.satuan_kerja}, {identity.instansi}",
        "subject": f"SOP {identity.nomor}",
    }


def with_metadata(pdf: bytes, *, title: str, author: str, subject: str = "") -> bytes:
    """The same PDF with /Title, /Author, /Subject and /Creator set."""
    writer = PdfWriter(clone_from=PdfReader(io.BytesIO(pdf)))
    metadata = {"/Title": title, "/Author": author, "/Creator": "sopgen"}
    if subject:
        metadata["/Subject"] = subject
    writer.add_metadata(metadata)
    out = io.BytesIO()
    writer.write(out)
    return out.getvalue()
