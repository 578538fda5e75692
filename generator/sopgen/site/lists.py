"""The SOP list pages: the whole list, one page per body (instansi) and one per work unit.

Every list is one table a reader can sort and filter in the browser (``sopgen_list.js``; without
JavaScript it is a plain sorted table). The nav gets a section per body whose first child is its
list page, so with Material's ``navigation.indexes`` a click on a body opens its list, and a link
per unit to the unit's list. The unit page is the one that lists a unit's SOPs one by one: the
nav holds bodies and units only, so its size per page does not grow with the number of SOPs.

Nothing here imports MkDocs: the plugin passes in how to link one generated page to another.
"""

from __future__ import annotations

import datetime as dt
import hashlib
import re
import unicodedata
from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass
from html import escape

from ..duration import Kind
from ..model import Sop
from ..render.dates import tanggal
from .index import (
    DEFAULT_WORKDAY_SECONDS,
    INDEX_URI,
    SOP_FOLDER,
    one_line,
    page_uri,
    sop_order,
    total_standard_time,
)
from .pages import front_matter

NavItem = str | dict[str, "str | list[NavItem]"]

Linker = Callable[[str, str], str]
"""(from page URI, to page URI) -> the URL of the second page relative to the first."""

STATUS_BERLAKU = "Berlaku"
STATUS_REVISI = "Berlaku (revisi)"
STATUS_BELUM = "Belum berlaku"


@dataclass(frozen=True)
class Unit:
    name: str
    uri: str
    sops: tuple[Sop, ...]


@dataclass(frozen=True)
class Body:
    name: str
    uri: str
    units: tuple[Unit, ...]

    @property
    def sops(self) -> list[Sop]:
        return [sop for unit in self.units for sop in unit.sops]


SLUG_LIMIT = 60  # characters: a folder name must stay far below the file system's 255 bytes


def slug(text: str) -> str:
    """``Dinas Komunikasi & Informatika`` -> ``dinas-komunikasi-informatika``.

    A long name is cut and ends with a digest of the whole, so two long names sharing their
    beginning stay apart and keep their folder whatever other units the corpus holds."""
    ascii_text = unicodedata.normalize("NFKD", text).encode("ascii", "ignore").decode()
    name = re.sub(r"[^a-z0-9]+", "-", ascii_text.lower()).strip("-") or "tanpa-nama"
    if len(name) <= SLUG_LIMIT:
        return name
    digest = hashlib.sha256(text.encode("utf-8")).hexdigest()[:10]
    return f"{name[: SLUG_LIMIT - 11].rstrip('-')}-{digest}"


def _unique(name: str, taken: set[str]) -> str:
    base, number = slug(name), 1
    candidate = base
    while candidate in taken:
        number += 1
        candidate = f"{base}-{number}"
    taken.add(candidate)
    return candidate


def list_folder(sops: Iterable[Sop]) -> str:
    """``sop/daftar``, or a variant no SOP id starts with (SOP pages live at ``sop/<id>``)."""
    firsts = {sop.id.split("/", 1)[0] for sop in sops}
    name, number = "daftar", 1
    while name in firsts:
        number += 1
        name = f"daftar-{number}"
    return f"{SOP_FOLDER}/{name}"


def group(sops: Iterable[Sop]) -> list[Body]:
    """Bodies and their units in name order, each with a page URI; SOPs by Nomor."""
    sops = list(sops)
    folder = list_folder(sops)
    grouped: dict[str, dict[str, list[Sop]]] = {}
    for sop in sops:
        ident = sop.identitas
        grouped.setdefault(ident.instansi, {}).setdefault(ident.satuan_kerja, []).append(sop)
    bodies: list[Body] = []
    body_slugs: set[str] = set()
    for body_name in sorted(grouped, key=str.casefold):
        body_slug = _unique(body_name, body_slugs)
        unit_slugs: set[str] = set()
        units = tuple(
            Unit(
                unit_name,
                f"{folder}/{body_slug}/{_unique(unit_name, unit_slugs)}/index.md",
                tuple(sorted(grouped[body_name][unit_name], key=sop_order)),
            )
            for unit_name in sorted(grouped[body_name], key=str.casefold)
        )
        bodies.append(Body(body_name, f"{folder}/{body_slug}/index.md", units))
    return bodies


def status(sop: Sop, today: dt.date) -> str:
    ident = sop.identitas
    if ident.tanggal_efektif > today:
        return STATUS_BELUM
    return STATUS_REVISI if ident.tanggal_revisi else STATUS_BERLAKU


