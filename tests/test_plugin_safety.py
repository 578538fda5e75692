"""The plugin's guards: user pages are never replaced, wrong folders are named, messages follow
`lang`, and the SOP's git date reaches other date plugins (Material prints it)."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

import pytest

from sopgen.cli import main

ENV = {**os.environ, "NO_MKDOCS_2_WARNING": "1"}


@pytest.fixture
def repository(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> Path:
    assert main(["init", str(tmp_path)]) == 0
    capsys.readouterr()
    return tmp_path


def build(folder: Path) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [sys.executable, "-m", "mkdocs", "build", "--strict"], cwd=folder, env=ENV,
        capture_output=True, text=True, check=False,
    )


def set_option(folder: Path, line: str) -> None:
    config = folder / "mkdocs.yml"
    text = config.read_text("utf-8")
    anchor = "      sops_dir: sops"
    config.write_text(text.replace(anchor, f"      {line}\n{anchor}", 1), "utf-8")


def test_a_generated_page_never_replaces_the_users_page(repository: Path) -> None:
    for page in ("sop/index.md", "panduan/kunci.md"):
        (repository / "docs" / page).parent.mkdir(parents=True, exist_ok=True)
        (repository / "docs" / page).write_text("# Halaman saya\n", "utf-8")
    done = build(repository)
    assert done.returncode != 0
    assert "halaman Anda `docs/sop/index.md` akan tertimpa" in done.stderr
    assert "(daftar SOP, `sop/index.md`)" in done.stderr
    assert "halaman Anda `docs/panduan/kunci.md` akan tertimpa" in done.stderr
    assert "Traceback" not in done.stderr
    assert not (repository / "site" / "sop" / "index.html").exists()


@pytest.mark.parametrize(
    ("option", "expected"),
    [
        ("sops_dir: sopz", "sopgen: folder SOP `sopz` (opsi `sops_dir`) tidak ditemukan"),
        ("template_dir: templat", "folder templat `templat` (opsi `template_dir`)"),
        ("calendar: kal.yaml", "berkas kalender `kal.yaml` (opsi `calendar`)"),
    ],
)
def test_a_missing_folder_is_named_with_its_option(
    repository: Path, option: str, expected: str
) -> None:
    config = repository / "mkdocs.yml"
    if option.startswith("sops_dir"):
        config.write_text(config.read_text("utf-8").replace("sops_dir: sops", option), "utf-8")
    else:
        set_option(repository, option)
    done = build(repository)
    assert done.returncode != 0
    assert expected in done.stderr and "Traceback" not in done.stderr


def test_lang_en_reports_in_english(repository: Path) -> None:
    set_option(repository, "lang: en")
    sop = repository / "sops" / "bagian-umum" / "penerimaan-surat-masuk.yaml"
    sop.write_text(sop.read_text("utf-8").replace("waktu: 15 menit", "waktu: 15 jem"), "utf-8")
    done = build(repository)
    assert done.returncode != 0
    assert "The time of step 1 (`terima`) cannot be read: `15 jem`" in done.stderr
    assert "Did you mean `15 jam`?" in done.stderr
    assert "1 file checked" not in done.stderr and "2 files checked: 1 error" in done.stderr


def test_the_git_date_of_the_sop_is_the_pages_revision_date(repository: Path) -> None:
    git = ["git", "-c", "user.name=t", "-c", "user.email=t@example.org"]
    subprocess.run(["git", "init", "-q"], cwd=repository, check=True)
    subprocess.run([*git, "add", "-A"], cwd=repository, check=True)
    env = {**ENV, "GIT_COMMITTER_DATE": "2025-03-04T10:00:00+07:00"}
    subprocess.run([*git, "commit", "-qm", "awal"], cwd=repository, check=True, env=env)
    done = build(repository)
    assert done.returncode == 0, done.stderr
    html = (repository / "site/sop/bagian-umum/penerimaan-surat-masuk/index.html").read_text(
        "utf-8"
    )
    # Material prints page.meta.git_revision_date_localized below the page.
    assert 'git-revision-date-localized-plugin-date">4 Maret 2025</span>' in html
    home = (repository / "site" / "index.html").read_text("utf-8")
    assert "git-revision-date-localized-plugin-date" not in home


def test_lang_en_names_missing_graphviz_in_english(repository: Path, tmp_path: Path) -> None:
    set_option(repository, "lang: en")
    empty = tmp_path / "no-graphviz"  # a PATH with Python but without dot and neato
    empty.mkdir()
    (empty / "python").symlink_to(sys.executable)
    done = subprocess.run(
        [sys.executable, "-m", "mkdocs", "build"], cwd=repository,
        env={**ENV, "PATH": str(empty)}, capture_output=True, text=True, check=False)
    assert done.returncode != 0
    assert "Graphviz is not installed: program dot, neato not found" in done.stderr
    assert "hint: Flow diagrams are drawn with Graphviz" in done.stderr
    assert "Graphviz tidak terpasang" not in done.stderr and "Traceback" not in done.stderr


def test_sopgen_build_lang_en_speaks_english(
    repository: Path, capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    assert main(["build", str(repository / "tidak-ada"), "--lang", "en"]) == 2
    assert "The SOP folder" in capsys.readouterr().err
    monkeypatch.chdir(repository)
    sop = repository / "sops" / "bagian-umum" / "penerimaan-surat-masuk.yaml"
    sop.write_text(sop.read_text("utf-8").replace("waktu: 15 menit", "waktu: 15 jem"), "utf-8")
    assert main(["build", "sops", "-o", "keluar", "--lang", "en"]) == 1
    err = capsys.readouterr().err
    assert "Did you mean `15 jam`?" in err
    assert "The previous site in keluar was left unchanged." in err
    assert "tidak diubah" not in err
    assert main(["build", "sops", "-o", "sops/situs", "--lang", "en"]) == 2
    err = capsys.readouterr().err
    assert "hint:" in err and "petunjuk" not in err
