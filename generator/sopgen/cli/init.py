"""``sopgen init [FOLDER]``: a new SOP repository that validates, checks and builds at once.

Exit codes as for ``sopgen new``: 0 written; 1 a file exists and ``--force`` was not given
(then nothing is written); 2 FOLDER is a file.
"""

from __future__ import annotations

import argparse
import datetime as dt
import sys
from pathlib import Path
from typing import Any

from ..diagnostics import LANGUAGES
from ..scaffold import Options, existing, planned_files, write_files

EXIT_OK = 0
EXIT_EXISTS = 1
EXIT_USAGE = 2

_TEXTS = {
    "not_folder": {
        "id": "sopgen: {path} adalah berkas, bukan folder.",
        "en": "sopgen: {path} is a file, not a folder.",
    },
    "unwritable": {
        "id": "sopgen: tidak dapat menulis {path}: {reason}",
        "en": "sopgen: cannot write {path}: {reason}",
    },
    "exists": {
        "id": "sopgen: berkas berikut sudah ada; tidak ada yang ditulis. Pakai --force untuk "
        "menimpanya:",
        "en": "sopgen: these files already exist; nothing was written. Use --force to "
        "overwrite them:",
    },
    "created": {
        "id": "Repositori SOP dibuat di {path}. Langkah berikutnya:\n"
        "  cd {path}\n"
        "  sopgen validate      # periksa berkas SOP\n"
        "  sopgen check         # jalankan contoh kasus pada kalender kerja\n"
        "  mkdocs serve         # pratinjau situs (perlu: pip install \"sopgen[site]\")",
        "en": "Created an SOP repository in {path}. Next:\n"
        "  cd {path}\n"
        "  sopgen validate      # check the SOP files\n"
        "  sopgen check         # walk the sample cases on the office calendar\n"
        "  mkdocs serve         # preview the site (needs: pip install \"sopgen[site]\")",
    },
}


def register(commands: Any) -> None:
    init = commands.add_parser(
        "init",
        help="start a new SOP repository (site, example SOP, calendar, CI)",
        description="Write a new SOP repository into FOLDER: mkdocs.yml, an example SOP, the "
        "office calendar, the schemas, .gitignore, pre-commit, GitHub Actions and GitLab CI.",
    )
    init.add_argument("folder", nargs="?", type=Path, default=Path("."), metavar="FOLDER",
                      help="where to write (default: the current folder)")
    init.add_argument("--site-name", default=None,
                      help="title of the site, e.g. 'Pemerintah Kabupaten Demak'")
    init.add_argument("--requirement", default=None,
                      help="the pip requirement CI installs sopgen with (default: this "
                      "version from its git tag)")
    init.add_argument("--force", action="store_true", help="overwrite existing files")
    init.add_argument("--lang", choices=LANGUAGES, default="id",
                      help="language of the messages (default: id)")
    init.set_defaults(run=run_init)


def run_init(args: argparse.Namespace) -> int:
    lang: str = args.lang
    folder: Path = args.folder
    if folder.exists() and not folder.is_dir():
        print(_TEXTS["not_folder"][lang].format(path=folder.as_posix()), file=sys.stderr)
        return EXIT_USAGE
    options = Options(today=dt.date.today(), requirement=args.requirement or "")
    if args.site_name:
        options = Options(site_name=args.site_name, requirement=options.requirement,
                          today=options.today)
    files = planned_files(options)
    clashes = existing(folder, files)
    if clashes and not args.force:
        print(_TEXTS["exists"][lang], file=sys.stderr)
        for path in clashes:
            print(f"  {path.as_posix()}", file=sys.stderr)
        return EXIT_EXISTS
    try:
        write_files(folder, files)
    except OSError as error:
        where = error.filename if error.filename else folder
        print(_TEXTS["unwritable"][lang].format(path=str(where), reason=error.strerror),
              file=sys.stderr)
        return EXIT_USAGE
    print(_TEXTS["created"][lang].format(path=folder.as_posix()))
    return EXIT_OK