def standard_seconds(sop: Sop, workday_seconds: float) -> float:
    """The total standard time as one number, for sorting (a calendar day counts as a day)."""
    total = 0.0
    for step in sop.langkah:
        if step.waktu is None:
            continue
        if step.waktu.kind is Kind.OFFICE_SECONDS:
            total += step.waktu.maximum
        else:
            total += step.waktu.maximum * workday_seconds
    return total


@dataclass(frozen=True)
class ListOptions:
    today: dt.date
    workday_seconds: float = DEFAULT_WORKDAY_SECONDS
    body_column: bool = True
    unit_column: bool = True


_HEAD = (
    ("nomor", "Nomor", "teks"),
    ("nama", "Nama SOP", "teks"),
    ("instansi", "Instansi", "teks"),
    ("unit", "Satuan Kerja", "teks"),
    ("status", "Status", "teks"),
    ("efektif", "Tanggal Efektif", "angka"),
    ("langkah", "Langkah", "angka"),
    ("waktu", "Total waktu baku", "angka"),
)


def sop_table(sops: Sequence[Sop], here: str, link: Linker, options: ListOptions) -> str:
    """The filter form and the table of ``sops`` (one raw-HTML block, no blank line).

    Each cell carries its sort value (``data-nilai``) and each row its filter values, so the
    script needs no second copy of the data; ``data-label`` names the column on phones, where
    the rows become cards. ``data-search-exclude``: Material's search must find an SOP number on
    the SOP's own page, not on the lists that repeat it.
    """
    ordered = sorted(sops, key=sop_order)
    rank = {sop.id: n for n, sop in enumerate(ordered)}
    shown = [
        column for column in _HEAD
        if (column[0] != "instansi" or options.body_column)
        and (column[0] != "unit" or options.unit_column)
    ]
    rows = []
    for sop in ordered:
        ident = sop.identitas
        state = status(sop, options.today)
        cells = {
            # A long Nomor may break after its slashes only, never inside a part.
            "nomor": (str(rank[sop.id]), one_line(ident.nomor).replace("/", "/<wbr>")),
            "nama": (
                one_line(ident.nama).casefold(),
                f'<a href="{escape(link(here, page_uri(sop)))}">{one_line(ident.nama)}</a>',
            ),
            "instansi": (one_line(ident.instansi).casefold(), one_line(ident.instansi)),
            "unit": (one_line(ident.satuan_kerja).casefold(), one_line(ident.satuan_kerja)),
            "status": (state, state),
            "efektif": (ident.tanggal_efektif.isoformat(), tanggal(ident.tanggal_efektif)),
            "langkah": (str(len(sop.langkah)), str(len(sop.langkah))),
            "waktu": (
                f"{standard_seconds(sop, options.workday_seconds):.0f}",
                escape(total_standard_time(sop, options.workday_seconds)),
            ),
        }
        tds = "".join(
            f'<td data-kolom="{key}" data-label="{label}" data-nilai="{escape(cells[key][0])}">'
            f"{cells[key][1]}</td>"
            for key, label, _ in shown
        )
        rows.append(
            f'<tr data-instansi="{one_line(ident.instansi)}" '
            f'data-unit="{one_line(ident.satuan_kerja)}" data-status="{state}">{tds}</tr>'
        )
    sorted_by = ' aria-sort="ascending"'
    head = "".join(
        f'<th scope="col" data-kolom="{key}" data-jenis="{kind}"'
        f'{sorted_by if key == "nomor" else ""}>'
        f'<button type="button" class="sopgen-sort">{label}</button></th>'
        for key, label, kind in shown
    )
    return (
        f'<div class="sopgen-list" data-sopgen-list>{_filters(ordered, options)}'
        '<div class="sopgen-list-scroll">'
        f'{TABLE_START}<caption>Daftar {len(ordered)} SOP, '
        "dapat diurutkan menurut setiap kolom</caption>"
        f"<thead><tr>{head}</tr></thead><tbody>{''.join(rows)}</tbody></table></div>"
        '<p class="sopgen-list-empty" hidden>Tidak ada SOP yang cocok dengan saringan.</p></div>'
    )


TABLE_START = '<table class="sopgen-index" data-search-exclude>'


def without_table(block: str) -> str:
    """A list page's raw HTML block as the search plugin needs to see it: without the SOP table,
    which it excludes from the index anyway (``data-search-exclude``) but parsed tag by tag: at
    1,000 SOPs, 30,000 tags, a second of every rebuild that changed a list."""
    start = block.find(TABLE_START)
    end = block.find("</table>", start)
    if start < 0 or end < 0:
        return block
    return block[:start] + block[end + len("</table>"):]


def _select(name: str, label: str, values: Iterable[str]) -> str:
    options = "".join(f'<option value="{v}">{v}</option>' for v in values)
    return (
        f'<label>{label}<select data-saring="{name}"><option value="">Semua</option>'
        f"{options}</select></label>"
    )


