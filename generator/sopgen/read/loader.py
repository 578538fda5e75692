"""Strict YAML reading: the file's text as written, with the position of every value.

Nothing is silently changed or lost. Every scalar comes back as its source text (quotes
removed), except plain nulls, which become ``None``: ``no``, ``12:30``, ``1.10``, ``2020-04-02``
stay text, and only the schema checker turns text into numbers or booleans where the schema
asks for them (with `typed`). Anchors, aliases, merge keys, tags, duplicate keys, several
documents and over-deep nesting are reported, never interpreted; nothing is ever constructed.

The parsing itself is in `document_builder`.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any, Literal

from ..diagnostics import Diagnostic
from ..model import PathKey, Position
from . import messages as msg
from .document import BOM, MAX_DEPTH, NULLS, Spot, build_document, position
from .safe import NOT_REGULAR, FileTooLarge, NotRegularFile, read_bounded

__all__ = [
    "MAX_BYTES", "MAX_DEPTH", "NULLS", "LoadedDocument", "load_bytes", "load_document", "typed",
]

MAX_BYTES = 2 * 1024 * 1024
"""Files larger than this are refused before parsing."""

# Characters outside YAML's printable set; a BOM is only allowed as the very first character.
_NON_PRINTABLE = re.compile(
    "[\x00-\x08\x0b\x0c\x0e-\x1f\x7f-\x84\x86-\x9f\ufeff\ufffe\uffff\ud800-\udfff]"
)


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
        spot, key_position, complete = self._walk(path)
        if key and complete and key_position is not None:
            return key_position
        return spot[0], spot[1]

    def is_quoted(self, path: PathKey) -> bool:
        """Whether the scalar at ``path`` was written in quotes (``"1"`` rather than ``1``)."""
        spot, _, complete = self._walk(path)
        return complete and spot[2] in ("'", '"')

    def _walk(self, path: PathKey) -> tuple[Spot, Position | None, bool]:
        """The spot of the deepest existing value on ``path``, the position of the key that
        led to it (None for a list item), and whether the whole path exists."""
        spot = self.spots
        key_position: Position | None = None
        for part in path:
            extra = spot[2]
            if isinstance(extra, dict) and isinstance(part, str) and part in extra:
                key_line, key_column, spot = extra[part]
                key_position = (key_line, key_column)
            elif (
                isinstance(extra, list)
                and isinstance(part, int)
                and not isinstance(part, bool)
                and -len(extra) <= part < len(extra)
            ):
                spot = extra[part]
                key_position = None
            else:
                return spot, None, False
        return spot, key_position, True


def load_document(
    path: Path, display: str | None = None
) -> tuple[LoadedDocument | None, list[Diagnostic]]:
    """Read and parse one file; the file is only ever opened for reading."""
    file = display if display is not None else path.as_posix()
    try:
        raw = read_bounded(path, MAX_BYTES)
    except NotRegularFile as error:
        return None, [NOT_REGULAR.at(file, kind_id=error.kind_id, kind_en=error.kind_en)]
    except FileTooLarge as error:
        return None, [msg.TOO_LARGE.at(file, size=error.size, limit=MAX_BYTES)]
    except (OSError, ValueError) as error:  # ValueError: a NUL in the name
        reason = getattr(error, "strerror", None) or type(error).__name__
        return None, [msg.UNREADABLE.at(file, reason=reason)]
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
    body = text[1:] if text.startswith(BOM) else text
    bad = _NON_PRINTABLE.search(body)
    if bad is not None:
        line, column = position(body, bad.start())
        return None, [
            msg.CONTROL_CHARACTER.at(file, line, column, character=f"U+{ord(bad.group()):04X}")
        ]
    root, diagnostics = build_document(raw, file)
    if root is None:
        return None, diagnostics
    data, spot = root
    return LoadedDocument(file, data, spot), diagnostics


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


def _invalid_utf8(raw: bytes, start: int, file: str) -> Diagnostic:
    before = raw[:start].decode("utf-8")
    if before.startswith(BOM):
        before = before[1:]
    line, column = position(before, len(before))
    return msg.INVALID_UTF8.at(file, line, column, byte=f"0x{raw[start]:02X}")
