"""Finding SOP files, checking a corpus, and the cross-file rules (SOP6xx)."""

from __future__ import annotations

import gc
import os
from pathlib import Path
from typing import Any

import pytest

from sopgen.check import file as file_check
from sopgen.corpus import (
    check_corpus,
    check_paths,
    corpus_root,
    display_path,
    find_sop_files,
    sop_id,
)
from sopgen.diagnostics import Severity
from sopgen.model import SopLink
from test_rules import only, position, variant

REPO = Path(__file__).resolve().parents[1]
NOMOR = "  nomor: DINKOMINFO/4/1/32/2020\n"


def two_processes(monkeypatch: pytest.MonkeyPatch) -> None:
    """Make even a small run fork its second checking process."""
    monkeypatch.setattr(file_check, "PARALLEL_FROM", 1)
    monkeypatch.setattr(file_check, "_may_fork", lambda: True)


@pytest.fixture(autouse=True, params=["one process", "two processes"])
def processes(request: pytest.FixtureRequest, monkeypatch: pytest.MonkeyPatch) -> str:
    """Every test of this module runs both ways: the results may not depend on it."""
    if request.param == "two processes":
        two_processes(monkeypatch)
    return str(request.param)


def sop_text(nomor: str, links: tuple[str, ...] = ()) -> str:
    text = variant((NOMOR, f"  nomor: {nomor}\n"))
    if links:
        items = "".join(f"  - sop: {link}\n" for link in links)
        text = variant(("peralatan_perlengkapan:", f"keterkaitan:\n{items}peralatan_perlengkapan:"),
                       base=text)
    return text


def write(root: Path, relative: str, text: str) -> Path:
    path = root / relative
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(text, encoding="utf-8")
    return path


