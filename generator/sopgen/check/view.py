"""A read-only view of a loaded SOP document for the rules: its steps, ids and actors.

The rules run on documents that may still have schema errors, so the view only takes the parts
that have the right shape and every rule skips what the schema check already reports.
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from dataclasses import dataclass, field
from typing import TYPE_CHECKING, Any

from ..diagnostics import Diagnostic, Message
from ..model import END, PathKey

if TYPE_CHECKING:
    from ..read.loader import LoadedDocument

ID_RE = re.compile(r"^[a-z0-9_-]+$")


@dataclass
class SopView:
    doc: LoadedDocument
    data: dict[str, Any]
    steps: list[tuple[int, dict[str, Any]]] = field(default_factory=list)
    """(index in `langkah`, step mapping) for every step that is a mapping."""
    step_count: int = 0
    step_ids: dict[str, int] = field(default_factory=dict)
    """Written step id -> index of the first step carrying it."""
    actor_ids: dict[str, int] = field(default_factory=dict)

    @classmethod
    def of(cls, doc: LoadedDocument) -> SopView:
        data = doc.data if isinstance(doc.data, dict) else {}
        view = cls(doc, data)
        steps = data.get("langkah")
        if isinstance(steps, list):
            view.step_count = len(steps)
            view.steps = [(i, s) for i, s in enumerate(steps) if isinstance(s, dict)]
        for index, step in view.steps:
            step_id = step.get("id")
            if isinstance(step_id, str) and ID_RE.match(step_id):
                view.step_ids.setdefault(step_id, index)
        for index, actor in view.actors():
            actor_id = actor.get("id")
            if isinstance(actor_id, str):
                view.actor_ids.setdefault(actor_id, index)
        return view

    def actors(self) -> Iterator[tuple[int, dict[str, Any]]]:
        actors = self.data.get("pelaksana")
        if isinstance(actors, list):
            for index, actor in enumerate(actors):
                if isinstance(actor, dict):
                    yield index, actor

    def mapping(self, key: str) -> dict[str, Any]:
        value = self.data.get(key)
        return value if isinstance(value, dict) else {}

    def at(
        self, message: Message, path: PathKey, *, key: bool = False,
        hint: tuple[str, str] = ("", ""), **args: Any,
    ) -> Diagnostic:
        """The message at the position of ``path`` in the file (its key with ``key``)."""
        line, column = self.doc.locate(path, key=key)
        return message.at(self.doc.file, line, column, hint_id=hint[0], hint_en=hint[1], **args)

    def step_args(self, index: int) -> dict[str, Any]:
        """Placeholders naming a step: ``{number}`` and ``{ident}`` (" (`telaah`)" or "")."""
        step = self.data["langkah"][index]
        step_id = step.get("id") if isinstance(step, dict) else None
        ident = f" (`{step_id}`)" if isinstance(step_id, str) else ""
        return {"number": index + 1, "ident": ident}

    def step_key(self, index: int) -> str:
        step = self.data["langkah"][index]
        step_id = step.get("id") if isinstance(step, dict) else None
        return step_id if isinstance(step_id, str) and ID_RE.match(step_id) else f"#{index + 1}"

    def default_next(self, index: int) -> str:
        """Where the flow goes after step ``index`` without `lanjut`: the next step, or END."""
        return self.step_key(index + 1) if index + 1 < self.step_count else END

    def decision_ids(self) -> list[str]:
        return [
            step["id"] for _, step in self.steps
            if isinstance(step.get("keputusan"), dict) and isinstance(step.get("id"), str)
        ]
