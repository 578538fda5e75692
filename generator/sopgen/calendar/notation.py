"""The calendar file's notation for clock times, dates and breaks: ``07:30``, ``2026-03-28``,
``12:00-13:00``. Parsers return None (or a reason) for text that is not valid; they never raise."""

from __future__ import annotations

import datetime as dt
import re

from .office import Interval, minutes

_TIME = re.compile(r"^(\d{1,2}):(\d{2})$")
_DATE = re.compile(r"^(\d{4})-(\d{2})-(\d{2})$")


def parse_time(text: str | None) -> int | None:
    match = _TIME.match(text or "")
    if match is None:
        return None
    hours, mins = int(match[1]), int(match[2])
    if mins > 59 or hours > 24 or (hours == 24 and mins > 0):
        return None
    return minutes(f"{hours}:{mins}")


def parse_date(text: str) -> dt.date | None:
    match = _DATE.match(text)
    if match is None:
        return None
    try:
        return dt.date(int(match[1]), int(match[2]), int(match[3]))
    except ValueError:
        return None


def parse_break(text: str, opening: int, closing: int) -> tuple[Interval | None, tuple[str, str]]:
    """The break interval, or None with the reason (id, en) it is not valid."""
    parts = text.split("-")
    if len(parts) != 2:
        return None, ("bentuknya bukan JJ:MM-JJ:MM", "it is not of the form HH:MM-HH:MM")
    start, end = (parse_time(part.strip()) for part in parts)
    if start is None or end is None:
        return None, ("jamnya tidak sah", "a time in it is not valid")
    if end <= start:
        return None, ("akhir istirahat tidak sesudah awalnya", "its end is not after its start")
    if start < opening or end > closing:
        return None, ("istirahat di luar jam buka", "the break lies outside the opening hours")
    return (start, end), ("", "")


def clock_text(value: int) -> str:
    return f"{value // 60:02d}:{value % 60:02d}"
