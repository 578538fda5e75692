"""The site navigation: bodies and their work units, never the SOPs themselves.

Material prints the navigation on every page, so a nav that lists SOPs makes every page (and the
time to render it) grow with the corpus: at 1,000 SOPs the nav was 335 KB of each 483 KB page.
Here the nav lists the SOP index, then one section per body (`identitas.instansi`) holding one
link per work unit (`identitas.satuan_kerja`); a unit's link opens its index page, which lists
that unit's SOPs. SOP pages are outside the nav; the plugin puts each SOP page under its body's
section, so the body the reader is in stays open and shows its units. The nav of any page then
holds the bodies plus the units of one body: it grows with the government's structure, not with
its number of SOPs.

Nothing here imports MkDocs: the plugin turns `nav_section` into nav config and `unit_pages`
into generated files.
"""

from __future__ import annotations

import hashlib
import re
import unicodedata
from collections.abc import Iterable
from dataclasses import dataclass

from ..model import Sop
from .index import INDEX_URI, one_line, sop_order

UNIT_FOLDER = "satuan-kerja"
"""Folder of the generated work-unit index pages (``satuan-kerja/<body>/<unit>.md``).

Outside ``sop/``, so no SOP id (a path below ``sops/``) can collide with a unit page."""

NavItem = str | dict[str, "str | list[NavItem]"]


@dataclass(frozen=True)
class Unit:
    """One work unit of one body, its index page and its SOPs in Nomor order."""

    instansi: str
    satuan_kerja: str
    uri: str
    sops: tuple[Sop, ...]


SLUG_LIMIT = 60  # characters: a folder name must stay far below the file system's 255 bytes


def slug(text: str) -> str:
    """A URL-safe, lower-case ASCII name: ``Dinas Komunikasi & Informatika`` → ``dinas-
    komunikasi-informatika``; empty text gives ``-``. A long name is cut and ends with a digest
    of the whole, so two long names sharing their beginning stay apart."""
    ascii_text = unicodedata.normalize("NFKD", text).encode("ascii", "ignore").decode("ascii")
    name = re.sub(r"[^a-z0-9]+", "-", ascii_text.casefold()).strip("-") or "-"
    if len(name) <= SLUG_LIMIT:
        return name
    digest = hashlib.sha256(text.encode("utf-8")).hexdigest()[:10]
    return f"{name[: SLUG_LIMIT - 11].rstrip('-')}-{digest}"


def units(sops: Iterable[Sop]) -> list[Unit]:
    """The work units of a corpus, by body then unit (case-insensitive), each with a page URI.

    Two names with the same slug get ``-2``, ``-3``... in that order, so URIs are stable for a
    given corpus and never shared."""
    grouped: dict[str, dict[str, list[Sop]]] = {}
    for sop in sops:
        ident = sop.identitas
        grouped.setdefault(ident.instansi, {}).setdefault(ident.satuan_kerja, []).append(sop)
    taken: set[str] = set()
    found: list[Unit] = []
    for instansi in sorted(grouped, key=lambda name: (name.casefold(), name)):
        body = _unique(f"{UNIT_FOLDER}/{slug(instansi)}", taken, suffix="/")
        for unit in sorted(grouped[instansi], key=lambda name: (name.casefold(), name)):
            uri = _unique(f"{body}{slug(unit)}", taken, suffix=".md")
            members = tuple(sorted(grouped[instansi][unit], key=sop_order))
            found.append(Unit(instansi, unit, uri, members))
    return found


def _unique(stem: str, taken: set[str], *, suffix: str) -> str:
    candidate, number = stem + suffix, 1
    while candidate in taken:
        number += 1
        candidate = f"{stem}-{number}{suffix}"
    taken.add(candidate)
    return candidate


def nav_section(all_units: Iterable[Unit]) -> list[NavItem]:
    """MkDocs nav data: the SOP index, then body → work unit index pages (no SOP pages).

    Titles are HTML-escaped: MkDocs and Material print nav titles without escaping.
    """
    bodies: dict[str, list[NavItem]] = {}
    for unit in all_units:
        bodies.setdefault(unit.instansi, []).append({one_line(unit.satuan_kerja): unit.uri})
    items: list[NavItem] = [INDEX_URI]
    items.extend({one_line(instansi): entries} for instansi, entries in bodies.items())
    return items


def unit_of_page(all_units: Iterable[Unit], page_uri_of: dict[str, str]) -> dict[str, str]:
    """SOP page URI -> URI of its unit's index page (``page_uri_of``: SOP id -> page URI)."""
    return {page_uri_of[sop.id]: unit.uri for unit in all_units for sop in unit.sops}
