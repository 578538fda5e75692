"""The Gantt chart of one simulated scenario, as an inline SVG.

One bar per visit on a time axis spanning the calendar days from the arrival to the later of
completion and deadline. The hours the office is closed are shaded: nights and breaks lightly,
weekends and holidays strongly (holiday names in a ``<title>`` and written in the band). Colours
come from CSS variables with fallbacks, so the chart follows the page's light or dark scheme;
text uses ``currentColor``. The drawing has a ``viewBox`` and no fixed size, so it scales to the
container. Output depends only on its inputs (numbers are printed with fixed precision).
"""

from __future__ import annotations

import datetime as dt
import math
from collections.abc import Callable, Mapping

from markupsafe import Markup

from ..calendar.office import OfficeCalendar
from ..simulate.walk import ScenarioResult
from .escaping import html_format, shorten

DAY = 86400
WIDTH = 760
LABEL_WIDTH = 190
RIGHT_MARGIN = 12
AXIS_TOP = 46
ROW_HEIGHT = 22
BAR_HEIGHT = 14
LEGEND_COLUMNS = 4
LEGEND_ROW = 16
PALETTE = ("#2f6fbf", "#d9822b", "#3a9a5b", "#b8453a", "#7d5bb5", "#8c6d3f", "#c2579e", "#5f7480")
HARI_SINGKAT = ("Sen", "Sel", "Rab", "Kam", "Jum", "Sab", "Min")
HARI = ("Senin", "Selasa", "Rabu", "Kamis", "Jumat", "Sabtu", "Minggu")
BULAN_SINGKAT = ("Jan", "Feb", "Mar", "Apr", "Mei", "Jun", "Jul", "Agu", "Sep", "Okt", "Nov", "Des")
_EPOCH = dt.date(1970, 1, 1)


def actor_colour(index: int) -> str:
    """Fill of the bars of the actor at this position of the SOP's column order."""
    return f"var(--sopgen-aktor-{index % len(PALETTE)},{PALETTE[index % len(PALETTE)]})"


def _n(value: float) -> str:
    return f"{value:.1f}".rstrip("0").rstrip(".")


def _day(number: int) -> dt.date:
    return _EPOCH + dt.timedelta(days=number)


def _clock(t: dt.datetime) -> str:
    return f"{t.day} {BULAN_SINGKAT[t.month - 1]} {t.hour:02d}.{t.minute:02d}"


SHADING_MAX_DAYS = 400
"""Closed time is shaded only on charts spanning at most this many days (the page stays small
when a long walk spans years)."""


def _tick_step(days: int) -> int:
    """Days between labelled ticks so that labels (about 35 units wide) never overlap."""
    for step in (1, 2, 7, 14, 28, 56):
        if days / step <= 14:
            return step
    return 28 * math.ceil(days / (14 * 28))  # a long walk: still about 14 labels


