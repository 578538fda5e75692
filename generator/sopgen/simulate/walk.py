"""The deterministic walk of one scenario through an SOP on the office calendar.

The walk starts at the first step and follows ``lanjut``; at a decision it takes the branch the
scenario gives for this visit. A list gives one branch per visit (``[tidak, ya]``) and its last
value repeats once the list runs out; a single value applies to every visit; a decision the
scenario does not mention takes ``ya`` (with a warning). Each step starts at the calendar's next
opening after the previous step's end and lasts the scenario's ``waktu`` for it, else the step's
own ``waktu`` (its maximum), else zero (with a warning).

A walk that can never reach the end is detected exactly rather than by a timeout: the path only
depends on the current step and, per decision, how many of its listed branches were used (capped
at the list's length), so a repeated (step, counts) state means the walk repeats for ever. It is
reported as an error naming the steps of the loop. Results are plain data.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable
from dataclasses import dataclass
from typing import Any

from ..calendar.guard import CALENDAR_FIRST_YEAR, CALENDAR_LAST_YEAR, CalendarRangeError
from ..calendar.office import OfficeCalendar
from ..calendar.working_time import format_margin
from ..diagnostics import Diagnostic, Message, Severity
from ..duration import Duration
from ..model import END, Scenario, Sop, Step

VISIT_CAP = 10_000
"""Safety net on visits per walk; the exact loop detection normally stops far earlier."""

MISSING_WAKTU = Message(
    "SOP751",
    Severity.WARNING,
    id="Langkah {number} ({step}) tidak memiliki waktu; simulasi menghitungnya 0 (seketika).",
    en="Step {number} ({step}) has no waktu; the simulation counts it as zero (instant).",
    hint_id="Isi `waktu` pada langkah ini, misalnya `waktu: 30 menit` atau `waktu: maks 1 hari`.",
    hint_en="Give this step a `waktu`, e.g. `waktu: 30 menit` or `waktu: maks 1 hari`.",
)
MISSING_BRANCH = Message(
    "SOP752",
    Severity.WARNING,
    id='Skenario "{scenario}" tidak menentukan cabang keputusan langkah {number} ({step}); '
    'simulasi mengambil "ya".',
    en='Scenario "{scenario}" gives no branch for the decision at step {number} ({step}); '
    'the simulation takes "ya".',
    hint_id="Tambahkan `{step}: ya` atau `{step}: tidak` pada `keputusan` skenario ini.",
    hint_en="Add `{step}: ya` or `{step}: tidak` to this scenario's `keputusan`.",
)
ENDLESS_LOOP = Message(
    "SOP753",
    Severity.ERROR,
    id='Skenario "{scenario}" berputar tanpa akhir melalui langkah {steps}.',
    en='Scenario "{scenario}" loops for ever through steps {steps}.',
    hint_id="Pada `keputusan` skenario, akhiri daftar cabang setiap keputusan di putaran ini "
    "dengan cabang yang keluar dari putaran, misalnya `[tidak, ya]`.",
    hint_en="In the scenario's `keputusan`, end the branch list of each decision in this loop "
    "with the branch that leaves the loop, e.g. `[tidak, ya]`.",
)


BEYOND_CALENDAR = Message(
    "SOP754",
    Severity.ERROR,
    id='Skenario "{scenario}" berjalan melewati tahun yang dilayani kalender '
    "({first}-{last}): tahun {year} diperlukan.",
    en='Scenario "{scenario}" runs beyond the years the calendar serves ({first}-{last}): '
    "the year {year} was needed.",
    hint_id="Periksa `masuk` skenario dan `waktu` setiap langkah: jumlah waktunya terlalu panjang.",
    hint_en="Check the scenario's `masuk` and every step's `waktu`: their total is too long.",
)


@dataclass(frozen=True)
class Visit:
    """One pass through one step."""

    step: str  # Step.key
    number: int
    pelaksana: tuple[str, ...]
    mulai: dt.datetime
    selesai: dt.datetime
    kunjungan: int  # 1 for the first visit of this step
    waktu: Duration | None
    used_seconds: float  # open office time between mulai and selesai
    missing_waktu: bool


@dataclass(frozen=True)
class ScenarioResult:
    nama: str
    masuk: dt.datetime  # aware, as given (not moved to the next opening)
    selesai: dt.datetime
    target: Duration | None
    tenggat: dt.datetime | None
    memenuhi_target: bool | None  # None without a target or when the walk failed
    margin_seconds: float | None  # open time from selesai to tenggat; negative = late
    visits: tuple[Visit, ...]
    diagnostics: tuple[Diagnostic, ...]

    @property
    def failed(self) -> bool:
        return any(d.is_error for d in self.diagnostics)


def step_waktu(step: Step, scenario: Scenario | None) -> Duration | None:
    """The duration a step takes: the scenario's override, else the step's own."""
    if scenario is not None and step.key in scenario.waktu:
        return scenario.waktu[step.key]
    return step.waktu


def reference_start(sop: Sop) -> dt.datetime:
    """Where routes and Monte Carlo start: the first scenario's arrival, else the effective
    date at 07:30 (both naive local times)."""
    if sop.simulasi is not None and sop.simulasi.skenario:
        return sop.simulasi.skenario[0].masuk
    return dt.datetime.combine(sop.identitas.tanggal_efektif, dt.time(7, 30))


def target_of(sop: Sop, scenario: Scenario | None = None) -> Duration | None:
    if scenario is not None and scenario.target is not None:
        return scenario.target
    return sop.simulasi.target if sop.simulasi is not None else None


def verdict(
    calendar: OfficeCalendar, arrival: dt.datetime, target: Duration | None, completion: dt.datetime
) -> tuple[dt.datetime | None, bool | None, float | None]:
    """The deadline (arrival + target, by the same calendar rules as the steps), whether the
    completion meets it, and the margin in open seconds (negative when late); all None without
    a target."""
    if target is None:
        return None, None, None
    tenggat = calendar.add(arrival, target)
    return tenggat, completion <= tenggat, calendar.open_seconds_between(completion, tenggat)


def run_scenario(
    sop: Sop, scenario: Scenario, calendar: OfficeCalendar, *, masuk: dt.datetime | None = None
) -> ScenarioResult:
    """Walk one scenario; `masuk` replaces the scenario's arrival (naive = local time)."""
    arrival = calendar.aware(masuk if masuk is not None else scenario.masuk)
    index = _scenario_index(sop, scenario)
    diagnostics: list[Diagnostic] = []
    visits: list[Visit] = []
    clock = calendar.local_seconds(arrival)
    try:
        _walk(sop, scenario, index, calendar, clock, visits, diagnostics)
    except CalendarRangeError as error:
        path = ("simulasi", "skenario", index) if index >= 0 else ("simulasi",)
        diagnostics.append(_at(sop, BEYOND_CALENDAR, path, scenario=scenario.nama,
                               first=CALENDAR_FIRST_YEAR, last=CALENDAR_LAST_YEAR,
                               year=error.year))
    failed = any(d.is_error for d in diagnostics)
    target = target_of(sop, scenario)
    try:
        completion = visits[-1].selesai if visits else calendar.instant(calendar.next_open_s(clock))
        tenggat, met, margin = verdict(calendar, arrival, target, completion)
    except CalendarRangeError:  # reported above, or the arrival itself is out of range
        completion, tenggat, met, margin = arrival, None, None, None
        failed = True
    if failed:  # a walk cut short says nothing about the target
        met, margin = None, None
    return ScenarioResult(
        nama=scenario.nama,
        masuk=arrival,
        selesai=completion,
        target=target,
        tenggat=tenggat,
        memenuhi_target=met,
        margin_seconds=margin,
        visits=tuple(visits),
        diagnostics=tuple(diagnostics),
    )


