"""Rules on the simulation block: real arrival times, scenarios naming real steps (SOP7xx)."""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Iterator

from ..diagnostics import Diagnostic, Message, Severity
from ..model import PathKey
from .suggest import did_you_mean
from .view import SopView

_MASUK = re.compile(r"^(\d{4})-(\d{2})-(\d{2}) (\d{2}):(\d{2})$")

NO_SUCH_TIME = Message(
    "SOP701", Severity.ERROR,
    id="Skenario `{scenario}`: waktu masuk `{value}` bukan tanggal dan jam yang ada",
    en="Scenario `{scenario}`: arrival `{value}` is not a real date and time",
    hint_id="Periksa bulan (01-12), tanggal, jam (00-23) dan menit (00-59), "
    "misalnya `2026-11-20 15:30`.",
    hint_en="Check the month (01-12), day, hour (00-23) and minute (00-59), "
    "e.g. `2026-11-20 15:30`.",
)
UNKNOWN_DECISION = Message(
    "SOP702", Severity.ERROR,
    id="Skenario `{scenario}`: `keputusan` menyebut `{step}`, yang bukan id langkah",
    en="Scenario `{scenario}`: `keputusan` names `{step}`, which is not a step id",
    hint_id="Tulis `id` sebuah langkah keputusan.",
    hint_en="Write the `id` of a decision step.",
)
UNKNOWN_TIMED_STEP = Message(
    "SOP703", Severity.ERROR,
    id="Skenario `{scenario}`: `waktu` menyebut `{step}`, yang bukan id langkah",
    en="Scenario `{scenario}`: `waktu` names `{step}`, which is not a step id",
    hint_id="Tulis `id` sebuah langkah.",
    hint_en="Write the `id` of a step.",
)
NOT_A_DECISION = Message(
    "SOP704", Severity.ERROR,
    id="Skenario `{scenario}`: langkah `{step}` bukan langkah keputusan",
    en="Scenario `{scenario}`: step `{step}` is not a decision step",
    hint_id="Hanya langkah dengan `keputusan` yang dapat diberi `ya`/`tidak`; hapus baris ini "
    "atau sebut langkah keputusan yang dimaksud.",
    hint_en="Only steps with `keputusan` take `ya`/`tidak`; remove this line or name the "
    "decision step you meant.",
)
NO_SIMULATION = Message(
    "SOP705", Severity.WARNING,
    id="SOP ini tidak mempunyai `simulasi`",
    en="This SOP has no `simulasi`",
    hint_id="Tambahkan `simulasi:` dengan `target` (standar waktu pelayanan, misalnya "
    "`5 hari kerja`) dan paling sedikit satu `skenario` agar SOP dapat diuji pada kalender "
    "kerja.",
    hint_en="Add `simulasi:` with a `target` (the service standard, e.g. `5 hari kerja`) and "
    "at least one `skenario` so the SOP can be tested on the office calendar.",
)


def check_scenarios(view: SopView) -> Iterator[Diagnostic]:
    if "simulasi" not in view.data:
        if view.data:
            yield view.at(NO_SIMULATION, ())
        return
    scenarios = view.mapping("simulasi").get("skenario")
    if not isinstance(scenarios, list):
        return
    decisions = view.decision_ids()
    for i, scenario in enumerate(scenarios):
        if not isinstance(scenario, dict):
            continue
        name = scenario.get("nama") if isinstance(scenario.get("nama"), str) else f"#{i + 1}"
        base: PathKey = ("simulasi", "skenario", i)
        masuk = scenario.get("masuk")
        match = _MASUK.match(masuk) if isinstance(masuk, str) else None
        if match is not None and _datetime(match) is None:
            yield view.at(NO_SUCH_TIME, (*base, "masuk"), scenario=name, value=masuk)
        choices = scenario.get("keputusan")
        for step_id in choices if isinstance(choices, dict) else ():
            path = (*base, "keputusan", step_id)
            if step_id not in view.step_ids:
                yield view.at(UNKNOWN_DECISION, path, key=True, scenario=name, step=step_id,
                              hint=did_you_mean(step_id, decisions))
            elif step_id not in decisions:
                yield view.at(NOT_A_DECISION, path, key=True, scenario=name, step=step_id,
                              hint=did_you_mean(step_id, decisions))
        times = scenario.get("waktu")
        for step_id in times if isinstance(times, dict) else ():
            if step_id not in view.step_ids:
                yield view.at(UNKNOWN_TIMED_STEP, (*base, "waktu", step_id), key=True,
                              scenario=name, step=step_id,
                              hint=did_you_mean(step_id, view.step_ids))


def _datetime(match: re.Match[str]) -> dt.datetime | None:
    try:
        return dt.datetime(*(int(part) for part in match.groups()))
    except ValueError:
        return None
