"""Property test (issue 9): any file that validates never raises in a later stage.

Real SOPs, mutated (values at the edges of the supported range, hostile text, removed keys,
doubled list items), go through validate, `sopgen simulate`/`check`, Monte Carlo and the
plugin's page building, each case within a time budget. ``SOPGEN_FUZZ_EXAMPLES`` sets the
number of cases (default 150); run with ``-s`` to see the counts and the slowest case.
"""

from __future__ import annotations

import os
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings

from pipeline_fuzz import CASE_BUDGET, PAGE_BUDGET, Pipeline, emit, mutated_files
from sopgen.check.limits import MAX_ACTORS, MAX_BRANCH_LIST, MAX_SCENARIOS, MAX_STEPS
from sopgen.read.loader import load_bytes

EXAMPLES = int(os.environ.get("SOPGEN_FUZZ_EXAMPLES", "150"))


@pytest.fixture(scope="module")
def pipeline(tmp_path_factory: pytest.TempPathFactory) -> Pipeline:
    return Pipeline(tmp_path_factory.mktemp("fuzz"))


def test_the_emitter_writes_back_what_the_loader_reads() -> None:
    data = {"a": "2020-04-02", "b": ["x: y", " lead", "#c", "", None], "c": {"d": "1"},
            "e": [{"f": "g", "h": ["i"]}], "j": [], "k": "<script>", "l": "\u202e"}
    doc, diagnostics = load_bytes("\n".join(emit(data)).encode("utf-8"), "f.yaml")
    assert diagnostics == [] and doc is not None and doc.data == data


def test_mutated_valid_files_never_crash_a_later_stage(pipeline: Pipeline) -> None:
    @settings(max_examples=EXAMPLES, deadline=None, database=None,
              suppress_health_check=list(HealthCheck))
    @given(mutated_files())
    def case(sample: tuple[str, str]) -> None:
        pipeline.run(*sample)

    case()
    stats = pipeline.stats
    print(f"\nfuzz: {stats.cases} cases ran, {stats.valid} still valid and taken through "
          f"simulate/check/pages, {len(stats.crashed)} crashed; slowest case "
          f"{stats.slowest:.2f} s; largest page {stats.largest_page / 1e6:.2f} MB")
    assert stats.crashed == []
    assert stats.cases >= EXAMPLES and stats.valid > EXAMPLES // 10
    assert stats.slowest < CASE_BUDGET


def test_the_pipeline_reaches_every_stage_for_an_unchanged_file(pipeline: Pipeline) -> None:
    seed = Path(__file__).resolve().parent.parent / "sops" / "diskominfo-demak"
    text = (seed / "layanan-aduan-masyarakat.yaml").read_text(encoding="utf-8")
    before = pipeline.stats.valid
    pipeline.run("diskominfo-demak", text)
    assert pipeline.stats.valid == before + 1
    assert pipeline.stats.largest_page > 10_000


def largest_supported_sop(waktu: str, masuk: str) -> str:
    """An SOP at every size limit: 100 steps, 20 actors, 50 scenarios, a loop taken 20 times."""
    seed = Path(__file__).resolve().parent.parent / "sops" / "diskominfo-demak"
    head = (seed / "layanan-aduan-masyarakat.yaml").read_text(encoding="utf-8")
    head = head.split("\npelaksana:")[0].split("\nketerkaitan:")[0]
    lines = [head, "pelaksana:"]
    lines += [f"  - {{id: a{i}, nama: Pelaksana {i}}}" for i in range(MAX_ACTORS)]
    lines += ["langkah:", "  - {id: terima, kegiatan: Menerima, pelaksana: a0, waktu: " + waktu
              + "}", "  - id: cek", "    kegiatan: Memeriksa", "    pelaksana: a1",
              f"    waktu: {waktu}", "    keputusan: {ya: l2, tidak: terima}"]
    lines += [f"  - {{id: l{i}, kegiatan: Kegiatan {i}, pelaksana: a{i % MAX_ACTORS}, "
              f"waktu: {waktu}}}" for i in range(2, MAX_STEPS)]
    choice = "[" + ", ".join(["tidak"] * (MAX_BRANCH_LIST - 1) + ["ya"]) + "]"
    lines += ["simulasi:", "  target: 5 hari kerja", "  skenario:"]
    lines += [f"    - {{nama: S{i}, masuk: {masuk}, keputusan: {{cek: {choice}}}}}"
              for i in range(MAX_SCENARIOS)]
    return "\n".join(lines) + "\n"


@pytest.mark.parametrize(
    ("waktu", "masuk"), [("15 menit", "2026-11-20 15:30"), ("1250 hari kerja", "2100-12-31 23:59")]
)
def test_the_largest_supported_sop_stays_within_the_budgets(
    pipeline: Pipeline, waktu: str, masuk: str
) -> None:
    text = largest_supported_sop(waktu, masuk)
    doc, _ = load_bytes(text.encode("utf-8"), "f.yaml")
    assert doc is not None and len(doc.data["langkah"]) == MAX_STEPS
    before, largest = pipeline.stats.valid, pipeline.stats.largest_page
    pipeline.stats.largest_page = 0
    pipeline.run("diskominfo-demak", text)  # asserts the time and page budgets
    assert pipeline.stats.valid == before + 1
    print(f"\nlargest supported SOP ({waktu}, masuk {masuk}): page "
          f"{pipeline.stats.largest_page / 1e6:.2f} MB, slowest case so far "
          f"{pipeline.stats.slowest:.2f} s")
    assert pipeline.stats.largest_page < PAGE_BUDGET
    pipeline.stats.largest_page = max(largest, pipeline.stats.largest_page)
