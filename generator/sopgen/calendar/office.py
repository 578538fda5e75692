"""The office calendar: when a government office is open, and working-time arithmetic on it.

This docstring is the contract; the site's JavaScript twin computes the same results from
`OfficeCalendar.export`.

Time zone
    ``WIB`` = Asia/Jakarta (UTC+7), ``WITA`` = Asia/Makassar (UTC+8), ``WIT`` = Asia/Jayapura
    (UTC+9); the IANA names are accepted too. Indonesia has no daylight saving time, so a zone
    is a fixed offset. Times written in SOP files are naive local times of the body; outputs are
    aware datetimes (ISO 8601 with the offset).

Open intervals
    Each weekday (senin..minggu) has opening hours minus breaks, as half-open intervals
    ``[open, close)`` in minutes of the day. Default: Mon-Thu 07:30-16:00 with a 12:00-13:00
    break; Fri 07:30-16:30 with an 11:30-13:00 break; Sat and Sun closed. A special-hours range
    (``jam_khusus``, e.g. Ramadan) replaces the hours of the weekdays it lists on the dates from
    ``mulai`` to ``sampai`` inclusive; weekdays it does not list keep their regular hours. When
    ranges overlap, the first one listed wins.

Closed dates
    National holidays and cuti bersama of the ``holidays`` package (``country_holidays("ID",
    categories=("public", "government"), language="id")``), minus the removed dates
    (``batal_libur``), plus the local extra closed dates (``libur_tambahan``). A *working day*
    is a date that is not closed and has at least one open interval.

Arithmetic (``t`` is the previous step's end, or the arrival for the first step)
    ``next_open(t)``: the first instant >= t inside an open interval (t itself when open; the end
    of an interval is not open). Every step starts at ``next_open(t)``; so does every addition.

    ``detik``/``menit``/``jam``: consume that much open office time from the start. A step that
    exactly fills the time up to a closing ends AT the closing instant.

    ``N hari kerja`` (``minggu`` = 5, ``bulan`` = 20): with n the integer part, the same clock
    time on the n-th next working day, then ``next_open`` of that instant. A fractional part f
    then consumes f x `workday_seconds` of office time, where `workday_seconds` is the open time
    of the regular weekly schedule divided by the number of weekdays that have hours (7.5 h by
    default).

    ``N hari kalender``: start + N x 24 h (fractions allowed), then ``next_open``.

    Plain ``hari`` means ``hari kerja`` unless the calendar says ``hari: kalender``.

    Zero (``seketika``): the normalised start.

    ``open_seconds_between(a, b)``: the open office time between two instants, signed (negative
    when b is before a).

Internally instants are *local seconds*: seconds since 1970-01-01 00:00 local wall time (a fixed
offset from UTC). The open intervals and working days of the years needed so far, built lazily,
are kept by the base class `CalendarYears` (`sopgen.calendar.years`) as sorted lists with a
prefix sum of open time, so adding office time and measuring it are one bisect each.
"""

from __future__ import annotations

import datetime as dt
import math
from bisect import bisect_left, bisect_right
from collections.abc import Callable, Iterable, Mapping, Sequence
from typing import Any
from zoneinfo import ZoneInfo

from ..duration import Duration, Kind
from .hours import (
    DEFAULT_WEEK,
    WEEKDAYS,
    ZONE_LABELS,
    ZONES,
    DayHours,
    Interval,
    SpecialHours,
    WeekHours,
    day_hours,
    minutes,
    national_holidays,
    resolve_zone,
)
from .years import DAY, EPOCH, EPOCH_ORDINAL, CalendarYears

__all__ = [
    "DAY",
    "DEFAULT_WEEK",
    "WEEKDAYS",
    "ZONES",
    "ZONE_LABELS",
    "DayHours",
    "Interval",
    "OfficeCalendar",
    "SpecialHours",
    "WeekHours",
    "day_hours",
    "minutes",
    "national_holidays",
    "resolve_zone",
]

_TOLERANCE = 1e-9


