"""The flowchart of an SOP: symbols on rows and lanes, and the arrows between them.

Both drawings read this one plan, so they always agree: the swimlane procedure table (one row
per symbol) and the Graphviz diagram (one rank per row). Only the SOP AP symbols are used: the
first step is the start terminator, a step whose flow ends is itself the end terminator, a
decision is a diamond, and a decision branch that ends the procedure gets its own small end
terminator on an extra row right after the decision, in the decision's lane.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Literal

from ..model import END, Sop, Step

Shape = Literal["terminator", "process", "decision"]
Exit = Literal["bottom", "east", "west"]

END_LABEL = "Selesai"


def end_key(decision_key: str, branch: str) -> str:
    """Key of the end terminator that a decision's ``ya``/``tidak`` branch leads to."""
    return f"{END}:{decision_key}:{branch}"


@dataclass(frozen=True, slots=True)
class Symbol:
    """One drawn symbol; several actors share one step symbol, drawn once in each lane."""

    key: str  # the step key, or end_key(...) for a decision's end terminator
    shape: Shape
    label: str  # the short text inside: the step number, or "Selesai"
    lanes: tuple[int, ...]  # 0-based lane (actor) indexes, ascending; arrows attach to lanes[0]
    row: int  # 0-based row of the drawing
    anchor: str  # id of the table row to link to
    step: Step | None  # None for a decision's end terminator

    @property
    def lane(self) -> int:
        return self.lanes[0]


@dataclass(frozen=True, slots=True)
class Arrow:
    source: str
    target: str
    label: str | None  # decision exits only
    branch: str | None  # "ya" / "tidak" for decision exits
    exit: Exit  # where it leaves the source symbol


@dataclass(frozen=True, slots=True)
class Flow:
    symbols: tuple[Symbol, ...]  # one per row, in row order
    arrows: tuple[Arrow, ...]

    def symbol(self, key: str) -> Symbol:
        for symbol in self.symbols:
            if symbol.key == key:
                return symbol
        raise KeyError(key)


def build_flow(sop: Sop) -> Flow:
    """The plan of the flowchart of a validated SOP."""
    lane_of = {actor.id: index for index, actor in enumerate(sop.pelaksana)}
    symbols: list[Symbol] = []
    for step in sop.langkah:
        lanes = tuple(sorted({lane_of[actor] for actor in step.pelaksana}))
        symbols.append(
            Symbol(step.key, _shape(step), str(step.number), lanes, len(symbols), step.anchor, step)
        )
        if step.keputusan is not None:
            for branch, target in (("ya", step.keputusan.ya), ("tidak", step.keputusan.tidak)):
                if target == END:
                    symbols.append(Symbol(
                        key=end_key(step.key, branch), shape="terminator", label=END_LABEL,
                        lanes=lanes[:1], row=len(symbols), anchor=step.anchor, step=None,
                    ))
    row_of = {symbol.key: symbol for symbol in symbols}
    arrows: list[Arrow] = []
    for step in sop.langkah:
        source = row_of[step.key]
        if step.keputusan is None:
            if step.lanjut != END:
                arrows.append(Arrow(step.key, step.lanjut, None, None, "bottom"))
            continue
        decision = step.keputusan
        branches = [
            ("ya", _target(step, "ya", decision.ya), decision.label_ya),
            ("tidak", _target(step, "tidak", decision.tidak), decision.label_tidak),
        ]
        bottom = _bottom_branch(source, [row_of[target] for _, target, _ in branches])
        for index, (branch, target, label) in enumerate(branches):
            exit_: Exit = "bottom" if index == bottom else _side(source, row_of[target])
            arrows.append(Arrow(step.key, target, label, branch, exit_))
    return Flow(tuple(symbols), tuple(arrows))


def _shape(step: Step) -> Shape:
    # A decision needs its two exits, so a deciding first step stays a diamond.
    if step.is_decision:
        return "decision"
    if step.number == 1 or step.lanjut == END:
        return "terminator"
    return "process"


def _target(step: Step, branch: str, target: str) -> str:
    return end_key(step.key, branch) if target == END else target


def _bottom_branch(source: Symbol, targets: list[Symbol]) -> int:
    """Which exit leaves from the bottom: the one going straight down, else the nearest below."""
    for index, target in enumerate(targets):
        if target.row == source.row + 1 and target.lane == source.lane:
            return index
    below = [(t.row, index) for index, t in enumerate(targets) if t.row > source.row]
    return min(below)[1] if below else 0


def _side(source: Symbol, target: Symbol) -> Exit:
    # A shared step's join line runs east from its first lane, so the side exit goes west then.
    if len(source.lanes) > 1 or target.lane < source.lane:
        return "west"
    return "east"
