"""The duration grammar of the format contract, case by case."""

from __future__ import annotations

import pytest
from hypothesis import given
from hypothesis import strategies as st

from sopgen.duration import Kind, parse_duration


@pytest.mark.parametrize(
    ("text", "kind", "minimum", "maximum", "bounded"),
    [
        ("30 menit", Kind.OFFICE_SECONDS, 1800, 1800, False),
        ("1 Jam", Kind.OFFICE_SECONDS, 3600, 3600, False),
        ("45 detik", Kind.OFFICE_SECONDS, 45, 45, False),
        ("1,5 jam", Kind.OFFICE_SECONDS, 5400, 5400, False),
        ("1.5 jam", Kind.OFFICE_SECONDS, 5400, 5400, False),
        ("max 3 hari", Kind.DAYS, 0, 3, True),
        ("maks 3 hari", Kind.DAYS, 0, 3, True),
        ("Maksimal 2 hari kerja", Kind.WORKING_DAYS, 0, 2, True),
        ("paling lama 14 hari kerja", Kind.WORKING_DAYS, 0, 14, True),
        ("paling lambat 7 hari kalender", Kind.CALENDAR_DAYS, 0, 7, True),
        ("<24 jam", Kind.OFFICE_SECONDS, 0, 86400, True),
        ("<= 2 jam", Kind.OFFICE_SECONDS, 0, 7200, True),
        ("≤ 10 menit", Kind.OFFICE_SECONDS, 0, 600, True),
        ("1-2 hari", Kind.DAYS, 1, 2, False),
        ("1 – 2 hari kerja", Kind.WORKING_DAYS, 1, 2, False),
        ("maks 1-2 jam", Kind.OFFICE_SECONDS, 3600, 7200, True),
        ("1 Minggu", Kind.WORKING_DAYS, 5, 5, False),
        ("2 bulan", Kind.WORKING_DAYS, 40, 40, False),
        ("2 Hari", Kind.DAYS, 2, 2, False),
        ("3  hari   kerja", Kind.WORKING_DAYS, 3, 3, False),
        ("seketika", Kind.OFFICE_SECONDS, 0, 0, False),
        ("Seketika", Kind.OFFICE_SECONDS, 0, 0, False),
        ("langsung", Kind.OFFICE_SECONDS, 0, 0, False),
    ],
)
def test_grammar(text: str, kind: Kind, minimum: float, maximum: float, bounded: bool) -> None:
    duration = parse_duration(text)
    assert duration is not None
    assert (duration.kind, duration.minimum, duration.maximum, duration.bounded) == (
        kind,
        minimum,
        maximum,
        bounded,
    )
    assert duration.text == text


@pytest.mark.parametrize(
    "text",
    ["", "30", "menit", "tiga hari", "2-1 hari", "1 tahun", "30 menit lagi", "kira-kira 2 jam",
     "1,5,2 jam", "-3 jam", "3 hari kerja kerja", "maks", "2 jam 30 menit"],
)
def test_outside_the_grammar(text: str) -> None:
    assert parse_duration(text) is None


@given(st.text(max_size=40))
def test_never_raises(text: str) -> None:
    duration = parse_duration(text)
    if duration is not None:
        assert 0 <= duration.minimum <= duration.maximum
