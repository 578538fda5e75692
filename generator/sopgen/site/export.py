"""`sopgen export`: the site's SOP pages as an ordinary MkDocs docs folder, without the plugin.

Past Material for MkDocs (end of life 5 May 2027) the plugin API goes away: MkDocs 2.0 drops
plugins and Zensical ignores them. The export writes what the plugin would generate as plain
files: each SOP page as Markdown whose body is raw HTML (every fragment filled in, links
relative to the page), the list page, the key reference, the assets, each SOP's YAML and logo,
and a nav snippet. Any engine that reads Markdown with raw HTML builds it unchanged.

The CSS and scripts are linked from each SOP page itself (``defer``), so the engine's
configuration needs no ``extra_css``/``extra_javascript``. Links in the raw HTML are either
file-relative (``links="file"``: ``../unit/other.md``, ``../../assets/sopgen/x.js``), which
Zensical resolves from the source file like a Markdown link, or final URLs relative to the page
(``links="url"``) for MkDocs 1.x and ProperDocs, which leave raw HTML untouched (directory URLs
``sop/a/b/`` unless ``directory_urls`` is off).
"""

from __future__ import annotations

import datetime as dt
import json
import posixpath
import shutil
from collections.abc import Callable
from dataclasses import dataclass
from html import escape
from pathlib import Path

from ..calendar.file import calendar_for_corpus
from ..check.schema import SCHEMA_FILE
from ..corpus import check_corpus
from ..diagnostics import Diagnostic
from ..model import Sop
from ..render.assets import asset_files
from ..render.environment import html_block
from ..render.simulation_section import render_simulation_section
from ..render.templates import PDF_SLOT
from .git_dates import last_change_dates
from .guide import GUIDE_URI, guide_source
from .index import SOP_FOLDER, page_uri
from .key_reference import key_reference_page
from .lists import list_pages, nav_section
from .pages import (
    BLOCK_SLOT,
    DIAGRAM_SLOT,
    SIMULATION_ID_PREFIX,
    SIMULATION_SLOT,
    PageLinks,
    SitePages,
    logo_uri,
)

KEYS_URI = "panduan/kunci.md"
SCHEMA_URI = "schema/sop.schema.json"
OWNED = (SOP_FOLDER, "assets/sopgen")
"""Folders of the docs folder that belong to the export: emptied and rewritten every time."""
MARK = "sopgen-export: true"
"""Front-matter line of every exported Markdown page; a page without it is the user's."""


@dataclass(frozen=True)
class ExportResult:
    diagnostics: list[Diagnostic]
    files: int
    written: list[str]  # docs-relative paths
    refused: list[str]  # the user's own files that the export would have replaced
    nav: list[object]


def url_of(uri: str, directory_urls: bool) -> str:
    """The site URL of a docs file, as MkDocs computes it."""
    if not uri.endswith(".md"):
        return uri
    stem = uri[: -len(".md")]
    if stem == "index" or stem.endswith("/index"):
        return stem[: -len("index")]
    return f"{stem}/" if directory_urls else f"{stem}.html"


def relative_url(target: str, here: str) -> str:
    """``target`` (a site URL) as seen from the page at URL ``here``."""
    base = here if here.endswith("/") else posixpath.dirname(here) + "/"
    rel = posixpath.relpath(target or ".", base.rstrip("/") or ".")
    if target.endswith("/") or target == "":
        rel = rel.rstrip("/") + "/"
    return "./" if rel == "./" or rel == "." else rel


LINK_STYLES = ("file", "url")


def linker(links: str, directory_urls: bool) -> Callable[[str, str], str]:
    """(target docs path, from docs path) -> the href to write into the page at ``from``."""
    if links == "file":
        def file_relative(target: str, here: str) -> str:
            return posixpath.relpath(target, posixpath.dirname(here) or ".")
        return file_relative

    def url_relative(target: str, here: str) -> str:
        return relative_url(url_of(target, directory_urls), url_of(here, directory_urls))
    return url_relative


