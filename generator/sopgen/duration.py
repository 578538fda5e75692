"""Durations as SOP files write them: ``maks 3 hari``, ``1,5 jam``, ``seketika``.

The grammar is the one in the format contract: an optional bound word, a number or a range, a
unit; or ``seketika`` / ``langsung`` for zero. Parsing never guesses: text outside the grammar
gives ``None`` and the validator reports it, quoting the text.
"""

from __future__ import annotations

import enum
import re
from dataclasses import dataclass


class Kind(enum.StrEnum):
    """How a duration consumes time on the office calendar."""

    OFFICE_SECONDS = "office_seconds"  # detik, menit, jam: only open office time counts
    WORKING_DAYS = "working_days"  # hari kerja, minggu, bulan
    CALENDAR_DAYS = "calendar_days"  # hari kalender
    DAYS = "days"  # plain "hari": working days unless the corpus calendar says otherwise


# unit word -> (kind, size of one unit in that kind's base: seconds or days)
UNITS: dict[str, tuple[Kind, float]] = {
    "detik": (Kind.OFFICE_SECONDS, 1.0),
    "menit": (Kind.OFFICE_SECONDS, 60.0),
    "jam": (Kind.OFFICE_SECONDS, 3600.0),
    "hari": (Kind.DAYS, 1.0),
    "hari kerja": (Kind.WORKING_DAYS, 1.0),
    "hari kalender": (Kind.CALENDAR_DAYS, 1.0),
    "minggu": (Kind.WORKING_DAYS, 5.0),
    "bulan": (Kind.WORKING_DAYS, 20.0),
}
BOUND_WORDS = ("maksimal", "maks", "max", "paling lama", "paling lambat", "<=", "≤", "<")
ZERO_WORDS = ("seketika", "langsung")

_NUMBER = r"\d+(?:[.,]\d+)?"
_PATTERN = re.compile(
    r"^(?P<bound>"
    + "|".join(re.escape(word) for word in BOUND_WORDS)
    + r")?\s*(?P<low>"
    + _NUMBER
    + r")(?:\s*[-–]\s*(?P<high>"
    + _NUMBER
    + r"))?\s*(?P<unit>hari\s+kerja|hari\s+kalender|detik|menit|jam|hari|minggu|bulan)$"
)


@dataclass(frozen=True, slots=True)
class Duration:
    """A parsed duration. ``minimum``/``maximum`` are in the kind's base unit (seconds or days).

    The deterministic walk uses ``maximum``; a Monte Carlo draw lies between the two. A bound
    word without a range means "anything up to", so its minimum is 0.
    """

    text: str
    kind: Kind
    minimum: float
    maximum: float
    bounded: bool = False

    @property
    def is_zero(self) -> bool:
        return self.maximum == 0


def parse_duration(text: str) -> Duration | None:
    """The duration this text denotes, or ``None`` when it is outside the grammar."""
    if not isinstance(text, str):
        return None
    normal = " ".join(text.strip().lower().split())
    if normal in ZERO_WORDS:
        return Duration(text, Kind.OFFICE_SECONDS, 0.0, 0.0)
    match = _PATTERN.match(normal)
    if match is None:
        return None
    kind, size = UNITS[" ".join(match["unit"].split())]
    low = _number(match["low"])
    high = _number(match["high"]) if match["high"] else None
    bounded = match["bound"] is not None
    if high is not None:
        if high < low:
            return None
        return Duration(text, kind, low * size, high * size, bounded)
    return Duration(text, kind, 0.0 if bounded else low * size, low * size, bounded)


def _number(text: str) -> float:
    return float(text.replace(",", "."))
