"""Simulation results as plain text for the terminal (``sopgen simulate`` and ``sopgen check``).

Everything here only formats results that `simulation`, `routes` and `montecarlo` computed;
labels are Indonesian, or English with ``lang="en"``.
"""

from __future__ import annotations

from collections.abc import Sequence

from ..calendar.office import OfficeCalendar
from ..calendar.working_time import format_instant, format_margin, format_working_time
from ..diagnostics import HINT_LABEL, Diagnostic
from ..model import Sop
from ..simulate.montecarlo import MonteCarloResult
from ..simulate.routes import Route, RoutesSummary
from ..simulate.walk import ScenarioResult
from .simulation_words import closed_days, shown_end

OK_MARK = "✓"
FAIL_MARK = "✗"
NO_TARGET_MARK = "•"
KEGIATAN_WIDTH = 38
PELAKSANA_WIDTH = 26

_LABELS: dict[str, dict[str, str]] = {
    "id": {
        "scenario": "Skenario",
        "arrival": "Masuk",
        "columns": "No|Langkah|Pelaksana|Mulai|Selesai|Kunjungan|Waktu",
        "no_waktu": "(tidak ada)",
        "closed": "Hari tutup dilewati",
        "done": "Selesai",
        "deadline": "Tenggat",
        "verdict": "Hasil",
        "met": "MEMENUHI TARGET",
        "missed": "TIDAK MEMENUHI TARGET",
        "no_target": "tidak ada target",
        "failed": "simulasi gagal",
        "routes": "Rute (setiap putaran paling banyak sekali), mulai {start}: {count} rute{more}",
        "truncated": " (dibatasi; masih ada rute lain)",
        "shortest": "Terpendek",
        "longest": "Terpanjang",
        "steps": "langkah",
        "ends": "selesai",
        "longest_verdict": "Rute terpanjang terhadap target {target}",
        "mc": "Monte Carlo ({n} kasus, seed {seed})",
        "mc_figures": "P50 {p50} · P90 {p90} · P95 {p95} · rata-rata {mean}",
        "mc_share": "memenuhi target: {share}",
        "mc_capped": "{capped} kasus berhenti di batas kunjungan",
        "target": "target",
        "line_done": "selesai",
        "line_deadline": "tenggat",
        "line_route": "rute terpanjang",
    },
    "en": {
        "scenario": "Scenario",
        "arrival": "Arrival",
        "columns": "No|Step|Actors|Start|End|Visit|Duration",
        "no_waktu": "(none)",
        "closed": "Closed days crossed",
        "done": "Completed",
        "deadline": "Deadline",
        "verdict": "Result",
        "met": "MEETS THE TARGET",
        "missed": "MISSES THE TARGET",
        "no_target": "no target",
        "failed": "simulation failed",
        "routes": "Routes (each loop at most once), from {start}: {count} routes{more}",
        "truncated": " (bounded; more routes exist)",
        "shortest": "Shortest",
        "longest": "Longest",
        "steps": "steps",
        "ends": "ends",
        "longest_verdict": "Longest route against the target {target}",
        "mc": "Monte Carlo ({n} cases, seed {seed})",
        "mc_figures": "P50 {p50} · P90 {p90} · P95 {p95} · mean {mean}",
        "mc_share": "within target: {share}",
        "mc_capped": "{capped} cases stopped at the visit cap",
        "target": "target",
        "line_done": "done",
        "line_deadline": "deadline",
        "line_route": "longest route",
    },
}


def labels(lang: str) -> dict[str, str]:
    return _LABELS.get(lang, _LABELS["id"])


