"""``sopgen build`` and ``sopgen serve``: a complete site for a SOP folder without a mkdocs.yml.

Both write the default configuration (`site_config.default_config`) into a temporary folder and
hand it to MkDocs' own build or serve; the sopgen plugin does the rest. ``build`` renders into
a fresh folder beside the output and swaps it in only on success, under a lock
(`site.output`), and never builds into the SOP folder. Exit codes: 0 built, 1 invalid SOPs, a
failed build or another build running, 2 no such folder (or an output inside the SOP folder),
3 Graphviz or the `site` extra missing.
"""

from __future__ import annotations

import argparse
import contextlib
import logging
import signal
import sys
import tempfile
from collections.abc import Iterator
from pathlib import Path
from typing import Any

from ..check.file import paused_collector
from ..diagnostics import LANGUAGES
from ..site.config import (
    GRAPHVIZ_MISSING,
    default_config,
    missing_graphviz_programs,
    plain_text,
    write_config,
)
from ..site.output import (
    BUILD_LOCKED,
    OUTPUT_IN_CORPUS,
    BuildLocked,
    build_lock,
    discard,
    overlaps,
    replace_folder,
    staging_folder,
)
from ..site.safety import positive_number
from .extras import require_site

EXIT_INVALID = 1
EXIT_NO_FOLDER = 2
EXIT_NO_GRAPHVIZ = 3

_TEXTS = {
    "no_folder": {
        "id": "Folder SOP `{path}` tidak ditemukan. Sebutkan folder berisi berkas SOP, "
        "misalnya: sopgen build sops",
        "en": "The SOP folder `{path}` does not exist. Name a folder of SOP files, "
        "e.g.: sopgen build sops",
    },
    "not_a_folder": {
        "id": "`{path}` bukan folder: sebutkan folder keluaran lain dengan -o.",
        "en": "`{path}` is not a folder: name another output folder with -o.",
    },
    "kept": {
        "id": "Situs lama di {site} tidak diubah.",
        "en": "The previous site in {site} was left unchanged.",
    },
    "internal": {
        "id": "Kesalahan internal sopgen: {error}. Situs lama di {site} tidak diubah; laporkan "
        "ke pengelola sopgen.",
        "en": "Internal sopgen error: {error}. The previous site in {site} was left unchanged; "
        "please report it to the sopgen maintainers.",
    },
    "built": {"id": "Situs dibuat di {site}", "en": "Site built in {site}"},
}


def _add_shared_options(parser: Any) -> None:
    """The options `build` and `serve` share: the messages' language and the processes."""
    parser.add_argument("--lang", choices=LANGUAGES, default="id",
                        help="language of the messages (default: id)")
    parser.add_argument("-j", "--jobs", type=_positive, default=None, metavar="N",
                        help="processes to use (default: $SOPGEN_JOBS, else every core this "
                        "process may use, within its container's CPU quota)")


def _positive(text: str) -> int:
    jobs = positive_number(text)
    if jobs is None:
        raise argparse.ArgumentTypeError(f"expected a whole number of 1 or more, not {text!r}")
    return jobs


def register(commands: Any) -> None:
    build = commands.add_parser(
        "build",
        help="build the website of a SOP folder",
        description="Build a complete MkDocs Material site from a folder of SOP files.",
    )
    build.add_argument("sops_dir", nargs="?", default="sops", metavar="SOPS_DIR")
    build.add_argument("-o", "--site-dir", default="site", help="output folder (default: site)")
    build.add_argument("--site-name", default=None, help="title of the site")
    _add_shared_options(build)
    build.set_defaults(run=run_build)

    serve = commands.add_parser(
        "serve",
        help="serve the website of a SOP folder with live reload",
        description="Serve the site of a SOP folder; pages rebuild when a SOP file is saved.",
    )
    serve.add_argument("sops_dir", nargs="?", default="sops", metavar="SOPS_DIR")
    serve.add_argument(
        "-a", "--dev-addr", default="127.0.0.1:8000", help="IP:PORT (default: 127.0.0.1:8000)"
    )
    serve.add_argument("--site-name", default=None, help="title of the site")
    _add_shared_options(serve)
    serve.set_defaults(run=run_serve)


def run_build(args: argparse.Namespace) -> int:
    sops_dir = Path(args.sops_dir)
    problem = _precondition("build", sops_dir, args.lang)
    if problem is not None:
        return problem
    site_dir = Path(args.site_dir).absolute()
    refused = _refused_output(site_dir, sops_dir, args.lang)
    if refused is not None:
        return refused
    try:
        with build_lock(site_dir):
            return _build_atomically(args, sops_dir, site_dir)
    except BuildLocked as locked:
        print(plain_text(BUILD_LOCKED.at(
            "", folder=args.site_dir, lock=locked.lock.as_posix()), args.lang), file=sys.stderr)
        return EXIT_INVALID


