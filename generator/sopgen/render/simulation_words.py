"""The simulation in plain words: what one case is called, the office hours the walk used, the
closed days it crossed, and the end-of-day convention for completion times.

``simulator-calendar.js`` says the same things in the browser (`caseNoun` comes with the page
data; the closed days and the convention are recomputed there, the step-time note in
``simulator.js``); ``tests/js_vectors.py`` holds both sides to the same answers.

End-of-day convention: working-day arithmetic lands a completion on the next opening ("1 hari
kerja" from Monday 07.30 ends Tuesday 07.30), but a person says "done Monday 16.00". A completion
exactly at the opening of a working day is therefore *shown* as the closing time of the previous
working day; it is the same instant of working time, so verdicts and margins do not change.
"""

from __future__ import annotations

import datetime as dt
import re
from itertools import groupby, pairwise

from ..calendar.office import OfficeCalendar
from ..calendar.working_time import format_working_time
from ..duration import Kind
from ..model import Sop
from .dates import tanggal

COMPLAINT = re.compile(r"\b(pengaduan|aduan|keluhan)\b", re.IGNORECASE)
HARI = ("Senin", "Selasa", "Rabu", "Kamis", "Jumat", "Sabtu", "Minggu")
SEARCH_DAYS = 3660


def case_noun(sop: Sop) -> str:
    """``simulasi.sebutan``, else ``aduan`` for a complaint procedure, else ``permohonan``."""
    if sop.simulasi is not None and sop.simulasi.sebutan:
        return sop.simulasi.sebutan
    first = " ".join(sop.langkah[0].kegiatan) if sop.langkah else ""
    return "aduan" if COMPLAINT.search(f"{sop.identitas.nama} {first}") else "permohonan"


def _clock(minutes: int) -> str:
    return f"{minutes // 60:02d}.{minutes % 60:02d}"


def _day_text(intervals: tuple[tuple[int, int], ...]) -> str:
    if not intervals:
        return "tutup"
    text = f"{_clock(intervals[0][0])}–{_clock(intervals[-1][1])}"
    pairs = pairwise(intervals)
    breaks = [f"{_clock(a[1])}–{_clock(b[0])}" for a, b in pairs]
    return text + (f" (istirahat {', '.join(breaks)})" if breaks else "")


def _weekday_runs(hours: list[tuple[int, str]]) -> str:
    """``Senin–Kamis 07.30–16.00; Jumat ...``: consecutive weekdays with equal hours joined."""
    parts = []
    for text, run in groupby(hours, key=lambda item: item[1]):
        days = [HARI[n] for n, _ in run]
        name = days[0] if len(days) == 1 else f"{days[0]}–{days[-1]}"
        if len(days) == 2:
            name = f"{days[0]} dan {days[1]}"
        parts.append(f"{name} {text}")
    return "; ".join(parts)


def office_hours_text(calendar: OfficeCalendar) -> str:
    """The week's office hours and any special hours, e.g. ``Senin–Kamis 07.30–16.00 ...``."""
    text = _weekday_runs([(n, _day_text(calendar.week[n])) for n in range(7)])
    for special in calendar.special:
        days = sorted(special.hours)
        text += (
            f". Jam khusus {special.nama} ({tanggal(special.mulai)} s.d. "
            f"{tanggal(special.sampai)}): "
            + _weekday_runs([(n, _day_text(special.hours[n])) for n in days])
        )
    return f"{text} ({calendar.zone_label})"


def closed_days(calendar: OfficeCalendar, start: dt.datetime, end: dt.datetime) -> list[str]:
    """The closed days from ``start``'s date to ``end``'s, named: holidays by their names
    (consecutive dates of one name as a range), then the weekly days off as a count."""
    first, last = start.date(), end.date()
    if last < first:
        return []
    named: dict[dt.date, str] = {}
    for year in range(first.year, last.year + 1):
        named.update((d, n) for d, n in calendar.closed_dates(year) if first <= d <= last)
    out = []
    for name, run in groupby(sorted(named.items()), key=lambda item: item[1]):
        dates = [d for d, _ in run]
        when = tanggal(dates[0]) if len(dates) == 1 else _date_range(dates[0], dates[-1])
        out.append(f"{name} ({when})")
    off = [
        first + dt.timedelta(days=n)
        for n in range((last - first).days + 1)
        if first + dt.timedelta(days=n) not in named
        and not calendar.hours_on(first + dt.timedelta(days=n))
    ]
    if off:
        names = "/".join(HARI[n] for n in sorted({d.weekday() for d in off}))
        out.append(f"{len(off)} hari {names}")
    return out


def _date_range(a: dt.date, b: dt.date) -> str:
    if a.year == b.year and a.month == b.month:
        return f"{a.day}–{tanggal(b)}"
    return f"{tanggal(a)} – {tanggal(b)}"


def _intervals(calendar: OfficeCalendar, day: dt.date) -> tuple[tuple[int, int], ...]:
    """Open intervals (minutes) of a date, none when it is closed."""
    if any(d == day for d, _ in calendar.closed_dates(day.year)):
        return ()
    return calendar.hours_on(day)


def shown_end(calendar: OfficeCalendar, end: dt.datetime, start: dt.datetime) -> dt.datetime:
    """The instant to *show* for a completion (the end-of-day convention of the module doc).

    Only an end later than ``start`` moves (a step of no duration stays where it started);
    naive datetimes are local time of the calendar, and the result keeps ``end``'s tzinfo.
    """
    local = end.astimezone(calendar.zone).replace(tzinfo=None) if end.tzinfo else end
    begin = start.astimezone(calendar.zone).replace(tzinfo=None) if start.tzinfo else start
    today = _intervals(calendar, local.date())
    minute = local.hour * 60 + local.minute
    if not today or local.second or minute != today[0][0] or local <= begin:
        return end
    day = local.date()
    for _ in range(SEARCH_DAYS):
        day -= dt.timedelta(days=1)
        hours = _intervals(calendar, day)
        if hours:
            closing = dt.datetime.combine(day, dt.time()) + dt.timedelta(minutes=hours[-1][1])
            if closing <= begin:
                return end
            return closing.replace(tzinfo=end.tzinfo) if end.tzinfo is None else (
                closing.replace(tzinfo=calendar.zone).astimezone(end.tzinfo)
            )
    return end


def waktu_note(text: str, kind: Kind | None, maximum: float, calendar: OfficeCalendar) -> str:
    """A step's time with a word when office hours span several calendar days: ``<24 jam``
    becomes ``<24 jam (jam kerja: 3 hari kerja 1 jam 30 menit)``."""
    if kind is Kind.OFFICE_SECONDS and maximum > calendar.workday_seconds:
        return f"{text} (jam kerja: {format_working_time(maximum, calendar.workday_seconds)})"
    return text

