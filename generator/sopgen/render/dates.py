"""Dates written the Indonesian way: ``2 April 2020``."""

from __future__ import annotations

import datetime as dt

MONTHS = (
    "Januari",
    "Februari",
    "Maret",
    "April",
    "Mei",
    "Juni",
    "Juli",
    "Agustus",
    "September",
    "Oktober",
    "November",
    "Desember",
)


def tanggal(day: dt.date) -> str:
    """The date as printed on the form, e.g. ``2 April 2020``."""
    return f"{day.day} {MONTHS[day.month - 1]} {day.year}"
