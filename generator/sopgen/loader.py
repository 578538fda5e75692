"""Strict YAML reading: the file's text as written, with the position of every value.

Nothing is silently changed or lost. Every scalar comes back as its source text (quotes
removed), except plain nulls, which become ``None``: ``no``, ``12:30``, ``1.10``, ``2020-04-02``
stay text, and only the schema checker turns text into numbers or booleans where the schema
asks for them (with `typed`). Anchors, aliases, merge keys, tags, duplicate keys, several
documents and over-deep nesting are reported, never interpreted; nothing is ever constructed.

The document is built from libyaml's event stream rather than from its composer: the composer
recurses in C and overflows the stack on deeply nested input, while the event parser does not,
so one pass gives the data, the positions and an exact depth check.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any, Literal

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

from . import loader_messages as msg
from .diagnostics import Diagnostic
from .model import PathKey, Position

try:
    from yaml._yaml import CParser as _Parser
except ImportError:  # pragma: no cover - PyYAML built without libyaml is much slower, still right
    from yaml.parser import Parser as _ParserBase
    from yaml.reader import Reader as _Reader
    from yaml.scanner import Scanner as _Scanner

    class _Parser(_Reader, _Scanner, _ParserBase):  # type: ignore[no-redef]
        def __init__(self, stream: Any) -> None:
            _Reader.__init__(self, stream)
            _Scanner.__init__(self)
            _ParserBase.__init__(self)

        def dispose(self) -> None:
            pass


MAX_BYTES = 2 * 1024 * 1024
"""Files larger than this are refused before parsing."""

MAX_DEPTH = 50
"""Deepest nesting of mappings and lists accepted."""

NULLS = frozenset({"", "~", "null", "Null", "NULL"})
"""Plain scalars that mean "no value"."""

_BOM = "\ufeff"
_CORE_TAG_PREFIX = "tag:yaml.org,2002:"  # what libyaml expands `!!` to
_LINE_BREAK = re.compile(r"\r\n|[\r\n\x85\u2028\u2029]")
# Characters outside YAML's printable set; a BOM is only allowed as the very first character.
_NON_PRINTABLE = re.compile(
    "[\x00-\x08\x0b\x0c\x0e-\x1f\x7f-\x84\x86-\x9f\ufeff\ufffe\uffff\ud800-\udfff]"
)

# A spot is where a value stands and what it holds: (line, column, extra), 1-based, where extra
# is {key: (key line, key column, child spot)} for a mapping, [child spot, ...] for a list and
# the scalar style ("" for plain, "'", '"', "|", ">") for a scalar.
Spot = tuple[int, int, Any]


@dataclass(frozen=True)
class LoadedDocument:
    """A read YAML document: plain data (dict, list, str, None) and where each value stands."""

    file: str
    data: Any
    spots: Spot = field(default=(0, 0, ""), repr=False, compare=False)

    def locate(self, path: PathKey, *, key: bool = False) -> Position:
        """1-based (line, column) of the value at ``path``.

        With ``key`` the position of the mapping key of the last path element. A path that does
        not exist gives the position of its nearest existing ancestor.
        """
        spot = self.spots
        last = len(path) - 1
        for index, part in enumerate(path):
            extra = spot[2]
            if isinstance(extra, dict) and isinstance(part, str) and part in extra:
                key_line, key_column, child = extra[part]
                if key and index == last:
                    return key_line, key_column
                spot = child
            elif (
                isinstance(extra, list)
                and isinstance(part, int)
                and not isinstance(part, bool)
                and -len(extra) <= part < len(extra)
            ):
                spot = extra[part]
            else:
                break
        return spot[0], spot[1]

    def is_quoted(self, path: PathKey) -> bool:
        """Whether the scalar at ``path`` was written in quotes (``"1"`` rather than ``1``)."""
        spot = self.spots
        for part in path:
            extra = spot[2]
            if isinstance(extra, dict) and isinstance(part, str) and part in extra:
                spot = extra[part][2]
            elif isinstance(extra, list) and isinstance(part, int) and -len(extra) <= part < len(
                extra
            ):
                spot = extra[part]
            else:
                return False
        return spot[2] in ("'", '"')


def load_document(
    path: Path, display: str | None = None
) -> tuple[LoadedDocument | None, list[Diagnostic]]:
    """Read and parse one file; the file is only ever opened for reading."""
    file = display if display is not None else path.as_posix()
    try:
        size = path.stat().st_size
        if size > MAX_BYTES:
            return None, [msg.TOO_LARGE.at(file, size=size, limit=MAX_BYTES)]
        raw = path.read_bytes()
    except OSError as error:
        return None, [msg.UNREADABLE.at(file, reason=error.strerror or type(error).__name__)]
    return load_bytes(raw, file)


def load_bytes(raw: bytes, file: str) -> tuple[LoadedDocument | None, list[Diagnostic]]:
    """Parse YAML bytes; the document is ``None`` when the file cannot be read as an SOP at all.

    A document with duplicate keys, non-text keys or merge keys is still returned (the first
    occurrence kept, the others left out) so that later checks can report more, but it comes
    with error diagnostics.
    """
    if len(raw) > MAX_BYTES:
        return None, [msg.TOO_LARGE.at(file, size=len(raw), limit=MAX_BYTES)]
    try:
        text = raw.decode("utf-8")
    except UnicodeDecodeError as error:
        return None, [_invalid_utf8(raw, error.start, file)]
    body = text[1:] if text.startswith(_BOM) else text
    bad = _NON_PRINTABLE.search(body)
    if bad is not None:
        line, column = _position(body, bad.start())
        return None, [
            msg.CONTROL_CHARACTER.at(file, line, column, character=f"U+{ord(bad.group()):04X}")
        ]
    return _Builder(file).build(raw)


def typed(value: str, kind: Literal["integer", "number", "boolean"]) -> int | float | bool | None:
    """The value of plain text under YAML 1.2 core rules, or ``None`` when it is not one.

    Only decimal integers and decimal floats count as numbers, only ``true``/``false`` (in the
    three spellings YAML allows) as booleans; ``yes``, ``0x10``, ``.inf`` are not.
    """
    if not isinstance(value, str):
        return None
    if kind == "boolean":
        return _BOOLEANS.get(value)
    if _INTEGER.fullmatch(value):
        try:
            return int(value)
        except ValueError:  # more digits than Python converts
            return None
    if kind == "number" and _FLOAT.fullmatch(value):
        number = float(value)
        return number if number not in (float("inf"), float("-inf")) else None
    return None


_BOOLEANS = {"true": True, "True": True, "TRUE": True, "false": False, "False": False,
             "FALSE": False}
_INTEGER = re.compile(r"[-+]?[0-9]+")
_FLOAT = re.compile(r"[-+]?(?:\.[0-9]+|[0-9]+(?:\.[0-9]*)?)(?:[eE][-+]?[0-9]+)?")


def _position(text: str, offset: int) -> Position:
    """1-based (line, column) of a character offset, counting breaks the way libyaml does."""
    line = 1
    start = 0
    for match in _LINE_BREAK.finditer(text, 0, offset):
        line += 1
        start = match.end()
    return line, offset - start + 1


def _invalid_utf8(raw: bytes, start: int, file: str) -> Diagnostic:
    before = raw[:start].decode("utf-8")
    if before.startswith(_BOM):
        before = before[1:]
    line, column = _position(before, len(before))
    return msg.INVALID_UTF8.at(file, line, column, byte=f"0x{raw[start]:02X}")


_NOTHING: Any = object()  # no root yet / no pending key
_SKIP: Any = object()  # the pending key was refused: drop its value


class _Frame:
    """A mapping or list being filled while events arrive."""

    __slots__ = ("column", "data", "key", "key_spot", "line", "spots")

    def __init__(self, data: Any, spots: Any, line: int, column: int) -> None:
        self.data = data
        self.spots = spots
        self.line = line
        self.column = column
        self.key: Any = _NOTHING
        self.key_spot: Spot = (0, 0, "")


class _Builder:
    """Turns one file's event stream into data, spots and diagnostics."""

    def __init__(self, file: str) -> None:
        self.file = file
        self.diagnostics: list[Diagnostic] = []
        self.fatal = False  # the data must not be used (anchors, tags ...)

    def build(self, raw: bytes) -> tuple[LoadedDocument | None, list[Diagnostic]]:
        parser = _Parser(raw)
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
        return LoadedDocument(self.file, data, spot), self.diagnostics

    def _events(self, parser: Any) -> Any:
        """Consume the events: the root (data, spot); _NOTHING for a stream without a document;
        None when reading had to stop."""
        stack: list[_Frame] = []
        root: Any = _NOTHING
        documents = 0
        get_event = parser.get_event
        while True:
            event = get_event()
            cls = event.__class__
            if cls is ScalarEvent:
                mark = event.start_mark
                if event.anchor is not None or event.tag is not None:
                    self._properties(event)
                value = event.value
                style = event.style
                if not style and value in NULLS:
                    value = None
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
                if cls is MappingStartEvent:
                    stack.append(_Frame({}, {}, mark.line + 1, mark.column + 1))
                else:
                    stack.append(_Frame([], [], mark.line + 1, mark.column + 1))
                continue
            elif cls is MappingEndEvent or cls is SequenceEndEvent:
                frame = stack.pop()
                node = frame.data
                spot = (frame.line, frame.column, frame.spots)
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
            if not stack:
                root = (node, spot)
                continue
            # Attaching is inlined: it runs for every value of every file.
            frame = stack[-1]
            data = frame.data
            if data.__class__ is list:
                data.append(node)
                frame.spots.append(spot)
            elif frame.key is _NOTHING:
                if node.__class__ is str and node not in data and node != "<<":
                    frame.key = node
                else:
                    frame.key = self._key(frame, node, spot)
                frame.key_spot = spot
            else:
                key = frame.key
                frame.key = _NOTHING
                if key is not _SKIP:
                    data[key] = node
                    key_spot = frame.key_spot
                    frame.spots[key] = (key_spot[0], key_spot[1], spot)

    def _key(self, frame: _Frame, node: Any, spot: Spot) -> Any:
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
        if node in frame.spots:
            first_line = frame.spots[node][0]
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
        before = raw[: max(error.position, 0)].decode("utf-8", errors="replace").lstrip(_BOM)
        line, column = _position(before, len(before))
        text_id, text_en, hint_id, hint_en = msg.explain(error.reason)
        return msg.SYNTAX.at(
            self.file, line, column, explanation_id=text_id, explanation_en=text_en,
            problem=error.reason, hint_id=hint_id, hint_en=hint_en,
        )


def _bilingual(
    message: Any, file: str, line: int, column: int, found: tuple[str, str]
) -> Diagnostic:
    """A diagnostic whose ``{found}`` differs between the two languages."""
    return Diagnostic(
        file, line, column, message.severity, message.code,
        {"id": message.id.format(found=found[0]), "en": message.en.format(found=found[1])},
        {"id": message.hint_id, "en": message.hint_en},
    )
