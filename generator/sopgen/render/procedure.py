"""What the procedure table shows, row by row, ready for its template.

The template (``sop_procedure.html.j2``) only lays out what this module prepares: one row per
flowchart symbol, one cell per actor lane, the arrows and join lines of the overlay, and a short
text line for decisions and jumps so the flow can be read without the drawing.
"""

from __future__ import annotations

from dataclasses import dataclass

from ..model import END, Sop, Step
from .flow import Arrow, Flow, Symbol, build_flow


@dataclass(frozen=True, slots=True)
class LaneCell:
    actor_id: str
    symbol: Symbol | None  # the row's symbol when it is drawn in this lane


@dataclass(frozen=True, slots=True)
class NextNote:
    """One "where next" line: ``label`` (a decision exit) leads to ``number`` (None: the end)."""

    label: str | None
    number: int | None


@dataclass(frozen=True, slots=True)
class Row:
    symbol: Symbol
    step: Step | None  # None: a decision's extra end row
    cells: tuple[LaneCell, ...]
    notes: tuple[NextNote, ...]


@dataclass(frozen=True, slots=True)
class ProcedureTable:
    rows: tuple[Row, ...]
    arrows: tuple[Arrow, ...]
    joins: tuple[Symbol, ...]  # symbols drawn in several lanes, joined by a line
    flow: Flow


def procedure_table(sop: Sop, flow: Flow | None = None) -> ProcedureTable:
    flow = flow or build_flow(sop)
    actor_ids = [actor.id for actor in sop.pelaksana]
    numbers = {step.key: step.number for step in sop.langkah}
    rows = []
    for symbol in flow.symbols:
        cells = tuple(
            LaneCell(actor_id, symbol if lane in symbol.lanes else None)
            for lane, actor_id in enumerate(actor_ids)
        )
        notes = _notes(symbol.step, numbers) if symbol.step is not None else ()
        rows.append(Row(symbol, symbol.step, cells, notes))
    joins = tuple(symbol for symbol in flow.symbols if len(symbol.lanes) > 1)
    return ProcedureTable(tuple(rows), flow.arrows, joins, flow)


def _notes(step: Step, numbers: dict[str, int]) -> tuple[NextNote, ...]:
    """Decisions always say where each exit goes; other steps only when they jump."""
    if step.keputusan is not None:
        d = step.keputusan
        return (
            NextNote(d.label_ya, numbers.get(d.ya) if d.ya != END else None),
            NextNote(d.label_tidak, numbers.get(d.tidak) if d.tidak != END else None),
        )
    if step.lanjut == END:
        return ()
    target = numbers[step.lanjut]
    return () if target == step.number + 1 else (NextNote(None, target),)
