"""Properties of the calendar arithmetic that hold for every start and duration."""

from __future__ import annotations

import datetime as dt

from hypothesis import given, settings
from hypothesis import strategies as st

from sopgen.calendar.office import OfficeCalendar
from sopgen.duration import Duration, Kind

CAL = OfficeCalendar.default()

starts = st.datetimes(min_value=dt.datetime(2025, 1, 1), max_value=dt.datetime(2027, 12, 31))
kinds = st.sampled_from([Kind.OFFICE_SECONDS, Kind.WORKING_DAYS, Kind.CALENDAR_DAYS, Kind.DAYS])


def amount_for(kind: Kind) -> st.SearchStrategy[float]:
    if kind is Kind.OFFICE_SECONDS:
        return st.floats(min_value=0, max_value=200 * 3600, allow_nan=False)
    return st.floats(min_value=0, max_value=60, allow_nan=False)


def duration(kind: Kind, amount: float) -> Duration:
    return Duration("generated", kind, 0.0, amount)


@settings(max_examples=300, deadline=None)
@given(start=starts, data=st.data(), kind=kinds)
def test_completion_is_never_before_arrival(
    start: dt.datetime, data: st.DataObject, kind: Kind
) -> None:
    amount = data.draw(amount_for(kind))
    end = CAL.add(start, duration(kind, amount))
    assert end >= CAL.aware(start)
    assert CAL.is_open(end) or CAL.is_working_day(end.date())


@settings(max_examples=300, deadline=None)
@given(
    start=starts, data=st.data(), kind=st.sampled_from([Kind.OFFICE_SECONDS, Kind.CALENDAR_DAYS])
)
def test_longer_never_finishes_earlier(start: dt.datetime, data: st.DataObject, kind: Kind) -> None:
    a = data.draw(amount_for(kind))
    b = data.draw(amount_for(kind))
    low, high = sorted((a, b))
    assert CAL.add(start, duration(kind, low)) <= CAL.add(start, duration(kind, high))


@settings(max_examples=300, deadline=None)
@given(start=starts, whole=st.integers(0, 40), f1=st.floats(0, 0.999), f2=st.floats(0, 0.999))
def test_longer_working_days_never_finish_earlier(
    start: dt.datetime, whole: int, f1: float, f2: float
) -> None:
    # Whole days are monotone, and so are fractions on top of the same whole part. (Between
    # n + 0.99 and n + 1 the contract is not monotone: the fraction is counted in average
    # office time, the whole day at the same clock time.)
    low, high = sorted((f1, f2))
    kind = Kind.WORKING_DAYS
    assert CAL.add(start, duration(kind, whole)) <= CAL.add(start, duration(kind, whole + 1))
    assert CAL.add(start, duration(kind, whole + low)) <= CAL.add(
        start, duration(kind, whole + high)
    )


@settings(max_examples=300, deadline=None)
@given(start=starts, days=st.integers(1, 60))
def test_working_days_never_end_on_a_closed_day(start: dt.datetime, days: int) -> None:
    end = CAL.add(start, duration(Kind.WORKING_DAYS, days))
    assert CAL.is_working_day(end.date())
    assert end.date() not in dict(CAL.closed_dates(end.year))
    assert end.weekday() < 5
    assert CAL.is_open(end)


@settings(max_examples=200, deadline=None)
@given(a=starts, b=starts)
def test_open_time_is_antisymmetric_and_additive(a: dt.datetime, b: dt.datetime) -> None:
    middle = a + (b - a) / 2
    ab = CAL.open_seconds_between(a, b)
    assert ab == -CAL.open_seconds_between(b, a)
    assert (
        abs(ab - (CAL.open_seconds_between(a, middle) + CAL.open_seconds_between(middle, b))) < 1e-3
    )


@settings(max_examples=200, deadline=None)
@given(start=starts, seconds=st.floats(min_value=0, max_value=500 * 3600))
def test_adding_office_time_uses_exactly_that_much_open_time(
    start: dt.datetime, seconds: float
) -> None:
    end = CAL.add(start, duration(Kind.OFFICE_SECONDS, seconds))
    assert abs(CAL.open_seconds_between(start, end) - seconds) < 1e-3
