"""Issue 9: a build never destroys. `sopgen build` swaps a finished site in, a failed or crashed
build leaves the previous site byte for byte, a second build into the same folder is refused,
nothing is built into the corpus, and a plain `mkdocs build` fails before MkDocs empties its
site folder. Graphviz has a layout budget with a message naming the SOP."""

from __future__ import annotations

import hashlib
import os
import shutil
from pathlib import Path

import pytest
from mkdocs.exceptions import Abort

from sopgen.cli import main
from sopgen.corpus import check_paths
from sopgen.render import layout_budget
from sopgen.site.output import acquire, lock_path, release
from sopgen.site.pages import diagram_problems
from test_site_build import DEMAK, REAL_SOPS, TABANAN, build_project, make_project


def make_sops(root: Path) -> Path:
    sops = root / "sops"
    for sop_id in (DEMAK, TABANAN):
        target = sops / f"{sop_id}.yaml"
        target.parent.mkdir(parents=True, exist_ok=True)
        shutil.copyfile(REAL_SOPS / f"{sop_id}.yaml", target)
    shutil.copyfile(REAL_SOPS / "kalender.yaml", sops / "kalender.yaml")
    return sops


def snapshot(folder: Path) -> dict[str, str]:
    return {
        p.relative_to(folder).as_posix(): hashlib.sha256(p.read_bytes()).hexdigest()
        for p in sorted(folder.rglob("*")) if p.is_file()
    }


def leftovers(parent: Path) -> list[str]:
    return sorted(p.name for p in parent.iterdir() if ".sopgen-new-" in p.name
                  or ".sopgen-old-" in p.name)


@pytest.fixture(scope="module")
def built(tmp_path_factory: pytest.TempPathFactory) -> Path:
    root = tmp_path_factory.mktemp("atomic")
    sops = make_sops(root)
    site = root / "site"
    (site / ".git").mkdir(parents=True)  # a pages checkout: MkDocs keeps hidden entries
    (site / ".git" / "HEAD").write_text("ref: refs/heads/gh-pages\n", encoding="utf-8")
    assert main(["build", str(sops), "-o", str(site)]) == 0
    return root


def test_a_successful_build_replaces_the_site_and_keeps_hidden_entries(built: Path) -> None:
    site = built / "site"
    files = snapshot(site)
    assert len(files) > 20 and ".git/HEAD" in files
    assert any(name.startswith("sop/") for name in files)
    assert leftovers(built) == []


