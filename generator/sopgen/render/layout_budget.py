"""The time budget of one Graphviz layout.

Graphviz's time grows about cubically with the size of a diagram (200 steps took 15 s, 500
actors over 120 s). The validator keeps SOPs within `check.limits` (100 steps, 20 actors), whose
diagrams take a second or two; the budget is the safety net for anything else, so a build can
never stall on one diagram. It is kept apart from the diagram's geometry in `diagram.py`.
"""

from __future__ import annotations

import subprocess
from collections.abc import Sequence

LAYOUT_BUDGET = 60.0
"""Seconds one `neato` run may take before it is stopped."""


class LayoutTimeout(RuntimeError):
    """Graphviz did not finish a layout within the budget."""

    def __init__(self, seconds: float) -> None:
        super().__init__(f"Graphviz layout took longer than {seconds:g} s")
        self.seconds = seconds


def run_layout(
    command: Sequence[str], source: bytes, budget: float | None = None
) -> subprocess.CompletedProcess[bytes]:
    """Run a Graphviz command on ``source``; the process is killed when over budget."""
    seconds = LAYOUT_BUDGET if budget is None else budget
    try:
        return subprocess.run(
            list(command), input=source, capture_output=True, timeout=seconds, check=False
        )
    except subprocess.TimeoutExpired:
        raise LayoutTimeout(seconds) from None
