"""The ASN number (NIP): its four parts, each checked on its own."""

from __future__ import annotations

import datetime as dt

import pytest

from sopgen.check.nip import Nip, check_nip, parse_nip


def codes(text: str) -> list[str]:
    return [d.code for d in check_nip(text, "f.yaml", (4, 10))]


def test_valid_nip_parts() -> None:
    assert parse_nip("19680903 199302 2 001") == Nip(dt.date(1968, 9, 3), (1993, 2), 2, "001")
    assert parse_nip("197408071993111001") == Nip(dt.date(1974, 8, 7), (1993, 11), 1, "001")
    assert codes("19680903 199302 2 001") == []


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("19680903 199302 2 0011", ["SOP404"]),
        ("1968", ["SOP404"]),
        ("19680230 199302 2 001", ["SOP405"]),  # 30 February
        ("19680003 199302 2 001", ["SOP405"]),
        ("19680903 199300 2 001", ["SOP406"]),
        ("19680903 196809 2 001", ["SOP406"]),  # appointed in the month of birth
        ("19680903 199302 0 001", ["SOP407"]),
        ("19680903 199302 2 000", ["SOP408"]),
        ("19681340 199313 9 000", ["SOP405", "SOP406", "SOP407", "SOP408"]),
    ],
)
def test_each_wrong_part_is_named(text: str, expected: list[str]) -> None:
    assert codes(text) == expected
    assert parse_nip(text) is None


def test_text_outside_the_pattern_is_left_to_the_schema() -> None:
    assert codes("1968-09-03") == []


def test_diagnostic_place_and_text() -> None:
    (d,) = check_nip("19680903 199302 2 000", "sops/a.yaml", (4, 10))
    assert (d.file, d.line, d.column) == ("sops/a.yaml", 4, 10)
    assert "19680903 199302 2 000" in d.message_in("id")
    assert "nomor urut" in d.message_in("id") and "serial" in d.message_in("en")
    assert "19680903 199302 2 001" in d.hint_in("id")