def _filters(sops: Sequence[Sop], options: ListOptions) -> str:
    """The filter form, hidden until the script runs (without it, it could do nothing)."""
    parts = [
        '<label>Cari<input type="search" data-saring="teks" '
        'placeholder="nomor, nama, kata…" autocomplete="off"></label>'
    ]
    bodies = sorted({one_line(s.identitas.instansi) for s in sops}, key=str.casefold)
    units = sorted({one_line(s.identitas.satuan_kerja) for s in sops}, key=str.casefold)
    if options.body_column and len(bodies) > 1:
        parts.append(_select("instansi", "Instansi", bodies))
    if options.unit_column and len(units) > 1:
        parts.append(_select("unit", "Satuan kerja", units))
    states = [s for s in (STATUS_BERLAKU, STATUS_REVISI, STATUS_BELUM)
              if any(status(sop, options.today) == s for sop in sops)]
    if len(states) > 1:
        parts.append(_select("status", "Status", states))
    return (
        '<form class="sopgen-list-filter" role="search" hidden>'
        f'{"".join(parts)}<output aria-live="polite"></output></form>'
    )


def _links(items: Iterable[tuple[str, str, int]], here: str, link: Linker) -> str:
    lis = "".join(
        f'<li><a href="{escape(link(here, uri))}">{one_line(name)}</a> ({count} SOP)</li>'
        for name, uri, count in items
    )
    return f'<ul class="sopgen-group-links">{lis}</ul>'


def list_pages(
    sops: Iterable[Sop],
    link: Linker,
    *,
    title: str,
    today: dt.date,
    workday_seconds: float = DEFAULT_WORKDAY_SECONDS,
    banner: str = "",
) -> dict[str, str]:
    """Markdown of every list page by URI: ``sop/index.md``, each body's and each unit's."""
    sops = list(sops)
    bodies = group(sops)
    pages: dict[str, str] = {}
    everything = ListOptions(today, workday_seconds)
    pages[INDEX_URI] = (
        front_matter(title, wide=True) + banner + f"# {escape(title)}\n\n"
        f"Situs ini memuat {len(sops)} SOP dari {len(bodies)} instansi. Saring daftar menurut "
        "instansi, satuan kerja, status atau kata; klik judul kolom untuk mengurutkan. "
        "*Total waktu baku* adalah jumlah batas waktu semua langkah.\n\n"
        + _links(((b.name, b.uri, len(b.sops)) for b in bodies), INDEX_URI, link) + "\n\n"
        + sop_table(sops, INDEX_URI, link, everything) + "\n"
    )
    for body in bodies:
        name = one_line(body.name)
        pages[body.uri] = (
            front_matter(body.name, wide=True) + f"# {name}\n\n"
            f"{len(body.sops)} SOP di {len(body.units)} satuan kerja:\n\n"
            + _links(((u.name, u.uri, len(u.sops)) for u in body.units), body.uri, link)
            + "\n\n"
            + sop_table(body.sops, body.uri, link,
                        ListOptions(today, workday_seconds, body_column=False))
            + "\n"
        )
        for unit in body.units:
            pages[unit.uri] = (
                front_matter(unit.name, wide=True) + f"# {one_line(unit.name)}\n\n"
                f'{len(unit.sops)} SOP dari <a href="{escape(link(unit.uri, body.uri))}">'
                f"{name}</a>.\n\n"
                + sop_table(unit.sops, unit.uri, link,
                            ListOptions(today, workday_seconds, False, False))
                + "\n"
            )
    return pages


def nav_section(sops: Iterable[Sop]) -> list[NavItem]:
    """MkDocs nav data: the whole list first, then one section per body whose first page is
    the body's list (Material's ``navigation.indexes`` opens it on a click), then one link per
    work unit to the unit's list. No SOP is in the nav: Material prints the nav on every page,
    and a nav listing SOPs made every page grow with the corpus (335 KB of each 483 KB page at
    1,000 SOPs). The unit's list reaches each SOP; the plugin hangs each SOP page under its
    body's section, so that body stays open beside it.

    Titles are HTML-escaped: MkDocs and Material print nav titles without escaping.
    """
    items: list[NavItem] = [INDEX_URI]
    for body in group(sops):
        entries: list[NavItem] = [body.uri]
        entries += [{one_line(unit.name): unit.uri} for unit in body.units]
        items.append({one_line(body.name): entries})
    return items


def unit_of_page(sops: Iterable[Sop]) -> dict[str, str]:
    """SOP page URI -> URI of its unit's list page (the nav entry the SOP page hangs under)."""
    return {page_uri(sop): unit.uri for body in group(sops) for unit in body.units
            for sop in unit.sops}
