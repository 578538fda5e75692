"""Working-time arithmetic of the office calendar, each expectation computed by hand.

Default hours: Mon-Thu 07:30-12:00 and 13:00-16:00; Fri 07:30-11:30 and 13:00-16:30 (7.5 h each
day, 37.5 h a week); Sat and Sun closed. Dates checked against the 2026 calendar.
"""

from __future__ import annotations

import datetime as dt

import pytest

from sopgen.calendar.office import DAY, OfficeCalendar, SpecialHours, day_hours
from sopgen.duration import parse_duration

CAL = OfficeCalendar.default()


def add(text: str, start: dt.datetime, calendar: OfficeCalendar = CAL) -> str:
    duration = parse_duration(text)
    assert duration is not None
    return calendar.add(start, duration).isoformat()


def test_break_is_skipped() -> None:
    # Mon 11:30 + 1 h: 30 min until the 12:00 break, 30 min after 13:00 -> 13:30.
    assert add("1 jam", dt.datetime(2026, 11, 23, 11, 30)) == "2026-11-23T13:30:00+07:00"


def test_a_start_in_the_break_waits_for_the_end_of_the_break() -> None:
    # 12:00 is the end of the morning interval, so it is not open: next opening is 13:00.
    assert CAL.next_open(dt.datetime(2026, 11, 23, 12, 0)).isoformat() == (
        "2026-11-23T13:00:00+07:00"
    )
    assert not CAL.is_open(dt.datetime(2026, 11, 23, 12, 0))
    assert CAL.is_open(dt.datetime(2026, 11, 23, 11, 59))


def test_a_step_that_fills_the_day_ends_at_closing() -> None:
    # Mon 15:30 + 30 min = exactly 16:00, the closing instant (not the next morning).
    assert add("30 menit", dt.datetime(2026, 11, 23, 15, 30)) == "2026-11-23T16:00:00+07:00"


def test_a_step_over_closing_continues_next_morning() -> None:
    # Mon 15:45 + 30 min: 15 min until 16:00, 15 min from Tue 07:30 -> 07:45.
    assert add("30 menit", dt.datetime(2026, 11, 23, 15, 45)) == "2026-11-24T07:45:00+07:00"


def test_friday_hours() -> None:
    # Fri 11:00 + 1 h: 30 min to the 11:30 break, break until 13:00, 30 min more -> 13:30.
    assert add("1 jam", dt.datetime(2026, 11, 20, 11, 0)) == "2026-11-20T13:30:00+07:00"
    # Fri closes at 16:30: 16:15 + 30 min = 15 min Fri + 15 min from Mon 07:30 -> Mon 07:45.
    assert add("30 menit", dt.datetime(2026, 11, 20, 16, 15)) == "2026-11-23T07:45:00+07:00"


def test_weekend_is_closed() -> None:
    # Sat 21 Nov 2026 10:00 -> Mon 23 Nov 07:30.
    assert CAL.next_open(dt.datetime(2026, 11, 21, 10, 0)).isoformat() == (
        "2026-11-23T07:30:00+07:00"
    )


def test_national_holiday() -> None:
    # Mon 17 Aug 2026 is Independence Day. Fri 14 Aug 16:00 + 1 h: 30 min until 16:30,
    # Sat-Mon closed, 30 min from Tue 18 Aug 07:30 -> 08:00.
    assert add("1 jam", dt.datetime(2026, 8, 14, 16, 0)) == "2026-08-18T08:00:00+07:00"


def test_cuti_bersama_counts_as_closed() -> None:
    # Wed 23 Dec 2026 15:30 + 1 hari kerja: Thu 24 = cuti bersama Natal, Fri 25 = Natal,
    # Sat/Sun -> the next working day is Mon 28 Dec, same clock time 15:30.
    assert add("1 hari kerja", dt.datetime(2026, 12, 23, 15, 30)) == "2026-12-28T15:30:00+07:00"
    names = dict(CAL.closed_dates(2026))
    assert names[dt.date(2026, 12, 24)] == "Cuti Bersama Hari Raya Natal"


def test_year_boundary() -> None:
    # Thu 31 Dec 2026 15:00 + 2 h: 1 h until 16:00; Fri 1 Jan 2027 is New Year, Sat/Sun closed;
    # 1 h from Mon 4 Jan 07:30 -> 08:30.
    assert add("2 jam", dt.datetime(2026, 12, 31, 15, 0)) == "2027-01-04T08:30:00+07:00"


