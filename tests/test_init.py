"""`sopgen init`: a new SOP repository whose files validate, check, and point at real schemas."""

from __future__ import annotations

import json
import re
import subprocess
import sys
from pathlib import Path

import pytest
import yaml

from sopgen.cli import main
from sopgen.scaffold import FILES, SCHEMAS, default_requirement

REPO = Path(__file__).resolve().parents[1]
SCHEMA_LINE = re.compile(r"^# yaml-language-server: \$schema=(\S+)$", re.MULTILINE)


def run(argv: list[str], capsys: pytest.CaptureFixture[str]) -> tuple[int, str, str]:
    code = main(argv)
    captured = capsys.readouterr()
    return code, captured.out, captured.err


def schema_targets(folder: Path) -> dict[Path, Path]:
    """Every YAML file below ``folder`` with a schema line -> the file that line names."""
    found = {}
    for file in sorted(folder.rglob("*.y*ml")):
        match = SCHEMA_LINE.search(file.read_text("utf-8"))
        if match:
            found[file] = (file.parent / match[1]).resolve()
    return found


def test_init_writes_a_repository_that_validates_and_checks(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    code, out, _ = run(["init", str(tmp_path / "biro"), "--site-name", "Biro Organisasi"],
                       capsys)
    assert code == 0, out
    folder = tmp_path / "biro"
    written = {p.relative_to(folder).as_posix() for p in folder.rglob("*") if p.is_file()}
    assert written == set(FILES.values()) | set(SCHEMAS.values())
    assert (folder / ".gitignore").read_text("utf-8").splitlines()[1:3] == ["site/", ".cache/"]
    config = yaml.safe_load((folder / "mkdocs.yml").read_text("utf-8"))
    assert config["site_name"] == "Biro Organisasi"
    assert config["plugins"][1]["sopgen"]["sops_dir"] == "sops"
    sop = folder / "sops" / "bagian-umum" / "penerimaan-surat-masuk.yaml"
    assert "instansi: Biro Organisasi" in sop.read_text("utf-8")
    monkeypatch.chdir(folder)
    code, out, _ = run(["validate", "--strict", "--format", "json"], capsys)
    assert code == 0, out
    assert json.loads(out)["files"] == 2  # the example SOP and the calendar
    code, out, _ = run(["check", "--format", "json"], capsys)
    assert code == 0, out
    assert [r["lulus"] for r in json.loads(out)["hasil"]] == [True, True, True]


def test_every_schema_line_written_by_init_and_new_resolves(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    monkeypatch.chdir(tmp_path)
    assert run(["init"], capsys)[0] == 0
    assert run(["new", "bagian-hukum/produk-hukum"], capsys)[0] == 0
    targets = schema_targets(tmp_path)
    assert len(targets) == 3  # the example SOP, the calendar and the new SOP
    for file, schema in targets.items():
        assert schema.is_file(), f"{file}: {schema}"
        name = "kalender.schema.json" if file.name == "kalender.yaml" else "sop.schema.json"
        assert schema.read_bytes() == (REPO / "schema" / name).read_bytes(), file


def test_new_without_init_writes_the_schema_its_line_names(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    monkeypatch.chdir(tmp_path)
    code, out, _ = run(["new", "unit/nama", "--sops-dir", "data/sops"], capsys)
    assert code == 0
    assert "data/schema/sop.schema.json" in out
    ((_file, schema),) = schema_targets(tmp_path).items()
    assert schema == (tmp_path / "data" / "schema" / "sop.schema.json").resolve()
    assert schema.is_file()


def test_init_refuses_to_overwrite_without_force(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    (tmp_path / "mkdocs.yml").write_text("site_name: Punya saya\n", "utf-8")
    code, out, err = run(["init", str(tmp_path)], capsys)
    assert code == 1 and out == ""
    assert "--force" in err and "mkdocs.yml" in err
    assert sorted(p.name for p in tmp_path.iterdir()) == ["mkdocs.yml"]  # nothing written
    assert (tmp_path / "mkdocs.yml").read_text("utf-8") == "site_name: Punya saya\n"
    code, _, _ = run(["init", str(tmp_path), "--force"], capsys)
    assert code == 0
    assert "plugins:" in (tmp_path / "mkdocs.yml").read_text("utf-8")


def test_init_into_a_file_is_a_usage_error(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    file = tmp_path / "berkas"
    file.write_text("x", "utf-8")
    code, _, err = run(["init", str(file), "--lang", "en"], capsys)
    assert code == 2 and "is a file" in err


def test_ci_files_install_the_pinned_requirement_and_run_every_gate(tmp_path: Path,
        capsys: pytest.CaptureFixture[str]) -> None:
    assert run(["init", str(tmp_path), "--requirement", "sopgen[site]==9.9"], capsys)[0] == 0
    assert (tmp_path / "requirements.txt").read_text("utf-8").splitlines()[-1] == (
        "sopgen[site]==9.9"
    )
    done = subprocess.run(
        [sys.executable, "-m", "check_jsonschema", "--builtin-schema", "vendor.github-workflows",
         str(tmp_path / ".github/workflows/sop.yml")], capture_output=True, text=True, check=False,
    )
    assert done.returncode == 0, done.stdout + done.stderr
    workflow = yaml.safe_load((tmp_path / ".github/workflows/sop.yml").read_text("utf-8"))
    job = workflow["jobs"]["periksa"]
    assert job["permissions"] == {"contents": "read", "security-events": "write"}
    runs = [step.get("run", "") for step in job["steps"]]
    assert "python -m pip install -r requirements.txt" in runs
    assert "sopgen validate sops/ --format github" in runs
    assert "sopgen check sops/ --format github" in runs
    assert "mkdocs build --strict" in runs
    uses = [step.get("uses", "") for step in job["steps"]]
    assert "github/codeql-action/upload-sarif@v3" in uses
    sarif = next(s for s in job["steps"] if s.get("uses", "").endswith("upload-sarif@v3"))
    assert sarif["with"]["sarif_file"] == "sopgen.sarif"
    assert any("--format sarif > sopgen.sarif" in r for r in runs)
    # The build cache is restored before the build, at the folder the site's plugin uses.
    site = yaml.safe_load((tmp_path / "mkdocs.yml").read_text("utf-8"))
    cache_dir = next(p["sopgen"]["cache_dir"] for p in site["plugins"]
                     if isinstance(p, dict) and "sopgen" in p)
    cache = next(i for i, step in enumerate(job["steps"])
                 if step.get("uses", "").startswith("actions/cache@"))
    assert job["steps"][cache]["with"]["path"] == cache_dir
    assert cache < runs.index("mkdocs build --strict")
    assert "${{ github.sha }}" in job["steps"][cache]["with"]["key"]
    deploy = workflow["jobs"]["terbitkan"]
    assert deploy["permissions"] == {"pages": "write", "id-token": "write"}
    gitlab = yaml.safe_load((tmp_path / ".gitlab-ci.yml").read_text("utf-8"))
    assert "mkdocs build --strict --site-dir public" in gitlab["pages"]["script"]
    assert cache_dir in gitlab["cache"]["paths"]
    hooks = yaml.safe_load((tmp_path / ".pre-commit-config.yaml").read_text("utf-8"))
    (hook,) = hooks["repos"][0]["hooks"]
    assert hooks["repos"][0]["repo"] == "local" and hook["entry"] == "sopgen validate"


def test_the_default_requirement_pins_this_version() -> None:
    from sopgen import __version__

    assert default_requirement().startswith("sopgen[site] @ git+https://")
    assert default_requirement().endswith(f"@v{__version__}")


def test_check_reports_a_missed_target_as_a_github_annotation(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    assert run(["init", str(tmp_path)], capsys)[0] == 0
    monkeypatch.chdir(tmp_path)
    sop = tmp_path / "sops" / "bagian-umum" / "penerimaan-surat-masuk.yaml"
    sop.write_text(sop.read_text("utf-8").replace("target: 4 hari kerja", "target: 1 jam"),
                   "utf-8")
    code, out, _ = run(["check", "--format", "github"], capsys)
    assert code == 1
    annotations = [line for line in out.splitlines() if line.startswith("::error ")]
    assert len(annotations) == 3  # both scenarios and the longest route
    assert annotations[0].startswith(
        "::error file=sops/bagian-umum/penerimaan-surat-masuk.yaml,"
        "title=sopgen check%3A bagian-umum/penerimaan-surat-masuk::✗ "
    )
    code, out, _ = run(["check", "--format", "json"], capsys)
    report = json.loads(out)
    assert code == 1 and report["gagal"] == 3
    assert [r["jenis"] for r in report["hasil"]] == ["skenario", "skenario", "rute"]


def test_init_where_a_folder_cannot_be_made_says_so(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    (tmp_path / "sops").write_text("a file where init needs a folder", "utf-8")
    code, _, err = run(["init", str(tmp_path), "--force"], capsys)
    assert code == 2 and "tidak dapat menulis" in err and "Traceback" not in err


def test_the_requirement_pins_the_git_commit_sopgen_was_installed_from(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    import json
    from importlib import metadata

    from sopgen import scaffold

    class Installed:
        def __init__(self, direct_url: object) -> None:
            self.text = json.dumps(direct_url)

        def read_text(self, name: str) -> str | None:
            return self.text if name == "direct_url.json" else None

    git = {"url": "https://git.example.go.id/biro/sopgen.git",
           "vcs_info": {"vcs": "git", "commit_id": "0123abcd" * 5, "requested_revision": "v0.1.0"}}
    monkeypatch.setattr(metadata, "distribution", lambda name: Installed(git))
    assert scaffold.default_requirement() == (
        "sopgen[site] @ git+https://git.example.go.id/biro/sopgen.git@" + "0123abcd" * 5)
    local = {"url": "file:///home/x/sopgen", "dir_info": {"editable": True}}
    monkeypatch.setattr(metadata, "distribution", lambda name: Installed(local))
    assert scaffold.default_requirement().endswith(f"@v{scaffold.__version__}")
