"""libyaml's event stream turned into plain data and the position of every value.

The document is built from events rather than by libyaml's composer: the composer recurses in C
and overflows the stack on deeply nested input, while the event parser does not, so one pass
gives the data, the positions and an exact depth check. Anchors, aliases, tags, merge keys,
duplicate and non-text keys are reported as they pass by; nothing is ever constructed.
"""

from __future__ import annotations

import re
from typing import Any

import yaml
from yaml.events import (
    AliasEvent,
    DocumentStartEvent,
    MappingEndEvent,
    MappingStartEvent,
    ScalarEvent,
    SequenceEndEvent,
    SequenceStartEvent,
    StreamEndEvent,
)

from ..diagnostics import Diagnostic, Message
from ..model import Position
from . import messages as msg

try:
    from yaml._yaml import CParser as Parser
except ImportError:  # PyYAML built without libyaml: the pure-Python parser, slower, same events
    from yaml import BaseLoader as Parser  # type: ignore[assignment]

MAX_DEPTH = 50
# What libyaml (0.2.5 as bundled by PyYAML 6.0.3+) says when its own nesting limit is hit.
LIBYAML_TOO_DEEP = "exceeded maximum nesting depth"
"""Deepest nesting of mappings and lists accepted."""

NULLS = frozenset({"", "~", "null", "Null", "NULL"})
"""Plain scalars that mean "no value"."""

BOM = "\ufeff"
_CORE_TAG_PREFIX = "tag:yaml.org,2002:"  # what libyaml expands `!!` to
_LINE_BREAK = re.compile(r"\r\n|[\r\n\x85\u2028\u2029]")

# A spot is where a value stands and what it holds: (line, column, extra), 1-based, where extra
# is {key: (key line, key column, child spot)} for a mapping, [child spot, ...] for a list and
# the scalar style ("" for plain, "'", '"', "|", ">") for a scalar.
Spot = tuple[int, int, Any]


def build_document(raw: bytes, file: str) -> tuple[tuple[Any, Spot] | None, list[Diagnostic]]:
    """The root mapping and its spot, or None when the file cannot be used; and diagnostics."""
    return _Builder(file).build(raw)


def position(text: str, offset: int) -> Position:
    """1-based (line, column) of a character offset, counting breaks the way libyaml does."""
    line = 1
    start = 0
    for match in _LINE_BREAK.finditer(text, 0, offset):
        line += 1
        start = match.end()
    return line, offset - start + 1


_NOTHING: Any = object()  # no root yet / no pending key
_SKIP: Any = object()  # the pending key was refused: drop its value


