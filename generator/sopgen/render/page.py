"""The published page of one SOP, as Markdown with raw HTML blocks.

The page has a ``#`` title (the SOP name, escaped for Markdown) and ``##`` sections Identitas,
Uraian Prosedur, Diagram Alir, Simulasi (only with a simulation fragment) and Sumber, so MkDocs
builds the table of contents; under each heading one raw HTML block from the templates of
``site_templates/`` (``sop.md.j2`` and the partials it includes). A body overrides any template
by putting a file of the same name in its template folder.

DOM contract of the procedure table (browser tests and ``assets/sopgen/swimlane.js`` rely on it):

- ``div.sopgen-flow`` (``position: relative``) holds ``table.sopgen-procedure`` and, after it,
  one ``svg.sopgen-arrows`` absolutely positioned at its top-left corner and covering it. The
  flow sits in ``div.sopgen-scroll``, which scrolls horizontally on narrow screens; the overlay
  scrolls with the table.
- the table's ``colgroup`` has one ``col`` per column, in order: ``sopgen-col-no``,
  ``sopgen-col-kegiatan``, one ``sopgen-col-lane`` per actor, ``sopgen-col-kelengkapan``,
  ``sopgen-col-waktu``, ``sopgen-col-output``, ``sopgen-col-keterangan`` (no width on screen;
  ``swimlane_print_columns.js`` sets them for the sheet when printing).
- each step row is ``tr[data-step="<step key>"]`` with ``id="langkah-<number>"``; the extra row
  of a decision exit that ends the procedure is
  ``tr.sopgen-end-row[data-step="selesai:<decision key>:<ya|tidak>"]`` (no id, no number).
- each actor cell is ``td.sopgen-lane[data-actor="<actor id>"]``, in declared actor order.
- each symbol is ``.sopgen-symbol`` with one of ``sopgen-terminator``, ``sopgen-process``,
  ``sopgen-decision``, ``data-step`` (the row's key) and ``data-actor``. A step of several
  actors has one symbol per actor; arrows attach to the first in declared order. A symbol's
  element is its rectangular bounding box (the diamond is drawn inside it).
- each arrow is ``polyline.sopgen-arrow[data-from][data-to]`` (decision exits also have
  ``data-label``; all have ``data-exit`` = ``bottom|east|west``) whose ``points`` are CSS px in
  the overlay's coordinates; the labels are ``text.sopgen-arrow-label[data-from][data-to]``;
  the join line of a shared step is ``line.sopgen-join[data-step]``. The script fills in the
  geometry; the elements themselves are in the HTML.
- for print only, ``assets/sopgen/swimlane_print.js`` adds ``tr.sopgen-connector-row`` rows
  holding off-page connectors ``.sopgen-symbol.sopgen-connector`` whose ``data-step`` is
  ``sambungan:<keluar|masuk>:<sheet>:<letter>`` (``data-letter``, ``data-target`` = the step
  the arrow leads to), one pair per arrow that crosses a sheet, splits that arrow in two through
  them, and splits rows taller than a sheet into ``tr.sopgen-continued`` rows
  (``data-step="<step key>:lanjutan:<n>"``); it removes all of it after printing.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path

from markupsafe import Markup

from ..model import Sop
from .environment import template_environment
from .escaping import safe_url
from .identity import identity_grid, related_items
from .procedure import procedure_table

PAGE_TEMPLATE = "sop.md.j2"


@dataclass
class PageContext:
    """What the page needs beyond the SOP itself; the plugin fills it in."""

    link_for: Callable[[str], str | None]  # SOP id -> relative URL of its page
    source_url: str | None  # link to the file in the repository, if known
    source_path: str  # the file as shown, e.g. "sops/diskominfo/layanan-aduan.yaml"
    last_change: dt.date | None
    simulation_html: str | None  # trusted fragment of the simulation section
    diagram_svg: str  # trusted inline SVG from diagram.inline_svg, "" when unavailable
    template_dir: Path | None = None
    title_for: Callable[[str], str | None] | None = None  # SOP id -> its name, for links
    logo_url: str | None = None  # relative URL of the body's logo image


def render_sop_page(sop: Sop, ctx: PageContext) -> str:
    """The Markdown source of the SOP's page."""
    template = template_environment(ctx.template_dir).get_template(PAGE_TEMPLATE)
    related = related_items(sop, ctx.link_for, ctx.title_for)
    return template.render(
        sop=sop,
        grid=identity_grid(sop, related),
        table=procedure_table(sop),
        diagram_svg=Markup(ctx.diagram_svg),
        simulation_html=Markup(ctx.simulation_html) if ctx.simulation_html else None,
        source_url=safe_url(ctx.source_url),
        source_path=ctx.source_path,
        last_change=ctx.last_change,
        logo_url=safe_url(ctx.logo_url),
    )
