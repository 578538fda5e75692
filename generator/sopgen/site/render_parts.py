"""One SOP page's rendered parts as a pure function of picklable inputs.

`render_parts` is what a worker process runs: the SOP, the facts of the site around its page
(`PageFacts`, resolved in the main process because they need the whole corpus) and the build's
calendar and folders in, the page Markdown with slots and the large fragments out. The same
inputs give the same bytes, whichever process renders them; `PageFacts` is also what the cache
key hashes besides the files.
"""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from ..calendar.office import OfficeCalendar
from ..diagnostics import Diagnostic
from ..model import Sop, SopLink
from ..render.diagram import inline_svg
from ..render.page import PageContext, render_sop_page
from ..render.simulation_section import render_simulation_section
from .cache import EarlyParts, LateParts
from .pages import (
    BLOCK_SLOT,
    DIAGRAM_SLOT,
    SEARCH_BOOST,
    SIMULATION_ID_PREFIX,
    SIMULATION_SLOT,
    PageLinks,
    draw_diagram,
    front_matter,
    lift_html_blocks,
)


@dataclass(frozen=True)
class PageFacts:
    """Everything a SOP page shows that is not in its SOP file."""

    source_url: str | None
    source_path: str
    logo_url: str | None
    last_change: dt.date | None
    links: tuple[tuple[str, str | None, str | None], ...]  # linked SOP id, its URL, its name

    def as_data(self) -> dict[str, Any]:
        """JSON-able, for the cache key."""
        return {
            "source_url": self.source_url,
            "source_path": self.source_path,
            "logo_url": self.logo_url,
            "last_change": self.last_change.isoformat() if self.last_change else None,
            "links": [list(link) for link in self.links],
        }


def page_facts(sop: Sop, links: PageLinks, last_change: dt.date | None) -> PageFacts:
    targets = sorted({e.target for e in sop.keterkaitan if isinstance(e, SopLink)})
    return PageFacts(
        source_url=links.source_url,
        source_path=links.source_path,
        logo_url=links.logo_url,
        last_change=last_change,
        links=tuple((t, links.link_for(t), links.title_for(t)) for t in targets),
    )


@dataclass(frozen=True)
class RenderSettings:
    calendar: OfficeCalendar
    cache_dir: Path
    template_dir: Path | None


def render_parts(
    sop: Sop, facts: PageFacts, settings: RenderSettings, dot: str | None = None
) -> tuple[EarlyParts, LateParts, list[Diagnostic]]:
    """The page Markdown (slots for the large raw HTML), its blocks, diagram and simulation.

    Nearly all of a page is raw HTML that Python-Markdown would parse tag by tag only to pass it
    through unchanged, so the Markdown carries placeholder comments instead: the raw blocks of
    the templates (identity block, procedure table) come back before the search plugin indexes
    the page; the diagram and the simulation section, SVG that adds no searchable words, go into
    the finished HTML. ``dot``: the diagram's DOT source, when the caller made it already.
    """
    svg, diagnostics = draw_diagram(sop, settings.cache_dir, dot)  # Graphviz budget included
    diagram = inline_svg(svg, "diagram-", sop.identitas.nama) if svg else ""
    urls = {target: url for target, url, _ in facts.links}
    titles = {target: title for target, _, title in facts.links}
    context = PageContext(
        link_for=urls.get,
        title_for=titles.get,
        source_url=facts.source_url,
        source_path=facts.source_path,
        logo_url=facts.logo_url,
        last_change=facts.last_change,
        simulation_html=SIMULATION_SLOT,
        diagram_svg=DIAGRAM_SLOT if diagram else "",
        template_dir=settings.template_dir,
    )
    markdown, blocks = lift_html_blocks(render_sop_page(sop, context))
    markdown = front_matter(sop.identitas.nama, wide=True, boost=SEARCH_BOOST) + markdown
    simulation = render_simulation_section(
        sop,
        settings.calendar,
        # "simulasi" alone is the id MkDocs gives the page's "Simulasi" heading.
        id_prefix=SIMULATION_ID_PREFIX,
        template_dir=settings.template_dir,
    )
    return EarlyParts(markdown, blocks), LateParts(diagram, str(simulation)), diagnostics


SEARCH_OPEN = "<!--sopgen:cari-{}-->"
SEARCH_CLOSE = "<!--/sopgen:cari-{}-->"
_NOT_TEXT = re.compile(r"<(svg|script|style)\b.*?</\1\s*>", re.DOTALL | re.IGNORECASE)
_TAG = re.compile(r"<[^>]*>")


def search_text(block: str) -> str:
    """The words of a raw HTML block as one paragraph, for the search index only.

    Material's search plugin parses each page's HTML tag by tag; on the procedure table (about
    400 tags a page: cells, symbols, the arrows' SVG) that was half of a warm build. The words
    are the same; entities stay as they are (valid text in HTML)."""
    text = _TAG.sub(" ", _NOT_TEXT.sub(" ", block))
    return f"<p>{' '.join(text.split())}</p>"


def fill_content(
    blocks: tuple[str, ...], html: str, for_search: Callable[[str], str] = search_text
) -> str:
    """The page's HTML from Markdown with what the search plugin should see of each lifted raw
    HTML block in its slot (by default its words), marked; `restore_blocks` puts the blocks
    themselves there."""
    for number, block in enumerate(blocks):
        marked = SEARCH_OPEN.format(number) + for_search(block) + SEARCH_CLOSE.format(number)
        html = html.replace(BLOCK_SLOT.format(number), marked, 1)
    return html


def restore_blocks(blocks: tuple[str, ...], html: str) -> str:
    """The raw HTML blocks in place of what the search plugin saw of them."""
    for number, block in enumerate(blocks):
        opening, closing = SEARCH_OPEN.format(number), SEARCH_CLOSE.format(number)
        start = html.find(opening)
        end = html.find(closing, start)
        if start >= 0 and end >= 0:
            html = html[:start] + block + html[end + len(closing):]
    return html


def fill_output(blocks: tuple[str, ...], late: LateParts, html: str) -> str:
    """The finished page: the raw HTML blocks in place of their words, the diagram and the
    simulation section in their slots."""
    html = restore_blocks(blocks, html)
    html = html.replace(DIAGRAM_SLOT, late.diagram_svg, 1)
    return html.replace(SIMULATION_SLOT, late.simulation_html, 1)