class _Builder:
    """Turns one file's event stream into data, spots and diagnostics."""

    def __init__(self, file: str) -> None:
        self.file = file
        self.diagnostics: list[Diagnostic] = []
        self.fatal = False  # the data must not be used (anchors, tags ...)

    def build(self, raw: bytes) -> tuple[tuple[Any, Spot] | None, list[Diagnostic]]:
        parser = Parser(raw)
        try:
            root = self._events(parser)
        except yaml.MarkedYAMLError as error:
            return None, [self._syntax(error)]
        except yaml.reader.ReaderError as error:
            return None, [self._syntax_at_offset(raw, error)]
        finally:
            parser.dispose()
        if root is None:
            return None, self.diagnostics
        if root is _NOTHING:
            return None, [msg.EMPTY.at(self.file)]
        data, spot = root
        if data is None:
            return None, [*self.diagnostics, msg.EMPTY.at(self.file)]
        if not isinstance(data, dict):
            found = ("daftar (list)", "a list") if isinstance(data, list) else ("teks", "text")
            self.diagnostics.append(
                _bilingual(msg.NOT_A_MAPPING, self.file, spot[0], spot[1], found)
            )
            return None, self.diagnostics
        if self.fatal:
            return None, self.diagnostics
        return (data, spot), self.diagnostics

    def _events(self, parser: Any) -> Any:
        """Consume the events: the root (data, spot); _NOTHING for a stream without a document;
        None when reading had to stop.

        This loop runs for every value of every file, so the open mapping or list lives in
        local variables (``data``, ``spots``, the pending ``key``) and is pushed on ``stack``
        only when a nested one opens; scalars, the bulk of the events, are attached inline.
        """
        stack: list[tuple[Any, Any, int, int, Any, int, int]] = []
        root: Any = _NOTHING
        documents = 0
        get_event = parser.get_event
        data: Any = None  # the open mapping or list; None at the top level
        spots: Any = None
        line = column = 0  # where the open mapping or list starts
        key: Any = _NOTHING  # a mapping's key waiting for its value
        key_line = key_column = 0
        nulls = NULLS
        while True:
            event = get_event()
            cls = event.__class__
            if cls is ScalarEvent:
                if event.anchor is not None or event.tag is not None:
                    self._properties(event)
                mark = event.start_mark
                value = event.value
                style = event.style or ""  # the pure-Python parser says None
                if not style and value in nulls:
                    value = None
                if data.__class__ is list:
                    data.append(value)
                    spots.append((mark.line + 1, mark.column + 1, style))
                    continue
                if data is not None and key is _NOTHING:
                    if value.__class__ is str and value not in data and value != "<<":
                        key = value
                    else:
                        key = self._key(spots, value, (mark.line + 1, mark.column + 1, style))
                    key_line = mark.line + 1
                    key_column = mark.column + 1
                    continue
                node: Any = value
                spot: Spot = (mark.line + 1, mark.column + 1, style)
            elif cls is MappingStartEvent or cls is SequenceStartEvent:
                mark = event.start_mark
                if event.anchor is not None or event.tag is not None:
                    self._properties(event)
                if len(stack) >= MAX_DEPTH:
                    self.diagnostics.append(
                        msg.TOO_DEEP.at(self.file, mark.line + 1, mark.column + 1,
                                        limit=MAX_DEPTH)
                    )
                    return None
                stack.append((data, spots, line, column, key, key_line, key_column))
                if cls is MappingStartEvent:
                    data, spots = {}, {}
                else:
                    data, spots = [], []
                line = mark.line + 1
                column = mark.column + 1
                key = _NOTHING
                continue
            elif cls is MappingEndEvent or cls is SequenceEndEvent:
                node = data
                spot = (line, column, spots)
                data, spots, line, column, key, key_line, key_column = stack.pop()
            elif cls is AliasEvent:
                mark = event.start_mark
                self.fatal = True
                self.diagnostics.append(
                    msg.ALIAS.at(self.file, mark.line + 1, mark.column + 1, name=event.anchor)
                )
                node, spot = None, (mark.line + 1, mark.column + 1, "")
            elif cls is DocumentStartEvent:
                documents += 1
                if documents > 1:
                    mark = event.start_mark
                    self.diagnostics.append(
                        msg.MULTIPLE_DOCUMENTS.at(self.file, mark.line + 1, mark.column + 1)
                    )
                    return None
                continue
            elif cls is StreamEndEvent:
                return root
            else:
                continue
            # A mapping, list or alias is complete: attach it where it belongs.
            if data is None:
                root = (node, spot)
            elif data.__class__ is list:
                data.append(node)
                spots.append(spot)
            elif key is _NOTHING:
                key = self._key(spots, node, spot)
                key_line, key_column = spot[0], spot[1]
            else:
                if key is not _SKIP:
                    data[key] = node
                    spots[key] = (key_line, key_column, spot)
                key = _NOTHING

    def _key(self, spots: dict[str, Any], node: Any, spot: Spot) -> Any:
        """The key as it will be stored, or _SKIP when it is refused (and reported)."""
        line, column = spot[0], spot[1]
        if not isinstance(node, str):
            found = (("daftar (list)", "a list") if isinstance(node, list)
                     else ("pemetaan (mapping)", "a mapping") if isinstance(node, dict)
                     else ("kosong", "empty"))
            self.diagnostics.append(_bilingual(msg.KEY_NOT_TEXT, self.file, line, column, found))
            return _SKIP
        if node == "<<" and not spot[2]:
            self.diagnostics.append(msg.MERGE_KEY.at(self.file, line, column))
            return _SKIP
        if node in spots:
            first_line = spots[node][0]
            self.diagnostics.append(
                msg.DUPLICATE_KEY.at(self.file, line, column, key=node, first_line=first_line)
            )
            return _SKIP
        return node

    def _properties(self, event: Any) -> None:
        mark = event.start_mark
        line, column = mark.line + 1, mark.column + 1
        self.fatal = True
        if event.anchor is not None:
            self.diagnostics.append(msg.ANCHOR.at(self.file, line, column, name=event.anchor))
        if event.tag is not None:
            tag = event.tag
            if tag.startswith(_CORE_TAG_PREFIX):
                tag = "!!" + tag[len(_CORE_TAG_PREFIX):]
            self.diagnostics.append(msg.TAG.at(self.file, line, column, tag=tag))

    def _syntax(self, error: yaml.MarkedYAMLError) -> Diagnostic:
        problem = error.problem or error.context or "?"
        if problem == LIBYAML_TOO_DEEP and error.problem_mark is not None:
            # libyaml's own nesting limit can fire before our depth check sees the events (its
            # scanner reads `[[[[...` ahead); it is the same problem, so the same code.
            mark = error.problem_mark
            return msg.TOO_DEEP.at(self.file, mark.line + 1, mark.column + 1, limit=MAX_DEPTH)
        text_id, text_en, hint_id, hint_en = msg.explain(problem)
        mark, start = error.problem_mark, error.context_mark
        if problem.startswith(msg.END_OF_FILE) and start is not None:
            # The end of the file says nothing; where the unclosed part began does.
            mark, start = start, None
        mark = mark or start
        line, column = (mark.line + 1, mark.column + 1) if mark is not None else (0, 0)
        if start is not None and start.line + 1 != line:
            hint_id += f" Bagian ini dimulai di baris {start.line + 1}."
            hint_en += f" This part starts on line {start.line + 1}."
        return msg.SYNTAX.at(
            self.file, line, column, explanation_id=text_id, explanation_en=text_en,
            problem=problem, hint_id=hint_id, hint_en=hint_en,
        )

    def _syntax_at_offset(self, raw: bytes, error: yaml.reader.ReaderError) -> Diagnostic:
        before = raw[: max(error.position, 0)].decode("utf-8", errors="replace").lstrip(BOM)
        line, column = position(before, len(before))
        text_id, text_en, hint_id, hint_en = msg.explain(error.reason)
        return msg.SYNTAX.at(
            self.file, line, column, explanation_id=text_id, explanation_en=text_en,
            problem=error.reason, hint_id=hint_id, hint_en=hint_en,
        )


def _bilingual(
    message: Message, file: str, line: int, column: int, found: tuple[str, str]
) -> Diagnostic:
    """A diagnostic whose ``{found}`` differs between the two languages."""
    return Diagnostic(
        file, line, column, message.severity, message.code,
        {"id": message.id.format(found=found[0]), "en": message.en.format(found=found[1])},
        {"id": message.hint_id, "en": message.hint_en},
    )