class OfficeCalendar(CalendarYears):
    """Office hours, closed dates and the working-time arithmetic of the module docstring."""

    def __init__(
        self,
        zone: str = "WIB",
        week: WeekHours = DEFAULT_WEEK,
        *,
        special: Sequence[SpecialHours] = (),
        extra_closed: Mapping[dt.date, str] | None = None,
        removed: Iterable[dt.date] = (),
        hari_kalender: bool = False,
        holiday_source: Callable[[int], Mapping[dt.date, str]] = national_holidays,
    ) -> None:
        resolved = resolve_zone(zone)
        if resolved is None:
            raise ValueError(f"unknown time zone {zone!r}")
        if len(week) != 7:
            raise ValueError("week must give the hours of 7 weekdays")
        total = sum(b - a for day in week for a, b in day) * 60.0
        days_with_hours = sum(1 for day in week if day)
        if total <= 0:
            raise ValueError("the weekly schedule has no open hours")
        self.zone: ZoneInfo = resolved
        self.week: WeekHours = week
        self.special: tuple[SpecialHours, ...] = tuple(special)
        self.extra_closed: dict[dt.date, str] = dict(extra_closed or {})
        self.removed: frozenset[dt.date] = frozenset(removed)
        self.hari_kalender = hari_kalender
        self.workday_seconds: float = total / days_with_hours
        self._holiday_source = holiday_source
        self._closed: dict[int, list[tuple[dt.date, str]]] = {}
        super().__init__()

    @classmethod
    def default(cls) -> OfficeCalendar:
        """The common civil-service schedule in WIB with national holidays only."""
        return cls()

    # ----- conversions -------------------------------------------------------------------

    @property
    def zone_label(self) -> str:
        return ZONE_LABELS[self.zone.key]

    @property
    def utc_offset_seconds(self) -> float:
        offset = dt.datetime(2000, 1, 1, tzinfo=self.zone).utcoffset()
        return offset.total_seconds() if offset is not None else 0.0

    def local_seconds(self, t: dt.datetime) -> float:
        """Local seconds of an instant; a naive datetime is local time of this calendar."""
        if t.tzinfo is not None:
            t = t.astimezone(self.zone).replace(tzinfo=None)
        return (t - EPOCH).total_seconds()

    def instant(self, seconds: float) -> dt.datetime:
        """The aware datetime of local seconds."""
        return (EPOCH + dt.timedelta(seconds=seconds)).replace(tzinfo=self.zone)

    def aware(self, t: dt.datetime) -> dt.datetime:
        """The instant in this calendar's zone (naive = local time of this calendar)."""
        return t.replace(tzinfo=self.zone) if t.tzinfo is None else t.astimezone(self.zone)

    # ----- public datetime API ----------------------------------------------------------

    def is_open(self, t: dt.datetime) -> bool:
        s = self.local_seconds(t)
        span = self._cover(s)
        i = bisect_right(span.starts, s) - 1
        return i >= 0 and s < span.ends[i]

    def next_open(self, t: dt.datetime) -> dt.datetime:
        return self.instant(self.next_open_s(self.local_seconds(t)))

    def add(self, t: dt.datetime, duration: Duration, amount: float | None = None) -> dt.datetime:
        """The end of `duration` started at `t`; `amount` in the kind's base unit (default max)."""
        value = duration.maximum if amount is None else amount
        return self.instant(self.add_s(self.local_seconds(t), duration.kind, value))

    def open_seconds_between(self, a: dt.datetime, b: dt.datetime) -> float:
        sa, sb = self.local_seconds(a), self.local_seconds(b)
        self._cover(sa)
        self._cover(sb)
        return self.position(sb) - self.position(sa)

    def closed_dates(self, year: int) -> list[tuple[dt.date, str]]:
        """Closed dates of a year with their names: national - batal_libur + libur_tambahan."""
        cached = self._closed.get(year)
        if cached is None:
            days = {d: n for d, n in self._holiday_source(year).items() if d not in self.removed}
            days.update({d: n for d, n in self.extra_closed.items() if d.year == year})
            cached = sorted(days.items())
            self._closed[year] = cached
        return list(cached)

    def hours_on(self, day: dt.date) -> DayHours:
        """Open intervals of a date ignoring closed dates (special hours applied)."""
        weekday = day.weekday()
        for special in self.special:
            if special.mulai <= day <= special.sampai and weekday in special.hours:
                return special.hours[weekday]
        return self.week[weekday]

    def is_working_day(self, day: dt.date) -> bool:
        self._cover((day.toordinal() - EPOCH_ORDINAL) * DAY)
        return _contains(self._span_or_fail().workdays, day.toordinal() - EPOCH_ORDINAL)

    def resolve_kind(self, kind: Kind) -> Kind:
        """The kind plain ``hari`` stands for on this calendar; other kinds unchanged."""
        if kind is Kind.DAYS:
            return Kind.CALENDAR_DAYS if self.hari_kalender else Kind.WORKING_DAYS
        return kind

    def export(self, years: Iterable[int]) -> dict[str, Any]:
        """Everything the JavaScript twin needs, as JSON-able data.

        ``{"zona_waktu": "Asia/Jakarta", "label": "WIB", "utc_offset_menit": 420,
        "hari": "kerja"|"kalender", "detik_per_hari_kerja": 27000,
        "jam_kerja": {"senin": [[450, 720], [780, 960]], ..., "minggu": []},
        "jam_khusus": [{"mulai": "YYYY-MM-DD", "sampai": ..., "nama": ..., "jam_kerja": {...}}],
        "tahun": [2026, ...], "libur": [{"tanggal": "YYYY-MM-DD", "nama": ...}, ...]}``:
        intervals are open minutes of the day ``[open, close)``; `libur` lists every closed date
        of the given years (a date outside those years is open by its weekday hours only).
        """
        year_list = sorted(set(years))
        return {
            "zona_waktu": self.zone.key,
            "label": self.zone_label,
            "utc_offset_menit": round(self.utc_offset_seconds / 60),
            "hari": "kalender" if self.hari_kalender else "kerja",
            "detik_per_hari_kerja": self.workday_seconds,
            "jam_kerja": {name: [list(i) for i in self.week[n]] for n, name in enumerate(WEEKDAYS)},
            "jam_khusus": [
                {
                    "mulai": s.mulai.isoformat(),
                    "sampai": s.sampai.isoformat(),
                    "nama": s.nama,
                    "jam_kerja": {
                        WEEKDAYS[n]: [list(i) for i in h] for n, h in sorted(s.hours.items())
                    },
                }
                for s in self.special
            ],
            "tahun": year_list,
            "libur": [
                {"tanggal": day.isoformat(), "nama": name}
                for year in year_list
                for day, name in self.closed_dates(year)
            ],
        }

    # ----- arithmetic on local seconds (the fast path used by the simulators) -------------

    def next_open_s(self, s: float) -> float:
        span = self._cover(s)
        i = bisect_right(span.starts, s) - 1
        if i >= 0 and s < span.ends[i]:
            return s
        while i + 1 >= len(span.starts):
            span = self._extend_forward()
        return span.starts[i + 1]

    def position(self, s: float) -> float:
        """Open seconds from a fixed origin up to `s`; differences of positions are open time."""
        span = self._cover(s)
        i = bisect_right(span.starts, s) - 1
        if i < 0:
            return span.cum[0]
        return span.cum[i] + min(s - span.starts[i], span.ends[i] - span.starts[i])

    def at_position(self, p: float) -> float:
        """The earliest instant whose `position` is `p` (inside or at the end of an interval)."""
        span = self._span_or_fail()
        while span.cum[-1] < p:
            span = self._extend_forward()
        if p <= span.cum[0]:
            return span.starts[0]
        j = bisect_left(span.cum, p, 1) - 1
        return span.starts[j] + (p - span.cum[j])

    def add_office_s(self, s: float, seconds: float) -> float:
        """Consume `seconds` of open office time from `s` (normalised with `next_open_s`)."""
        s = self.next_open_s(s)
        if seconds <= 0:
            return s
        span = self._span_or_fail()
        i = bisect_right(span.starts, s) - 1  # s is open, so it lies in interval i
        p = span.cum[i] + (s - span.starts[i]) + seconds
        while span.cum[-1] < p:
            span = self._extend_forward()
        # Searching from interval i keeps the result >= s even when `seconds` vanishes in p.
        j = bisect_left(span.cum, p, i + 1) - 1
        return span.starts[j] + (p - span.cum[j])

    def add_s(self, s: float, kind: Kind, amount: float) -> float:
        """Local seconds at which `amount` (seconds or days, by kind) started at `s` ends."""
        s = self.next_open_s(s)
        if amount <= 0:
            return s
        kind = self.resolve_kind(kind)
        if kind is Kind.OFFICE_SECONDS:
            return self.add_office_s(s, amount)
        if kind is Kind.CALENDAR_DAYS:
            return self.next_open_s(s + amount * DAY)
        whole = math.floor(amount + _TOLERANCE)
        fraction = amount - whole
        if whole > 0:
            day = math.floor(s / DAY)
            span = self._span_or_fail()
            k = bisect_right(span.workdays, day) + whole - 1
            while k >= len(span.workdays):
                span = self._extend_forward()
            s = self.next_open_s(span.workdays[k] * DAY + (s - day * DAY))
        if fraction > _TOLERANCE:
            s = self.add_office_s(s, fraction * self.workday_seconds)
        return s


def _contains(values: Sequence[int], value: int) -> bool:
    """Whether a sorted sequence holds `value`."""
    i = bisect_left(values, value)
    return i < len(values) and values[i] == value
