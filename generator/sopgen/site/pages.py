"""The Markdown of each generated page of the site, independent of MkDocs.

`SitePages` puts the renderers together for one build (``sopgen export``; the plugin renders
through `render_parts` and its page cache instead): the Graphviz diagram (cached by content
hash in the cache folder), the simulation section on the corpus calendar, the last-change date
from git, and `render_sop_page`. The plugin decides where pages go and how URLs look; this module
decides what they say.
"""

from __future__ import annotations

import datetime as dt
import hashlib
import json
from collections.abc import Callable, Iterable
from dataclasses import dataclass
from html import escape
from pathlib import Path

from ..calendar.office import OfficeCalendar
from ..check.logo import LOGO_MAX_BYTES
from ..diagnostics import Diagnostic
from ..model import Sop
from ..read.safe import read_bounded
from ..render.diagram import GraphvizFailed, GraphvizNotFound, diagram_dot, inline_svg, render_svg
from ..render.layout_budget import LayoutTimeout
from ..render.page import PageContext, render_sop_page
from ..render.simulation_section import render_simulation_section
from .config import GRAPHVIZ_FAILED, GRAPHVIZ_MISSING, GRAPHVIZ_PROGRAMS, GRAPHVIZ_TOO_SLOW

SIMULATION_ID_PREFIX = "sopgen-simulasi"
# SOP text is always escaped, so it can never spell these comments.
DIAGRAM_SLOT = "<!--sopgen:diagram-alir-->"
SIMULATION_SLOT = "<!--sopgen:simulasi-->"
BLOCK_SLOT = "<!--sopgen:blok-{}-->"
LOGO_FOLDER = "assets/sopgen/logo"
SEARCH_BOOST = 4
"""Material's search weight of an SOP page: a search for an SOP's number or name ranks the SOP
itself above the guides and lists that mention it."""
LIFT_FROM = 1000  # characters: smaller raw HTML blocks cost Markdown next to nothing


@dataclass(frozen=True)
class SopPage:
    sop: Sop
    markdown: str  # with slots (HTML comments) in place of the large HTML fragments
    blocks: tuple[str, ...]  # the raw HTML blocks lifted out of the Markdown, by BLOCK_SLOT
    diagram_svg: str  # "" when Graphviz could not draw it
    diagnostics: list[Diagnostic]


@dataclass(frozen=True)
class PageLinks:
    """How one SOP page reaches other places: final URLs, relative to that page."""

    link_for: Callable[[str], str | None]  # SOP id -> URL of its page (None: not published)
    title_for: Callable[[str], str | None]  # SOP id -> its name
    source_url: str | None  # where the YAML file can be opened (the edit link), if known
    source_path: str  # the YAML file as the reader should see it, e.g. ``sops/a/b.yaml``
    logo_url: str | None = None  # the published logo image, if the SOP has one


class SitePages:
    """Renders the SOP pages of one build."""

    def __init__(
        self,
        *,
        calendar: OfficeCalendar,
        cache_dir: Path,
        template_dir: Path | None,
        last_changes: dict[Path, dt.date],
    ) -> None:
        self.calendar = calendar
        self.cache_dir = cache_dir
        self.template_dir = template_dir
        self.last_changes = last_changes

    def sop_page(self, sop: Sop, links: PageLinks) -> SopPage:
        """The page Markdown of one SOP, with slots for its large HTML fragments.

        Nearly all of a page is raw HTML that Python-Markdown would parse tag by tag only to
        pass it through unchanged. So the Markdown carries placeholder comments instead: the
        raw blocks of the templates (the identity block, the procedure table) come back in
        `fill_content`, before the search plugin indexes the page; the diagram and the
        simulation section, which are SVG and add no searchable words, in `fill_output`.
        """
        svg, diagnostics = draw_diagram(sop, self.cache_dir)
        diagram = inline_svg(svg, "diagram-", sop.identitas.nama) if svg else ""
        context = PageContext(
            link_for=links.link_for,
            title_for=links.title_for,
            source_url=links.source_url,
            source_path=links.source_path,
            logo_url=links.logo_url,
            last_change=self.last_changes.get(sop.path.resolve()),
            simulation_html=SIMULATION_SLOT,
            diagram_svg=DIAGRAM_SLOT if diagram else "",
            template_dir=self.template_dir,
        )
        markdown, blocks = lift_html_blocks(render_sop_page(sop, context))
        markdown = front_matter(sop.identitas.nama, wide=True, boost=SEARCH_BOOST) + markdown
        return SopPage(sop, markdown, blocks, diagram, diagnostics)

    def fill_content(self, page: SopPage, html: str) -> str:
        """The page's HTML from Markdown with the lifted raw HTML blocks back in their slots."""
        for number, block in enumerate(page.blocks):
            html = html.replace(BLOCK_SLOT.format(number), block, 1)
        return html

    def fill_output(self, page: SopPage, html: str) -> str:
        """The finished page with the diagram and the simulation section in their slots."""
        simulation = render_simulation_section(
            page.sop,
            self.calendar,
            # "simulasi" alone is the id MkDocs gives the page's "Simulasi" heading.
            id_prefix=SIMULATION_ID_PREFIX,
            template_dir=self.template_dir,
        )
        html = html.replace(DIAGRAM_SLOT, page.diagram_svg, 1)
        return html.replace(SIMULATION_SLOT, str(simulation), 1)


