"""Everything the JSON Schema cannot say about one SOP file, as diagnostics.

Each family of rules lives in its own module; this one runs them all over a shared view of the
document. Rules look only at parts with the right shape, so a document with schema errors still
gets every other problem reported in the same run.
"""

from __future__ import annotations

from collections.abc import Iterator
from typing import TYPE_CHECKING

from ..diagnostics import Diagnostic
from .durations import check_durations
from .flow import check_flow
from .identity import check_identity
from .limits import check_limits
from .placeholders import check_placeholders
from .scenarios import check_scenarios
from .view import SopView

if TYPE_CHECKING:
    from ..read.loader import LoadedDocument

CHECKS = (
    check_flow, check_identity, check_placeholders, check_durations, check_scenarios, check_limits,
)


def check_rules(doc: LoadedDocument) -> Iterator[Diagnostic]:
    """Diagnostics (SOP3xx, SOP4xx, SOP5xx, SOP7xx) for one loaded document."""
    view = SopView.of(doc)
    for check in CHECKS:
        yield from check(view)
