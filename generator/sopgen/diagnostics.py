"""Problems found in SOP files, as plain data.

A check never raises on bad input: it *yields* `Diagnostic` records, so a caller sees every
problem of every file in one run. Each record carries its text in every supported language;
the reporter picks one when it presents the record.

Every kind of problem is declared once as a `Message` with a stable code (``SOP101``...). The
module that detects the problem owns the declaration; the registry keeps codes unique so that
documentation and CI annotations can rely on them.
"""

from __future__ import annotations

import enum
from dataclasses import dataclass, field
from typing import Any

LANGUAGES = ("id", "en")
HINT_LABEL = {"id": "petunjuk", "en": "hint"}  # the word before a hint, in each language


class Severity(enum.StrEnum):
    ERROR = "error"
    WARNING = "warning"


@dataclass(frozen=True, slots=True)
class Diagnostic:
    """One problem at one place. Lines and columns are 1-based; 0 means "the whole file"."""

    file: str
    line: int
    column: int
    severity: Severity
    code: str
    message: dict[str, str]
    hint: dict[str, str] = field(default_factory=dict)

    def message_in(self, lang: str) -> str:
        return self.message.get(lang) or self.message["id"]

    def hint_in(self, lang: str) -> str:
        return self.hint.get(lang) or self.hint.get("id", "")

    @property
    def is_error(self) -> bool:
        return self.severity is Severity.ERROR

    def sort_key(self) -> tuple[str, int, int, str]:
        return (self.file, self.line, self.column, self.code)


_REGISTRY: dict[str, Message] = {}


class _SafeFormat(dict[str, Any]):
    """Leaves unknown placeholders visible instead of raising KeyError."""

    def __missing__(self, key: str) -> str:
        return "{" + key + "}"


@dataclass(frozen=True)
class Message:
    """A kind of problem: its code, severity and text templates in Indonesian and English.

    Templates use ``str.format`` placeholders; arguments are given to `at`.
    """

    code: str
    severity: Severity
    id: str
    en: str
    hint_id: str = ""
    hint_en: str = ""

    def __post_init__(self) -> None:
        previous = _REGISTRY.get(self.code)
        if previous is not None and previous != self:
            raise ValueError(f"diagnostic code {self.code} is declared twice")
        _REGISTRY[self.code] = self

    def at(
        self,
        file: str,
        line: int = 0,
        column: int = 0,
        *,
        hint_id: str | None = None,
        hint_en: str | None = None,
        **args: Any,
    ) -> Diagnostic:
        """The diagnostic for this message at a place; extra hint text is appended."""
        values = _SafeFormat(args)
        message = {"id": self.id.format_map(values), "en": self.en.format_map(values)}
        hint = {
            "id": _join(self.hint_id.format_map(values), hint_id),
            "en": _join(self.hint_en.format_map(values), hint_en),
        }
        return Diagnostic(file, line, column, self.severity, self.code, message, hint)


def _join(base: str, extra: str | None) -> str:
    if not extra:
        return base
    return f"{base} {extra}".strip()


def registered_messages() -> dict[str, Message]:
    """Every message declared so far, by code (import the checking modules first)."""
    return dict(sorted(_REGISTRY.items()))


def has_errors(diagnostics: list[Diagnostic], *, strict: bool = False) -> bool:
    """Whether these diagnostics fail a run; with ``strict``, warnings count as errors."""
    return any(d.is_error or strict for d in diagnostics)
