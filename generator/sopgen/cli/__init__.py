"""The ``sopgen`` command line: one sub-command module per concern, exit code decided here."""

from __future__ import annotations

import argparse
import sys
from collections.abc import Sequence

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


if __name__ == "__main__":
    sys.exit(main())
