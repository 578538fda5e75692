"""``sopgen export DOCS_DIR``: the SOP pages as plain files for any MkDocs-compatible engine.

Exit codes: 0 written; 1 invalid SOPs (reported as by ``validate``, nothing written) or a file
of the user's in the way; 2 no such SOP folder; 3 the `site` extra or Graphviz missing.
"""

from __future__ import annotations

import argparse
import json
import sys
from pathlib import Path
from typing import Any

from ..diagnostics import LANGUAGES
from .extras import require_site

EXIT_INVALID = 1
EXIT_USAGE = 2
EXIT_MISSING = 3

_TEXTS = {
    "no_sops": {
        "id": "sopgen: folder SOP `{path}` tidak ditemukan.",
        "en": "sopgen: the SOP folder `{path}` does not exist.",
    },
    "refused": {
        "id": "sopgen: berkas Anda berikut akan tertimpa oleh hasil ekspor; tidak ada yang "
        "ditulis. Pindahkan atau ganti namanya:",
        "en": "sopgen: the export would replace these files of yours; nothing was written. "
        "Move or rename them:",
    },
    "done": {
        "id": "{count} berkas ditulis ke {docs}; navigasi di {nav}. Bangun dengan mesin apa pun "
        "yang membaca folder docs MkDocs (ProperDocs, Zensical, MkDocs) tanpa plugin sopgen.",
        "en": "Wrote {count} files into {docs}; navigation in {nav}. Build it with any engine "
        "that reads a MkDocs docs folder (ProperDocs, Zensical, MkDocs), without the plugin.",
    },
}


def register(commands: Any) -> None:
    export = commands.add_parser(
        "export",
        help="write the SOP pages into a docs folder any MkDocs-compatible engine builds",
        description="Write every SOP page (Markdown with raw HTML), the list page, the key "
        "reference, the assets and a nav snippet into DOCS_DIR, for engines without plugins "
        "(Zensical, MkDocs 2.0) or without sopgen.",
    )
    export.add_argument("docs_dir", type=Path, metavar="DOCS_DIR")
    export.add_argument("--sops-dir", type=Path, default=Path("sops"),
                        help="folder of the SOP files (default: sops)")
    export.add_argument("--nav-file", type=Path, default=None,
                        help="where to write the nav snippet (default: sopgen-nav.yml beside "
                        "DOCS_DIR)")
    export.add_argument("--cache-dir", type=Path, default=Path(".cache") / "sopgen",
                        help="rendered diagrams, by content hash (default: .cache/sopgen)")
    export.add_argument("--template-dir", type=Path, default=None,
                        help="a template folder overriding the built-in templates")
    export.add_argument("--links", choices=("file", "url"), default="file",
                        help="file: links relative to each Markdown file, resolved by the "
                        "engine (Zensical); url: final URLs, for engines that leave raw HTML "
                        "alone (MkDocs 1.x, ProperDocs) (default: file)")
    export.add_argument("--no-directory-urls", action="store_true",
                        help="with --links url: the engine writes page.html, not page/index.html")
    export.add_argument("--lang", choices=LANGUAGES, default="id",
                        help="language of the messages (default: id)")
    export.set_defaults(run=run_export)


def run_export(args: argparse.Namespace) -> int:
    lang: str = args.lang
    missing = require_site("export", ("jinja2", "markupsafe"))
    if missing is not None:
        return missing
    if not args.sops_dir.is_dir():
        print(_TEXTS["no_sops"][lang].format(path=args.sops_dir.as_posix()), file=sys.stderr)
        return EXIT_USAGE
    from ..reporters import render_text
    from ..site.config import GRAPHVIZ_MISSING, missing_graphviz_programs, plain_text
    from ..site.export import export_docs

    absent = missing_graphviz_programs()
    if absent:
        print(plain_text(GRAPHVIZ_MISSING.at("", programs=", ".join(absent)), lang),
              file=sys.stderr)
        return EXIT_MISSING
    result = export_docs(
        args.sops_dir, args.docs_dir, links=args.links,
        directory_urls=not args.no_directory_urls,
        template_dir=args.template_dir, cache_dir=args.cache_dir,
    )
    if result.diagnostics:
        sys.stderr.write(render_text(result.diagnostics, result.files, lang))
    if any(d.is_error for d in result.diagnostics):
        return EXIT_INVALID
    if result.refused:
        print(_TEXTS["refused"][lang], file=sys.stderr)
        for path in result.refused:
            print(f"  {(args.docs_dir / path).as_posix()}", file=sys.stderr)
        return EXIT_INVALID
    nav_file: Path = args.nav_file or args.docs_dir.absolute().parent / "sopgen-nav.yml"
    header = (
        "# Navigasi halaman hasil `sopgen export`: salin ke bawah `nav:` konfigurasi situs.\n"
        "# Navigation of the pages `sopgen export` wrote: copy under `nav:` of the site config.\n"
    )
    # JSON is YAML: no quoting rules to get wrong for SOP names.
    nav_file.write_text(
        header + "nav: " + json.dumps(result.nav, ensure_ascii=False, indent=2) + "\n",
        encoding="utf-8",
    )
    print(_TEXTS["done"][lang].format(
        count=len(result.written), docs=args.docs_dir.as_posix(), nav=nav_file.as_posix()
    ))
    return 0