@pytest.mark.parametrize(
    ("zone", "offset"), [("WIB", "+07:00"), ("WITA", "+08:00"), ("WIT", "+09:00")]
)
def test_zone_offsets_in_output(zone: str, offset: str) -> None:
    calendar = OfficeCalendar(zone)
    # Naive times are local: Mon 08:00 + 30 min = 08:30 local, printed with the zone's offset.
    assert add("30 menit", dt.datetime(2026, 11, 23, 8, 0), calendar) == (
        f"2026-11-23T08:30:00{offset}"
    )


def test_iana_names_and_aware_input() -> None:
    calendar = OfficeCalendar("Asia/Makassar")
    assert calendar.zone_label == "WITA"
    # 00:30 UTC = 08:30 WITA, open; the result stays in WITA.
    start = dt.datetime(2026, 11, 23, 0, 30, tzinfo=dt.UTC)
    assert calendar.next_open(start).isoformat() == "2026-11-23T08:30:00+08:00"
    with pytest.raises(ValueError):
        OfficeCalendar("Europe/Paris")


def test_hari_kalender() -> None:
    # Fri 20 Nov 15:30 + 2 x 24 h = Sun 22 Nov 15:30, closed -> Mon 23 Nov 07:30.
    assert add("2 hari kalender", dt.datetime(2026, 11, 20, 15, 30)) == (
        "2026-11-23T07:30:00+07:00"
    )
    # With `hari: kalender`, plain "hari" means the same.
    calendar = OfficeCalendar(hari_kalender=True)
    assert add("2 hari", dt.datetime(2026, 11, 20, 15, 30), calendar) == (
        "2026-11-23T07:30:00+07:00"
    )
    # Plain "hari" on the default calendar is working days: Fri + 2 = Tue 24 Nov 15:30.
    assert add("2 hari", dt.datetime(2026, 11, 20, 15, 30)) == "2026-11-24T15:30:00+07:00"


def test_fractional_days() -> None:
    # Fri 20 Nov 15:30 + 1,5 hari: 1 working day -> Mon 23 Nov 15:30; then 0.5 x 7.5 h =
    # 3 h 45 min of office time: 30 min until 16:00, 3 h 15 min from Tue 07:30 -> 10:45.
    assert add("1,5 hari", dt.datetime(2026, 11, 20, 15, 30)) == "2026-11-24T10:45:00+07:00"
    # 0,5 hari kalender = 12 h: Mon 10:00 -> Mon 22:00, closed -> Tue 07:30.
    assert add("0,5 hari kalender", dt.datetime(2026, 11, 23, 10, 0)) == (
        "2026-11-24T07:30:00+07:00"
    )


def test_working_day_landing_outside_hours_moves_to_next_opening() -> None:
    # Fri 16:15 + 1 hari kerja -> Mon 16:15, after Monday's 16:00 closing -> Tue 07:30.
    assert add("1 hari kerja", dt.datetime(2026, 11, 20, 16, 15)) == "2026-11-24T07:30:00+07:00"


def test_weeks_and_months_are_working_days() -> None:
    # 1 minggu = 5 working days: Mon 23 Nov 10:00 -> Mon 30 Nov 10:00.
    assert add("1 minggu", dt.datetime(2026, 11, 23, 10, 0)) == "2026-11-30T10:00:00+07:00"
    # 1 bulan = 20 working days from Mon 2 Nov 2026 10:00: Nov has no holiday, so the 20th
    # working day after 2 Nov is Mon 30 Nov.
    assert add("1 bulan", dt.datetime(2026, 11, 2, 10, 0)) == "2026-11-30T10:00:00+07:00"


def test_zero_ends_at_the_normalised_start() -> None:
    # Sat 10:00 + seketika -> Mon 07:30 (every step starts at the next opening).
    assert add("seketika", dt.datetime(2026, 11, 21, 10, 0)) == "2026-11-23T07:30:00+07:00"


def test_local_extra_holiday() -> None:
    calendar = OfficeCalendar(extra_closed={dt.date(2026, 11, 23): "Hari Jadi"})
    # Fri 16:00 + 1 h: 30 min Fri; Mon 23 closed locally; 30 min from Tue 07:30 -> 08:00.
    assert add("1 jam", dt.datetime(2026, 11, 20, 16, 0), calendar) == ("2026-11-24T08:00:00+07:00")
    assert (dt.date(2026, 11, 23), "Hari Jadi") in calendar.closed_dates(2026)


