"""The Monte Carlo distribution as a small chart on the SOP page: a histogram of the working
time of random cases, with P50, P90, P95 and the service standard marked, and its summary.

Pure SVG in the page's colours (``currentColor`` and the simulation section's variables), with a
``viewBox`` and no fixed size, so it scales like the Gantt charts.
"""

from __future__ import annotations

from dataclasses import dataclass

from markupsafe import Markup

from ..calendar.office import OfficeCalendar
from ..calendar.working_time import format_working_time
from ..duration import Kind
from ..model import Sop
from ..simulate.montecarlo import MonteCarloResult, monte_carlo

CASES = 200
SEED = 1
WIDTH, HEIGHT = 640.0, 190.0
LEFT, RIGHT, TOP, BOTTOM = 36.0, 12.0, 44.0, 30.0
BINS = 24


@dataclass(frozen=True)
class MonteCarloView:
    n: int
    completed: int
    p50: str
    p90: str
    p95: str
    share: str | None  # "87,5 %" of the cases meeting the standard
    target: str | None
    chart: Markup


def _n(value: float) -> str:
    return f"{value:.1f}".rstrip("0").rstrip(".")


def monte_carlo_view(
    sop: Sop, calendar: OfficeCalendar, *, id_prefix: str, cases: int = CASES
) -> MonteCarloView | None:
    """The chart and figures of `cases` random cases (fixed seed: the page is reproducible);
    None when no case completes."""
    result = monte_carlo(sop, calendar, cases, SEED)
    if not result.samples or result.p50_seconds is None:
        return None
    day = calendar.workday_seconds

    def span(seconds: float | None) -> str:
        return format_working_time(seconds or 0.0, day)

    share = None
    if result.share_meeting_target is not None:
        share = f"{result.share_meeting_target * 100:.1f} %".replace(".", ",")
    target_seconds = _target_seconds(result, calendar)
    return MonteCarloView(
        n=result.n,
        completed=result.completed,
        p50=span(result.p50_seconds),
        p90=span(result.p90_seconds),
        p95=span(result.p95_seconds),
        share=share,
        target=result.target.text if result.target is not None else None,
        chart=histogram_svg(result, target_seconds, id_prefix=id_prefix),
    )


def _target_seconds(result: MonteCarloResult, calendar: OfficeCalendar) -> float | None:
    """The standard as open office seconds, for its line (calendar days count as working days
    of the calendar: the line is a guide; the share above is computed exactly)."""
    target = result.target
    if target is None:
        return None
    if calendar.resolve_kind(target.kind) is Kind.OFFICE_SECONDS:
        return target.maximum
    return target.maximum * calendar.workday_seconds


def histogram_svg(
    result: MonteCarloResult, target_seconds: float | None, *, id_prefix: str
) -> Markup:
    samples = result.samples
    day = result.workday_seconds
    top = max(samples[-1], target_seconds or 0.0) or 1.0
    width = top / BINS
    counts = [0] * BINS
    for value in samples:
        counts[min(BINS - 1, int(value / width))] += 1
    tallest = max(counts) or 1
    plot_w, plot_h = WIDTH - LEFT - RIGHT, HEIGHT - TOP - BOTTOM

    def x(seconds: float) -> float:
        return LEFT + plot_w * seconds / top

    parts = [
        f'<svg class="sopgen-mc" xmlns="http://www.w3.org/2000/svg" viewBox="0 0 {_n(WIDTH)} '
        f'{_n(HEIGHT)}" role="img" aria-labelledby="{id_prefix}-judul" font-size="11" '
        'fill="currentColor">',
        f'<title id="{id_prefix}-judul">Sebaran waktu kerja {result.completed} kasus acak</title>',
    ]
    bar_w = plot_w / BINS
    for index, count in enumerate(counts):
        if not count:
            continue
        height = plot_h * count / tallest
        parts.append(
            f'<rect class="sopgen-mc-bar" x="{_n(LEFT + index * bar_w + 1)}" '
            f'y="{_n(TOP + plot_h - height)}" width="{_n(max(1.0, bar_w - 2))}" '
            f'height="{_n(height)}"><title>{count} kasus</title></rect>'
        )
    base = TOP + plot_h
    parts.append(
        f'<line x1="{_n(LEFT)}" y1="{_n(base)}" x2="{_n(WIDTH - RIGHT)}" y2="{_n(base)}" '
        'stroke="currentColor" stroke-width="1"/>'
    )
    # Axis ticks in working days (or hours for short procedures).
    unit, name = (day, "hari kerja") if top >= 2 * day else (3600.0, "jam")
    step = max(1, round(top / unit / 6))
    value = 0
    while value * unit <= top + 1e-6:
        tx = x(value * unit)
        parts.append(
            f'<line x1="{_n(tx)}" y1="{_n(base)}" x2="{_n(tx)}" y2="{_n(base + 4)}" '
            'stroke="currentColor"/>'
            f'<text x="{_n(tx)}" y="{_n(base + 15)}" text-anchor="middle">{value}</text>'
        )
        value += step
    parts.append(
        f'<text x="{_n(WIDTH - RIGHT)}" y="{_n(HEIGHT - 2)}" text-anchor="end">'
        f"waktu kerja ({name})</text>"
    )
    marks = [
        ("P50", result.p50_seconds, "sopgen-mc-p"),
        ("P90", result.p90_seconds, "sopgen-mc-p"),
        ("P95", result.p95_seconds, "sopgen-mc-p"),
    ]
    if target_seconds is not None:
        marks.append(("Standar", target_seconds, "sopgen-mc-target"))
    for row, (label, seconds, css) in enumerate(marks):
        if seconds is None:
            continue
        mx = x(seconds)
        label_y = 11 + row * 11
        anchor = "end" if mx > WIDTH * 0.8 else "start"
        shift = -3 if anchor == "end" else 3
        parts.append(
            f'<line class="{css}" x1="{_n(mx)}" y1="{_n(label_y - 8)}" x2="{_n(mx)}" '
            f'y2="{_n(base)}" stroke-width="1.5" stroke-dasharray="4 3"/>'
            f'<text class="{css}-label" x="{_n(mx + shift)}" y="{_n(label_y)}" '
            f'text-anchor="{anchor}">{label}</text>'
        )
    parts.append("</svg>")
    return Markup("".join(parts))
