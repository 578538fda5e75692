"""The data the in-browser simulator (``simulator-walk.js``) walks: steps, target and calendar.

The JavaScript twin of `sopgen.simulate.walk` gets everything as one JSON object embedded in the
page, so the page works offline and with no server. The calendar part is
`OfficeCalendar.export` unchanged, for the years around the default arrival, so the browser
uses the very holiday data the Python simulator used.
"""

from __future__ import annotations

import datetime as dt
from typing import Any

from markupsafe import Markup

from ..calendar.office import OfficeCalendar
from ..duration import Duration
from ..model import Sop, Step
from ..simulate.walk import reference_start, target_of
from .escaping import html_format, script_json, shorten
from .simulation_words import case_noun

MAX_VISITS = 50
"""Visits after which the browser stops a walk that keeps looping (the user picks the branches,
so a loop the user never leaves is possible and must not hang the page)."""

KEGIATAN_LIMIT = 90
YEARS_BEFORE = 1
YEARS_AFTER = 2


def duration_data(duration: Duration | None) -> dict[str, Any] | None:
    """A duration as the JavaScript reads it: kind, bounds in the kind's base unit, text."""
    if duration is None:
        return None
    return {
        "jenis": str(duration.kind),
        "min": duration.minimum,
        "maks": duration.maximum,
        "teks": duration.text,
    }


def exported_years(arrival: dt.datetime) -> list[int]:
    """The years whose closed dates the page carries: a year before the arrival to two after."""
    return list(range(arrival.year - YEARS_BEFORE, arrival.year + YEARS_AFTER + 1))


def step_data(sop: Sop, step: Step) -> dict[str, Any]:
    decision = step.keputusan
    return {
        "key": step.key,
        "nomor": step.number,
        "kegiatan": shorten(" ".join(step.kegiatan), KEGIATAN_LIMIT),
        "pelaksana": [sop.actor(actor).nama for actor in step.pelaksana],
        "waktu": duration_data(step.waktu),
        "lanjut": step.lanjut,
        "keputusan": None
        if decision is None
        else {
            "pertanyaan": decision.pertanyaan,
            "ya": decision.ya,
            "tidak": decision.tidak,
            "label_ya": decision.label_ya,
            "label_tidak": decision.label_tidak,
        },
    }


def simulator_data(
    sop: Sop, calendar: OfficeCalendar, *, arrival: dt.datetime | None = None
) -> dict[str, Any]:
    """Everything `window.sopgenSimulator.simulate` needs for this SOP. ``arrival`` (default: the
    first scenario's, else the effective date at 07:30) is the form's first value and sets the
    exported years."""
    start = arrival if arrival is not None else reference_start(sop)
    return {
        "sop": sop.id,
        "sebutan": case_noun(sop),
        "masuk_awal": start.strftime("%Y-%m-%dT%H:%M"),
        "target": duration_data(target_of(sop)),
        "maks_kunjungan": MAX_VISITS,
        "langkah": [step_data(sop, step) for step in sop.langkah],
        "kalender": calendar.export(exported_years(start)),
    }


def simulator_data_script(data: dict[str, Any], element_id: str) -> Markup:
    """The ``<template data-sopgen-data>`` element carrying the data as JSON text.

    Not a ``<script type="application/json">``: Material's instant navigation re-creates every
    inline script of the new page without its ``type``, so the browser would run the JSON as
    JavaScript. A template's text is inert and survives. The JSON holds no ``<``, ``>`` or ``&``
    (`script_json`), so no markup can start inside it.
    """
    return html_format(
        '<template id="{}" data-sopgen-data>{}</template>', element_id, script_json(data)
    )
