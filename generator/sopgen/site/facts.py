"""The facts of each SOP page that come from the site around it, not from its own file.

Where its YAML and logo are published, how it links to the SOPs it names, its last-change date
from git: resolved here, in the main process, because they need the whole corpus; `PageFacts`
then travels to the worker that renders the page and into the page's cache key.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Sequence
from pathlib import Path

from mkdocs.utils import get_relative_url

from ..model import Sop
from . import files as f
from .index import SOP_FOLDER, page_uri
from .pages import PageLinks, logo_uri
from .render_parts import PageFacts, page_facts


def source_uri(sop: Sop) -> str:
    """Where the SOP's YAML is published, beside its page."""
    return f"{SOP_FOLDER}/{sop.id}{sop.path.suffix}"


def site_facts(
    sops: Sequence[Sop], *, sops_dir: Path, use_directory_urls: bool,
    last_changes: dict[Path, dt.date], logos: dict[Path, str],
) -> list[PageFacts]:
    """Each SOP's facts, in order; ``logos`` gains the site path of every logo image used."""
    published = {sop.id for sop in sops}
    names = {sop.id: sop.identitas.nama for sop in sops}
    facts = []
    for sop in sops:
        uri = page_uri(sop)
        here = f.url_of(uri, use_directory_urls)
        logo_url = None
        if sop.identitas.logo is not None:
            logo = logos.setdefault(sop.identitas.logo, logo_uri(sop.identitas.logo))
            logo_url = get_relative_url(logo, here)
        links = PageLinks(
            link_for=f.linker(uri, published, use_directory_urls),
            title_for=names.get,
            source_url=get_relative_url(source_uri(sop), here),
            source_path=f.display_path(sop.path, sops_dir),
            logo_url=logo_url,
        )
        facts.append(page_facts(sop, links, last_changes.get(sop.path.resolve())))
    return facts
