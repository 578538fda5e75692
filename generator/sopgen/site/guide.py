"""The drafting guide for bureau staff (``panduan.md``, Indonesian): every site and every export
gets it at `GUIDE_URI` unless the body's ``docs/`` has its own there. No MkDocs import: the
plugin (`files.add_support_files`) and the engine-neutral export (`export`) both use it."""

from __future__ import annotations

from pathlib import Path

GUIDE_URI = "panduan/index.md"


def guide_source() -> Path:
    return Path(__file__).with_name("panduan.md")