def export_docs(
    sops_dir: Path, docs_dir: Path, *, links: str = "file", directory_urls: bool = True,
    template_dir: Path | None = None, cache_dir: Path | None = None,
) -> ExportResult:
    """Write the export into ``docs_dir``; nothing is written when an SOP has errors."""
    href = linker(links, directory_urls)
    result = check_corpus(sops_dir)
    calendar, calendar_diagnostics = calendar_for_corpus(sops_dir)
    diagnostics = sorted([*result.diagnostics, *calendar_diagnostics], key=Diagnostic.sort_key)
    files = len(result.files) + int((sops_dir / "kalender.yaml").is_file())
    if any(d.is_error for d in diagnostics):
        return ExportResult(diagnostics, files, [], [], [])
    sops = sorted(result.sops, key=lambda sop: sop.id)
    out: dict[str, str | Path] = {}  # docs-relative path -> text, or a file to copy
    for site_path, source in asset_files(template_dir).items():
        out[site_path] = source
    pages = SitePages(
        calendar=calendar, cache_dir=cache_dir or sops_dir.parent / ".cache" / "sopgen",
        template_dir=template_dir, last_changes=last_change_dates(sops_dir),
    )
    names = {sop.id: sop.identitas.nama for sop in sops}
    published = set(names)
    for sop in sops:
        uri = page_uri(sop)
        yaml_uri = f"{SOP_FOLDER}/{sop.id}{sop.path.suffix}"
        out[yaml_uri] = sop.path
        logo_url = None
        if sop.identitas.logo is not None:
            logo = logo_uri(sop.identitas.logo)
            out[logo] = sop.identitas.logo
            logo_url = href(logo, uri)

        def link_for(target: Sop | str, here: str = uri) -> str | None:
            sop_id = target if isinstance(target, str) else target.id
            if sop_id not in published:
                return None
            return href(f"{SOP_FOLDER}/{sop_id}.md", here)

        links = PageLinks(
            link_for=link_for, title_for=names.get,
            source_url=href(yaml_uri, uri),
            source_path=_display_path(sop.path, sops_dir), logo_url=logo_url,
        )
        page = pages.sop_page(sop, links)
        diagnostics += page.diagnostics
        markdown = page.markdown
        for number, block in enumerate(page.blocks):
            markdown = markdown.replace(BLOCK_SLOT.format(number), block, 1)
        simulation = render_simulation_section(
            sop, calendar, id_prefix=SIMULATION_ID_PREFIX, template_dir=template_dir
        )
        markdown = markdown.replace(DIAGRAM_SLOT, str(html_block(page.diagram_svg)), 1)
        markdown = markdown.replace(SIMULATION_SLOT, str(html_block(str(simulation))), 1)
        markdown = markdown.replace(PDF_SLOT, "", 1)  # no PDF downloads in an export
        out[uri] = _marked(markdown) + _asset_tags(template_dir, lambda p, u=uri: href(p, u))
    lists = list_pages(
        sops, lambda here, there: href(there, here), title="Daftar SOP",
        today=dt.date.today(), workday_seconds=calendar.workday_seconds,
    )
    for uri, markdown in lists.items():
        out[uri] = _marked(markdown) + _asset_tags(template_dir, lambda p, u=uri: href(p, u))
    out[SCHEMA_URI] = SCHEMA_FILE
    schema = json.loads(SCHEMA_FILE.read_text(encoding="utf-8"))
    out[KEYS_URI] = _marked(
        "---\ntitle: Referensi kunci berkas SOP\n---\n\n" + key_reference_page(
            schema, schema_link=posixpath.relpath(SCHEMA_URI, posixpath.dirname(KEYS_URI)),
            title="Referensi kunci berkas SOP",
        )
    )
    guide = docs_dir / GUIDE_URI
    if not guide.exists() or MARK in _head(guide):  # a body's own guide stays, as on a site
        out[GUIDE_URI] = _marked(guide_source().read_text(encoding="utf-8"))
    if any(d.is_error for d in diagnostics):
        return ExportResult(diagnostics, files, [], [], [])
    refused = [p for p in sorted(out) if _users(docs_dir / p, p)]
    if refused:
        return ExportResult(diagnostics, files, [], refused, [])
    for owned in OWNED:
        shutil.rmtree(docs_dir / owned, ignore_errors=True)
    for path, content in sorted(out.items()):
        target = docs_dir / path
        target.parent.mkdir(parents=True, exist_ok=True)
        if isinstance(content, Path):
            shutil.copyfile(content, target)
        else:
            target.write_text(content, encoding="utf-8", newline="\n")
    nav = [{"Daftar SOP": nav_section(sops)}, {"Panduan": GUIDE_URI},
           {"Referensi kunci": KEYS_URI}]
    return ExportResult(diagnostics, files, sorted(out), [], nav)


def _marked(markdown: str) -> str:
    """The page with the export's mark in its front matter (added, or a new front matter)."""
    if markdown.startswith("---\n"):
        return f"---\n{MARK}\n" + markdown[len("---\n"):]
    return f"---\n{MARK}\n---\n\n{markdown}"


def _users(target: Path, path: str) -> bool:
    """Whether ``target`` is a file of the user's that the export must not replace."""
    if not target.exists():
        return False
    if any(path == owned or path.startswith(owned + "/") for owned in OWNED):
        # The export's own folders, unless the user put a page of their own there.
        return path.endswith(".md") and MARK not in _head(target)
    return not (path.endswith(".md") and MARK in _head(target)) and path != SCHEMA_URI


def _head(path: Path) -> str:
    try:
        with path.open(encoding="utf-8") as handle:
            return handle.read(200)
    except (OSError, UnicodeDecodeError):
        return ""


def _asset_tags(template_dir: Path | None, href: Callable[[str], str]) -> str:
    """The page's own links to the CSS and scripts (an engine may know no extra_css)."""
    tags = []
    for site_path in sorted(asset_files(template_dir)):
        url = escape(href(site_path))
        if site_path.endswith(".css"):
            tags.append(f'<link rel="stylesheet" href="{url}">')
        elif site_path.endswith(".js"):
            tags.append(f'<script defer src="{url}"></script>')
    return "\n<div class=\"sopgen-assets\" hidden>\n" + "\n".join(tags) + "\n</div>\n"


def _display_path(path: Path, sops_dir: Path) -> str:
    try:
        return path.resolve().relative_to(sops_dir.resolve().parent).as_posix()
    except ValueError:
        return path.name
