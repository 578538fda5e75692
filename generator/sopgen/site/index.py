"""The generated pages around the SOPs: the index table, the navigation tree, the home page.

Plain functions over `Sop` objects that return Markdown (with raw-HTML blocks where SOP text
lands, escaped here) or MkDocs nav data. Nothing here imports MkDocs: the plugin passes in how to
turn a SOP into a URL or a source path.
"""

from __future__ import annotations

import functools
import re
from html import escape

from ..calendar.working_time import format_working_time
from ..duration import Kind
from ..model import Sop

SOP_FOLDER = "sop"
"""Folder of the generated SOP pages inside the site (``sop/<id>.md``)."""

INDEX_URI = f"{SOP_FOLDER}/index.md"

DEFAULT_WORKDAY_SECONDS = 7.5 * 3600
"""Civil-service average open time of a working day, when no calendar is given."""


def page_uri(sop: Sop) -> str:
    """Source URI of a SOP's generated page inside the docs tree."""
    return f"{SOP_FOLDER}/{sop.id}.md"


def sop_order(sop: Sop) -> tuple[tuple[tuple[int, int | str], ...], str, str]:
    """Sort key: Nomor in natural order (``2`` before ``10``), then name, then id."""
    return (_natural(sop.identitas.nomor), sop.identitas.nama.casefold(), sop.id)


@functools.lru_cache(maxsize=65536)  # each list sorts the same numbers again
def _natural(text: str) -> tuple[tuple[int, int | str], ...]:
    # Tagging each part keeps numbers and words comparable without a TypeError.
    return tuple(
        (0, int(part)) if part.isdigit() else (1, part.casefold())
        for part in re.split(r"(\d+)", text)
        if part
    )


def one_line(text: str) -> str:
    """SOP text escaped for HTML on one line (nav titles; a newline would end a raw-HTML block)."""
    return escape(" ".join(text.split()))


def total_standard_time(sop: Sop, workday_seconds: float = DEFAULT_WORKDAY_SECONDS) -> str:
    """The sum of the steps' upper limits, e.g. ``3 hari kerja 2 jam 45 menit``.

    Working days count as ``workday_seconds`` of office time (the calendar's average day), so
    minutes roll over into days; calendar days cannot convert and are added on their own. Steps
    without a time add nothing; no time at all gives "–".
    """
    office = 0.0
    calendar_days = 0.0
    timed = False
    for step in sop.langkah:
        if step.waktu is None:
            continue
        timed = True
        if step.waktu.kind is Kind.OFFICE_SECONDS:
            office += step.waktu.maximum
        elif step.waktu.kind is Kind.CALENDAR_DAYS:
            calendar_days += step.waktu.maximum
        else:
            office += step.waktu.maximum * workday_seconds
    if not timed:
        return "–"
    parts = [format_working_time(office, workday_seconds)] if office or not calendar_days else []
    if calendar_days:
        days = f"{calendar_days:.2f}".rstrip("0").rstrip(".").replace(".", ",")
        parts.append(f"{days} hari kalender")
    return " + ".join(parts)


def home_page(count: int, *, index_link: str, guide_link: str | None) -> str:
    """Markdown of the default home page, for a site whose docs folder has none.

    Links are final URLs relative to the home page (raw HTML, so no Markdown extension needed).
    """
    guide = (
        "\n\nCara menulis dan memeriksa berkas SOP dijelaskan dalam "
        f'<a href="{escape(guide_link)}">panduan</a>.'
        if guide_link
        else ""
    )
    return (
        "# Standar Operasional Prosedur\n\n"
        f"Situs ini menerbitkan {count} Standar Operasional Prosedur Administrasi Pemerintahan "
        "(SOP AP). Setiap SOP ditulis sebagai berkas YAML, diperiksa secara otomatis, lalu "
        "ditampilkan di sini dalam bentuk formulir resmi: blok identitas, tabel uraian prosedur "
        "dengan diagram alir, diagram alir Graphviz, dan simulasi waktu pada kalender kerja.\n\n"
        f'<a class="md-button md-button--primary" href="{escape(index_link)}">Buka daftar SOP</a>'

        f"{guide}\n"
    )