def _build_atomically(args: argparse.Namespace, sops_dir: Path, site_dir: Path) -> int:
    """Build into a fresh folder beside the output; swap it in only when the build succeeded."""
    with paused_collector():  # imports make many long-lived objects and no garbage
        from mkdocs.commands.build import build
        from mkdocs.config import load_config
        from mkdocs.exceptions import MkDocsException

    staging = staging_folder(site_dir)
    try:
        with tempfile.TemporaryDirectory(prefix="sopgen-") as work, _mkdocs_log():
            config_file = _project(sops_dir, Path(work), args.site_name, args.lang,
                                   site_dir=staging, jobs=args.jobs)
            try:
                with paused_collector():  # loading MkDocs, Material and the plugins
                    config = load_config(config_file=str(config_file))
                config.plugins.on_startup(command="build", dirty=False)
                try:
                    build(config)
                finally:
                    config.plugins.on_shutdown()
            except (MkDocsException, SystemExit):
                # MkDocs has logged the cause (for invalid SOPs: the validate report) already.
                print(_TEXTS["kept"][args.lang].format(site=args.site_dir), file=sys.stderr)
                return EXIT_INVALID
            except Exception as error:  # a bug: reported, and the old site still stands
                print(_TEXTS["internal"][args.lang].format(error=repr(error), site=args.site_dir),
                      file=sys.stderr)
                return EXIT_INVALID
        replace_folder(staging, site_dir)
    finally:
        discard(staging)  # gone already after a successful swap
    print(_TEXTS["built"][args.lang].format(site=args.site_dir), file=sys.stderr)
    return 0


def _refused_output(site_dir: Path, sops_dir: Path, lang: str) -> int | None:
    """Never build into the corpus, nor into a folder whose replacement would remove the corpus
    or the current folder."""
    cwd = Path.cwd().resolve()
    if overlaps(site_dir, sops_dir) or cwd.is_relative_to(site_dir.resolve()):
        print(plain_text(OUTPUT_IN_CORPUS.at(
            "", role_id="keluaran", role_en="output", folder=site_dir.as_posix(),
            sops=sops_dir.as_posix()), lang), file=sys.stderr)
        return EXIT_NO_FOLDER
    if site_dir.exists() and not site_dir.is_dir():
        print(_TEXTS["not_a_folder"][lang].format(path=site_dir), file=sys.stderr)
        return EXIT_NO_FOLDER
    return None


def run_serve(args: argparse.Namespace) -> int:
    sops_dir = Path(args.sops_dir)
    problem = _precondition("serve", sops_dir, args.lang)
    if problem is not None:
        return problem
    from mkdocs.commands.serve import serve
    from mkdocs.exceptions import MkDocsException

    # A terminated server stops like one interrupted with Ctrl-C, so its temporary folder goes.
    signal.signal(signal.SIGTERM, signal.default_int_handler)
    with tempfile.TemporaryDirectory(prefix="sopgen-") as work, _mkdocs_log():
        config_file = _project(sops_dir, Path(work), args.site_name, args.lang,
                               jobs=args.jobs)
        try:
            # Dirty: after a save only the changed SOP's page is rebuilt (the plugin tells
            # MkDocs which pages are current), which keeps a 1,000-SOP preview under 3 s.
            serve(config_file=str(config_file), dev_addr=args.dev_addr, livereload=True,
                  build_type="dirty")
        except (MkDocsException, SystemExit):
            return EXIT_INVALID
    return 0


def _precondition(command: str, sops_dir: Path, lang: str) -> int | None:
    """The exit code when the command cannot run: the `site` extra, the folder, Graphviz."""
    missing = require_site(command)
    if missing is not None:
        return missing
    if not sops_dir.is_dir():
        print(_TEXTS["no_folder"][lang].format(path=sops_dir), file=sys.stderr)
        return EXIT_NO_FOLDER
    missing = missing_graphviz_programs()
    if missing:
        print(plain_text(GRAPHVIZ_MISSING.at("", programs=", ".join(missing)), lang),
              file=sys.stderr)
        return EXIT_NO_GRAPHVIZ
    return None


def _project(
    sops_dir: Path, work: Path, site_name: str | None, lang: str,
    *, site_dir: Path | None = None, jobs: int | None = None,
) -> Path:
    """A throw-away MkDocs project: an empty docs folder and the default configuration."""
    docs = work / "docs"
    docs.mkdir()
    options: dict[str, Any] = {"site_dir": site_dir, "cache_dir": _cache_dir(sops_dir)}
    if site_name:
        options["site_name"] = site_name
    config = default_config(sops_dir, docs, **options)
    plugin = config["plugins"][-1]["sopgen"]
    if lang != "id":
        plugin["lang"] = lang  # the plugin's own messages (invalid SOPs, Graphviz, collisions)
    if site_dir is not None:  # `sopgen build` holds the lock of the real output folder
        plugin["lock"] = False
    if jobs is not None:
        plugin["jobs"] = jobs
    return write_config(config, work)


def _cache_dir(sops_dir: Path) -> Path:
    """`.cache/sopgen` in the current folder, or beside the corpus when run inside it."""
    cache = Path(".cache") / "sopgen"
    if Path.cwd().resolve().is_relative_to(sops_dir.resolve()):
        return sops_dir.resolve().parent / cache
    return cache


class _PlainErrors(logging.Formatter):
    """Errors exactly as given (the validate report); other records with their level."""

    def format(self, record: logging.LogRecord) -> str:
        message = record.getMessage()
        if record.levelno >= logging.ERROR:
            return message
        return f"{record.levelname:<7} -  {message}"


@contextlib.contextmanager
def _mkdocs_log() -> Iterator[None]:
    """Show MkDocs' log on stderr while it runs (its own CLI would, but we call its API)."""
    logger = logging.getLogger("mkdocs")
    handler = logging.StreamHandler(sys.stderr)
    handler.setFormatter(_PlainErrors())
    previous = logger.level
    logger.addHandler(handler)
    logger.setLevel(logging.INFO)
    try:
        yield
    finally:
        logger.removeHandler(handler)
        logger.setLevel(previous)