def _walk(
    sop: Sop, scenario: Scenario, index: int, calendar: OfficeCalendar, clock: float,
    visits: list[Visit], diagnostics: list[Diagnostic],
) -> None:
    """The visits of one walk from local seconds ``clock``, appended as they are made."""
    steps = {step.key: step for step in sop.langkah}
    decisions = [step.key for step in sop.langkah if step.is_decision]
    list_lengths = [max(1, len(scenario.keputusan.get(key, ()))) for key in decisions]
    counts: dict[str, int] = {}
    seen: dict[tuple[Any, ...], int] = {}
    warned_waktu: set[str] = set()
    warned_branch: set[str] = set()
    current = sop.langkah[0].key
    while current != END:
        state = (
            current,
            *(min(counts.get(k, 0), n) for k, n in zip(decisions, list_lengths, strict=True)),
        )
        if state in seen or len(visits) >= VISIT_CAP:
            loop = visits[seen.get(state, 0) :]
            diagnostics.append(_loop_diagnostic(sop, scenario, index, loop))
            break
        seen[state] = len(visits)
        step = steps[current]
        counts[current] = counts.get(current, 0) + 1
        waktu = step_waktu(step, scenario)
        start = calendar.next_open_s(clock)
        if waktu is None:
            end = start
            if step.key not in warned_waktu:
                warned_waktu.add(step.key)
                diagnostics.append(
                    _at(
                        sop,
                        MISSING_WAKTU,
                        ("langkah", step.number - 1),
                        number=step.number,
                        step=step.key,
                    )
                )
        else:
            end = calendar.add_s(start, waktu.kind, waktu.maximum)
        visits.append(
            Visit(
                step=step.key,
                number=step.number,
                pelaksana=step.pelaksana,
                mulai=calendar.instant(start),
                selesai=calendar.instant(end),
                kunjungan=counts[current],
                waktu=waktu,
                used_seconds=calendar.position(end) - calendar.position(start),
                missing_waktu=waktu is None,
            )
        )
        clock = end
        current = _next_key(sop, scenario, index, step, counts[current], diagnostics, warned_branch)