def gantt_svg(
    result: ScenarioResult,
    calendar: OfficeCalendar,
    *,
    id_prefix: str,
    step_labels: Mapping[str, str] | None = None,
    actor_names: Mapping[str, str] | None = None,
) -> Markup:
    """The chart of one scenario. ``step_labels`` maps step keys to short texts for the row
    labels; ``actor_names`` maps actor ids to names in the SOP's column order (bar colours and
    the legend follow that order)."""
    labels = step_labels or {}
    names = dict(actor_names or {})
    for visit in result.visits:
        for actor in visit.pelaksana:
            names.setdefault(actor, actor)
    actor_index = {actor: i for i, actor in enumerate(names)}

    start_s = calendar.local_seconds(result.masuk)
    last = max([result.selesai] + ([result.tenggat] if result.tenggat is not None else []))
    first_day = math.floor(start_s / DAY)
    last_day = math.floor(calendar.local_seconds(last) / DAY)
    days = last_day - first_day + 1
    axis_start, axis_end = first_day * DAY, (last_day + 1) * DAY
    plot_left, plot_right = LABEL_WIDTH, WIDTH - RIGHT_MARGIN
    plot_top = AXIS_TOP
    plot_bottom = plot_top + max(1, len(result.visits)) * ROW_HEIGHT + 6
    legend_rows = math.ceil((len(names) + 2) / LEGEND_COLUMNS)
    height = plot_bottom + 12 + legend_rows * LEGEND_ROW

    def x(seconds: float) -> float:
        share = (seconds - axis_start) / (axis_end - axis_start)
        return plot_left + share * (plot_right - plot_left)

    parts: list[str] = []
    title_id, desc_id = f"{id_prefix}-judul", f"{id_prefix}-ket"
    parts.append(
        html_format(
            '<svg class="sopgen-gantt" xmlns="http://www.w3.org/2000/svg" viewBox="0 0 {} {}" '
            'role="img" aria-labelledby="{} {}" font-size="11" fill="currentColor">',
            WIDTH,
            _n(height),
            title_id,
            desc_id,
        )
    )
    parts.append(html_format('<title id="{}">Diagram Gantt: {}</title>', title_id, result.nama))
    parts.append(
        html_format(
            '<desc id="{}">{} kunjungan langkah dari {} sampai {}; daerah berarsir: di luar jam '
            "kerja, hari libur dan akhir pekan.</desc>",
            desc_id,
            len(result.visits),
            _clock(result.masuk),
            _clock(result.selesai),
        )
    )
    if days <= SHADING_MAX_DAYS:  # beyond, a day is under a unit wide: no bands, small page
        parts.extend(_shading(calendar, first_day, days, x, plot_top, plot_bottom))
    parts.extend(_ticks(first_day, days, x, plot_top, plot_bottom))
    for row, visit in enumerate(result.visits):
        y = plot_top + row * ROW_HEIGHT + (ROW_HEIGHT - BAR_HEIGHT) / 2 + 3
        label = labels.get(visit.step, "")
        text = f"{visit.number}. {label}" if label else f"Langkah {visit.number}"
        if visit.kunjungan > 1:
            text += f" (ke-{visit.kunjungan})"
        parts.append(
            html_format(
                '<text x="4" y="{}" dominant-baseline="middle">{}</text>',
                _n(y + BAR_HEIGHT / 2),
                shorten(text, 32),
            )
        )
        bar_left = x(calendar.local_seconds(visit.mulai))
        bar_width = max(2.0, x(calendar.local_seconds(visit.selesai)) - bar_left)
        first_actor = visit.pelaksana[0] if visit.pelaksana else ""
        who = ", ".join(names.get(a, a) for a in visit.pelaksana)
        parts.append(
            html_format(
                '<rect class="sopgen-gantt-bar" x="{}" y="{}" width="{}" height="{}" rx="2" '
                'style="fill:{}"><title>Langkah {} (kunjungan ke-{}), {}: {} sampai {}</title>'
                "</rect>",
                _n(bar_left),
                _n(y),
                _n(bar_width),
                BAR_HEIGHT,
                actor_colour(actor_index.get(first_actor, 0)),
                visit.number,
                visit.kunjungan,
                who,
                _clock(visit.mulai),
                _clock(visit.selesai),
            )
        )
    if result.tenggat is not None:
        line_x = _n(x(calendar.local_seconds(result.tenggat)))
        parts.append(
            html_format(
                '<line class="sopgen-gantt-tenggat" x1="{0}" x2="{0}" y1="{1}" y2="{2}" '
                'stroke="var(--sopgen-tenggat,#c62828)" stroke-width="2" stroke-dasharray="5 3">'
                "<title>Tenggat: {3}</title></line>"
                '<text x="{0}" y="{4}" text-anchor="end" fill="var(--sopgen-tenggat,#c62828)">'
                "Tenggat</text>",
                line_x,
                plot_top - 4,
                plot_bottom,
                _clock(result.tenggat),
                plot_top - 6,
            )
        )
    parts.extend(_legend(names, actor_index, plot_bottom + 8))
    parts.append(Markup("</svg>"))
    return Markup("").join(parts)


Scale = Callable[[float], float]
"""Local seconds -> horizontal position in the drawing."""


