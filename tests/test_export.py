"""`sopgen export`: what lands in the docs folder, how pages link, and what it never replaces."""

from __future__ import annotations

import re
from pathlib import Path

import pytest
import yaml

from sopgen.cli import main


@pytest.fixture
def repository(tmp_path: Path, monkeypatch: pytest.MonkeyPatch,
               capsys: pytest.CaptureFixture[str]) -> Path:
    assert main(["init", str(tmp_path)]) == 0
    monkeypatch.chdir(tmp_path)
    capsys.readouterr()
    return tmp_path


PAGE = "sop/bagian-umum/penerimaan-surat-masuk.md"


def test_export_writes_pages_assets_and_nav(repository: Path) -> None:
    assert main(["export", "keluar/docs"]) == 0
    docs = repository / "keluar" / "docs"
    for path in (PAGE, "sop/index.md", "panduan/kunci.md", "panduan/index.md",
                 "schema/sop.schema.json",
                 "sop/bagian-umum/penerimaan-surat-masuk.yaml", "assets/sopgen/swimlane.js",
                 "assets/sopgen/sopgen.css"):
        assert (docs / path).is_file(), path
    page = (docs / PAGE).read_text("utf-8")
    assert "<!--sopgen:" not in page  # every slot filled in
    assert 'class="sopgen-procedure' in page and "<svg" in page
    assert "data-sopgen-simulator" in page
    assert re.search(r"\n[ \t]*\n[ \t]*<(?!/)[^>]*>\n[^\n]", page)  # raw HTML blocks
    # File-relative links: from the page's own folder.
    assert 'src="../../assets/sopgen/swimlane.js"' in page
    assert 'href="penerimaan-surat-masuk.yaml"' in page
    index = (docs / "sop" / "index.md").read_text("utf-8")
    assert 'href="bagian-umum/penerimaan-surat-masuk.md"' in index
    nav = yaml.safe_load((repository / "keluar" / "sopgen-nav.yml").read_text("utf-8"))["nav"]
    assert nav[0]["Daftar SOP"][0] == "sop/index.md"
    assert nav[1:] == [{"Panduan": "panduan/index.md"}, {"Referensi kunci": "panduan/kunci.md"}]
    assert "Panduan menyusun SOP" in (docs / "panduan" / "index.md").read_text("utf-8")


def test_export_keeps_a_bodys_own_guide(repository: Path) -> None:
    mine = repository / "docs" / "panduan" / "index.md"
    mine.parent.mkdir(parents=True)
    mine.write_text("# Panduan kami\n", "utf-8")
    assert main(["export", "docs"]) == 0
    assert mine.read_text("utf-8") == "# Panduan kami\n"
    assert main(["export", "docs"]) == 0  # again: still the body's own
    assert mine.read_text("utf-8") == "# Panduan kami\n"


def test_url_links_for_engines_that_leave_raw_html_alone(repository: Path) -> None:
    assert main(["export", "docs", "--links", "url"]) == 0
    page = (repository / "docs" / PAGE).read_text("utf-8")
    assert 'src="../../../assets/sopgen/swimlane.js"' in page
    assert 'href="../penerimaan-surat-masuk.yaml"' in page


def test_export_never_replaces_a_page_of_the_users(
    repository: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    mine = repository / "docs" / "panduan" / "kunci.md"
    mine.parent.mkdir(parents=True)
    mine.write_text("# Kunci saya\n", "utf-8")
    assert main(["export", "docs"]) == 1
    err = capsys.readouterr().err
    assert "docs/panduan/kunci.md" in err and "tidak ada yang ditulis" in err
    assert mine.read_text("utf-8") == "# Kunci saya\n"
    assert not (repository / "docs" / "sop").exists()
    mine.unlink()
    assert main(["export", "docs"]) == 0
    assert main(["export", "docs"]) == 0  # its own earlier output is replaced


def test_export_of_invalid_sops_reports_and_writes_nothing(
    repository: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    sop = repository / "sops" / "bagian-umum" / "penerimaan-surat-masuk.yaml"
    sop.write_text(sop.read_text("utf-8").replace("waktu: 15 menit", "waktu: 15 jem"), "utf-8")
    assert main(["export", "keluar"]) == 1
    err = capsys.readouterr().err
    assert "SOP501" in err and "Mungkin maksud Anda `15 jam`?" in err
    assert not (repository / "keluar").exists()