def test_an_invalid_sop_leaves_the_previous_site_byte_identical(
    built: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    site = built / "site"
    before = snapshot(site)
    broken = built / "sops" / "umum" / "rusak.yaml"
    broken.parent.mkdir()
    broken.write_text("versi_format: 1\nidentitas: [\n", encoding="utf-8")
    try:
        assert main(["build", str(built / "sops"), "-o", str(site)]) == 1
    finally:
        shutil.rmtree(broken.parent)
    assert "SOP106" in capsys.readouterr().err
    assert snapshot(site) == before
    assert leftovers(built) == []


def test_a_crash_mid_build_leaves_the_previous_site_byte_identical(
    built: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    site = built / "site"
    before = snapshot(site)

    def crash(*args: object, **kwargs: object) -> str:
        raise RuntimeError("rusak di tengah jalan")

    # While MkDocs writes the pages into the staging folder (the pages come whole from the
    # finished-page cache, so the crash is in reading one back).
    monkeypatch.setattr("sopgen.site.finished.FinishedPages.html", crash)
    assert main(["build", str(built / "sops"), "-o", str(site)]) == 1
    assert "rusak di tengah jalan" in capsys.readouterr().err
    assert snapshot(site) == before
    assert leftovers(built) == []


def test_a_second_build_into_the_same_folder_is_refused(
    built: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    site = built / "site"
    before = snapshot(site)
    handle = acquire(site)  # another build holds the folder
    try:
        assert main(["build", str(built / "sops"), "-o", str(site)]) == 1
    finally:
        release(handle)
    err = capsys.readouterr().err
    assert "Pembangunan situs lain" in err and lock_path(site).name in err
    assert snapshot(site) == before


def test_building_into_the_corpus_is_refused(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    sops = make_sops(tmp_path)
    before = sorted(p.relative_to(sops).as_posix() for p in sops.rglob("*"))
    monkeypatch.chdir(sops)
    assert main(["build", "."]) == 2  # would write sops/site and sops/.cache
    assert "tidak boleh berada di dalam folder SOP" in capsys.readouterr().err
    monkeypatch.chdir(tmp_path)
    assert main(["build", "sops", "-o", "sops/situs"]) == 2
    assert main(["build", "sops", "-o", "."]) == 2  # replacing it would remove the corpus
    assert sorted(p.relative_to(sops).as_posix() for p in sops.rglob("*")) == before


def test_mkdocs_build_fails_before_emptying_the_site(
    tmp_path: Path, caplog: pytest.LogCaptureFixture
) -> None:
    project = make_project(tmp_path / "project")
    site = build_project(project)
    before = snapshot(site)
    assert len(before) > 20
    (project / "sops" / "umum").mkdir()
    (project / "sops" / "umum" / "rusak.yaml").write_text("versi_format: [\n", encoding="utf-8")
    with pytest.raises(Abort):
        build_project(project)
    assert "SOP106" in caplog.text
    assert snapshot(site) == before  # MkDocs empties site_dir only after on_pre_build
    assert not lock_path(site).exists() or _unlocked(site)


def test_a_crash_in_a_plain_mkdocs_build_leaves_the_previous_site(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """The plugin builds into a staging folder and swaps it in only in on_post_build."""
    project = make_project(tmp_path / "project")
    site = build_project(project)
    (site / ".git").mkdir()
    before = snapshot(site)

    def crash(*args: object, **kwargs: object) -> str:
        raise RuntimeError("rusak di tengah jalan")

    # While pages are written: whole from the finished-page cache, or put together.
    monkeypatch.setattr("sopgen.site.finished.FinishedPages.html", crash)
    monkeypatch.setattr("sopgen.site.builder.fill_output", crash)
    with pytest.raises(Exception, match="rusak di tengah jalan"):
        build_project(project)
    assert snapshot(site) == before
    assert leftovers(project) == [] and _unlocked(site)
    monkeypatch.undo()
    (site / "usang.html").write_text("dari build lama", encoding="utf-8")
    build_project(project)  # a good build replaces the site whole, hidden entries kept
    assert "usang.html" not in snapshot(site) and (site / ".git").is_dir()
    assert leftovers(project) == []


def _unlocked(site: Path) -> bool:
    handle = acquire(site)  # raises BuildLocked when the failed build kept the lock
    release(handle)
    return True


def test_the_plugin_refuses_a_site_folder_inside_the_corpus(
    tmp_path: Path, caplog: pytest.LogCaptureFixture
) -> None:
    project = make_project(tmp_path / "project")
    with pytest.raises(Abort):
        build_project(project, site=project / "sops" / "situs")
    assert "tidak boleh berada di dalam folder SOP" in caplog.text
    assert not (project / "sops" / "situs").exists()


def test_a_slow_layout_names_the_sop_and_its_size(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    sops = make_sops(tmp_path)
    sop = next(s for s in check_paths([sops]).sops if s.id == DEMAK)
    monkeypatch.setattr(layout_budget, "LAYOUT_BUDGET", 1e-4)
    (problem,) = diagram_problems(sop, tmp_path / "cache")
    assert problem.code == "SOP903"
    text = problem.message_in("en")
    assert DEMAK in text and f"{len(sop.langkah)} steps" in text
    assert f"{len(sop.pelaksana)} actors" in text
    assert "Graphviz install" not in problem.hint_in("en")
    assert not os.listdir(tmp_path / "cache") if (tmp_path / "cache").exists() else True


def test_a_plain_mkdocs_build_is_refused_while_another_holds_the_folder(
    tmp_path: Path, caplog: pytest.LogCaptureFixture
) -> None:
    project = make_project(tmp_path / "project")
    site = project / "site"
    site.mkdir()
    (site / "lama.html").write_text("situs lama", encoding="utf-8")
    handle = acquire(site)
    try:
        with pytest.raises(Abort):
            build_project(project, site=site)
    finally:
        release(handle)
    assert "Pembangunan situs lain" in caplog.text
    assert snapshot(site) == {"lama.html": hashlib.sha256(b"situs lama").hexdigest()}