def _shading(
    calendar: OfficeCalendar, first_day: int, days: int, x: Scale, top: float, bottom: float
) -> list[Markup]:
    """Bands for closed time: whole closed days, and the closed hours of working days."""
    closed: dict[dt.date, str] = {}
    for year in range(_day(first_day).year, _day(first_day + days - 1).year + 1):
        closed.update(calendar.closed_dates(year))
    out: list[Markup] = []
    nights: list[str] = []
    for number in range(first_day, first_day + days):
        day = _day(number)
        base = number * DAY
        name = closed.get(day)
        hours = () if name is not None else calendar.hours_on(day)
        if not hours:
            reason = name or f"{HARI[day.weekday()]} (tidak ada jam kerja)"
            left, right = x(base), x(base + DAY)
            out.append(
                html_format(
                    '<rect class="sopgen-gantt-libur" x="{}" y="{}" width="{}" height="{}" '
                    'style="fill:var(--sopgen-gantt-libur,rgba(198,40,40,.16))">'
                    "<title>{}, {}: {}</title></rect>",
                    _n(left),
                    _n(top),
                    _n(right - left),
                    _n(bottom - top),
                    HARI[day.weekday()],
                    f"{day.day} {BULAN_SINGKAT[day.month - 1]} {day.year}",
                    reason,
                )
            )
            if name is not None and right - left >= 9:
                cx, cy = _n((left + right) / 2), _n(top + 4)
                out.append(
                    html_format(
                        '<text class="sopgen-gantt-libur-nama" x="{0}" y="{1}" font-size="9" '
                        'transform="rotate(90 {0} {1})" dominant-baseline="middle">{2}</text>',
                        cx,
                        cy,
                        shorten(name, max(6, int((bottom - top - 8) / 5.5))),
                    )
                )
            continue
        cursor = 0
        for opening, closing in (*hours, (1440, 1440)):
            if opening * 60 > cursor:
                left, right = x(base + cursor), x(base + opening * 60)
                nights.append(f"M{_n(left)} {_n(top)}H{_n(right)}V{_n(bottom)}H{_n(left)}z")
            cursor = closing * 60
    if nights:
        # One path for all closed hours of working days: a rectangle element each made them
        # most of the chart's bytes (one subpath per band; sopgen-gantt-tutup, no title).
        out.insert(
            0,
            html_format(
                '<path class="sopgen-gantt-tutup" d="{}" '
                'style="fill:var(--sopgen-gantt-tutup,rgba(127,127,127,.16))"/>',
                "".join(nights),
            ),
        )
    return out


def _ticks(first_day: int, days: int, x: Scale, top: float, bottom: float) -> list[Markup]:
    step = _tick_step(days)
    out: list[Markup] = []
    every_day = days <= SHADING_MAX_DAYS  # else a line per label only: the page stays small
    shown = [o for o in range(days + 1) if every_day or o % step == 0]
    lines = "".join(f"M{_n(x((first_day + o) * DAY))} {_n(top - 2)}V{_n(bottom)}" for o in shown)
    out.append(
        html_format(
            '<path d="{}" stroke="currentColor" stroke-opacity=".25" stroke-width=".6"/>', lines
        )
    )  # the day lines, one path: an element each cost 100 bytes a day
    for offset in range(0, days + 1):
        if not every_day and offset % step:
            continue
        number = first_day + offset
        if offset < days and offset % step == 0:
            day = _day(number)
            out.append(
                html_format(
                    '<text x="{0}" y="{1}">{2}<tspan x="{0}" dy="12">{3} {4}</tspan></text>',
                    _n(x(number * DAY) + 2),
                    top - 32,
                    HARI_SINGKAT[day.weekday()],
                    day.day,
                    BULAN_SINGKAT[day.month - 1],
                )
            )
    return out


def _legend(names: Mapping[str, str], index: Mapping[str, int], top: float) -> list[Markup]:
    out: list[Markup] = []
    entries: list[tuple[str, str]] = [
        ("var(--sopgen-gantt-tutup,rgba(127,127,127,.16))", "Di luar jam kerja"),
        ("var(--sopgen-gantt-libur,rgba(198,40,40,.16))", "Hari libur / akhir pekan"),
    ]
    entries += [(actor_colour(index[actor]), name) for actor, name in names.items()]
    for i, (fill, text) in enumerate(entries):
        col, row = i % LEGEND_COLUMNS, i // LEGEND_COLUMNS
        left, y = 4 + col * (WIDTH // LEGEND_COLUMNS), top + row * LEGEND_ROW
        out.append(
            html_format(
                '<rect x="{}" y="{}" width="12" height="10" style="fill:{}"/>'
                '<text x="{}" y="{}">{}</text>',
                left,
                _n(y),
                fill,
                left + 16,
                _n(y + 9),
                shorten(text, 30),
            )
        )
    return out
