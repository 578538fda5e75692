"""Working time written for people: ``2 hari kerja 3 jam 15 menit``.

Amounts are open office seconds; a working day is the calendar's average daily open time
(`OfficeCalendar.workday_seconds`, 7.5 h by default), so "1 hari kerja" here is a quantity of
office time, not a date. Values are rounded to the minute.
"""

from __future__ import annotations

import datetime as dt

_UNITS = {
    "id": ("hari kerja", "jam", "menit"),
    "en": ("working day", "hour", "minute"),
}
_MARGIN = {
    "id": ("lebih cepat {}", "terlambat {}", "tepat pada tenggat"),
    "en": ("{} early", "{} late", "exactly on the deadline"),
}


def format_working_time(seconds: float, workday_seconds: float, lang: str = "id") -> str:
    """``2 hari kerja 3 jam 15 menit`` for a non-negative amount (the sign is dropped)."""
    total_minutes = round(abs(seconds) / 60)
    day_minutes = max(1, round(workday_seconds / 60))
    days, rest = divmod(total_minutes, day_minutes)
    hours, mins = divmod(rest, 60)
    names = _UNITS.get(lang, _UNITS["id"])
    parts = [
        _count(value, name, lang)
        for value, name in zip((days, hours, mins), names, strict=True)
        if value
    ]
    return " ".join(parts) if parts else _count(0, names[2], lang)


def format_margin(seconds: float, workday_seconds: float, lang: str = "id") -> str:
    """``lebih cepat 1 jam`` (positive = before the deadline) or ``terlambat 2 hari kerja``."""
    early, late, exact = _MARGIN.get(lang, _MARGIN["id"])
    if round(abs(seconds) / 60) == 0:
        return exact
    text = format_working_time(seconds, workday_seconds, lang)
    return (early if seconds > 0 else late).format(text)


def _count(value: int, name: str, lang: str) -> str:
    if lang == "en" and value != 1:
        return f"{value} {name}s"
    return f"{value} {name}"


_DAYS = {
    "id": ("Sen", "Sel", "Rab", "Kam", "Jum", "Sab", "Min"),
    "en": ("Mon", "Tue", "Wed", "Thu", "Fri", "Sat", "Sun"),
}
_MONTHS = {
    "id": ("Jan", "Feb", "Mar", "Apr", "Mei", "Jun", "Jul", "Agu", "Sep", "Okt", "Nov", "Des"),
    "en": ("Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec"),
}


def format_instant(t: dt.datetime, zone_label: str = "", lang: str = "id") -> str:
    """``Jum 20 Nov 2026 15:30 WIB``: an instant as a table cell (to the minute)."""
    days = _DAYS.get(lang, _DAYS["id"])
    months = _MONTHS.get(lang, _MONTHS["id"])
    t = t + dt.timedelta(seconds=30)  # round to the nearest minute
    text = f"{days[t.weekday()]} {t.day:02d} {months[t.month - 1]} {t.year} {t:%H:%M}"
    return f"{text} {zone_label}" if zone_label else text
