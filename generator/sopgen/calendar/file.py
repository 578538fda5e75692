"""The corpus calendar file (``sops/kalender.yaml``): reading, checking, building the calendar.

The file sets the office calendar once for every SOP of the corpus::

    versi_format: 1
    zona_waktu: WIB                 # WIB, WITA, WIT (or Asia/Jakarta, Asia/Makassar, Asia/Jayapura)
    hari: kerja                     # what plain "hari" means: kerja (default) or kalender
    jam_kerja:                      # a weekday left out keeps the default hours
      senin: {buka: "07:30", tutup: "16:00", istirahat: ["12:00-13:00"]}
      sabtu: libur
    libur_tambahan:                 # local closed days
      - {tanggal: 2026-03-28, nama: Hari Jadi Kabupaten Demak}
    batal_libur: [2026-12-24]       # national holidays or cuti bersama the body works on
    jam_khusus:                     # other hours over a range of dates, e.g. Ramadan
      - mulai: 2026-02-19
        sampai: 2026-03-19
        nama: Ramadan
        jam: {senin: {buka: "08:00", tutup: "15:00", istirahat: ["12:00-12:30"]}}

Every problem is a ``SOP8xx`` diagnostic at its line and column; a file with errors gives no
calendar. Scalars arrive as their source text (the loader's contract), so ``07:30`` written
without quotes is read as the text ``07:30``, never as YAML 1.1's sexagesimal number.
"""

from __future__ import annotations

import datetime as dt
import os
from collections.abc import Callable, Iterator
from pathlib import Path
from typing import Any

from ..check.suggest import did_you_mean
from ..diagnostics import Diagnostic, Message
from ..model import PathKey
from ..read.safe import OUTSIDE_CORPUS, leaves
from . import messages as msg
from .notation import clock_text, parse_break, parse_date, parse_time
from .office import (
    DEFAULT_WEEK,
    WEEKDAYS,
    ZONES,
    DayHours,
    Interval,
    OfficeCalendar,
    SpecialHours,
    WeekHours,
    day_hours,
    national_holidays,
    resolve_zone,
)

CALENDAR_FILE = "kalender.yaml"
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


def load_calendar(
    path: Path, display: str | None = None,
    *, holiday_source: Callable[[int], dict[dt.date, str]] = national_holidays,
) -> tuple[OfficeCalendar | None, list[Diagnostic]]:
    """The calendar a file describes, or None when the file has errors; with its diagnostics.

    `display` is the file name diagnostics carry (default: the path as given).
    """
    from ..read.loader import load_document  # the loader is only needed when a file is read

    document, diagnostics = load_document(path, display)
    if document is None:
        return None, list(diagnostics)
    calendar, more = calendar_from_data(document.data, document.file, document.locate,
                                        holiday_source=holiday_source)
    return calendar, [*diagnostics, *more]


def calendar_for_corpus(
    sops_dir: Path, display: str | None = None,
    *, holiday_source: Callable[[int], dict[dt.date, str]] = national_holidays,
) -> tuple[OfficeCalendar, list[Diagnostic]]:
    """The corpus calendar: ``kalender.yaml`` in `sops_dir` if present, else the default.

    A file with errors still gives the default calendar, so the caller can go on reporting; its
    errors are in the diagnostics.
    """
    default = OfficeCalendar(holiday_source=holiday_source)
    path = sops_dir / CALENDAR_FILE
    if not os.path.lexists(path):
        return default, []
    outside = leaves(path, sops_dir)
    if outside is not None:  # a link out of the corpus is never read
        shown = display if display is not None else path.as_posix()
        return default, [
            OUTSIDE_CORPUS.at(shown, root=sops_dir.name, target=outside.as_posix())
        ]
    calendar, diagnostics = load_calendar(path, display, holiday_source=holiday_source)
    return calendar or default, diagnostics


def calendar_from_data(
    data: Any,
    file: str,
    locate: Locate | None = None,
    *,
    holiday_source: Callable[[int], dict[dt.date, str]] = national_holidays,
) -> tuple[OfficeCalendar | None, list[Diagnostic]]:
    """Check a loaded calendar tree (scalars as source text) and build the calendar."""
    reader = _Reader(file, locate)
    built = reader.read(data)
    diagnostics = reader.diagnostics
    if built is None or any(d.is_error for d in diagnostics):
        return None, diagnostics
    calendar = OfficeCalendar(holiday_source=holiday_source, **built)
    for day, path in reader.removed_at:
        if day not in holiday_source(day.year):
            diagnostics.append(reader.at(msg.NOT_A_HOLIDAY, path, value=day.isoformat()))
    return calendar, diagnostics


class _Reader:
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