def run_all(sop: Sop, calendar: OfficeCalendar) -> list[ScenarioResult]:
    """Every scenario of the SOP, in the order written."""
    if sop.simulasi is None:
        return []
    return [run_scenario(sop, scenario, calendar) for scenario in sop.simulasi.skenario]


def iso_time(t: dt.datetime) -> str:
    """ISO 8601 with the UTC offset, to the second (``2026-11-20T15:30:00+07:00``)."""
    rounded = t + dt.timedelta(microseconds=500_000)
    return rounded.replace(microsecond=0).isoformat()


def to_json(
    sop: Sop, results: Iterable[ScenarioResult], calendar: OfficeCalendar | None = None
) -> dict[str, Any]:
    """The results as JSON-able data; `calendar` (for the margin text) defaults to the default."""
    workday = (calendar or OfficeCalendar.default()).workday_seconds
    return {
        "sop": sop.id,
        "skenario": [
            {
                "nama": r.nama,
                "masuk": iso_time(r.masuk),
                "selesai": iso_time(r.selesai),
                "target": r.target.text if r.target is not None else None,
                "tenggat": iso_time(r.tenggat) if r.tenggat is not None else None,
                "memenuhi_target": r.memenuhi_target,
                "margin": r.margin_seconds,
                "margin_teks": (
                    format_margin(r.margin_seconds, workday)
                    if r.margin_seconds is not None
                    else None
                ),
                "langkah": [
                    {
                        "id": v.step,
                        "nomor": v.number,
                        "pelaksana": list(v.pelaksana),
                        "mulai": iso_time(v.mulai),
                        "selesai": iso_time(v.selesai),
                        "kunjungan": v.kunjungan,
                        "waktu": v.waktu.text if v.waktu is not None else None,
                    }
                    for v in r.visits
                ],
                "peringatan": [
                    {"kode": d.code, "tingkat": str(d.severity), "pesan": d.message_in("id")}
                    for d in r.diagnostics
                ],
            }
            for r in results
        ],
    }


def _next_key(
    sop: Sop,
    scenario: Scenario,
    index: int,
    step: Step,
    visit: int,
    diagnostics: list[Diagnostic],
    warned: set[str],
) -> str:
    if step.keputusan is None:
        return step.lanjut
    choices = scenario.keputusan.get(step.key, ())
    if not choices:
        if step.key not in warned:
            warned.add(step.key)
            path = ("simulasi", "skenario", index) if index >= 0 else ("simulasi",)
            diagnostics.append(
                _at(
                    sop,
                    MISSING_BRANCH,
                    path,
                    scenario=scenario.nama,
                    number=step.number,
                    step=step.key,
                )
            )
        return step.keputusan.ya
    take_ya = choices[min(visit, len(choices)) - 1]
    return step.keputusan.ya if take_ya else step.keputusan.tidak


def _loop_diagnostic(sop: Sop, scenario: Scenario, index: int, loop: list[Visit]) -> Diagnostic:
    names: list[str] = []
    for visit in loop:
        label = f"{visit.number} ({visit.step})"
        if label not in names:
            names.append(label)
    path = ("simulasi", "skenario", index) if index >= 0 else ("simulasi",)
    return _at(sop, ENDLESS_LOOP, path, scenario=scenario.nama, steps=", ".join(names))


def _scenario_index(sop: Sop, scenario: Scenario) -> int:
    if sop.simulasi is None:
        return -1
    for i, candidate in enumerate(sop.simulasi.skenario):
        if candidate is scenario:
            return i
    for i, candidate in enumerate(sop.simulasi.skenario):
        if candidate == scenario:
            return i
    return -1


def _at(sop: Sop, message: Message, path: tuple[str | int, ...], **args: Any) -> Diagnostic:
    """The diagnostic placed at `path` of the SOP's file when its position is known."""
    file = sop.source.file if sop.source is not None else str(sop.path)
    line, column = 0, 0
    if sop.source is not None:
        try:
            line, column = sop.source.position(path)
        except (KeyError, IndexError, TypeError, ValueError):
            line, column = 0, 0
    return message.at(file, line, column, **args)
