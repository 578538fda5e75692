"""``sopgen pdf``: each SOP as the printed, signed form (PDF), and optionally a Buku SOP per unit.

Exit codes: 0 written, 1 invalid SOPs or a failed build, 2 usage (a path that does not exist),
3 Chromium, Playwright or Graphviz missing.
"""

from __future__ import annotations

import argparse
import sys
from pathlib import Path
from typing import Any

from ..corpus import check_paths, corpus_root, find_sop_files, sop_id
from ..diagnostics import LANGUAGES, has_errors
from ..reporters import render_text

EXIT_INVALID = 1
EXIT_USAGE = 2
EXIT_UNAVAILABLE = 3

_TEXTS = {
    "no_path": {"id": "sopgen: path tidak ditemukan: {path}",
                "en": "sopgen: no such path: {path}"},
    "one_root": {
        "id": "sopgen: sebutkan berkas atau folder SOP dari satu folder `sops` ({count} ditemukan)",
        "en": "sopgen: name SOP files or folders of one `sops` folder ({count} found)",
    },
    "done": {"id": "{sops} PDF SOP dan {books} Buku SOP ditulis di {out}",
             "en": "{sops} SOP PDFs and {books} Buku SOP written to {out}"},
}


def register(commands: Any) -> None:
    pdf = commands.add_parser(
        "pdf",
        help="print SOPs as PDF (the official form only), optionally a Buku SOP per work unit",
        description="Print each SOP's official form to OUT/<satuan-kerja>/<nama>.pdf with "
        "Debian's Chromium (nothing is downloaded).",
    )
    pdf.add_argument("paths", nargs="*", type=Path, metavar="PATH",
                     help="SOP files or folders (default: sops/)")
    pdf.add_argument("-o", "--output", type=Path, required=True, metavar="OUT",
                     help="output folder")
    pdf.add_argument("--kertas", "--paper", dest="kertas", choices=("a4", "f4"), default="a4",
                     help="paper, landscape: a4 (297x210 mm, default) or f4 (330x215 mm)")
    pdf.add_argument("--buku", "--book", dest="buku", action="store_true",
                     help="also write one Buku SOP per work unit: OUT/buku-sop-<unit>.pdf")
    pdf.add_argument("--tempat", "--place", dest="tempat", default="........",
                     help="place printed on the Buku SOP's pengesahan page (e.g. Demak)")
    pdf.add_argument("--situs", "--site", dest="situs", type=Path, default=None,
                     metavar="SITE_DIR",
                     help="use this site built by `sopgen build` instead of building one")
    pdf.add_argument("--lang", choices=LANGUAGES, default="id",
                     help="language of the messages (default: id; the form stays Indonesian)")
    pdf.set_defaults(run=run_pdf)


def run_pdf(args: argparse.Namespace) -> int:
    from ..pdf.browser import PrintUnavailable
    from .pdf_print import BuildFailed, print_corpus

    lang: str = args.lang
    paths: list[Path] = args.paths or [Path("sops")]
    missing = [p for p in paths if not p.exists()]
    if missing:
        for path in missing:
            print(_TEXTS["no_path"][lang].format(path=path.as_posix()), file=sys.stderr)
        return EXIT_USAGE
    files = find_sop_files(paths)
    roots = {corpus_root(file.absolute()) for file in files}
    if not files or len(roots) != 1:
        print(_TEXTS["one_root"][lang].format(count=len(roots)), file=sys.stderr)
        return EXIT_USAGE
    root = roots.pop()
    result = check_paths(paths)
    if has_errors(result.diagnostics):
        print(render_text(result.diagnostics, len(result.files), lang), file=sys.stderr)
        return EXIT_INVALID
    wanted = {sop_id(file.absolute(), root) for file in files}
    sops = [sop for sop in result.sops if sop.id in wanted]
    try:
        run = print_corpus(
            sops, root, args.output, paper=args.kertas, book=args.buku, site_dir=args.situs,
            place=args.tempat, progress=lambda line: print(line, file=sys.stderr), lang=lang,
        )
    except PrintUnavailable as error:
        print(f"sopgen: {error}", file=sys.stderr)
        return EXIT_UNAVAILABLE
    except BuildFailed as failed:
        return failed.code
    print(_TEXTS["done"][lang].format(sops=len(run.sops), books=len(run.books), out=args.output),
          file=sys.stderr)
    return 0
