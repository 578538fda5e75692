"""Whole-site builds with the plugin: pages, nav, edit links, search, cache, reproducibility,
failures, ``sopgen build``, and ``mkdocs serve`` surviving an invalid SOP."""

from __future__ import annotations

import json
import os
import re
import shutil
import socket
import subprocess
import sys
import time
import urllib.error
import urllib.request
from pathlib import Path
from typing import Any

import pytest
from mkdocs.commands.build import build
from mkdocs.config import load_config
from mkdocs.exceptions import Abort

from sopgen.check.schema import SCHEMA_FILE
from sopgen.cli import main as sopgen_main
from sopgen.corpus import check_corpus
from sopgen.render import layout_budget
from sopgen.site import config as site_config

REPO = Path(__file__).resolve().parents[1]
REAL_SOPS = REPO / "sops"
DEMAK = "diskominfo-demak/layanan-aduan-masyarakat"
TABANAN = "kecamatan-selemadeg-timur/pengaduan-masyarakat"

MKDOCS_YML = """\
site_name: Uji SOP
repo_url: https://example.org/pemkab/sop
edit_uri: edit/main/docs/
theme:
  name: material
  language: id
  font: false
  features: [content.action.edit, navigation.sections, navigation.indexes]
plugins:
  - search
  - sopgen:
      cache_dir: .cache/sopgen
"""


def make_project(root: Path, sop_ids: tuple[str, ...] = (DEMAK, TABANAN)) -> Path:
    """A small MkDocs project: this config, a home page, some real SOPs and the calendar."""
    (root / "docs").mkdir(parents=True)
    (root / "docs" / "index.md").write_text("# Beranda uji\n", encoding="utf-8")
    for sop_id in sop_ids:
        target = root / "sops" / f"{sop_id}.yaml"
        target.parent.mkdir(parents=True, exist_ok=True)
        shutil.copyfile(REAL_SOPS / f"{sop_id}.yaml", target)
    shutil.copyfile(REAL_SOPS / "kalender.yaml", root / "sops" / "kalender.yaml")
    (root / "mkdocs.yml").write_text(MKDOCS_YML, encoding="utf-8")
    return root


def build_project(root: Path, site: Path | None = None, **overrides: Any) -> Path:
    site = site or root / "site"
    config = load_config(config_file=str(root / "mkdocs.yml"), site_dir=str(site), **overrides)
    config.plugins.on_startup(command="build", dirty=False)
    build(config)
    return site


def read(site: Path, path: str) -> str:
    return (site / path).read_text(encoding="utf-8")


@pytest.fixture(scope="module")
def built(tmp_path_factory: pytest.TempPathFactory) -> Path:
    return build_project(make_project(tmp_path_factory.mktemp("project")))


def test_every_sop_gets_a_page_and_a_row_in_the_index(built: Path) -> None:
    for sop_id in (DEMAK, TABANAN):
        page = read(built, f"sop/{sop_id}/index.html")
        assert 'class="sopgen-procedure"' in page
        assert "sopgen-diagram-svg" in page
    index = read(built, "sop/index.html")
    assert index.count("<tr data-instansi=") == 2
    assert 'href="diskominfo-demak/layanan-aduan-masyarakat/"' in index
    assert "DINKOMINFO/<wbr>4/<wbr>1/<wbr>32/<wbr>2020" in index  # breaks at slashes only
    assert "hari kerja" in index  # the total standard time column


def test_nav_groups_sops_by_body_then_work_unit(built: Path) -> None:
    page = read(built, "index.html")
    demak = page.index("Pemerintah Kabupaten Demak")
    tabanan = page.index("Pemerintah Kabupaten Tabanan")
    assert demak < tabanan
    assert page.index("Dinas Komunikasi dan Informatika", demak) < tabanan
    assert page.index("Daftar SOP") < demak
    # each body and each unit is a section whose index page is its own list
    body_page = read(built, "sop/daftar/pemerintah-kabupaten-demak/index.html")
    assert "Dinas Komunikasi dan Informatika" in body_page
    assert body_page.count("<tr data-instansi=") == 1
    units = list((built / "sop" / "daftar").glob("*/*/index.html"))
    assert len(units) == 2


