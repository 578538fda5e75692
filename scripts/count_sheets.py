"""Sheets per SOP when a built site's SOP pages are printed as the browser's print dialog would.

    .venv/bin/python scripts/count_sheets.py SITE_DIR [--kertas a4|f4]

Prints every page ``sop/<id>/`` of a built site with headless Chromium (``page.pdf`` with the
page's own @page size, as "Save as PDF" does) and reports, per SOP, the sheets and the blank ones
(no text at all). Used for the before/after figures of the print work.
"""

from __future__ import annotations

import argparse
import io
import sys
from pathlib import Path

from pypdf import PdfReader

from sopgen.pdf.browser import chromium_page, served


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("site_dir", type=Path)
    parser.add_argument("--kertas", default="a4")
    args = parser.parse_args()
    pages = sorted(p.parent for p in (args.site_dir / "sop").glob("*/*/index.html"))
    print(f"{'SOP':<62} sheets blank")
    with served(args.site_dir) as base, chromium_page() as page:
        for folder in pages:
            sop_id = folder.relative_to(args.site_dir / "sop").as_posix()
            page.set_viewport_size({"width": 1400, "height": 900})
            page.goto(f"{base}sop/{sop_id}/?kertas={args.kertas}")
            page.wait_for_timeout(300)
            reader = PdfReader(io.BytesIO(page.pdf(prefer_css_page_size=True,
                                                   print_background=True)))
            blank = sum(1 for sheet in reader.pages if not sheet.extract_text().strip())
            print(f"{sop_id:<62} {len(reader.pages):>6} {blank:>5}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