def scenario_text(
    sop: Sop, result: ScenarioResult, calendar: OfficeCalendar, lang: str = "id"
) -> str:
    """One scenario: heading, timeline table, completion, deadline and verdict."""
    text = labels(lang)
    zone = calendar.zone_label
    rows = [text["columns"].split("|")]
    for visit in result.visits:
        step = sop.step(visit.step)
        actors = ", ".join(_actor_name(sop, actor) for actor in visit.pelaksana)
        rows.append(
            [
                str(visit.number),
                _shorten(" ".join(step.kegiatan), KEGIATAN_WIDTH),
                _shorten(actors, PELAKSANA_WIDTH),
                format_instant(visit.mulai, lang=lang),
                # the end-of-day convention, as on the page: an end at an opening reads as the
                # previous working day's closing
                format_instant(shown_end(calendar, visit.selesai, visit.mulai), lang=lang),
                str(visit.kunjungan),
                visit.waktu.text if visit.waktu is not None else text["no_waktu"],
            ]
        )
    lines = [
        f"{text['scenario']}: {result.nama}",
        f"{text['arrival']}: {format_instant(result.masuk, zone, lang)}",
        *_table(rows),
        f"{text['done']}: "
        f"{format_instant(shown_end(calendar, result.selesai, result.masuk), zone, lang)}",
    ]
    if result.tenggat is not None and result.target is not None:
        deadline = shown_end(calendar, result.tenggat, result.masuk)
        lines.append(
            f"{text['deadline']}: {format_instant(deadline, zone, lang)} "
            f"({text['target']} {result.target.text})"
        )
    crossed = closed_days(calendar, calendar.aware(result.masuk), result.selesai)
    if crossed:
        lines.append(f"{text['closed']}: {'; '.join(crossed)}")
    lines.append(f"{text['verdict']}: {verdict(result, calendar, lang)}")
    lines.extend(diagnostic_lines(result.diagnostics, lang))
    return "\n".join(lines)


def verdict(result: ScenarioResult, calendar: OfficeCalendar, lang: str = "id") -> str:
    """``✓ MEMENUHI TARGET (lebih cepat 2 jam)``, ``✗ ...``, or the reason there is none."""
    text = labels(lang)
    if result.failed:
        return f"{FAIL_MARK} {text['failed']}"
    if result.memenuhi_target is None or result.margin_seconds is None:
        return f"{NO_TARGET_MARK} {text['no_target']}"
    margin = format_margin(result.margin_seconds, calendar.workday_seconds, lang)
    if result.memenuhi_target:
        return f"{OK_MARK} {text['met']} ({margin})"
    return f"{FAIL_MARK} {text['missed']} ({margin})"


def scenario_line(
    sop_id: str, result: ScenarioResult, calendar: OfficeCalendar, lang: str = "id"
) -> str:
    """``✓ sop · scenario · selesai ... · tenggat ... · lebih cepat ...``: one line of `check`."""
    text = labels(lang)
    zone = calendar.zone_label
    if result.failed or result.memenuhi_target is False:
        mark = FAIL_MARK
    else:
        mark = OK_MARK if result.memenuhi_target else NO_TARGET_MARK
    parts = [f"{mark} {sop_id}", result.nama]
    parts.append(f"{text['line_done']} {format_instant(result.selesai, zone, lang)}")
    if result.tenggat is not None and result.margin_seconds is not None:
        parts.append(f"{text['line_deadline']} {format_instant(result.tenggat, zone, lang)}")
        parts.append(format_margin(result.margin_seconds, calendar.workday_seconds, lang))
    elif not result.failed:
        parts.append(text["no_target"])
    return " · ".join(parts)


def longest_route_line(
    sop_id: str, summary: RoutesSummary, calendar: OfficeCalendar, lang: str = "id"
) -> str:
    """The `check` line of the longest route against the SOP's target."""
    text = labels(lang)
    zone = calendar.zone_label
    parts = [
        f"{OK_MARK if summary.longest_meets_target else FAIL_MARK} {sop_id}",
        f"{text['line_route']} ({len(summary.routes)})",
    ]
    if summary.longest is not None:
        parts.append(f"{text['line_done']} {format_instant(summary.longest.selesai, zone, lang)}")
    if summary.tenggat is not None:
        parts.append(f"{text['line_deadline']} {format_instant(summary.tenggat, zone, lang)}")
    if summary.margin_seconds is not None:
        parts.append(format_margin(summary.margin_seconds, calendar.workday_seconds, lang))
    return " · ".join(parts)


