"""The page cache: every SOP's rendered parts, stored under a content hash of all they depend on.

A SOP page is a function of the SOP file, the office calendar, the templates, the sopgen code and
a few facts of the site around it (its URLs, the names of the SOPs it links to, its last-change
date). `build_key` hashes all of them, so a hit is always the page a fresh render would give, and
a rebuild after one SOP changed renders that SOP only. The code is part of the key through a digest
of the package's Python files, not only its version number: a developer's edit invalidates too.

Three files per entry under ``<cache_dir>/pages/``: ``<key>.md`` (the page Markdown, which
MkDocs reads itself, only when it builds the page), ``<key>.blocks.json`` (the raw HTML blocks,
needed while MkDocs converts the page) and ``<key>.late.json`` (the diagram and the simulation
section, needed only when the page is written). The plugin keeps none of them in memory, so a
5,000-SOP build does not hold 5,000 rendered pages at once, and a dirty ``serve`` rebuild never
reads the pages it skips.
"""

from __future__ import annotations

import hashlib
import json
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from ..atomic import write_atomically
from ..fingerprint import code_digest
from ..render.templates import template_search_path

PAGES_FOLDER = "pages"
CACHE_FORMAT = 1  # bump when the layout of an entry changes


@dataclass(frozen=True)
class EarlyParts:
    """What MkDocs needs to convert the page: Markdown with slots, and the lifted blocks."""

    markdown: str
    blocks: tuple[str, ...]


@dataclass(frozen=True)
class LateParts:
    """What goes into the finished HTML: the inline diagram ("" if none) and simulation."""

    diagram_svg: str
    simulation_html: str


def folder_digest(folders: list[Path]) -> str:
    """A digest of every file below these folders (names and bytes), in a stable order."""
    digest = hashlib.sha256()
    for folder in folders:
        if not folder.is_dir():
            continue
        for path in sorted(p for p in folder.rglob("*") if p.is_file()):
            digest.update(path.relative_to(folder).as_posix().encode() + b"\0")
            digest.update(path.read_bytes())
        digest.update(b"\1")
    return digest.hexdigest()


def templates_digest(template_dir: Path | None) -> str:
    return folder_digest(template_search_path(template_dir))


def file_digest(path: Path | None) -> str:
    """The digest of one file's bytes, ``-`` when there is no such file."""
    if path is None or not path.is_file():
        return "-"
    return hashlib.sha256(path.read_bytes()).hexdigest()


def build_key(site_digest: str, sop_file: Path, facts: dict[str, Any]) -> str:
    """The cache key of one SOP page: the site-wide digest (code, templates, calendar), the
    SOP file's bytes and the page's facts (URLs, linked titles, dates: JSON-able values)."""
    digest = hashlib.sha256(site_digest.encode())
    digest.update(sop_file.read_bytes())
    digest.update(json.dumps(facts, sort_keys=True, ensure_ascii=False, default=str).encode())
    return digest.hexdigest()


def site_digest(*, template_dir: Path | None, calendar_file: Path | None) -> str:
    """Everything every page depends on: cache format, code, templates, calendar."""
    parts = [str(CACHE_FORMAT), code_digest(), templates_digest(template_dir),
             file_digest(calendar_file)]
    return hashlib.sha256("\n".join(parts).encode()).hexdigest()


class PageCache:
    """Rendered parts by key, in ``<cache_dir>/pages``; unreadable entries count as misses."""

    def __init__(self, cache_dir: Path) -> None:
        self.folder = cache_dir / PAGES_FOLDER

    def markdown_file(self, key: str) -> Path:
        return self.folder / f"{key}.md"

    def blocks(self, key: str) -> tuple[str, ...] | None:
        data = self._read(key, "blocks")
        return None if data is None else tuple(data["blocks"])

    def late(self, key: str) -> LateParts | None:
        data = self._read(key, "late")
        if data is None:
            return None
        return LateParts(data["diagram_svg"], data["simulation_html"])

    def has(self, key: str) -> bool:
        return self.markdown_file(key).is_file()

    def store(self, key: str, early: EarlyParts, late: LateParts) -> bool:
        """Write the parts (the Markdown last, so a present ``.md`` means a whole entry);
        False when the folder cannot be written (the build then keeps the parts in memory)."""
        try:
            write_atomically(self.folder / f"{key}.late.json", json.dumps(
                {"diagram_svg": late.diagram_svg, "simulation_html": late.simulation_html},
                ensure_ascii=False))
            write_atomically(self.folder / f"{key}.blocks.json", json.dumps(
                {"blocks": list(early.blocks)}, ensure_ascii=False))
            write_atomically(self.markdown_file(key), early.markdown)
        except OSError:
            return False
        return True

    def _read(self, key: str, part: str) -> dict[str, Any] | None:
        try:
            data = json.loads((self.folder / f"{key}.{part}.json").read_text(encoding="utf-8"))
        except (OSError, ValueError):
            return None
        return data if isinstance(data, dict) else None


