"""The ``sopgen`` command line: one sub-command module per concern, exit code decided here."""

from __future__ import annotations

import argparse
import contextlib
import logging
import os
import sys
from collections.abc import Sequence
from typing import NoReturn

from .. import __version__
from . import export, init, pdf, simulate, site, validate


def build_parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(
        prog="sopgen",
        description="Validate, simulate and publish SOP Administrasi Pemerintahan written as YAML.",
    )
    parser.add_argument("--version", action="version", version=f"sopgen {__version__}")
    commands = parser.add_subparsers(dest="command", metavar="COMMAND", required=True)
    for module in (validate, init, simulate, site, pdf, export):
        module.register(commands)
    return parser


def main(argv: Sequence[str] | None = None) -> int:
    parser = build_parser()
    args = parser.parse_args(argv)
    try:
        return int(args.run(args))
    except KeyboardInterrupt:
        return 130
    except BrokenPipeError:
        return 0


def run() -> NoReturn:
    """The console command: `main`, then exit without the interpreter's teardown.

    A site build leaves about a million long-lived objects (models, pages, Material's
    templates); freeing them one by one at exit took 0.3-0.4 s, a fifth of a warm build of
    1,000 SOPs, after all the work was done. Everything that matters at exit is done here first:
    output flushed, log handlers closed; pools, locks and temporary folders are closed by the
    commands themselves. A crash still ends the usual way, with Python's own report.
    """
    code = main()
    logging.shutdown()
    for stream in (sys.stdout, sys.stderr):
        # A closed pipe: nothing more can reach the reader.
        with contextlib.suppress(OSError, ValueError):
            stream.flush()
    os._exit(code)


if __name__ == "__main__":
    run()
