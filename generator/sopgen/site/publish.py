"""The SOP files as MkDocs files: a page per valid SOP, its YAML beside it, the logos, and while
serving, a page of problems in place of each invalid SOP's page."""

from __future__ import annotations

import posixpath
from collections.abc import Sequence
from pathlib import Path

from mkdocs.config.defaults import MkDocsConfig
from mkdocs.structure.files import File, Files

from ..corpus import CorpusResult
from ..model import Sop
from ..reporters import render_text
from . import files as f
from .builder import Prepared
from .facts import source_uri
from .index import SOP_FOLDER, page_uri
from .pages import error_page


def add_sop_pages(
    files: Files, config: MkDocsConfig, pages: Sequence[tuple[Sop, Prepared]],
    logos: dict[Path, str],
) -> dict[str, Prepared]:
    """One generated page per valid SOP, its YAML beside it, its edit link on the YAML; the
    logo images. Returns each page's URI with what fills its slots later."""
    docs_dir = Path(config.docs_dir).resolve()
    pending: dict[str, Prepared] = {}
    for sop, prepared in pages:
        uri = page_uri(sop)
        # The YAML is published beside its page, so readers can download the source.
        files.append(File.generated(config, source_uri(sop), abs_src_path=str(sop.path)))
        pending[uri] = prepared
        # Outside the nav: the nav lists bodies and units, each unit's page lists its SOPs.
        if prepared.markdown_file is not None:  # MkDocs reads it when it builds the page
            page = f.generated(files, config, uri, None, in_nav=False,
                               source=prepared.markdown_file)
        else:
            assert prepared.early is not None
            page = f.generated(files, config, uri, prepared.early.markdown, in_nav=False)
        # Material's edit button then opens the YAML file: MkDocs joins this path, relative
        # to the docs folder, to repo_url + edit_uri and resolves the "..".
        page.edit_uri = Path(posixpath.relpath(sop.path.resolve(), docs_dir)).as_posix()
    published: set[str] = set()
    for image, site_path in sorted(logos.items()):
        if site_path not in published:  # SOPs sharing one image share one file
            published.add(site_path)
            files.append(File.generated(config, site_path, abs_src_path=str(image)))
    return pending


def add_error_pages(
    files: Files, config: MkDocsConfig, result: CorpusResult, published: set[str],
    sops_dir: Path, lang: str,
) -> None:
    """Where an invalid SOP's page would be, its problems (only while serving)."""
    for checked in result.files:
        if not any(d.is_error for d in checked.diagnostics):
            continue
        sop_id = checked.sop.id if checked.sop else f.sop_id(checked.file, sops_dir)
        if sop_id is not None and sop_id not in published:
            report = render_text(checked.diagnostics, 1, lang)
            f.generated(files, config, f"{SOP_FOLDER}/{sop_id}.md", error_page(sop_id, report))
