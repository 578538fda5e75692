"""The default site: the MkDocs configuration `sopgen build`/`serve` use for a bare SOP folder,
and the preconditions of any site build (Graphviz).

A body with its own ``mkdocs.yml`` never needs this module's configuration; the same theme
settings are documented in the README so that it can copy them.
"""

from __future__ import annotations

import json
import shutil
from pathlib import Path
from typing import Any

from ..diagnostics import HINT_LABEL, Diagnostic, Message, Severity

GRAPHVIZ_PROGRAMS = ("dot", "neato")

GRAPHVIZ_MISSING = Message(
    "SOP901",
    Severity.ERROR,
    id="Graphviz tidak terpasang: program {programs} tidak ditemukan",
    en="Graphviz is not installed: program {programs} not found",
    hint_id=(
        "Diagram alir dibuat dengan Graphviz. Pasang dulu, misalnya di Debian/Ubuntu: "
        "`sudo apt-get install graphviz` (di Windows: `winget install graphviz`), lalu ulangi."
    ),
    hint_en=(
        "Flow diagrams are drawn with Graphviz. Install it first, e.g. on Debian/Ubuntu: "
        "`sudo apt-get install graphviz` (on Windows: `winget install graphviz`), then retry."
    ),
)
GRAPHVIZ_FAILED = Message(
    "SOP902",
    Severity.ERROR,
    id="Graphviz gagal menggambar diagram alir SOP ini: {detail}",
    en="Graphviz failed to draw this SOP's flow diagram: {detail}",
    hint_id=(
        "Periksa apakah Graphviz terpasang lengkap (`dot -V`). Jika masalah tetap ada, "
        "laporkan berkas SOP ini kepada pengelola sopgen."
    ),
    hint_en=(
        "Check that Graphviz is fully installed (`dot -V`). If the problem persists, report "
        "this SOP file to the sopgen maintainers."
    ),
)

GRAPHVIZ_TOO_SLOW = Message(
    "SOP903",
    Severity.ERROR,
    id="Diagram alir SOP `{sop}` ({steps} langkah, {actors} pelaksana) tidak selesai digambar "
    "dalam {seconds} detik",
    en="The flow diagram of SOP `{sop}` ({steps} steps, {actors} actors) was not drawn within "
    "{seconds} seconds",
    hint_id="Diagram sebesar ini terlalu lama digambar Graphviz. Pecah prosedur menjadi beberapa "
    "SOP yang saling terkait (`keterkaitan`) atau kurangi langkah dan pelaksananya.",
    hint_en="A diagram this large takes Graphviz too long. Split the procedure into several "
    "related SOPs (`keterkaitan`) or reduce its steps and actors.",
)

SITE_NAME = "Standar Operasional Prosedur"

THEME: dict[str, Any] = {
    "name": "material",
    "language": "id",
    # Web fonts would be fetched from Google at view time; offices may be offline.
    "font": False,
    "palette": [
        {
            "media": "(prefers-color-scheme: light)",
            "scheme": "default",
            "primary": "indigo",
            "toggle": {"icon": "material/brightness-7", "name": "Beralih ke mode gelap"},
        },
        {
            "media": "(prefers-color-scheme: dark)",
            "scheme": "slate",
            "primary": "indigo",
            "toggle": {"icon": "material/brightness-4", "name": "Beralih ke mode terang"},
        },
    ],
    "features": [
        "navigation.sections",
        "navigation.indexes",
        # Material prints the whole nav on every page; pruning keeps thousands of SOPs linear.
        "navigation.prune",
        "navigation.top",
        "content.action.edit",
        "search.highlight",
        "search.suggest",
    ],
}


def plain_text(diagnostic: Diagnostic, lang: str = "id") -> str:
    """A problem that belongs to no file (a missing program): message and hint, in ``lang``."""
    return f"{diagnostic.message_in(lang)}\n  {HINT_LABEL[lang]}: {diagnostic.hint_in(lang)}"


def missing_graphviz_programs() -> list[str]:
    """The Graphviz programs the diagrams need that are not on PATH."""
    return [name for name in GRAPHVIZ_PROGRAMS if shutil.which(name) is None]


def default_config(
    sops_dir: Path,
    docs_dir: Path,
    *,
    site_dir: Path | None = None,
    cache_dir: Path | None = None,
    site_name: str = SITE_NAME,
) -> dict[str, Any]:
    """The MkDocs configuration of a site made of one SOP folder, with absolute paths."""
    plugin: dict[str, Any] = {"sops_dir": str(sops_dir.resolve())}
    if cache_dir is not None:
        plugin["cache_dir"] = str(cache_dir.resolve())
    config: dict[str, Any] = {
        "site_name": site_name,
        "docs_dir": str(docs_dir.resolve()),
        "theme": THEME,
        "plugins": ["search", {"sopgen": plugin}],
        "markdown_extensions": ["tables", "attr_list", "admonition", "toc"],
    }
    if site_dir is not None:
        config["site_dir"] = str(site_dir.resolve())
    return config


def write_config(config: dict[str, Any], folder: Path) -> Path:
    """Write ``mkdocs.yml`` into ``folder`` (JSON is YAML, so no quoting rules to get wrong)."""
    folder.mkdir(parents=True, exist_ok=True)
    path = folder / "mkdocs.yml"
    path.write_text(json.dumps(config, ensure_ascii=False, indent=2), encoding="utf-8")
    return path