def test_removed_holiday_is_a_working_day() -> None:
    calendar = OfficeCalendar(removed=[dt.date(2026, 12, 24)])
    # Wed 23 Dec 15:30 + 1 hari kerja: Thu 24 Dec is worked here -> Thu 24 Dec 15:30.
    assert add("1 hari kerja", dt.datetime(2026, 12, 23, 15, 30), calendar) == (
        "2026-12-24T15:30:00+07:00"
    )
    assert dt.date(2026, 12, 24) not in dict(calendar.closed_dates(2026))


def test_special_hours_range() -> None:
    ramadan = SpecialHours(
        dt.date(2026, 2, 19),
        dt.date(2026, 3, 19),
        "Ramadan",
        {n: day_hours(480, 900, [(720, 750)]) for n in range(4)},  # Mon-Thu 08:00-15:00
    )
    calendar = OfficeCalendar(special=[ramadan])
    # Mon 2 Mar 2026 14:30 + 1 h: 30 min until 15:00, 30 min from Tue 08:00 -> 08:30.
    assert add("1 jam", dt.datetime(2026, 3, 2, 14, 30), calendar) == ("2026-03-03T08:30:00+07:00")
    # Tue 07:45 is closed in Ramadan (opens 08:00) but open on Tue 31 Mar after the range.
    assert not calendar.is_open(dt.datetime(2026, 3, 3, 7, 45))
    assert calendar.is_open(dt.datetime(2026, 3, 31, 7, 45))
    # Friday is not listed, so it keeps its regular hours: Fri 6 Mar 07:45 is open.
    assert calendar.is_open(dt.datetime(2026, 3, 6, 7, 45))
    # The average working day is that of the regular week.
    assert calendar.workday_seconds == 7.5 * 3600


def test_open_seconds_between_is_signed() -> None:
    friday = dt.datetime(2026, 11, 20, 15, 30)
    monday = dt.datetime(2026, 11, 23, 8, 0)
    # Fri 15:30-16:30 = 1 h, Mon 07:30-08:00 = 30 min.
    assert CAL.open_seconds_between(friday, monday) == 5400
    assert CAL.open_seconds_between(monday, friday) == -5400


def test_earlier_years_are_added_without_moving_positions() -> None:
    calendar = OfficeCalendar.default()
    later = calendar.position(calendar.local_seconds(dt.datetime(2026, 11, 23, 8, 0)))
    # Asking about 2024 builds earlier years; positions of 2026 instants stay the same.
    calendar.next_open(dt.datetime(2024, 5, 1, 9, 0))
    again = calendar.position(calendar.local_seconds(dt.datetime(2026, 11, 23, 8, 0)))
    assert later == again
    # Mon 4 Nov 2024 08:00 -> Tue 5 Nov 08:00 is exactly one working day of open time.
    assert calendar.open_seconds_between(
        dt.datetime(2024, 11, 4, 8, 0), dt.datetime(2024, 11, 5, 8, 0)
    ) == (7.5 * 3600)


def test_working_days_and_default_hours() -> None:
    assert CAL.workday_seconds == 27000
    assert CAL.is_working_day(dt.date(2026, 11, 23))
    assert not CAL.is_working_day(dt.date(2026, 11, 21))
    assert not CAL.is_working_day(dt.date(2026, 12, 24))


def test_export_carries_what_a_twin_needs() -> None:
    calendar = OfficeCalendar(
        "WITA",
        extra_closed={dt.date(2026, 3, 28): "Hari Jadi Kabupaten Demak"},
        removed=[dt.date(2026, 12, 24)],
    )
    data = calendar.export([2026])
    assert data["zona_waktu"] == "Asia/Makassar"
    assert data["utc_offset_menit"] == 480
    assert data["hari"] == "kerja"
    assert data["jam_kerja"]["senin"] == [[450, 720], [780, 960]]
    assert data["jam_kerja"]["jumat"] == [[450, 690], [780, 990]]
    assert data["jam_kerja"]["sabtu"] == []
    closed = {item["tanggal"]: item["nama"] for item in data["libur"]}
    assert closed["2026-03-28"] == "Hari Jadi Kabupaten Demak"
    assert closed["2026-08-17"] == "Hari Kemerdekaan Republik Indonesia"
    assert "2026-12-24" not in closed
    assert all(day.startswith("2026-") for day in closed)


def test_position_and_at_position_are_inverse_inside_open_time() -> None:
    s = CAL.local_seconds(dt.datetime(2026, 11, 23, 9, 0))
    assert CAL.at_position(CAL.position(s)) == s
    # One day of local seconds is 86400.
    assert DAY == 86400
