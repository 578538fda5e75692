"""A misspelt duration unit gets a "did you mean" with the whole corrected text."""

from __future__ import annotations

import pytest

from sopgen.check.durations import corrected


@pytest.mark.parametrize(
    ("text", "better"),
    [
        ("2 jem", "2 jam"),
        ("maks 3 har", "maks 3 hari"),
        ("1-2 hari kerjaa", "1-2 hari kerja"),
        ("5 menitt", "5 menit"),
        ("3 hari kalendar", "3 hari kalender"),
        ("seketka", "seketika"),
    ],
)
def test_a_close_unit_is_suggested(text: str, better: str) -> None:
    assert corrected(text) == better


@pytest.mark.parametrize("text", ["2 xyzzy", "abc", "2 jam", ""])
def test_nothing_is_suggested_without_a_close_unit(text: str) -> None:
    assert corrected(text) is None