def test_edit_button_opens_the_yaml_file(built: Path) -> None:
    page = read(built, f"sop/{DEMAK}/index.html")
    assert f'href="https://example.org/pemkab/sop/edit/main/sops/{DEMAK}.yaml"' in page
    # the hand-written page keeps its own edit link into docs/
    assert 'href="https://example.org/pemkab/sop/edit/main/docs/index.md"' in read(
        built, "index.html"
    )


def test_the_yaml_source_is_published_beside_its_page(built: Path) -> None:
    assert (built / "sop" / f"{DEMAK}.yaml").read_bytes() == (
        REAL_SOPS / f"{DEMAK}.yaml"
    ).read_bytes()
    assert 'href="../layanan-aduan-masyarakat.yaml"' in read(built, f"sop/{DEMAK}/index.html")


def test_search_index_holds_sop_text(built: Path) -> None:
    index = json.loads(read(built, "search/search_index.json"))
    sop = check_corpus(REAL_SOPS).sops
    activity = next(s for s in sop if s.id == DEMAK).langkah[-1].kegiatan[0]
    sop_docs = [doc for doc in index["docs"] if doc["location"].startswith(f"sop/{DEMAK}/")]
    assert sop_docs
    assert any(activity in doc["text"] for doc in sop_docs)


def test_schema_is_published_verbatim_and_keys_are_documented(built: Path) -> None:
    assert (built / "schema" / "sop.schema.json").read_bytes() == SCHEMA_FILE.read_bytes()
    keys = read(built, "panduan/kunci/index.html")
    assert "<code>identitas</code>" in keys and "<code>keputusan</code>" in keys
    assert 'href="../../schema/sop.schema.json"' in keys


def test_assets_are_registered_on_sop_pages(built: Path) -> None:
    from sopgen.render.assets import asset_files

    page = read(built, f"sop/{DEMAK}/index.html")
    for site_path in asset_files():
        assert (built / site_path).is_file()
        if site_path.endswith((".css", ".js")):
            assert site_path.rsplit("/", 1)[-1] in page


def test_same_input_gives_a_byte_identical_site(tmp_path: Path, monkeypatch: Any) -> None:
    monkeypatch.setenv("SOURCE_DATE_EPOCH", "1767225600")
    project = make_project(tmp_path / "project")
    first = build_project(project, tmp_path / "one")
    second = build_project(project, tmp_path / "two")
    files_one = sorted(p.relative_to(first) for p in first.rglob("*") if p.is_file())
    files_two = sorted(p.relative_to(second) for p in second.rglob("*") if p.is_file())
    assert files_one == files_two
    different = [
        str(path)
        for path in files_one
        if (first / path).read_bytes() != (second / path).read_bytes()
    ]
    assert different == []


def test_an_unchanged_sop_is_not_drawn_again(tmp_path: Path, monkeypatch: Any) -> None:
    project = make_project(tmp_path / "project")
    drawings: list[bytes] = []  # one entry per graph drawn (a neato run may draw several)
    real_run = subprocess.run

    def counting_run(command: list[str], **kwargs: Any) -> Any:
        if Path(command[0]).name in ("dot", "neato"):
            drawings.extend([b"graph"] * kwargs["input"].count(b"digraph "))
        return real_run(command, **kwargs)

    # subprocess is one module: this counts Graphviz drawings and lets git calls through.
    monkeypatch.setattr(layout_budget.subprocess, "run", counting_run)
    build_project(project)
    assert len(drawings) == 2
    build_project(project)
    assert len(drawings) == 2
    sop_file = project / "sops" / f"{DEMAK}.yaml"
    sop_file.write_text(
        sop_file.read_text(encoding="utf-8").replace(
            "Memverifikasi ke OPD terkait", "Memverifikasi ke OPD yang terkait"
        ),
        encoding="utf-8",
    )
    build_project(project)
    assert len(drawings) == 3


def break_sop(path: Path) -> None:
    """Make a SOP invalid: its step points at a step that does not exist."""
    text = path.read_text(encoding="utf-8")
    path.write_text(text.replace("ya: verifikasi", "ya: verifikasii"), encoding="utf-8")


def test_an_invalid_sop_stops_the_build_with_the_validate_report(
    tmp_path: Path, caplog: Any
) -> None:
    project = make_project(tmp_path / "project")
    break_sop(project / "sops" / f"{DEMAK}.yaml")
    with pytest.raises(Abort):
        build_project(project)
    old = Path.cwd()
    os.chdir(project)
    try:
        result = check_corpus(Path("sops").resolve())
    finally:
        os.chdir(old)
    assert result.error_count >= 1
    logged = "\n".join(record.getMessage() for record in caplog.records)
    codes = {d.code for d in result.diagnostics if d.is_error}
    for code in codes:
        assert code in logged
    assert "petunjuk:" in logged


