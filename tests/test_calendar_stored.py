"""National holidays kept on disk: the package's own dates, asked for once per year."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import pytest

import sopgen.calendar.stored as stored
from sopgen.calendar.hours import national_holidays
from sopgen.calendar.office import OfficeCalendar
from sopgen.duration import Kind


def test_stored_years_are_the_package_s_and_are_read_back(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    source = stored.stored_holidays(tmp_path)
    for year in (2025, 2026, 2027):
        assert source(year) == national_holidays(year)
    assert len(list(tmp_path.rglob("*.json"))) == 3

    def fail(year: int) -> dict[dt.date, str]:
        raise AssertionError("the package was asked again")

    monkeypatch.setattr(stored, "national_holidays", fail)
    again = stored.stored_holidays(tmp_path)
    assert again(2026) == national_holidays(2026)  # from the file: `fail` is never called
    # A calendar on stored holidays answers as one on the package does.
    quick, live = OfficeCalendar(holiday_source=again), OfficeCalendar()
    start = dt.datetime(2026, 3, 16, 9, 0)
    assert quick.closed_dates(2026) == live.closed_dates(2026)
    assert quick.local_seconds(start) == live.local_seconds(start)
    moment = quick.local_seconds(start)  # Nyepi and cuti bersama lie in the next 7 working days
    assert quick.add_s(moment, Kind.WORKING_DAYS, 7) == live.add_s(moment, Kind.WORKING_DAYS, 7)


@pytest.mark.parametrize("content", [b"", b"{not json", b"[1, 2]", b'{"2026-13-01": "x"}'])
def test_a_damaged_year_is_asked_again_and_rewritten(tmp_path: Path, content: bytes) -> None:
    source = stored.stored_holidays(tmp_path)
    source(2026)
    (path,) = tmp_path.rglob("2026.json")
    path.write_bytes(content)
    assert stored.stored_holidays(tmp_path)(2026) == national_holidays(2026)
    assert stored.stored_holidays(tmp_path)(2026) == national_holidays(2026)
    assert path.read_bytes() != content
