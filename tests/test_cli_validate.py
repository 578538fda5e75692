"""`sopgen validate` and `sopgen new` end to end, with the real checking pipeline and files."""

from __future__ import annotations

import datetime as dt
import hashlib
import json
import os
import re
import subprocess
import sys
from pathlib import Path

import pytest
import yaml

from sopgen.cli import main
from sopgen.cli import validate as validate_cli
from sopgen.corpus import CorpusResult, FileResult
from sopgen.diagnostics import Diagnostic, Severity
from sopgen.skeleton import skeleton_text

REPO = Path(__file__).resolve().parents[1]
SCHEMA = REPO / "schema" / "sop.schema.json"


def write_sop(root: Path, sop_id: str, text: str | None = None) -> Path:
    file = root / "sops" / f"{sop_id}.yaml"
    file.parent.mkdir(parents=True, exist_ok=True)
    if text is None:
        text = filled(skeleton_text(sop_id, file, root / "sops", dt.date(2026, 1, 5)), sop_id)
    file.write_text(text, encoding="utf-8")
    return file


def filled(text: str, sop_id: str) -> str:
    """The skeleton with its sample values replaced, as an author would: a valid SOP."""
    return (
        text.replace("ISI-NOMOR/", f"SOP/{sop_id.upper()}/", 1)
        .replace("jabatan: Kepala Satuan Kerja", "jabatan: Kepala Dinas", 1)
        .replace("nama: Nama Pejabat", "nama: Dra. Endah Cahya Rini", 1)
    )


def without_waktu(text: str) -> str:
    """The skeleton with the first step's `waktu` removed: a warning, no error."""
    return text.replace("    waktu: 15 menit", "", 1)