def routes_text(summary: RoutesSummary, calendar: OfficeCalendar, lang: str = "id") -> str:
    text = labels(lang)
    zone = calendar.zone_label
    lines = [
        text["routes"].format(
            start=format_instant(summary.mulai, zone, lang),
            count=len(summary.routes),
            more=text["truncated"] if summary.truncated else "",
        )
    ]
    for name, route in ((text["shortest"], summary.shortest), (text["longest"], summary.longest)):
        if route is not None:
            lines.append(f"  {name}: {_route(route, calendar, lang)}")
    if summary.target is not None and summary.longest_meets_target is not None:
        margin = format_margin(summary.margin_seconds or 0.0, calendar.workday_seconds, lang)
        mark = OK_MARK if summary.longest_meets_target else FAIL_MARK
        word = text["met"] if summary.longest_meets_target else text["missed"]
        lines.append(
            f"  {text['longest_verdict'].format(target=summary.target.text)}: "
            f"{mark} {word} ({margin})"
        )
    return "\n".join(lines)


def monte_carlo_text(result: MonteCarloResult, lang: str = "id") -> str:
    text = labels(lang)
    day = result.workday_seconds

    def span(seconds: float | None) -> str:
        return "-" if seconds is None else format_working_time(seconds, day, lang)

    lines = [
        text["mc"].format(n=result.n, seed=result.seed),
        "  "
        + text["mc_figures"].format(
            p50=span(result.p50_seconds),
            p90=span(result.p90_seconds),
            p95=span(result.p95_seconds),
            mean=span(result.mean_seconds),
        ),
    ]
    if result.share_meeting_target is not None and result.target is not None:
        share = f"{result.share_meeting_target * 100:.1f} %"
        if lang == "id":
            share = share.replace(".", ",")
        lines.append(f"  {text['mc_share'].format(share=share)} ({result.target.text})")
    if result.capped:
        lines.append(f"  {text['mc_capped'].format(capped=result.capped)}")
    return "\n".join(lines)


def diagnostic_lines(diagnostics: Sequence[Diagnostic], lang: str = "id") -> list[str]:
    """Walk diagnostics as indented ``file:line:col: warning SOP751: ...`` lines with hints."""
    lines = []
    for d in diagnostics:
        place = f"{d.file}:{d.line}:{d.column}: " if d.line > 0 else ""
        lines.append(f"  {place}{d.severity.value} {d.code}: {d.message_in(lang)}")
        if d.hint_in(lang):
            lines.append(f"    {HINT_LABEL[lang]}: {d.hint_in(lang)}")
    return lines


def _route(route: Route, calendar: OfficeCalendar, lang: str) -> str:
    text = labels(lang)
    worked = format_working_time(route.working_seconds, calendar.workday_seconds, lang)
    ends = format_instant(route.selesai, calendar.zone_label, lang)
    return f"{worked} ({len(route.steps)} {text['steps']}, {text['ends']} {ends})"


def _actor_name(sop: Sop, actor_id: str) -> str:
    try:
        return sop.actor(actor_id).nama
    except KeyError:
        return actor_id


def _shorten(text: str, width: int) -> str:
    text = " ".join(text.split())
    return text if len(text) <= width else text[: width - 1].rstrip() + "…"


def _table(rows: list[list[str]]) -> list[str]:
    widths = [max(len(row[i]) for row in rows) for i in range(len(rows[0]))]
    lines = [
        "  ".join(cell.ljust(w) for cell, w in zip(row, widths, strict=True)).rstrip()
        for row in rows
    ]
    lines.insert(1, "  ".join("-" * w for w in widths))
    return lines