def draw_diagram(
    sop: Sop, cache_dir: Path, dot: str | None = None
) -> tuple[str, list[Diagnostic]]:
    """The SOP's diagram as Graphviz draws it ("" when it cannot), and why not; ``dot``: its
    DOT source when already made (placing the labels is most of the cost)."""
    try:
        return render_svg(dot if dot is not None else diagram_dot(sop), cache_dir), []
    except GraphvizNotFound:
        return "", [GRAPHVIZ_MISSING.at(str(sop.path), programs=GRAPHVIZ_PROGRAMS[0])]
    except GraphvizFailed as failure:
        return "", [GRAPHVIZ_FAILED.at(str(sop.path), detail=failure.stderr.strip())]
    except LayoutTimeout as timeout:
        return "", [GRAPHVIZ_TOO_SLOW.at(
            str(sop.path), sop=sop.id, steps=len(sop.langkah), actors=len(sop.pelaksana),
            seconds=f"{timeout.seconds:g}")]


def diagram_problems(sop: Sop, cache_dir: Path) -> list[Diagnostic]:
    """Draw the SOP's diagram into the cache; the problems, if Graphviz could not."""
    return draw_diagram(sop, cache_dir)[1]


def logo_uri(image: Path) -> str:
    """Where a logo is published: named by its content, so SOPs sharing a logo share one file
    and a changed image gets a new name (no stale copy in a browser cache)."""
    digest = hashlib.sha256(read_bounded(image, LOGO_MAX_BYTES)).hexdigest()[:16]
    return f"{LOGO_FOLDER}/{digest}{image.suffix.lower()}"


def lift_html_blocks(markdown: str) -> tuple[str, tuple[str, ...]]:
    """The Markdown with each large raw HTML block replaced by a numbered `BLOCK_SLOT`, and
    the blocks.

    A raw HTML block starts a paragraph with a tag and ends at a blank line; Python-Markdown
    gives it back verbatim, so putting it back after conversion changes nothing but the time.
    Blocks asking for Markdown inside (``markdown="1"``, the md_in_html extension) stay.
    """
    blocks: list[str] = []
    parts = markdown.split("\n\n")
    for index, part in enumerate(parts):
        if (len(part) >= LIFT_FROM and part.startswith("<") and not part.startswith("<!--")
                and "markdown=" not in part):
            parts[index] = BLOCK_SLOT.format(len(blocks))
            blocks.append(part)
    return "\n\n".join(parts), tuple(blocks)


def front_matter(title: str, *, wide: bool = False, boost: float | None = None) -> str:
    """YAML front matter giving the page its title, HTML-escaped.

    Material prints ``page.meta.title`` unescaped in ``<title>`` and the header; without it,
    it prints ``page.title | striptags``, which *unescapes* entities and would let SOP text close
    the ``<title>`` element. JSON is valid YAML, so the string needs no YAML quoting rules.

    With ``wide``, Material's table-of-contents sidebar is hidden: an SOP page is a landscape
    form whose procedure table needs the width more than five headings need a sidebar.
    """
    safe = escape(" ".join(title.split()), quote=False)
    hide = "hide:\n  - toc\n" if wide else ""
    search = f"search:\n  boost: {boost}\n" if boost is not None else ""
    return f"---\ntitle: {json.dumps(safe, ensure_ascii=False)}\n{hide}{search}---\n\n"


def error_page(title: str, report: str) -> str:
    """The page shown in place of an invalid SOP while serving, so the author sees why."""
    return (
        front_matter(title)
        + f"# {escape(title, quote=False)}\n\n"
        + '<div class="admonition failure"><p class="admonition-title">Berkas SOP ini belum '
        "valid, sehingga halamannya belum dapat dibuat. Perbaiki masalah berikut lalu simpan "
        "lagi; halaman diperbarui otomatis.</p>"
        + f'<pre class="sopgen-errors">{_pre(report)}</pre></div>\n'
    )


def errors_banner(report: str) -> str:
    """A block listing every problem, for the top of the index page while serving."""
    return (
        '<div class="admonition failure"><p class="admonition-title">Sebagian berkas SOP belum '
        "valid dan tidak diterbitkan:</p>"
        f'<pre class="sopgen-errors">{_pre(report)}</pre></div>\n\n'
    )


def _pre(text: str) -> str:
    # A raw-HTML block ends at a blank line; numeric newlines keep the lines inside <pre>.
    return "&#10;".join(escape(line) for line in text.splitlines())


def sorted_sops(sops: Iterable[Sop]) -> list[Sop]:
    return sorted(sops, key=lambda sop: sop.id)
