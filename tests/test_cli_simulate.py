"""`sopgen simulate` and `sopgen check` on real files: fixtures and the project's own corpus."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from sopgen.cli import main

HERE = Path(__file__).resolve().parent
SIM = HERE / "fixtures" / "sim"
CORPUS = HERE.parent / "sops"
ADUAN = SIM / "lulus" / "sops" / "diskominfo" / "aduan.yaml"


def run(capsys: pytest.CaptureFixture[str], *argv: str | Path) -> tuple[int, str, str]:
    code = main([str(a) for a in argv])
    captured = capsys.readouterr()
    return code, captured.out, captured.err


def test_simulate_prints_timeline_deadline_verdict_and_routes(
    capsys: pytest.CaptureFixture[str],
) -> None:
    code, out, _ = run(capsys, "simulate", ADUAN)
    assert code == 0
    assert "Skenario: Aduan diproses" in out
    for column in ("No", "Langkah", "Pelaksana", "Mulai", "Selesai", "Kunjungan", "Waktu"):
        assert column in out
    # Actor names, not ids; telaah Fri 20 15:30 -> Wed 25 15:30 (3 working days).
    assert "Admin Koordinator" in out
    assert "Jum 20 Nov 2026 15:30  Rab 25 Nov 2026 15:30" in out
    assert "Selesai: Rab 25 Nov 2026 15:45 WIB" in out
    assert "Tenggat: Jum 27 Nov 2026 15:30 WIB (target 5 hari kerja)" in out
    assert "✓ MEMENUHI TARGET (lebih cepat 1 hari kerja 6 jam 45 menit)" in out
    assert "2 rute" in out and "Terpanjang" in out


def test_simulate_json(capsys: pytest.CaptureFixture[str]) -> None:
    code, out, _ = run(capsys, "simulate", ADUAN, "--json")
    assert code == 0
    data = json.loads(out)
    assert data["sop"] == "diskominfo/aduan"
    (scenario,) = data["skenario"]
    assert scenario["nama"] == "Aduan diproses"
    assert scenario["masuk"] == "2026-11-20T15:30:00+07:00"
    assert scenario["selesai"] == "2026-11-25T15:45:00+07:00"
    assert scenario["tenggat"] == "2026-11-27T15:30:00+07:00"
    assert scenario["memenuhi_target"] is True
    assert [(s["id"], s["kunjungan"]) for s in scenario["langkah"]] == [
        ("sampaikan", 1),
        ("telaah", 1),
        ("verifikasi", 1),
    ]
    assert scenario["langkah"][1]["pelaksana"] == ["admin"]
    assert data["rute"]["jumlah"] == 2
    assert data["rute"]["terpanjang_memenuhi_target"] is True


def test_simulate_other_arrival_and_named_scenario(capsys: pytest.CaptureFixture[str]) -> None:
    # Saturday arrival: the first step starts Monday 07:30.
    code, out, _ = run(
        capsys,
        "simulate",
        ADUAN,
        "--json",
        "--skenario",
        "aduan diproses",
        "--masuk",
        "2026-11-21 10:00",
    )
    assert code == 0
    scenario = json.loads(out)["skenario"][0]
    assert scenario["masuk"] == "2026-11-21T10:00:00+07:00"
    assert scenario["langkah"][0]["mulai"] == "2026-11-23T07:30:00+07:00"


def test_simulate_monte_carlo_is_reproducible(capsys: pytest.CaptureFixture[str]) -> None:
    args = ("simulate", ADUAN, "--json", "--monte-carlo", "200", "--seed", "3")
    first = json.loads(run(capsys, *args)[1])["monte_carlo"]
    second = json.loads(run(capsys, *args)[1])["monte_carlo"]
    assert first == second
    assert first["n"] == 200 and first["seed"] == 3
    assert first["p50"] <= first["p90"] <= first["p95"]
    code, out, _ = run(capsys, "simulate", ADUAN, "--monte-carlo", "100")
    assert code == 0 and "Monte Carlo (100 kasus, seed 1)" in out and "P95" in out


def test_simulate_uses_the_corpus_calendar_or_the_given_one(
    capsys: pytest.CaptureFixture[str],
) -> None:
    wita = SIM / "wita" / "sops" / "diskominfo" / "aduan.yaml"
    scenario = json.loads(run(capsys, "simulate", wita, "--json")[1])["skenario"][0]
    assert scenario["selesai"] == "2026-11-25T15:45:00+08:00"
    given = SIM / "wita" / "sops" / "kalender.yaml"
    scenario = json.loads(run(capsys, "simulate", ADUAN, "--json", "--kalender", given)[1])[
        "skenario"
    ][0]
    assert scenario["tenggat"] == "2026-11-27T15:30:00+08:00"


def test_simulate_invalid_file_prints_diagnostics(capsys: pytest.CaptureFixture[str]) -> None:
    code, out, _ = run(capsys, "simulate", SIM / "rusak" / "sops" / "diskominfo" / "rusak.yaml")
    assert code == 1
    assert "error SOP" in out and "rusak.yaml:" in out
    broken_calendar = SIM / "kalender-rusak" / "sops" / "diskominfo" / "aduan.yaml"
    code, out, _ = run(capsys, "simulate", broken_calendar)
    assert code == 1 and "SOP806" in out


@pytest.mark.parametrize(
    "extra",
    [
        ["--skenario", "Tidak ada"],
        ["--masuk", "2026-02-30 10:00"],
        ["--masuk", "besok"],
        ["--monte-carlo", "0"],
    ],
)
def test_simulate_usage_errors(capsys: pytest.CaptureFixture[str], extra: list[str]) -> None:
    code, _, err = run(capsys, "simulate", ADUAN, *extra)
    assert code == 2 and err.startswith("sopgen:")


def test_simulate_missing_file(capsys: pytest.CaptureFixture[str], tmp_path: Path) -> None:
    code, _, err = run(capsys, "simulate", tmp_path / "tidak-ada.yaml")
    assert code == 2 and "tidak-ada.yaml" in err


def test_simulate_in_english(capsys: pytest.CaptureFixture[str]) -> None:
    code, out, _ = run(capsys, "simulate", ADUAN, "--lang", "en")
    assert code == 0
    assert "Scenario: Aduan diproses" in out
    assert "MEETS THE TARGET (1 working day 6 hours 45 minutes early)" in out


def test_check_passes_a_good_corpus(capsys: pytest.CaptureFixture[str]) -> None:
    code, out, _ = run(capsys, "check", SIM / "lulus" / "sops")
    assert code == 0
    assert "✓ diskominfo/aduan · Aduan diproses" in out
    assert "✗" not in out


def test_check_fails_a_scenario_missing_its_target(capsys: pytest.CaptureFixture[str]) -> None:
    code, out, _ = run(capsys, "check", SIM / "gagal" / "sops")
    assert code == 1
    # Deadline Fri 15:30 + 2 working days = Tue 24 15:30; done Wed 25 15:45.
    assert "✗ diskominfo/lambat · Aduan diproses terlambat" in out
    assert "terlambat 1 hari kerja 15 menit" in out


def test_check_fails_when_only_the_longest_route_misses(
    capsys: pytest.CaptureFixture[str],
) -> None:
    code, out, _ = run(capsys, "check", SIM / "rute" / "sops")
    assert code == 1
    assert "✓ diskominfo/rute · Telaah selesai dalam satu jam" in out
    assert "✗ diskominfo/rute · rute terpanjang" in out


def test_check_fails_on_invalid_files_and_calendars(capsys: pytest.CaptureFixture[str]) -> None:
    code, out, _ = run(capsys, "check", SIM / "rusak" / "sops")
    assert code == 1 and "error SOP" in out
    code, out, _ = run(capsys, "check", SIM / "kalender-rusak" / "sops")
    assert code == 1 and "kalender.yaml:2:13: error SOP806" in out


def test_check_usage_error(capsys: pytest.CaptureFixture[str], tmp_path: Path) -> None:
    code, _, err = run(capsys, "check", tmp_path / "tidak-ada")
    assert code == 2 and "tidak-ada" in err


def test_check_the_real_corpus_passes(capsys: pytest.CaptureFixture[str]) -> None:
    code, out, _ = run(capsys, "check", CORPUS)
    assert code == 0, out
    assert "✓" in out and "✗" not in out
    # The corpus calendar was read: no calendar diagnostics, and every SOP was walked.
    assert "kalender.yaml" not in out


def test_a_scenario_that_loops_for_ever_fails_with_its_place(
    capsys: pytest.CaptureFixture[str],
) -> None:
    folder = SIM / "putaran" / "sops"
    code, out, _ = run(capsys, "check", folder)
    assert code == 1
    assert "✗ diskominfo/putaran · Aduan tidak pernah lengkap" in out
    # The loop error points at the scenario in the file (line 49: `- nama: ...`).
    assert "putaran.yaml:49:7: error SOP753" in out
    assert "3 (lengkapi), 2 (telaah)" in out
    # The longest route (loop once) still meets the 10-day target: only the scenario fails.
    assert "✓ diskominfo/putaran · rute terpanjang" in out
    code, out, _ = run(capsys, "simulate", folder / "diskominfo" / "putaran.yaml")
    assert code == 1 and "✗ simulasi gagal" in out
