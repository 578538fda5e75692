"""The "Simulasi" section of an SOP page: scenarios, their Gantt charts, routes, and the form.

This module turns simulation results (plain data from `sopgen.simulate.walk`) into a view the
template ``simulation.html.j2`` lays out: per scenario the timeline table, the verdict against
the service standard (mark, colour class and text) and the chart; then the routes summary; then
the interactive simulator's form and its embedded data (``simulator.js`` fills the form in).
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path

from markupsafe import Markup

from ..calendar.office import OfficeCalendar
from ..calendar.working_time import format_margin, format_working_time
from ..model import Sop
from ..simulate.routes import Route, RoutesSummary, summarize_routes
from ..simulate.walk import ScenarioResult, iso_time, run_all, target_of
from .dates import tanggal
from .environment import html_block, template_environment
from .escaping import shorten
from .gantt import BULAN_SINGKAT, HARI, HARI_SINGKAT, gantt_svg
from .montecarlo_chart import MonteCarloView, monte_carlo_view
from .simulation_words import case_noun, closed_days, office_hours_text, shown_end, waktu_note
from .simulator_data import KEGIATAN_LIMIT, simulator_data, simulator_data_script

SECTION_TEMPLATE = "simulation.html.j2"
ROUTE_TABLE_LIMIT = 12
"""Routes listed one by one up to this many; beyond it only the extremes are shown."""


def waktu_lokal(t: dt.datetime, zone_label: str) -> str:
    """``Jumat, 20 November 2026 pukul 15.30 WIB`` (the same text ``simulator.js`` shows)."""
    return (
        f"{HARI[t.weekday()]}, {tanggal(t.date())} pukul {t.hour:02d}.{t.minute:02d} {zone_label}"
    )


def waktu_singkat(t: dt.datetime) -> str:
    """``Jum 20 Nov 2026 15.30``: the compact form of the timeline tables."""
    return f"{HARI_SINGKAT[t.weekday()]} {t.day} {BULAN_SINGKAT[t.month - 1]} {t.year} " + (
        f"{t.hour:02d}.{t.minute:02d}"
    )


@dataclass(frozen=True, slots=True)
class Moment:
    """An instant as the page shows it: machine-readable, in Indonesian, and compact."""

    iso: str
    label: str
    short: str


@dataclass(frozen=True, slots=True)
class TimelineRow:
    number: int
    kegiatan: str
    pelaksana: str
    mulai: Moment
    selesai: Moment
    waktu: str
    kunjungan: int


@dataclass(frozen=True, slots=True)
class ScenarioView:
    number: int  # 1-based, in the order the file lists the scenarios
    anchor: str
    nama: str
    masuk: Moment
    target: str | None  # the scenario's own standard, when it differs from the SOP's
    rows: tuple[TimelineRow, ...]
    selesai: Moment
    tenggat: Moment | None
    memenuhi: bool | None
    margin: str | None
    problems: tuple[str, ...]  # Indonesian messages of the walk's diagnostics
    gantt: Markup
    tutup: tuple[str, ...] = ()  # the closed days the walk crossed, named


@dataclass(frozen=True, slots=True)
class RouteView:
    steps: str  # step numbers in walking order, "1 → 2 → 3"
    selesai: Moment
    total: str  # open office time from the start, in Indonesian


@dataclass(frozen=True, slots=True)
class RoutesView:
    count: int
    truncated: bool
    mulai: Moment
    shortest: RouteView | None
    longest: RouteView | None
    target: str | None
    tenggat: Moment | None
    memenuhi: bool | None
    margin: str | None
    table: tuple[RouteView, ...]  # every route when there are few, else empty


@dataclass(frozen=True, slots=True)
class SimulatorForm:
    prefix: str
    masuk: str  # datetime-local value
    data_script: Markup
    zone_label: str
    sebutan: str = "permohonan"


def _moment(t: dt.datetime, calendar: OfficeCalendar) -> Moment:
    local = calendar.aware(t)
    return Moment(iso_time(t), waktu_lokal(local, calendar.zone_label), waktu_singkat(local))


def _end_moment(t: dt.datetime, start: dt.datetime, calendar: OfficeCalendar) -> Moment:
    """A completion: the machine value is the computed instant; the words follow the
    end-of-day convention (`simulation_words.shown_end`)."""
    local = calendar.aware(shown_end(calendar, t, start))
    return Moment(iso_time(t), waktu_lokal(local, calendar.zone_label), waktu_singkat(local))


def scenario_view(
    sop: Sop, result: ScenarioResult, calendar: OfficeCalendar, *, number: int, anchor: str
) -> ScenarioView:
    steps = {step.key: step for step in sop.langkah}
    actor_names = {actor.id: actor.nama for actor in sop.pelaksana}
    labels = {key: shorten(" ".join(step.kegiatan), KEGIATAN_LIMIT) for key, step in steps.items()}
    rows = tuple(
        TimelineRow(
            number=visit.number,
            kegiatan=labels[visit.step],
            pelaksana=", ".join(actor_names.get(a, a) for a in visit.pelaksana),
            mulai=_moment(visit.mulai, calendar),
            selesai=_end_moment(visit.selesai, visit.mulai, calendar),
            waktu=waktu_note(visit.waktu.text, calendar.resolve_kind(visit.waktu.kind),
                             visit.waktu.maximum, calendar)
            if visit.waktu is not None
            else "—",
            kunjungan=visit.kunjungan,
        )
        for visit in result.visits
    )
    margin = (
        format_margin(result.margin_seconds, calendar.workday_seconds)
        if result.margin_seconds is not None
        else None
    )
    return ScenarioView(
        number=number,
        anchor=anchor,
        nama=result.nama,
        masuk=_moment(result.masuk, calendar),
        target=result.target.text if result.target != target_of(sop) else None,
        rows=rows,
        selesai=_end_moment(result.selesai, result.masuk, calendar),
        tenggat=_end_moment(result.tenggat, result.masuk, calendar)
        if result.tenggat is not None
        else None,
        memenuhi=result.memenuhi_target,
        margin=margin,
        problems=tuple(d.message_in("id") for d in result.diagnostics),
        gantt=gantt_svg(
            result,
            calendar,
            id_prefix=f"{anchor}-gantt",
            step_labels=labels,
            actor_names=actor_names,
        ),
        tutup=tuple(closed_days(calendar, result.masuk, result.selesai)),
    )


def routes_view(sop: Sop, summary: RoutesSummary, calendar: OfficeCalendar) -> RoutesView:
    numbers = {step.key: step.number for step in sop.langkah}

    def route(r: Route) -> RouteView:
        return RouteView(
            steps=" → ".join(str(numbers[key]) for key in r.steps),
            selesai=_end_moment(r.selesai, summary.mulai, calendar),
            total=format_working_time(r.working_seconds, calendar.workday_seconds),
        )

    few = len(summary.routes) <= ROUTE_TABLE_LIMIT and not summary.truncated
    return RoutesView(
        count=len(summary.routes),
        truncated=summary.truncated,
        mulai=_moment(summary.mulai, calendar),
        shortest=route(summary.shortest) if summary.shortest is not None else None,
        longest=route(summary.longest) if summary.longest is not None else None,
        target=summary.target.text if summary.target is not None else None,
        tenggat=_end_moment(summary.tenggat, summary.mulai, calendar)
        if summary.tenggat is not None
        else None,
        memenuhi=summary.longest_meets_target,
        margin=format_margin(summary.margin_seconds, calendar.workday_seconds)
        if summary.margin_seconds is not None
        else None,
        table=tuple(route(r) for r in summary.routes) if few else (),
    )


def _montecarlo(sop: Sop, calendar: OfficeCalendar, id_prefix: str) -> MonteCarloView | None:
    if not sop.langkah:
        return None
    return monte_carlo_view(sop, calendar, id_prefix=f"{id_prefix}-montecarlo-grafik")


def render_simulation_section(
    sop: Sop,
    calendar: OfficeCalendar,
    results: Sequence[ScenarioResult] | None = None,
    routes: RoutesSummary | None = None,
    *,
    id_prefix: str = "sopgen-simulasi",
    template_dir: Path | None = None,
) -> Markup:
    """The HTML fragment of the section (no blank lines; all SOP text escaped).

    ``results`` defaults to `run_all` and ``routes`` to `summarize_routes` on this calendar;
    ``id_prefix`` starts every id of the
    fragment; ``template_dir`` is a body's template folder searched before the defaults.
    """
    if results is None:
        results = run_all(sop, calendar)
    if routes is None:
        routes = summarize_routes(sop, calendar)
    scenarios = [
        scenario_view(sop, result, calendar, number=n, anchor=f"{id_prefix}-skenario-{n}")
        for n, result in enumerate(results, start=1)
    ]
    data = simulator_data(sop, calendar)
    form_prefix = f"{id_prefix}-interaktif"
    form = SimulatorForm(
        prefix=form_prefix,
        masuk=data["masuk_awal"],
        data_script=simulator_data_script(data, f"{form_prefix}-data"),
        zone_label=calendar.zone_label,
        sebutan=case_noun(sop),
    )
    target = target_of(sop)
    template = template_environment(template_dir).get_template(SECTION_TEMPLATE)
    html = template.render(
        prefix=id_prefix,
        target=target.text if target is not None else None,
        zone_label=calendar.zone_label,
        scenarios=scenarios,
        form=form,
        routes=routes_view(sop, routes, calendar),
        sebutan=case_noun(sop),
        jam_kerja=office_hours_text(calendar),
        montecarlo=_montecarlo(sop, calendar, id_prefix),
    )
    return html_block(html)
