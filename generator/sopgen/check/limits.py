"""The supported range: dates, durations and sizes a valid SOP file stays within.

Every later stage trusts a file that validates. So the validator refuses what the calendar,
the simulator and the renderers cannot serve in bounded time and space: dates outside the
years the calendar covers, durations longer than a few years, and SOPs far larger than any
real one (the largest real SOPs have about 30 steps and 7 actors; the limits leave ample
headroom). The calendar keeps its own guard (`CALENDAR_FIRST_YEAR`..`CALENDAR_LAST_YEAR`) as
a second line of defence.
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from typing import Any

from ..diagnostics import Diagnostic, Message, Severity
from ..duration import Duration, Kind
from ..model import PathKey
from .durations import duration_of
from .view import SopView

FIRST_YEAR = 1900
LAST_YEAR = 2100
"""Dates written in SOP files (identity dates, arrivals) lie in these years."""

CALENDAR_FIRST_YEAR = FIRST_YEAR - 1
CALENDAR_LAST_YEAR = LAST_YEAR + 100
"""The years the office calendar ever builds: a walk from the last supported arrival has a
century of headroom; beyond it the simulation stops with SOP754 instead of building years."""

MAX_WORKING_DAYS = 1250  # 5 years of about 250 working days
MAX_CALENDAR_DAYS = 1827  # 5 years of 365.25 days
MAX_OFFICE_SECONDS = MAX_WORKING_DAYS * 7.5 * 3600  # 5 years of 7.5-hour working days
MAX_STEPS = 100
MAX_ACTORS = 20
MAX_SCENARIOS = 50
MAX_BRANCH_LIST = 20
"""Per-visit branch lists (`keputusan: {cek: [tidak, tidak, ya]}`): a loop taken 20 times."""

_DATE = re.compile(r"^(\d{4})-(\d{2})-(\d{2})")

DATE_OUT_OF_RANGE = Message(
    "SOP409", Severity.ERROR,
    id="Tanggal `{value}` pada `{field}` di luar rentang yang didukung ({first}-{last})",
    en="The date `{value}` in `{field}` is outside the supported range ({first}-{last})",
    hint_id="Periksa tahunnya: sopgen melayani tanggal dari tahun {first} sampai {last}.",
    hint_en="Check the year: sopgen serves dates from the year {first} to {last}.",
)
DURATION_TOO_LONG = Message(
    "SOP504", Severity.ERROR,
    id="Waktu `{text}` {where_id} terlalu lama: paling lama 5 tahun kerja",
    en="The time `{text}` {where_en} is too long: at most 5 years of working time",
    hint_id="Batasnya {days} hari kerja, {calendar_days} hari kalender atau {hours} jam. "
    "Periksa angka dan satuannya (misalnya `bulan` bukan `hari`).",
    hint_en="The limit is {days} working days, {calendar_days} calendar days or {hours} hours. "
    "Check the number and the unit (e.g. `bulan` rather than `hari`).",
)
ARRIVAL_OUT_OF_RANGE = Message(
    "SOP706", Severity.ERROR,
    id="Skenario `{scenario}`: waktu masuk `{value}` di luar rentang yang didukung "
    "({first}-{last})",
    en="Scenario `{scenario}`: arrival `{value}` is outside the supported range ({first}-{last})",
    hint_id="Tulis waktu masuk antara tahun {first} dan {last}, misalnya `2026-11-20 15:30`.",
    hint_en="Write an arrival between the years {first} and {last}, e.g. `2026-11-20 15:30`.",
)
TOO_MANY = Message(
    "SOP312", Severity.ERROR,
    id="`{field}` memuat {count} butir; paling banyak {limit}",
    en="`{field}` has {count} items; at most {limit} are supported",
    hint_id="SOP nyata paling besar memuat sekitar 30 langkah dan 7 pelaksana. Pecah prosedur "
    "yang sangat panjang menjadi beberapa SOP yang saling terkait (`keterkaitan`).",
    hint_en="The largest real SOPs have about 30 steps and 7 actors. Split a very long "
    "procedure into several related SOPs (`keterkaitan`).",
)
TOO_MANY_SCENARIOS = Message(
    "SOP707", Severity.ERROR,
    id="`simulasi.skenario` memuat {count} skenario; paling banyak {limit}",
    en="`simulasi.skenario` has {count} scenarios; at most {limit} are supported",
    hint_id="Setiap skenario menjadi tabel dan diagram di halaman SOP: pilih skenario yang "
    "mewakili kasus penting saja.",
    hint_en="Each scenario becomes a table and a chart on the SOP page: keep the scenarios that "
    "represent the important cases.",
)
BRANCH_LIST_TOO_LONG = Message(
    "SOP708", Severity.ERROR,
    id="Skenario `{scenario}`: daftar cabang untuk `{step}` memuat {count} butir; paling banyak "
    "{limit}",
    en="Scenario `{scenario}`: the branch list for `{step}` has {count} items; at most {limit}",
    hint_id="Satu putaran yang diulang lebih dari {limit} kali bukan kasus yang wajar; "
    "persingkat daftarnya.",
    hint_en="A loop repeated more than {limit} times is not a realistic case; shorten the list.",
)


def in_range(year: int) -> bool:
    return FIRST_YEAR <= year <= LAST_YEAR


def _year(value: Any) -> int | None:
    match = _DATE.match(value) if isinstance(value, str) else None
    return int(match[1]) if match is not None else None


def too_long(duration: Duration | None) -> bool:
    """Whether a duration is beyond the supported 5 years of working time."""
    if duration is None:
        return False
    if duration.kind is Kind.OFFICE_SECONDS:
        return duration.maximum > MAX_OFFICE_SECONDS
    if duration.kind is Kind.CALENDAR_DAYS:
        return duration.maximum > MAX_CALENDAR_DAYS
    return duration.maximum > MAX_WORKING_DAYS  # hari kerja, minggu, bulan, plain hari


def check_limits(view: SopView) -> Iterator[Diagnostic]:
    yield from _sizes(view)
    yield from _identity_dates(view)
    yield from _durations(view)
    yield from _scenarios(view)


def _sizes(view: SopView) -> Iterator[Diagnostic]:
    for key, limit in (("langkah", MAX_STEPS), ("pelaksana", MAX_ACTORS)):
        items = view.data.get(key)
        if isinstance(items, list) and len(items) > limit:
            yield view.at(TOO_MANY, (key, limit), field=key, count=len(items), limit=limit)
    scenarios = view.mapping("simulasi").get("skenario")
    if isinstance(scenarios, list) and len(scenarios) > MAX_SCENARIOS:
        yield view.at(TOO_MANY_SCENARIOS, ("simulasi", "skenario", MAX_SCENARIOS),
                      count=len(scenarios), limit=MAX_SCENARIOS)


def _identity_dates(view: SopView) -> Iterator[Diagnostic]:
    identity = view.mapping("identitas")
    base: PathKey = ("identitas",)
    dates: list[tuple[str, PathKey, Any]] = [
        (name, (*base, name), identity.get(name))
        for name in ("tanggal_pembuatan", "tanggal_efektif", "tanggal_pengesahan")
    ]
    revisions = identity.get("tanggal_revisi")
    if isinstance(revisions, list):
        for i, item in enumerate(revisions):
            if isinstance(item, dict):
                path = (*base, "tanggal_revisi", i, "tanggal")
                dates.append(("tanggal_revisi", path, item.get("tanggal")))
    else:
        dates.append(("tanggal_revisi", (*base, "tanggal_revisi"), revisions))
    for name, path, value in dates:
        year = _year(value)
        if year is not None and not in_range(year):
            yield view.at(DATE_OUT_OF_RANGE, path, value=value, field=name, first=FIRST_YEAR,
                          last=LAST_YEAR)


def _durations(view: SopView) -> Iterator[Diagnostic]:
    found: list[tuple[PathKey, Any, str, str]] = []
    for index, step in view.steps:
        number = view.step_args(index)
        where = f"langkah {number['number']}{number['ident']}"
        found.append((("langkah", index, "waktu"), step.get("waktu"), f"pada {where}",
                      f"of step {number['number']}{number['ident']}"))
    simulation = view.mapping("simulasi")
    found.append((("simulasi", "target"), simulation.get("target"), "pada target `simulasi`",
                  "of the `simulasi` target"))
    for i, scenario in _scenario_items(simulation):
        name = _name(scenario, i)
        base: PathKey = ("simulasi", "skenario", i)
        found.append(((*base, "target"), scenario.get("target"), f"pada target skenario `{name}`",
                      f"of the target of scenario `{name}`"))
        times = scenario.get("waktu")
        for step_id, value in times.items() if isinstance(times, dict) else ():
            found.append(((*base, "waktu", step_id), value, f"skenario `{name}` untuk `{step_id}`",
                          f"of scenario `{name}` for `{step_id}`"))
    for path, value, where_id, where_en in found:
        if isinstance(value, str) and too_long(duration_of(value)):
            yield view.at(DURATION_TOO_LONG, path, text=value, where_id=where_id,
                          where_en=where_en, days=MAX_WORKING_DAYS,
                          calendar_days=MAX_CALENDAR_DAYS, hours=round(MAX_OFFICE_SECONDS / 3600))


def _scenarios(view: SopView) -> Iterator[Diagnostic]:
    for i, scenario in _scenario_items(view.mapping("simulasi")):
        name = _name(scenario, i)
        base: PathKey = ("simulasi", "skenario", i)
        year = _year(scenario.get("masuk"))
        if year is not None and not in_range(year):
            yield view.at(ARRIVAL_OUT_OF_RANGE, (*base, "masuk"), scenario=name,
                          value=scenario["masuk"], first=FIRST_YEAR, last=LAST_YEAR)
        choices = scenario.get("keputusan")
        for step_id, value in choices.items() if isinstance(choices, dict) else ():
            if isinstance(value, list) and len(value) > MAX_BRANCH_LIST:
                yield view.at(BRANCH_LIST_TOO_LONG, (*base, "keputusan", step_id, MAX_BRANCH_LIST),
                              scenario=name, step=step_id, count=len(value),
                              limit=MAX_BRANCH_LIST)


def _scenario_items(simulation: dict[str, Any]) -> Iterator[tuple[int, dict[str, Any]]]:
    scenarios = simulation.get("skenario")
    for i, scenario in enumerate(scenarios if isinstance(scenarios, list) else ()):
        if isinstance(scenario, dict):
            yield i, scenario


def _name(scenario: dict[str, Any], index: int) -> str:
    name = scenario.get("nama")
    return name if isinstance(name, str) else f"#{index + 1}"
