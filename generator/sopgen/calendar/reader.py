"""Reading and checking the loaded tree of the corpus calendar file (``sops/kalender.yaml``).

`CalendarReader` makes one pass over the tree (the format is in `sopgen.calendar.file`): every
problem becomes a ``SOP8xx`` diagnostic at its line and column, and what is right becomes the
arguments of `OfficeCalendar`. Scalars arrive as their source text (the loader's contract), so
``07:30`` written without quotes is read as the text ``07:30``, never as YAML 1.1's sexagesimal
number.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable, Iterator
from typing import Any

from ..check.suggest import did_you_mean
from ..diagnostics import Diagnostic, Message
from ..model import PathKey
from . import messages as msg
from .hours import (
    DEFAULT_WEEK,
    WEEKDAYS,
    ZONES,
    DayHours,
    Interval,
    SpecialHours,
    WeekHours,
    day_hours,
    resolve_zone,
)
from .notation import clock_text, parse_break, parse_date, parse_time

Locate = Callable[..., tuple[int, int]]

_TOP_KEYS = (
    "versi_format",
    "zona_waktu",
    "hari",
    "jam_kerja",
    "libur_tambahan",
    "batal_libur",
    "jam_khusus",
)
_DAY_KEYS = ("buka", "tutup", "istirahat")
_HOLIDAY_KEYS = ("tanggal", "nama")
_SPECIAL_KEYS = ("mulai", "sampai", "nama", "jam")
_CLOSED_WORDS = ("libur", "tutup")
_EXAMPLE_DAY = '`senin: {buka: "07:30", tutup: "16:00", istirahat: ["12:00-13:00"]}`'


class CalendarReader:
    """One pass over the tree that collects diagnostics and the calendar's arguments."""

    def __init__(self, file: str, locate: Locate | None) -> None:
        self.file = file
        self.locate = locate
        self.diagnostics: list[Diagnostic] = []
        self.removed_at: list[tuple[dt.date, PathKey]] = []

    def at(
        self, message: Message, path: PathKey, *, on_key: bool = False, **args: Any
    ) -> Diagnostic:
        line, column = 0, 0
        if self.locate is not None:
            try:
                line, column = self.locate(path, key=True) if on_key else self.locate(path)
            except (KeyError, IndexError, TypeError, ValueError):
                line, column = 0, 0
        return message.at(self.file, line, column, **args)

    def report(self, message: Message, path: PathKey, **args: Any) -> None:
        self.diagnostics.append(self.at(message, path, **args))

    def read(self, data: Any) -> dict[str, Any] | None:
        if data is None:
            data = {}
        if not isinstance(data, dict):
            self._wrong((), "berkas kalender", "pemetaan kunci: nilai", "a mapping", "")
            return None
        self._unknown_keys(data, (), _TOP_KEYS, "kalender")
        version = _text(data.get("versi_format"))
        if version is not None and version != "1":
            self.report(msg.BAD_VERSION, ("versi_format",), value=version)
        zone = _text(data.get("zona_waktu")) or "WIB"
        if resolve_zone(zone) is None:
            hint_id, hint_en = did_you_mean(zone, [*ZONES, *ZONES.values()])
            self.diagnostics.append(
                self.at(
                    msg.UNKNOWN_ZONE, ("zona_waktu",), value=zone, hint_id=hint_id, hint_en=hint_en
                )
            )
        meaning = _text(data.get("hari")) or "kerja"
        if meaning not in ("kerja", "kalender"):
            self.report(msg.BAD_DAY_MEANING, ("hari",), value=meaning)
        week = self._week(data.get("jam_kerja"), ("jam_kerja",), DEFAULT_WEEK)
        if week is not None and not any(week):
            self.report(msg.NO_OPEN_HOURS, ("jam_kerja",))
        return {
            "zone": zone,
            "week": week or DEFAULT_WEEK,
            "special": list(self._specials(data.get("jam_khusus"))),
            "extra_closed": dict(self._extra_closed(data.get("libur_tambahan"))),
            "removed": list(self._removed(data.get("batal_libur"))),
            "hari_kalender": meaning == "kalender",
        }

    # ----- parts ----------------------------------------------------------------------

    def _week(self, value: Any, path: PathKey, base: WeekHours) -> WeekHours | None:
        days = self._day_map(value, path)
        if days is None:
            return None
        week = list(base)
        for number, hours in days.items():
            week[number] = hours
        return (week[0], week[1], week[2], week[3], week[4], week[5], week[6])

    def _day_map(self, value: Any, path: PathKey) -> dict[int, DayHours] | None:
        if value is None:
            return {}
        if not isinstance(value, dict):
            self._wrong(path, _where(path), "pemetaan hari", "a mapping of weekdays", _EXAMPLE_DAY)
            return None
        self._unknown_keys(value, path, WEEKDAYS, _where(path))
        days: dict[int, DayHours] = {}
        for name, hours in value.items():
            if name in WEEKDAYS:
                parsed = self._day(hours, (*path, name))
                if parsed is not None:
                    days[WEEKDAYS.index(name)] = parsed
        return days

    def _day(self, value: Any, path: PathKey) -> DayHours | None:
        if isinstance(value, str) and value.strip().lower() in _CLOSED_WORDS:
            return ()
        if not isinstance(value, dict):
            self._wrong(
                path,
                _where(path),
                "`libur` atau {buka, tutup, istirahat}",
                "`libur` or {buka, tutup, istirahat}",
                _EXAMPLE_DAY,
            )
            return None
        self._unknown_keys(value, path, _DAY_KEYS, _where(path))
        opening = self._time(value, (*path, "buka"))
        closing = self._time(value, (*path, "tutup"))
        if opening is None or closing is None:
            return None
        if closing <= opening:
            self.report(
                msg.CLOSING_BEFORE_OPENING,
                (*path, "tutup"),
                where=_where(path),
                buka=clock_text(opening),
                tutup=clock_text(closing),
            )
            return None
        breaks = self._breaks(value.get("istirahat"), (*path, "istirahat"), opening, closing)
        return None if breaks is None else day_hours(opening, closing, breaks)

    def _time(self, mapping: dict[str, Any], path: PathKey) -> int | None:
        key = str(path[-1])
        if key not in mapping:
            self.report(msg.MISSING_KEY, path[:-1], key=key, where=_where(path[:-1]))
            return None
        text = _text(mapping[key])
        value = parse_time(text)
        if value is None:
            self.report(msg.BAD_TIME, path, value=text or "", where=_where(path[:-1]))
        return value

    def _breaks(
        self, value: Any, path: PathKey, opening: int, closing: int
    ) -> list[Interval] | None:
        if value is None:
            return []
        items = value if isinstance(value, list) else [value]
        breaks: list[Interval] = []
        ok = True
        for i, item in enumerate(items):
            item_path = (*path, i) if isinstance(value, list) else path
            text = _text(item) or ""
            interval, reason = parse_break(text, opening, closing)
            if interval is None:
                ok = False
                self.report(
                    msg.BAD_BREAK,
                    item_path,
                    value=text,
                    where=_where(path[:-1]),
                    reason_id=reason[0],
                    reason_en=reason[1],
                )
            else:
                breaks.append(interval)
        return breaks if ok else None

    def _extra_closed(self, value: Any) -> Iterator[tuple[dt.date, str]]:
        for i, item in enumerate(self._list(value, ("libur_tambahan",), "{tanggal, nama}")):
            path: PathKey = ("libur_tambahan", i)
            if not isinstance(item, dict):
                self._wrong(
                    path,
                    _where(path),
                    "{tanggal, nama}",
                    "{tanggal, nama}",
                    "`- {tanggal: 2026-03-28, nama: Hari Jadi Kabupaten Demak}`",
                )
                continue
            self._unknown_keys(item, path, _HOLIDAY_KEYS, _where(path))
            day = self._date(item, (*path, "tanggal"))
            name = self._required_text(item, (*path, "nama"))
            if day is not None and name is not None:
                yield day, name

    def _removed(self, value: Any) -> Iterator[dt.date]:
        for i, item in enumerate(self._list(value, ("batal_libur",), "tanggal")):
            day = self._date_value(item, ("batal_libur", i))
            if day is not None:
                self.removed_at.append((day, ("batal_libur", i)))
                yield day

    def _specials(self, value: Any) -> Iterator[SpecialHours]:
        for i, item in enumerate(self._list(value, ("jam_khusus",), "{mulai, sampai, nama, jam}")):
            path: PathKey = ("jam_khusus", i)
            if not isinstance(item, dict):
                self._wrong(
                    path,
                    _where(path),
                    "{mulai, sampai, nama, jam}",
                    "{mulai, sampai, nama, jam}",
                    "`- {mulai: ..., sampai: ...}`",
                )
                continue
            self._unknown_keys(item, path, _SPECIAL_KEYS, _where(path))
            start = self._date(item, (*path, "mulai"))
            end = self._date(item, (*path, "sampai"))
            name = self._required_text(item, (*path, "nama"))
            if "jam" not in item:
                self.report(msg.MISSING_KEY, path, key="jam", where=_where(path))
                continue
            hours = self._day_map(item["jam"], (*path, "jam"))
            if start is not None and end is not None and start > end:
                self.report(
                    msg.RANGE_REVERSED,
                    (*path, "sampai"),
                    where=_where(path),
                    mulai=start.isoformat(),
                    sampai=end.isoformat(),
                )
                continue
            if start is not None and end is not None and name is not None and hours is not None:
                yield SpecialHours(start, end, name, hours)

    # ----- scalars and shapes ----------------------------------------------------------

    def _list(self, value: Any, path: PathKey, shape: str) -> list[Any]:
        if value is None:
            return []
        if not isinstance(value, list):
            self._wrong(
                path,
                _where(path),
                f"daftar {shape}",
                f"a list of {shape}",
                f"`{path[-1]}:` lalu butir `- ...` per baris",
            )
            return []
        return value

    def _date(self, mapping: dict[str, Any], path: PathKey) -> dt.date | None:
        key = str(path[-1])
        if key not in mapping:
            self.report(msg.MISSING_KEY, path[:-1], key=key, where=_where(path[:-1]))
            return None
        return self._date_value(mapping[key], path)

    def _date_value(self, value: Any, path: PathKey) -> dt.date | None:
        text = _text(value) or ""
        day = parse_date(text)
        if day is None:
            self.report(msg.BAD_DATE, path, value=text, where=_where(path))
        return day

    def _required_text(self, mapping: dict[str, Any], path: PathKey) -> str | None:
        text = _text(mapping.get(path[-1]))
        if not text:
            self.report(msg.MISSING_KEY, path[:-1], key=str(path[-1]), where=_where(path[:-1]))
            return None
        return text

    def _unknown_keys(
        self, mapping: dict[str, Any], path: PathKey, allowed: tuple[str, ...], where: str
    ) -> None:
        for key in mapping:
            if key not in allowed:
                hint_id, hint_en = did_you_mean(str(key), allowed)
                self.diagnostics.append(
                    self.at(
                        msg.UNKNOWN_KEY,
                        (*path, key),
                        on_key=True,
                        where=where,
                        key=key,
                        hint_id=hint_id,
                        hint_en=hint_en,
                    )
                )

    def _wrong(
        self, path: PathKey, where: str, expected_id: str, expected_en: str, example: str
    ) -> None:
        self.report(
            msg.WRONG_TYPE,
            path,
            where=where,
            expected_id=expected_id,
            expected_en=expected_en,
            example=example,
        )


def _where(path: PathKey) -> str:
    """``jam_kerja.senin`` / ``libur_tambahan[2]``: where a value sits, as a user reads it."""
    text = ""
    for part in path:
        text += f"[{part}]" if isinstance(part, int) else (f".{part}" if text else str(part))
    return f"`{text}`" if text else "kalender"


def _text(value: Any) -> str | None:
    if value is None or isinstance(value, dict | list):
        return None
    return str(value).strip()