@pytest.fixture
def corpus(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    monkeypatch.chdir(tmp_path)
    root = tmp_path / "sops"
    write(root, "kalender.yaml", "zona_waktu: WIB\n")
    write(root, "diskominfo/layanan-aduan.yaml", sop_text("A/1", ("umum/surat-masuk",)))
    write(root, "umum/surat-masuk.yaml", sop_text("A/2", ("layanan-aduan",)))
    write(root, "umum/arsip/retensi.yml", sop_text("A/3"))
    return root


def test_find_sop_files(corpus: Path) -> None:
    found = find_sop_files([corpus, corpus / "umum", corpus / "umum" / "surat-masuk.yaml"])
    assert [p.relative_to(corpus).as_posix() for p in found] == [
        "diskominfo/layanan-aduan.yaml", "umum/arsip/retensi.yml", "umum/surat-masuk.yaml",
    ]


def test_calendar_only_skipped_at_the_corpus_root(corpus: Path) -> None:
    write(corpus, "umum/kalender.yaml", sop_text("A/9"))
    names = [p.relative_to(corpus).as_posix() for p in find_sop_files([corpus])]
    assert "kalender.yaml" not in names and "umum/kalender.yaml" in names
    assert find_sop_files([corpus / "kalender.yaml"]) == []


def test_ids_and_roots(tmp_path: Path) -> None:
    file = tmp_path / "x" / "sops" / "dinas" / "sub" / "a.yaml"
    assert corpus_root(file) == tmp_path / "x" / "sops"
    assert sop_id(file, corpus_root(file)) == "dinas/sub/a"
    # Outside any `sops` folder a file is a corpus of its own (no grandparent scanned).
    loose = tmp_path / "korpus" / "dinas" / "b.yml"
    assert corpus_root(loose) == tmp_path / "korpus" / "dinas"
    assert sop_id(loose, corpus_root(loose)) == "b"


def test_valid_corpus(corpus: Path) -> None:
    result = check_corpus(Path("sops"))
    assert result.diagnostics == [] and result.error_count == 0 and result.warning_count == 0
    assert [s.id for s in result.sops] == [
        "diskominfo/layanan-aduan", "umum/arsip/retensi", "umum/surat-masuk",
    ]
    assert [f.file for f in result.files] == [
        "sops/diskominfo/layanan-aduan.yaml", "sops/umum/arsip/retensi.yml",
        "sops/umum/surat-masuk.yaml",
    ]
    aduan, _, surat = result.sops
    # by full id, and by bare file name where it is unique
    assert aduan.keterkaitan == (SopLink("umum/surat-masuk", "umum/surat-masuk"),)
    assert surat.keterkaitan == (SopLink("layanan-aduan", "diskominfo/layanan-aduan"),)


def test_duplicate_nomor_is_reported_in_each_file(corpus: Path) -> None:
    text = sop_text("A/1")
    write(corpus, "umum/lain.yaml", text)
    result = check_corpus(corpus)
    found = [d for d in result.diagnostics if d.code == "SOP601"]
    assert [d.file for d in found] == ["sops/diskominfo/layanan-aduan.yaml", "sops/umum/lain.yaml"]
    assert "`sops/umum/lain.yaml`" in found[0].message_in("id")
    assert "`sops/diskominfo/layanan-aduan.yaml`" in found[1].message_in("en")
    assert (found[1].line, found[1].column) == position(text, "A/1")
    assert found[0].severity is Severity.ERROR
    assert all(f.sop is None for f in result.files if f.file.endswith(("lain.yaml", "aduan.yaml")))


def test_unknown_link_gets_a_suggestion(corpus: Path) -> None:
    text = sop_text("B/1", ("umum/surat-masukk",))
    write(corpus, "umum/baru.yaml", text)
    found = only(check_corpus(corpus).diagnostics, "SOP602")
    assert found.file == "sops/umum/baru.yaml"
    assert (found.line, found.column) == position(text, "umum/surat-masukk")
    assert "`umum/surat-masukk`" in found.message_in("id")
    assert "Mungkin maksud Anda `umum/surat-masuk`?" in found.hint_in("id")
    assert "Did you mean" in found.hint_in("en")


def test_ambiguous_bare_name_lists_candidates(corpus: Path) -> None:
    write(corpus, "dinas-lain/surat-masuk.yaml", sop_text("C/1"))
    text = sop_text("C/2", ("surat-masuk",))
    write(corpus, "dinas-lain/pakai.yaml", text)
    found = only(check_corpus(corpus).diagnostics, "SOP603")
    assert "`dinas-lain/surat-masuk`, `umum/surat-masuk`" in found.message_in("id")
    assert (found.line, found.column) == position(text, "surat-masuk\n")
    assert "id lengkap" in found.hint_in("id")


def test_partial_run_checks_against_the_whole_corpus(corpus: Path) -> None:
    text = sop_text("A/3", ("diskominfo/layanan-aduan",))  # nomor of retensi.yml
    asked = write(corpus, "umum/baru.yaml", text)
    write(corpus, "umum/rusak.yaml", "langkah: [\n")  # broken neighbour: not reported
    result = check_paths([asked])
    assert [f.file for f in result.files] == ["sops/umum/baru.yaml"]
    found = only(result.diagnostics, "SOP601")
    assert "`sops/umum/arsip/retensi.yml`" in found.message_in("id")
    assert [d.code for d in result.diagnostics] == ["SOP601"]  # the link resolved


def test_partial_run_of_a_subfolder_keeps_full_ids(corpus: Path) -> None:
    result = check_paths([corpus / "umum"])
    assert [s.id for s in result.sops] == ["umum/arsip/retensi", "umum/surat-masuk"]
    assert result.diagnostics == []  # link to diskominfo/layanan-aduan still resolves


def test_same_id_from_two_suffixes(corpus: Path) -> None:
    write(corpus, "umum/surat-masuk.yml", sop_text("D/1"))
    found = [d for d in check_corpus(corpus).diagnostics if d.code == "SOP604"]
    assert len(found) == 2
    assert "`umum/surat-masuk`" in found[0].message_in("id")


def test_bad_files_never_raise(corpus: Path) -> None:
    write(corpus, "x/biner.yaml", "")
    (corpus / "x" / "biner.yaml").write_bytes(b"\xff\xfe\x00garbage")
    write(corpus, "x/kosong.yaml", "")
    write(corpus, "x/daftar.yaml", "- a\n- b\n")
    write(corpus, "x/teks.yml", "hanya teks\n")
    write(corpus, "x/aneh.yaml", "langkah: {a: 1}\npelaksana: 3\nsimulasi: [1]\nketerkaitan: 5\n")
    result = check_paths([corpus, corpus / "tidak-ada.yaml"])
    bad = {f.file for f in result.files if f.sop is None}
    assert {"sops/x/biner.yaml", "sops/x/kosong.yaml", "sops/x/daftar.yaml", "sops/x/teks.yml",
            "sops/x/aneh.yaml", "sops/tidak-ada.yaml"} <= bad
    assert not any(d.code == "SOP699" for d in result.diagnostics)
    assert all(any(d.is_error for d in f.diagnostics) for f in result.files if f.file in bad)
    assert len(result.sops) == 3


def test_diagnostics_sorted_and_counted(corpus: Path) -> None:
    write(corpus, "a/satu.yaml", variant(("    waktu: 15 menit\n", ""), (NOMOR, "  nomor: E/1\n")))
    write(corpus, "a/dua.yaml", variant(("versi_format: 1", "versi_format: 3"),
                                        (NOMOR, "  nomor: E/2\n")))
    result = check_corpus(corpus)
    keys = [d.sort_key() for d in result.diagnostics]
    assert keys == sorted(keys)
    assert (result.error_count, result.warning_count) == (1, 1)


def test_display_path_outside_the_working_directory(tmp_path: Path,
                                                    monkeypatch: pytest.MonkeyPatch) -> None:
    (tmp_path / "here").mkdir()
    monkeypatch.chdir(tmp_path / "here")
    assert display_path(tmp_path / "here" / "a" / "b.yaml") == "a/b.yaml"
    assert display_path(tmp_path / "there.yaml") == (tmp_path / "there.yaml").as_posix()


def test_repository_sops_validate_without_errors() -> None:
    result = check_corpus(REPO / "sops")
    assert len(result.files) >= 1, "no SOP files in sops/"
    errors = [f"{d.file}:{d.line}:{d.column} {d.code} {d.message_in('en')}"
              for d in result.diagnostics if d.is_error]
    assert errors == []
    assert len(result.sops) == len(result.files)


def test_two_processes_agree_with_one(monkeypatch: pytest.MonkeyPatch) -> None:
    folders = [REPO / "sops", *sorted(p for p in (REPO / "tests" / "fixtures").iterdir())]
    monkeypatch.setattr(file_check, "PARALLEL_FROM", 10**9)
    alone = [check_paths([f], build=b) for f in folders for b in (True, False)]
    two_processes(monkeypatch)
    forked = [check_paths([f], build=b) for f in folders for b in (True, False)]
    assert sum(len(r.files) for r in alone) > 20
    assert any(r.diagnostics for r in alone) and any(r.sops for r in alone)
    for one, two in zip(alone, forked, strict=True):
        assert [(f.file, f.diagnostics, f.sop) for f in one.files] == [
            (f.file, f.diagnostics, f.sop) for f in two.files]


def test_without_building_the_diagnostics_are_the_same(corpus: Path) -> None:
    write(corpus, "umum/lain.yaml", sop_text("A/1", ("tidak/ada",)))
    built, checked = check_corpus(corpus), check_paths([corpus], build=False)
    assert len(built.sops) == 2 and checked.sops == []
    assert [f.file for f in checked.files] == [f.file for f in built.files]
    assert checked.diagnostics == built.diagnostics
    assert {d.code for d in checked.diagnostics} == {"SOP601", "SOP602"}


def test_a_crashed_checking_process_is_reported_per_file(
    corpus: Path, monkeypatch: pytest.MonkeyPatch, processes: str
) -> None:
    if processes == "one process":
        return  # nothing forks: there is no second process to crash
    parent = os.getpid()
    real = file_check.check_file

    def crash_in_child(file: Path, display: str, **options: Any) -> file_check.FileCheck:
        if os.getpid() != parent:
            os._exit(7)
        return real(file, display, **options)

    monkeypatch.setattr(file_check, "check_file", crash_in_child)
    result = check_paths([corpus])
    # Jobs alternate between the processes: the second file was the child's.
    names = [f.file for f in result.files]
    assert names == ["sops/diskominfo/layanan-aduan.yaml", "sops/umum/arsip/retensi.yml",
                     "sops/umum/surat-masuk.yaml"]
    lost = result.files[1]
    assert [d.code for d in lost.diagnostics] == ["SOP699"] and lost.sop is None
    assert "checking process stopped" in lost.diagnostics[0].message_in("en")
    assert [d.code for f in (result.files[0], result.files[2]) for d in f.diagnostics] == []
    assert [s.id for s in result.sops] == ["diskominfo/layanan-aduan", "umum/surat-masuk"]


def test_collector_state_is_restored(corpus: Path) -> None:
    assert gc.isenabled()
    check_paths([corpus])
    assert gc.isenabled()
    gc.disable()
    try:
        check_paths([corpus])
        assert not gc.isenabled()
    finally:
        gc.enable()


# --- identitas.logo: an image file inside the corpus (SOP605-607) --------------------------------

PNG = b"\x89PNG\r\n\x1a\n" + b"\x00" * 64


def with_logo(nomor: str, logo: str) -> str:
    return variant(("  nomor:", f"  logo: {logo}\n  nomor:"), base=sop_text(nomor))


@pytest.mark.parametrize(
    ("logo", "code", "words"),
    [
        ("../tidak-ada.png", "SOP605", "not found"),
        ("../../../luar.png", "SOP606", "outside the folder `sops`"),
        ("../logo.txt", "SOP607", "not a supported image type"),
        ("../besar.png", "SOP607", "larger than 1 MB"),
    ],
)
def test_a_bad_logo_is_reported_at_its_value(
    corpus: Path, logo: str, code: str, words: str
) -> None:
    (corpus.parent / "luar.png").write_bytes(PNG)
    write(corpus, "logo.txt", "bukan gambar")
    (corpus / "besar.png").write_bytes(PNG + b"\x00" * (1024 * 1024))
    text = with_logo("A/7", logo)
    write(corpus, "umum/berlogo.yaml", text)
    result = check_paths([corpus / "umum" / "berlogo.yaml"])
    found = only(result.diagnostics, code)
    assert (found.line, found.column) == position(text, logo)
    assert words in found.message_in("en") and found.hint_in("id")
    assert result.sops == []


def test_a_good_logo_reaches_the_model(corpus: Path) -> None:
    (corpus / "umum" / "lambang.PNG").write_bytes(PNG)
    write(corpus, "umum/berlogo.yaml", with_logo("A/7", "lambang.PNG"))
    write(corpus, "diskominfo/tanpa.yaml", sop_text("A/8"))
    result = check_corpus(corpus)
    assert result.diagnostics == []
    logos = {sop.id: sop.identitas.logo for sop in result.sops}
    assert logos["umum/berlogo"] == (corpus / "umum" / "lambang.PNG").resolve()
    assert logos["diskominfo/tanpa"] is None
