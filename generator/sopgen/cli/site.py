"""Sub-commands of `sopgen` (placeholder until implemented)."""

from __future__ import annotations

import argparse
from typing import Any


def register(commands: Any) -> None:
    del commands


def _unused(args: argparse.Namespace) -> int:
    return 2