def test_sopgen_build_reports_like_validate_and_exits_1(
    tmp_path: Path, monkeypatch: Any, capsys: Any
) -> None:
    project = make_project(tmp_path / "project")
    break_sop(project / "sops" / f"{DEMAK}.yaml")
    monkeypatch.chdir(project)
    assert sopgen_main(["validate", "sops"]) == 1
    validated = capsys.readouterr()
    report = (validated.out + validated.err).strip()
    assert "error SOP" in report and "petunjuk:" in report
    assert sopgen_main(["build", "sops", "-o", str(tmp_path / "site")]) == 1
    err = capsys.readouterr().err
    assert report in err
    assert "Traceback" not in err
    assert not (tmp_path / "site" / "sop").exists()


def test_sopgen_build_makes_a_complete_default_site(tmp_path: Path, monkeypatch: Any) -> None:
    project = make_project(tmp_path / "project")
    monkeypatch.chdir(project)
    assert sopgen_main(["build", "sops", "-o", "out"]) == 0
    home = read(project / "out", "index.html")
    assert 'lang="id"' in home
    assert "Buka daftar SOP" in home and 'href="sop/"' in home
    assert (project / "out" / "sop" / DEMAK / "index.html").is_file()
    assert (project / "out" / "search" / "search_index.json").is_file()
    # The drafting guide comes with every site, linked from the home page and the nav.
    guide = read(project / "out", "panduan/index.html")
    assert "Panduan menyusun SOP" in guide and "Mencetak SOP" in guide
    assert 'href="kunci/"' in guide and 'href="../schema/sop.schema.json"' in guide
    assert 'href="panduan/"' in home


def test_a_bodys_own_guide_stays(tmp_path: Path) -> None:
    project = make_project(tmp_path / "project")
    docs = project / "docs"
    (docs / "panduan").mkdir(parents=True)
    (docs / "panduan" / "index.md").write_text("# Panduan Kabupaten Uji\n\nIsi sendiri.\n",
                                               encoding="utf-8")
    config = site_config.default_config(project / "sops", docs, site_dir=project / "site",
                            cache_dir=project / "cache")
    mkdocs_config = load_config(config_file=str(site_config.write_config(config, project)))
    mkdocs_config.plugins.on_startup(command="build", dirty=False)
    build(mkdocs_config)
    guide = read(project / "site", "panduan/index.html")
    assert "Panduan Kabupaten Uji" in guide and "Panduan menyusun SOP" not in guide


def test_sopgen_build_without_the_folder_exits_2(tmp_path: Path, capsys: Any) -> None:
    assert sopgen_main(["build", str(tmp_path / "tidak-ada")]) == 2
    assert "tidak ditemukan" in capsys.readouterr().err


def test_sopgen_build_without_graphviz_exits_3(
    tmp_path: Path, monkeypatch: Any, capsys: Any
) -> None:
    project = make_project(tmp_path / "project")
    monkeypatch.setattr(site_config.shutil, "which", lambda name: None)
    assert sopgen_main(["build", str(project / "sops"), "-o", str(tmp_path / "s")]) == 3
    err = capsys.readouterr().err
    assert "Graphviz tidak terpasang" in err and "sudo apt-get install graphviz" in err


def test_a_disabled_plugin_does_nothing(tmp_path: Path) -> None:
    project = make_project(tmp_path / "project")
    break_sop(project / "sops" / f"{DEMAK}.yaml")
    config = project / "mkdocs.yml"
    config.write_text(
        config.read_text(encoding="utf-8").replace(
            "cache_dir: .cache/sopgen", "cache_dir: .cache/sopgen\n      enabled: false"
        ),
        encoding="utf-8",
    )
    site = build_project(project)
    assert (site / "index.html").is_file()
    assert not (site / "sop").exists()


def test_the_projects_own_site_builds_strictly(tmp_path: Path) -> None:
    site = tmp_path / "site"
    config = load_config(config_file=str(REPO / "mkdocs.yml"), site_dir=str(site), strict=True)
    config.plugins.on_startup(command="build", dirty=False)
    build(config)
    guide = read(site, "panduan/index.html")
    assert 'href="kunci/"' in guide
    assert 'href="../schema/sop.schema.json"' in guide
    assert (site / "sop" / "index.html").is_file()


