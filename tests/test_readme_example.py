"""The worked example of the README's calendar section, run through the real CLI.

If the calendar rules or the holidays data change, this test fails and the README must change too.
"""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from sopgen.cli import main

EXAMPLE = Path(__file__).parent / "fixtures/readme/sops/contoh/aduan-singkat.yaml"
README = Path(__file__).parents[1] / "README.md"


def test_worked_example_matches_hand_computation(capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["simulate", str(EXAMPLE), "--json"]) == 0
    result = json.loads(capsys.readouterr().out)["skenario"][0]
    steps = [(s["id"], s["mulai"], s["selesai"]) for s in result["langkah"]]
    assert steps == [
        # 15:30 + 30 min of office time = 16:00, exactly at closing: it ends at the closing.
        ("terima", "2026-12-23T15:30:00+07:00", "2026-12-23T16:00:00+07:00"),
        # Next opening: 24 Dec is cuti bersama, 25 Dec Natal, 26-27 a weekend -> Mon 28 07:30;
        # 2 hari kerja keep the clock time: Tue 29, Wed 30 at 07:30.
        ("telaah", "2026-12-28T07:30:00+07:00", "2026-12-30T07:30:00+07:00"),
        ("jawab", "2026-12-30T07:30:00+07:00", "2026-12-30T08:30:00+07:00"),
    ]
    # Deadline: 23 Dec 15:30 + 3 hari kerja = Mon 28, Tue 29, Wed 30 at 15:30.
    assert result["tenggat"] == "2026-12-30T15:30:00+07:00"
    assert result["memenuhi_target"] is True
    # Open time 08:30-12:00 and 13:00-15:30 on Wed 30 Dec: 6 hours early.
    assert result["margin"] == 6 * 3600


def test_readme_shows_the_same_figures() -> None:
    text = README.read_text(encoding="utf-8")
    for figure in ("Sen 28 Des 2026 07:30", "Rab 30 Des 2026 08:30", "Rab 30 Des 2026 15:30",
                   "lebih cepat 6 jam"):
        assert figure in text, figure
