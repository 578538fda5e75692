"""The Markdown of each generated page of the site, independent of MkDocs.

`SitePages` puts the renderers together for one build: the Graphviz diagram (cached by content
hash in the cache folder), the simulation section on the corpus calendar, the last-change date
from git, and `render_sop_page`. The plugin decides where pages go and how URLs look; this module
decides what they say.
"""

from __future__ import annotations

import hashlib
import json
from collections.abc import Callable, Iterable
from dataclasses import dataclass
from html import escape
from pathlib import Path

from ..model import Sop

SIMULATION_ID_PREFIX = "sopgen-simulasi"
# SOP text is always escaped, so it can never spell these comments.
DIAGRAM_SLOT = "<!--sopgen:diagram-alir-->"
SIMULATION_SLOT = "<!--sopgen:simulasi-->"
BLOCK_SLOT = "<!--sopgen:blok-{}-->"
LOGO_FOLDER = "assets/sopgen/logo"
LIFT_FROM = 1000  # characters: smaller raw HTML blocks cost Markdown next to nothing


@dataclass(frozen=True)
class PageLinks:
    """How one SOP page reaches other places: final URLs, relative to that page."""

    link_for: Callable[[str], str | None]  # SOP id -> URL of its page (None: not published)
    title_for: Callable[[str], str | None]  # SOP id -> its name
    source_url: str | None  # where the YAML file can be opened (the edit link), if known
    source_path: str  # the YAML file as the reader should see it, e.g. ``sops/a/b.yaml``
    logo_url: str | None = None  # the published logo image, if the SOP has one


def logo_uri(image: Path) -> str:
    """Where a logo is published: named by its content, so SOPs sharing a logo share one file
    and a changed image gets a new name (no stale copy in a browser cache)."""
    digest = hashlib.sha256(image.read_bytes()).hexdigest()[:16]
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


def front_matter(title: str, *, wide: bool = False) -> str:
    """YAML front matter giving the page its title, HTML-escaped.

    Material prints ``page.meta.title`` unescaped in ``<title>`` and the header; without it,
    it prints ``page.title | striptags``, which *unescapes* entities and would let SOP text close
    the ``<title>`` element. JSON is valid YAML, so the string needs no YAML quoting rules.

    With ``wide``, Material's table-of-contents sidebar is hidden: an SOP page is a landscape
    form whose procedure table needs the width more than five headings need a sidebar.
    """
    safe = escape(" ".join(title.split()), quote=False)
    hide = "hide:\n  - toc\n" if wide else ""
    return f"---\ntitle: {json.dumps(safe, ensure_ascii=False)}\n{hide}---\n\n"


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
