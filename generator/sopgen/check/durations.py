"""Rules on durations: every `waktu` and `target` follows the duration grammar (SOP5xx)."""

from __future__ import annotations

import functools
import re
from collections.abc import Iterator
from typing import Any

from ..diagnostics import Diagnostic, Message, Severity
from ..duration import BOUND_WORDS, UNITS, ZERO_WORDS, Duration, parse_duration
from ..model import PathKey
from .suggest import closest
from .view import SopView

# A number (or range) and then something that is not a unit: `2 jem`, `maks 3 har`.
_AMOUNT_THEN_WORD = re.compile(
    r"^(?P<amount>(?:(?:" + "|".join(re.escape(w) for w in BOUND_WORDS) + r")\s*)?"
    r"\d+(?:[.,]\d+)?(?:\s*[-–]\s*\d+(?:[.,]\d+)?)?)\s*(?P<unit>\D.*)$"
)

_EXAMPLES_ID = (
    "Contoh yang benar: `15 menit`, `1,5 jam`, `maks 3 hari`, `1-2 hari kerja`, "
    "`5 hari kalender`, `1 minggu`, `seketika`."
)
_EXAMPLES_EN = (
    "Valid examples: `15 menit`, `1,5 jam`, `maks 3 hari`, `1-2 hari kerja`, "
    "`5 hari kalender`, `1 minggu`, `seketika`."
)

BAD_STEP_TIME = Message(
    "SOP501", Severity.ERROR,
    id="Waktu langkah {number}{ident} tidak dapat dibaca: `{text}`",
    en="The time of step {number}{ident} cannot be read: `{text}`",
    hint_id="Tulis angka lalu satuan (detik, menit, jam, hari, hari kerja, hari kalender, "
    "minggu, bulan), boleh diawali `maks`. " + _EXAMPLES_ID,
    hint_en="Write a number then a unit (detik, menit, jam, hari, hari kerja, hari kalender, "
    "minggu, bulan), optionally after `maks`. " + _EXAMPLES_EN,
)
BAD_TARGET = Message(
    "SOP502", Severity.ERROR,
    id="Target waktu {where_id} tidak dapat dibaca: `{text}`",
    en="The time target {where_en} cannot be read: `{text}`",
    hint_id="Tulis angka lalu satuan, misalnya `14 hari kerja`. " + _EXAMPLES_ID,
    hint_en="Write a number then a unit, e.g. `14 hari kerja`. " + _EXAMPLES_EN,
)
BAD_SCENARIO_TIME = Message(
    "SOP503", Severity.ERROR,
    id="Skenario `{scenario}`: waktu untuk langkah `{step}` tidak dapat dibaca: `{text}`",
    en="Scenario `{scenario}`: the time for step `{step}` cannot be read: `{text}`",
    hint_id="Tulis angka lalu satuan. " + _EXAMPLES_ID,
    hint_en="Write a number then a unit. " + _EXAMPLES_EN,
)
MISSING_TIME = Message(
    "SOP510", Severity.WARNING,
    id="Langkah {number}{ident} tidak mempunyai `waktu`",
    en="Step {number}{ident} has no `waktu`",
    hint_id="Tambahkan `waktu:` (kolom Mutu Baku), misalnya `waktu: 15 menit`; tanpa waktu, "
    "simulasi menganggap langkah ini seketika.",
    hint_en="Add `waktu:` (the Mutu Baku column), e.g. `waktu: 15 menit`; without it the "
    "simulation takes the step as instantaneous.",
)


@functools.lru_cache(maxsize=4096)
def duration_of(text: str) -> Duration | None:
    """`parse_duration`, remembered: a corpus repeats the same few texts thousands of times."""
    return parse_duration(text)


def _bad(value: Any) -> bool:
    return isinstance(value, str) and duration_of(value) is None


def corrected(text: str) -> str | None:
    """The text with its misspelt unit (or zero word) replaced by the closest real one."""
    normal = " ".join(text.strip().lower().split())
    match = _AMOUNT_THEN_WORD.match(normal)
    if match is None:
        word = closest(normal, ZERO_WORDS)
        return word
    unit = closest(match["unit"], UNITS)
    if unit is None:
        return None
    candidate = f"{match['amount']} {unit}"
    return candidate if duration_of(candidate) is not None else None


def _unit_hint(text: Any) -> tuple[str, str]:
    better = corrected(text) if isinstance(text, str) else None
    if better is None:
        return "", ""
    return f"Mungkin maksud Anda `{better}`?", f"Did you mean `{better}`?"


def check_durations(view: SopView) -> Iterator[Diagnostic]:
    for index, step in view.steps:
        if "waktu" not in step:
            yield view.at(MISSING_TIME, ("langkah", index), **view.step_args(index))
        elif _bad(step["waktu"]):
            yield view.at(BAD_STEP_TIME, ("langkah", index, "waktu"), text=step["waktu"],
                          hint=_unit_hint(step["waktu"]), **view.step_args(index))
    simulation = view.mapping("simulasi")
    if _bad(simulation.get("target")):
        yield view.at(BAD_TARGET, ("simulasi", "target"), text=simulation["target"],
                      hint=_unit_hint(simulation["target"]),
                      where_id="`simulasi`", where_en="of `simulasi`")
    scenarios = simulation.get("skenario")
    if not isinstance(scenarios, list):
        return
    for i, scenario in enumerate(scenarios):
        if not isinstance(scenario, dict):
            continue
        name = scenario.get("nama") if isinstance(scenario.get("nama"), str) else f"#{i + 1}"
        base: PathKey = ("simulasi", "skenario", i)
        if _bad(scenario.get("target")):
            yield view.at(BAD_TARGET, (*base, "target"), text=scenario["target"],
                          hint=_unit_hint(scenario["target"]), where_id=f"skenario `{name}`",
                          where_en=f"of scenario `{name}`")
        times = scenario.get("waktu")
        if isinstance(times, dict):
            for step_id, value in times.items():
                if _bad(value):
                    yield view.at(BAD_SCENARIO_TIME, (*base, "waktu", step_id), text=value,
                                  hint=_unit_hint(value), scenario=name, step=step_id)
