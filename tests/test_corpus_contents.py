"""The SOP corpus in sops/ shows every feature of the format at least once.

These tests read the YAML directly (not through sopgen's loader) so that they check the corpus
itself: if a file loses its loop, its two-actor step or its revision history, a test fails.
"""

from __future__ import annotations

import datetime as dt
from pathlib import Path
from typing import Any

import pytest
import yaml

SOPS = Path(__file__).resolve().parent.parent / "sops"
SCHEMA_LINE = "# yaml-language-server: $schema=../../schema/sop.schema.json"
END = "selesai"


def _sop_files() -> list[Path]:
    # SOPs live one folder down (sops/<satuan-kerja>/<name>.yaml); sops/kalender.yaml is not one.
    return sorted(path for path in SOPS.glob("*/**/*.yaml") if path.is_file())


def _sop_id(path: Path) -> str:
    return path.relative_to(SOPS).with_suffix("").as_posix()


def _load(path: Path) -> dict[str, Any]:
    data = yaml.safe_load(path.read_text(encoding="utf-8"))
    assert isinstance(data, dict), f"{path} is not a mapping"
    return data


CORPUS: dict[str, dict[str, Any]] = {_sop_id(path): _load(path) for path in _sop_files()}


def _keys(sop: dict[str, Any]) -> list[str]:
    return [step.get("id", f"#{number}") for number, step in enumerate(sop["langkah"], 1)]


def _targets(sop: dict[str, Any], index: int) -> list[str]:
    """Where the arrows of step ``index`` lead: decision branches or ``lanjut``/the next step."""
    step = sop["langkah"][index]
    if "keputusan" in step:
        return [step["keputusan"]["ya"], step["keputusan"]["tidak"]]
    keys = _keys(sop)
    default = keys[index + 1] if index + 1 < len(keys) else END
    return [step.get("lanjut", default)]


def _backward_arrows(sop: dict[str, Any]) -> list[tuple[str, str]]:
    keys = _keys(sop)
    found = []
    for index, key in enumerate(keys):
        for target in _targets(sop, index):
            if target != END and keys.index(target) <= index:
                found.append((key, target))
    return found


def _decision_steps(sop: dict[str, Any]) -> list[dict[str, Any]]:
    return [step for step in sop["langkah"] if "keputusan" in step]


def _resolve_link(ref: str) -> str | None:
    if ref in CORPUS:
        return ref
    by_name = [sop_id for sop_id in CORPUS if sop_id.rsplit("/", 1)[-1] == ref]
    return by_name[0] if len(by_name) == 1 else None


def test_corpus_has_enough_files_and_work_units() -> None:
    assert len(CORPUS) >= 6
    folders = {sop_id.split("/", 1)[0] for sop_id in CORPUS}
    assert len(folders) >= 4


def test_both_reference_sops_are_transcribed() -> None:
    demak = CORPUS["diskominfo-demak/layanan-aduan-masyarakat"]
    tabanan = CORPUS["kecamatan-selemadeg-timur/pengaduan-masyarakat"]
    assert demak["identitas"]["nomor"] == "DINKOMINFO/4/1/32/2020"
    assert demak["identitas"]["disahkan_oleh"]["nip"] == "19680903 199302 2 001"
    assert len(demak["langkah"]) == 8
    assert len(demak["pelaksana"]) == 5
    assert tabanan["identitas"]["nomor"] == "065/2262/Org."
    assert "tanggal_pengesahan" in tabanan["identitas"]
    assert len(tabanan["langkah"]) == 10
    assert len(tabanan["pelaksana"]) == 5
    assert [step["waktu"] for step in demak["langkah"]] == [
        "seketika",
        "max 3 hari",
        "15 menit",
        "seketika",
        "max 3 hari",
        "<24 jam",
        "Seketika",
        "5 menit",
    ]


@pytest.mark.parametrize("path", _sop_files(), ids=_sop_id)
def test_every_file_starts_with_the_schema_line(path: Path) -> None:
    assert path.read_text(encoding="utf-8").splitlines()[0] == SCHEMA_LINE


@pytest.mark.parametrize("sop_id", sorted(CORPUS))
def test_every_sop_has_scenarios_naming_only_decision_steps(sop_id: str) -> None:
    sop = CORPUS[sop_id]
    scenarios = sop["simulasi"]["skenario"]
    assert scenarios, f"{sop_id} has no skenario"
    decisions = {step["id"] for step in _decision_steps(sop)}
    for scenario in scenarios:
        assert scenario["nama"]
        masuk = dt.datetime.strptime(scenario["masuk"], "%Y-%m-%d %H:%M")
        assert masuk.year in (2026, 2027)
        assert set(scenario.get("keputusan", {})) <= decisions


@pytest.mark.parametrize("sop_id", sorted(k for k, sop in CORPUS.items() if _backward_arrows(sop)))
def test_every_loop_is_exercised_by_a_scenario(sop_id: str) -> None:
    sop = CORPUS[sop_id]
    repeated = [
        branches
        for scenario in sop["simulasi"]["skenario"]
        for branches in scenario.get("keputusan", {}).values()
        if isinstance(branches, list) and len(branches) >= 2
    ]
    assert repeated, f"{sop_id} has a loop but no scenario goes round it"


def test_corpus_has_a_loop_back_to_an_earlier_step() -> None:
    assert any(_backward_arrows(sop) for sop in CORPUS.values())


def test_corpus_has_a_step_with_two_actors() -> None:
    steps = [step for sop in CORPUS.values() for step in sop["langkah"]]
    assert any(
        isinstance(step["pelaksana"], list) and len(step["pelaksana"]) >= 2 for step in steps
    )


def test_corpus_has_a_step_with_sub_items() -> None:
    steps = [step for sop in CORPUS.values() for step in sop["langkah"]]
    assert any(isinstance(step["kegiatan"], list) and len(step["kegiatan"]) >= 2 for step in steps)


def test_corpus_has_a_procedure_of_fifteen_steps_or_more() -> None:
    assert max(len(sop["langkah"]) for sop in CORPUS.values()) >= 15


def test_corpus_has_a_revision_history() -> None:
    histories = [
        sop["identitas"]["tanggal_revisi"]
        for sop in CORPUS.values()
        if isinstance(sop["identitas"].get("tanggal_revisi"), list)
    ]
    assert histories
    for history in histories:
        for entry in history:
            assert isinstance(entry["tanggal"], dt.date)
            assert entry["uraian"]


def test_corpus_has_decisions_with_custom_labels_and_probability() -> None:
    decisions = [step["keputusan"] for sop in CORPUS.values() for step in _decision_steps(sop)]
    assert any(
        d.get("label_ya") == "Lengkap" and d.get("label_tidak") == "Tidak lengkap"
        for d in decisions
    )
    assert any(d.get("peluang_ya") == 0.8 for d in decisions)
    for decision in decisions:
        if "peluang_ya" in decision:
            assert 0 < decision["peluang_ya"] < 1


def test_keterkaitan_links_name_existing_sops_and_text_entries_exist() -> None:
    entries = [entry for sop in CORPUS.values() for entry in sop.get("keterkaitan", [])]
    links = [entry["sop"] for entry in entries if isinstance(entry, dict)]
    assert links
    for ref in links:
        assert _resolve_link(ref) is not None, f"{{sop: {ref}}} names no SOP of the corpus"
    assert any(isinstance(entry, str) for entry in entries)


def test_nomor_is_unique_across_the_corpus() -> None:
    numbers = [sop["identitas"]["nomor"] for sop in CORPUS.values()]
    assert len(numbers) == len(set(numbers))