@pytest.fixture
def corpus(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    """A work folder holding `sops/` with two valid SOPs; the current directory."""
    write_sop(tmp_path, "diskominfo/layanan-aduan")
    write_sop(tmp_path, "kecamatan/surat-domisili")
    monkeypatch.chdir(tmp_path)
    return tmp_path


def run(argv: list[str], capsys: pytest.CaptureFixture[str]) -> tuple[int, str, str]:
    code = main(argv)
    captured = capsys.readouterr()
    return code, captured.out, captured.err


# --- validate -----------------------------------------------------------------------------------


def test_valid_corpus_by_default_path(corpus: Path, capsys: pytest.CaptureFixture[str]) -> None:
    code, out, err = run(["validate"], capsys)
    assert (code, err) == (0, "")
    assert out == "2 berkas diperiksa: 0 galat, 0 peringatan\n"


def test_error_exits_1_with_position(corpus: Path, capsys: pytest.CaptureFixture[str]) -> None:
    write_sop(corpus, "diskominfo/rusak", "versi_format: 1\nidentitas:\n  nama: a: b\n")
    code, out, _ = run(["validate", "sops"], capsys)
    assert code == 1
    assert "sops/diskominfo/rusak.yaml:3:10: error SOP106: " in out
    assert "  petunjuk: " in out
    assert out.endswith("3 berkas diperiksa: 1 galat, 0 peringatan\n")


def test_schema_errors_are_reported(corpus: Path, capsys: pytest.CaptureFixture[str]) -> None:
    file = write_sop(corpus, "diskominfo/tanpa-langkah")
    file.write_text(file.read_text("utf-8").replace("langkah:", "langkah_salah:"), "utf-8")
    code, out, _ = run(["validate", str(file), "--format", "json"], capsys)
    assert code == 1
    report = json.loads(out)
    assert report["files"] == 1 and report["errors"] >= 1
    assert all(d["code"].startswith("SOP2") for d in report["diagnostics"])


def test_strict_counts_warnings(corpus: Path, capsys: pytest.CaptureFixture[str]) -> None:
    file = corpus / "sops" / "diskominfo" / "layanan-aduan.yaml"
    file.write_text(without_waktu(file.read_text("utf-8")), "utf-8")
    code, out, _ = run(["validate", "--lang", "en"], capsys)
    assert code == 0
    assert "warning SOP510" in out
    assert out.endswith("2 files checked: 0 errors, 1 warning\n")
    code, _, _ = run(["validate", "--strict"], capsys)
    assert code == 1


def test_folders_are_searched_recursively(corpus: Path, capsys: pytest.CaptureFixture[str]) -> None:
    text = filled(
        skeleton_text("sub/dalam", corpus / "x.yaml", corpus / "sops", dt.date(2026, 1, 5)),
        "sub/dalam",
    )
    deep = write_sop(corpus, "bagian/sub/layanan-dalam", text)
    deep.rename(deep.with_suffix(".yml"))
    (corpus / "sops" / "bagian" / "catatan.txt").write_text("bukan SOP", "utf-8")
    code, out, _ = run(["validate", "--format", "json"], capsys)
    assert code == 0
    assert json.loads(out)["files"] == 3


def test_several_paths(corpus: Path, capsys: pytest.CaptureFixture[str]) -> None:
    code, out, _ = run(
        ["validate", "sops/diskominfo", "sops/kecamatan/surat-domisili.yaml"], capsys
    )
    assert code == 0 and out.startswith("2 berkas diperiksa")


def test_the_corpus_calendar_is_validated_too(
    corpus: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    calendar = corpus / "sops" / "kalender.yaml"
    calendar.write_text("versi_format: 1\nhari:\n  senin: {buka: \"07:30\", tutup: \"16:00\"}\n"
                        "liburan: []\n", "utf-8")
    code, out, _ = run(["validate"], capsys)
    assert code == 1
    assert "sops/kalender.yaml:4:1: error SOP801: Kunci `liburan`" in out
    assert out.endswith("3 berkas diperiksa: 1 galat, 0 peringatan\n")
    code, out, _ = run(["validate", "sops/kalender.yaml", "--format", "json"], capsys)
    assert code == 1 and json.loads(out)["files"] == 1
    calendar.write_text("versi_format: 1\n", "utf-8")
    code, out, _ = run(["validate"], capsys)
    assert (code, out) == (0, "3 berkas diperiksa: 0 galat, 0 peringatan\n")
    code, out, _ = run(["validate", "sops/diskominfo"], capsys)
    assert (code, out) == (0, "1 berkas diperiksa: 0 galat, 0 peringatan\n")


def test_missing_path_is_a_usage_error(corpus: Path, capsys: pytest.CaptureFixture[str]) -> None:
    code, out, err = run(["validate", "sops", "tidak-ada"], capsys)
    assert (code, out) == (2, "")
    assert err == "sopgen: path tidak ditemukan: tidak-ada\n"
    code, _, err = run(["validate", "--lang", "en", "tidak-ada"], capsys)
    assert code == 2 and "no such file or folder: tidak-ada" in err


def test_missing_default_folder(tmp_path: Path, monkeypatch: pytest.MonkeyPatch,
                                capsys: pytest.CaptureFixture[str]) -> None:
    monkeypatch.chdir(tmp_path)
    code, _, err = run(["validate"], capsys)
    assert code == 2 and "sops" in err


@pytest.mark.parametrize("argv", [["validate", "--bogus"], ["validate", "--format", "xml"],
                                  ["validate", "--lang", "fr"]])
def test_bad_options_exit_2(argv: list[str], corpus: Path) -> None:
    with pytest.raises(SystemExit) as exit_info:
        main(argv)
    assert exit_info.value.code == 2


@pytest.mark.parametrize("output_format", ["text", "json", "github", "sarif"])
def test_validation_never_writes(corpus: Path, output_format: str,
                                 capsys: pytest.CaptureFixture[str]) -> None:
    write_sop(corpus, "diskominfo/rusak", "versi_format: 1\n  x: [\n")
    files = sorted((corpus / "sops").rglob("*.yaml"))

    def state() -> list[tuple[str, str, int]]:
        return [(f.name, hashlib.sha256(f.read_bytes()).hexdigest(), f.stat().st_mtime_ns)
                for f in files]

    listing = sorted(p.name for p in corpus.rglob("*"))
    before = state()
    code, _, _ = run(["validate", "--format", output_format], capsys)
    assert code == 1
    assert state() == before
    assert sorted(p.name for p in corpus.rglob("*")) == listing


def test_github_format(corpus: Path, capsys: pytest.CaptureFixture[str]) -> None:
    write_sop(corpus, "diskominfo/rusak", "versi_format: 1\nversi_format: 1\n")
    code, out, _ = run(["validate", "--format", "github"], capsys)
    assert code == 1
    line = next(x for x in out.splitlines() if "SOP108" in x)
    assert line.startswith("::error file=sops/diskominfo/rusak.yaml,line=2,col=1,title=SOP108::")


def test_sarif_format(corpus: Path, capsys: pytest.CaptureFixture[str]) -> None:
    write_sop(corpus, "diskominfo/rusak", "- satu\n")
    code, out, _ = run(["validate", "--format", "sarif"], capsys)
    assert code == 1
    (result,) = json.loads(out)["runs"][0]["results"]
    assert result["ruleId"] == "SOP105"
    location = result["locations"][0]["physicalLocation"]
    assert location["artifactLocation"]["uri"] == "sops/diskominfo/rusak.yaml"
    assert location["region"] == {"startLine": 1, "startColumn": 1}


def test_repository_sops_validate(monkeypatch: pytest.MonkeyPatch,
                                  capsys: pytest.CaptureFixture[str]) -> None:
    monkeypatch.chdir(REPO)
    code, out, _ = run(["validate", "--strict", "--format", "json"], capsys)
    report = json.loads(out)
    assert report["diagnostics"] == [] and code == 0
    assert report["files"] >= 1


def test_as_a_subprocess(corpus: Path) -> None:
    done = subprocess.run(
        [sys.executable, "-m", "sopgen", "validate", "--lang", "en"],
        cwd=corpus, capture_output=True, text=True, encoding="utf-8", check=False,
        env={**os.environ, "NO_COLOR": "1"},
    )
    assert done.returncode == 0, done.stderr
    assert done.stdout == "2 files checked: 0 errors, 0 warnings\n"


def test_the_command_leaves_with_its_code_and_all_it_printed(corpus: Path) -> None:
    """`python -m sopgen` (and the installed `sopgen`) exit without the interpreter's teardown
    (`cli.run`): a report far larger than a pipe's buffer still arrives whole, with main's code,
    and so does what stays in Python's buffer (buffered as on any machine: no PYTHONUNBUFFERED)."""
    env = {name: value for name, value in os.environ.items() if name != "PYTHONUNBUFFERED"}
    for number in range(150):  # each with an unknown key: a report of about 90 KB
        file = write_sop(corpus, f"satuan/salinan-{number:03d}")
        file.write_text(file.read_text("utf-8").replace("nomor:", "nomer:", 1), "utf-8")
    done = subprocess.run(
        [sys.executable, "-m", "sopgen", "validate", "--format", "json"],
        cwd=corpus, capture_output=True, text=True, encoding="utf-8", check=False, env=env,
    )
    assert done.returncode == 1, done.stderr
    assert len(done.stdout) > 65_536  # more than a pipe holds
    report = json.loads(done.stdout)
    assert len([d for d in report["diagnostics"] if d["code"] == "SOP201"]) == 150
    version = subprocess.run([sys.executable, "-m", "sopgen", "--version"], capture_output=True,
                             text=True, check=False, env=env)
    assert version.returncode == 0 and version.stdout.startswith("sopgen ")
    # `simulate` prints with print(): into a pipe that stays in Python's buffer until flushed.
    simulated = subprocess.run(
        [sys.executable, "-m", "sopgen", "simulate", "sops/diskominfo/layanan-aduan.yaml"],
        cwd=corpus, capture_output=True, text=True, encoding="utf-8", check=False, env=env,
    )
    assert simulated.returncode == 0, simulated.stderr
    assert simulated.stdout.startswith("Skenario") and simulated.stdout.endswith("\n")


# --- the exit code, decided in one place ---------------------------------------------------------


def fake_result(*severities: Severity) -> CorpusResult:
    diagnostics = [
        Diagnostic("sops/a.yaml", i + 1, 1, severity, "SOP999", {"id": "x", "en": "x"})
        for i, severity in enumerate(severities)
    ]
    return CorpusResult([FileResult("sops/a.yaml", None, diagnostics)])


@pytest.mark.parametrize(
    ("severities", "strict", "expected"),
    [
        ((), False, 0), ((), True, 0),
        ((Severity.WARNING,), False, 0), ((Severity.WARNING,), True, 1),
        ((Severity.ERROR,), False, 1), ((Severity.WARNING, Severity.ERROR), False, 1),
    ],
)
def test_exit_code(severities: tuple[Severity, ...], strict: bool, expected: int,
                   corpus: Path, monkeypatch: pytest.MonkeyPatch,
                   capsys: pytest.CaptureFixture[str]) -> None:
    monkeypatch.setattr("sopgen.corpus.check_paths", lambda paths, **_: fake_result(*severities))
    argv = ["validate", *(["--strict"] if strict else [])]
    code, out, _ = run(argv, capsys)
    assert code == expected
    assert out.endswith(f"1 berkas diperiksa: {severities.count(Severity.ERROR)} galat, "
                        f"{severities.count(Severity.WARNING)} peringatan\n")
    assert validate_cli.exit_code(fake_result(*severities).diagnostics, strict=strict) == expected


def test_no_colour_when_not_a_terminal(corpus: Path, monkeypatch: pytest.MonkeyPatch,
                                       capsys: pytest.CaptureFixture[str]) -> None:
    monkeypatch.setattr("sopgen.corpus.check_paths",
                        lambda paths, **_: fake_result(Severity.ERROR))
    _, out, _ = run(["validate"], capsys)
    assert "\x1b" not in out


# --- new ----------------------------------------------------------------------------------------


def test_new_writes_a_skeleton_whose_only_errors_are_its_sample_values(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    monkeypatch.chdir(tmp_path)
    code, out, _ = run(["new", "diskominfo/layanan-baru"], capsys)
    file = tmp_path / "sops" / "diskominfo" / "layanan-baru.yaml"
    assert code == 0 and file.is_file()
    assert "sops/diskominfo/layanan-baru.yaml" in out
    text = file.read_text("utf-8")
    assert text.startswith("# yaml-language-server: $schema=../../schema/sop.schema.json\n")
    # The schema line resolves: `new` wrote the schema where the line points.
    relative = text.splitlines()[0].split("$schema=", 1)[1]
    assert (file.parent / relative).resolve().read_bytes() == SCHEMA.read_bytes()
    assert f"tanggal_pembuatan: {dt.date.today().isoformat()}" in text
    code, out, _ = run(["validate", "--strict", "--format", "json"], capsys)
    report = json.loads(out)
    assert code == 1
    lines = text.splitlines()
    found = {(d["code"], lines[d["line"] - 1].split(":")[0].strip()) for d in report["diagnostics"]}
    assert found == {("SOP410", "nomor"), ("SOP410", "jabatan"), ("SOP410", "nama")}
    file.write_text(filled(text, "diskominfo/layanan-baru"), "utf-8")
    code, out, _ = run(["validate", "--strict", "--format", "json"], capsys)
    assert code == 0, out
    assert json.loads(out) == {"files": 1, "errors": 0, "warnings": 0, "diagnostics": []}


def test_new_schema_path_reaches_the_schema(tmp_path: Path, monkeypatch: pytest.MonkeyPatch,
                                            capsys: pytest.CaptureFixture[str]) -> None:
    (tmp_path / "schema").mkdir()
    (tmp_path / "schema" / "sop.schema.json").write_bytes(SCHEMA.read_bytes())
    monkeypatch.chdir(tmp_path / "schema")
    code, _, _ = run(["new", "unit/nama", "--sops-dir", "../data/sops"], capsys)
    file = tmp_path / "data" / "sops" / "unit" / "nama.yaml"
    assert code == 0
    first = file.read_text("utf-8").splitlines()[0]
    relative = first.split("$schema=", 1)[1]
    assert relative == "../../../schema/sop.schema.json"
    assert (file.parent / relative).resolve() == (tmp_path / "schema" / "sop.schema.json")


def test_new_refuses_to_overwrite(tmp_path: Path, monkeypatch: pytest.MonkeyPatch,
                                  capsys: pytest.CaptureFixture[str]) -> None:
    monkeypatch.chdir(tmp_path)
    file = tmp_path / "sops" / "unit" / "ada.yaml"
    file.parent.mkdir(parents=True)
    file.write_text("versi_format: 1\n", "utf-8")
    code, out, err = run(["new", "unit/ada"], capsys)
    assert code == 1 and out == ""
    assert "sudah ada" in err and "--force" in err
    assert file.read_text("utf-8") == "versi_format: 1\n"
    code, _, _ = run(["new", "unit/ada", "--force"], capsys)
    assert code == 0 and file.read_text("utf-8").startswith("# yaml-language-server")


@pytest.mark.parametrize(
    "sop_id",
    ["tanpa-folder", "Unit/Nama", "unit/nama baru", "../luar/nama", "unit/", "/unit/nama",
     "a/b/c", "unit/-nama", "unit/nama.txt", ""],
)
def test_new_rejects_invalid_ids(sop_id: str, tmp_path: Path, monkeypatch: pytest.MonkeyPatch,
                                 capsys: pytest.CaptureFixture[str]) -> None:
    monkeypatch.chdir(tmp_path)
    code, _, err = run(["new", sop_id, "--lang", "en"], capsys)
    assert code == 2 and "invalid SOP id" in err
    assert list(tmp_path.iterdir()) == []


def test_new_accepts_a_yaml_suffix(tmp_path: Path, monkeypatch: pytest.MonkeyPatch,
                                   capsys: pytest.CaptureFixture[str]) -> None:
    monkeypatch.chdir(tmp_path)
    code, _, _ = run(["new", "unit/nama_2.yaml"], capsys)
    assert code == 0 and (tmp_path / "sops" / "unit" / "nama_2.yaml").is_file()


def test_two_new_sops_do_not_collide(tmp_path: Path, monkeypatch: pytest.MonkeyPatch,
                                     capsys: pytest.CaptureFixture[str]) -> None:
    monkeypatch.chdir(tmp_path)
    assert run(["new", "unit/satu"], capsys)[0] == 0
    assert run(["new", "unit/dua"], capsys)[0] == 0
    for sop_id in ("unit/satu", "unit/dua"):
        file = tmp_path / "sops" / f"{sop_id}.yaml"
        file.write_text(filled(file.read_text("utf-8"), sop_id), "utf-8")
    code, out, _ = run(["validate", "--strict"], capsys)
    assert code == 0, out


# --- CI files for SOP repositories --------------------------------------------------------------


def test_workflow_is_a_valid_github_workflow_running_the_checks() -> None:
    workflow = REPO / ".github" / "workflows" / "sop.yml"
    done = subprocess.run(
        [sys.executable, "-m", "check_jsonschema", "--builtin-schema", "vendor.github-workflows",
         str(workflow)], capture_output=True, text=True, check=False,
    )
    assert done.returncode == 0, done.stdout + done.stderr
    steps = yaml.safe_load(workflow.read_text("utf-8"))["jobs"]["sop"]["steps"]
    runs = [step["run"] for step in steps if "run" in step]
    assert runs[-3:] == ["sopgen validate sops/ --format github", "sopgen check sops/",
                         "mkdocs build --strict"]
    assert any("graphviz" in run for run in runs)
    setup = next(step for step in steps if step.get("uses", "").startswith("actions/setup-python"))
    assert setup["with"]["python-version"] == "3.11"


def test_pre_commit_hook(corpus: Path, capsys: pytest.CaptureFixture[str]) -> None:
    (hook,) = yaml.safe_load((REPO / ".pre-commit-hooks.yaml").read_text("utf-8"))
    assert (hook["id"], hook["language"], hook["entry"]) == (
        "sopgen-validate", "python", "sopgen validate")
    files = re.compile(hook["files"])
    assert files.search("sops/diskominfo/layanan.yaml") and files.search("sops/a/b.yml")
    assert not files.search("docs/index.md") and not files.search("mkdocs.yml")
    # pre-commit runs the entry with the changed files appended.
    argv = [*hook["entry"].split()[1:], "sops/diskominfo/layanan-aduan.yaml"]
    assert run(argv, capsys)[0] == 0
    write_sop(corpus, "diskominfo/rusak", "versi_format: [\n")
    assert run([*argv, "sops/diskominfo/rusak.yaml"], capsys)[0] == 1