# --- mkdocs serve ------------------------------------------------------------------------------


def _free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return int(probe.getsockname()[1])


def _wait_for(url: str, needle: str, deadline: float) -> str:
    """The page once it contains ``needle``; fails when the deadline passes first."""
    last = ""
    while time.monotonic() < deadline:
        try:
            with urllib.request.urlopen(url, timeout=5) as response:
                last = response.read().decode("utf-8")
        except (urllib.error.URLError, ConnectionError, TimeoutError):
            last = ""
        if needle in last:
            return last
        time.sleep(0.2)
    raise AssertionError(f"{url} never showed {needle!r}; last page: {last[:300]!r}")


def test_serve_survives_an_invalid_sop_and_recovers_on_the_fix(tmp_path: Path) -> None:
    project = make_project(tmp_path / "project", (DEMAK,))
    port = _free_port()
    server = subprocess.Popen(
        [sys.executable, "-m", "mkdocs", "serve", "-f", str(project / "mkdocs.yml"),
         "-a", f"127.0.0.1:{port}"],
        cwd=project,
        stdout=subprocess.DEVNULL,
        stderr=subprocess.PIPE,
    )
    url = f"http://127.0.0.1:{port}/sop/{DEMAK}/"
    sop_file = project / "sops" / f"{DEMAK}.yaml"
    good = sop_file.read_text(encoding="utf-8")
    try:
        deadline = time.monotonic() + 90
        _wait_for(url, "sopgen-procedure", deadline)
        break_sop(sop_file)
        broken = _wait_for(url, "sopgen-errors", deadline)
        assert "SOP3" in broken or "SOP2" in broken
        sop_file.write_text(good.replace("Memverifikasi ke OPD", "Memeriksa ke OPD"), "utf-8")
        fixed = _wait_for(url, "Memeriksa ke OPD", deadline)
        assert "sopgen-procedure" in fixed and "sopgen-errors" not in fixed
        assert server.poll() is None, "the server stopped"
    finally:
        server.terminate()
        try:
            _, err = server.communicate(timeout=20)
        except subprocess.TimeoutExpired:
            server.kill()
            _, err = server.communicate()
    assert b"Traceback" not in err


def test_logos_are_published_once_by_content_and_shown_in_the_identity_block(
    tmp_path: Path,
) -> None:
    project = make_project(tmp_path / "project")
    image = b'<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 10 10"><circle r="4"/></svg>'
    (project / "sops" / "lambang.svg").write_bytes(image)
    (project / "sops" / "salinan.svg").write_bytes(image)  # same picture under another name
    for sop_id, logo in ((DEMAK, "../lambang.svg"), (TABANAN, "../salinan.svg")):
        path = project / "sops" / f"{sop_id}.yaml"
        text = path.read_text(encoding="utf-8")
        path.write_text(text.replace("  nomor:", f"  logo: {logo}\n  nomor:", 1), "utf-8")
    site = build_project(project)
    published = sorted((site / "assets" / "sopgen" / "logo").iterdir())
    assert len(published) == 1 and published[0].read_bytes() == image
    for sop_id in (DEMAK, TABANAN):
        page = read(site, f"sop/{sop_id}/index.html")
        src = re.search(r'<img class="sopgen-logo" src="([^"]+)" alt="Logo ([^"]+)"', page)
        assert src is not None, sop_id
        assert (site / "sop" / sop_id / src.group(1)).resolve() == published[0].resolve()
        assert src.group(2).startswith("Pemerintah Kabupaten")
    plain = build_project(make_project(tmp_path / "tanpa"))
    assert 'class="sopgen-logo"' not in read(plain, f"sop/{DEMAK}/index.html")


def test_footer_404_and_search_speak_indonesian(built: Path) -> None:
    home = read(built, "index.html")
    assert "Made with" not in home and "Material for MkDocs" not in home
    assert "Diterbitkan dengan sopgen" in home
    assert 'placeholder="Cari"' in home
    missing = read(built, "404.html")
    assert "Halaman tidak ditemukan" in missing and "Not found" not in missing
    assert 'href="/sop/"' in missing  # the way back to the list
