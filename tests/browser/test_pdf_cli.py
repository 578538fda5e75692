"""``sopgen pdf`` end to end, the Buku SOP, the plugin option ``pdf: true``, and the error when
Chromium is missing. A small generated corpus keeps this quick (two SOPs of one work unit).

The command starts its own Playwright, which a thread already driving the shared browser
fixture cannot: each run goes to a thread of its own (`in_thread`)."""

from __future__ import annotations

import io
import re
from collections.abc import Callable
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path
from typing import Any, TypeVar

import pytest
import yaml
from print_stress import sop_data
from pypdf import PdfReader

from sopgen.cli import main
from sopgen.site.config import default_config, write_config

UNIT = "uji-buku"
T = TypeVar("T")


def in_thread(function: Callable[..., T], *args: Any) -> T:
    with ThreadPoolExecutor(max_workers=1) as pool:
        return pool.submit(function, *args).result()


def _steps(count: int, actor: str = "p1") -> list[dict[str, object]]:
    return [{"id": f"s{i}", "kegiatan": f"Kegiatan buku nomor {i} diperiksa", "pelaksana": actor,
             "waktu": "1 jam"} for i in range(1, count + 1)]


@pytest.fixture(scope="module")
def small_corpus(tmp_path_factory: pytest.TempPathFactory) -> Path:
    sops = tmp_path_factory.mktemp("buku") / "sops"
    (sops / UNIT).mkdir(parents=True)
    for number, (name, title, steps) in enumerate(
        (("surat-masuk", "Pengelolaan Surat Masuk", 4), ("surat-keluar", "Surat Keluar", 3)),
        start=10,
    ):
        data = sop_data(number, title, 2, _steps(steps))
        (sops / UNIT / f"{name}.yaml").write_text(yaml.safe_dump(data, sort_keys=False),
                                                  encoding="utf-8")
    return sops


def _text(pdf: PdfReader) -> list[str]:
    return [page.extract_text() for page in pdf.pages]


def test_pdf_and_book(small_corpus: Path, tmp_path: Path, capsys: pytest.CaptureFixture) -> None:
    out = tmp_path / "out"
    code = in_thread(main, ["pdf", str(small_corpus), "-o", str(out), "--kertas", "f4",
                            "--buku", "--tempat", "Tabanan"])
    err = capsys.readouterr().err
    assert code == 0, err
    assert f"2 PDF SOP dan 1 Buku SOP ditulis di {out}" in err
    assert "surat-masuk.pdf (" in err and " halaman)" in err
    first = PdfReader(out / UNIT / "surat-masuk.pdf")
    second = PdfReader(out / UNIT / "surat-keluar.pdf")
    assert first.metadata.title == "Pengelolaan Surat Masuk"
    assert first.metadata.author == "Bagian Uji Cetak, Pemerintah Kabupaten Uji"
    assert round(float(first.pages[0].mediabox.width)) == round(330 * 72 / 25.4)
    assert "Kegiatan buku nomor 4 diperiksa" in "".join(_text(first))

    book = PdfReader(out / f"buku-sop-{UNIT}.pdf")
    texts = _text(book)
    assert len(book.pages) == 3 + len(first.pages) + len(second.pages)
    assert "BUKU STANDAR OPERASIONAL PROSEDUR" in texts[0]
    assert "LEMBAR PENGESAHAN" in texts[1] and "Ditetapkan di Tabanan" in texts[1]
    assert "Drs. Penguji" in texts[1] and "12 Januari 2026" in texts[1]
    assert "DAFTAR ISI" in texts[2]
    # The daftar isi gives each SOP's first page in the book, in the book's order (by nomor).
    rows = re.findall(r"UJI/(\d+)/2026 (.+?) (\d+)\s*$", texts[2], flags=re.MULTILINE)
    assert [(n, int(p)) for n, _, p in rows] == [("10", 4), ("11", 4 + len(first.pages))]
    assert "Surat Keluar" in texts[3 + len(first.pages)]
    assert [item.title for item in book.outline] == [
        "UJI/10/2026 Pengelolaan Surat Masuk", "UJI/11/2026 Surat Keluar"]
    assert book.metadata.title == "Buku SOP Bagian Uji Cetak"


def test_pdf_in_english_on_request(
    small_corpus: Path, tmp_path: Path, capsys: pytest.CaptureFixture
) -> None:
    """--lang en: the command's own lines in English, the English option names; the printed
    form stays the Indonesian one."""
    out = tmp_path / "out"
    one = small_corpus / UNIT / "surat-keluar.yaml"
    code = in_thread(main, ["pdf", str(one), "-o", str(out), "--paper", "a4", "--lang", "en"])
    err = capsys.readouterr().err
    assert code == 0, err
    assert f"1 SOP PDFs and 0 Buku SOP written to {out}" in err
    assert re.search(r"surat-keluar\.pdf \(\d+ sheets\)", err), err
    assert "halaman" not in err and "ditulis" not in err
    assert "Kegiatan buku nomor 3 diperiksa" in "".join(_text(PdfReader(out / UNIT /
                                                                    "surat-keluar.pdf")))


@pytest.mark.parametrize(("lang", "expected"), [
    ("id", "paket Debian `chromium`"), ("en", "Install the Debian package `chromium`")])
def test_pdf_without_chromium(
    small_corpus: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch,
    capsys: pytest.CaptureFixture, lang: str, expected: str,
) -> None:
    monkeypatch.setenv("SOPGEN_CHROMIUM", str(tmp_path / "tidak-ada-chromium"))
    command = ["pdf", str(small_corpus), "-o", str(tmp_path / "out"), "--lang", lang]
    assert in_thread(main, command) == 3
    err = capsys.readouterr().err
    assert expected in err and "Traceback" not in err
    assert not (tmp_path / "out").exists()


@pytest.mark.parametrize(("lang", "expected"), [("id", "tidak ditemukan"), ("en", "no such path")])
def test_pdf_of_a_missing_path(
    tmp_path: Path, capsys: pytest.CaptureFixture, lang: str, expected: str
) -> None:
    missing = tmp_path / "tidak-ada"
    command = ["pdf", str(missing), "-o", str(tmp_path / "out"), "--lang", lang]
    assert in_thread(main, command) == 2
    assert f"{expected}: {missing.as_posix()}" in capsys.readouterr().err
    assert not (tmp_path / "out").exists()


@pytest.mark.parametrize(("lang", "expected"), [("id", "1 berkas diperiksa: 14 galat"),
                                              ("en", "1 file checked: 14 errors")])
def test_pdf_of_an_invalid_sop(
    tmp_path: Path, capsys: pytest.CaptureFixture, lang: str, expected: str
) -> None:
    sops = tmp_path / "sops" / UNIT
    sops.mkdir(parents=True)
    (sops / "rusak.yaml").write_text("versi_format: 1\nidentitas: {}\n", encoding="utf-8")
    command = ["pdf", str(tmp_path / "sops"), "-o", str(tmp_path / "out"), "--lang", lang]
    assert in_thread(main, command) == 1
    err = capsys.readouterr().err
    assert "rusak.yaml:" in err and expected in err


def test_plugin_option_pdf(small_corpus: Path, tmp_path: Path) -> None:
    from mkdocs.commands.build import build
    from mkdocs.config import load_config

    docs = tmp_path / "docs"
    docs.mkdir()
    config = default_config(small_corpus, docs, site_dir=tmp_path / "site",
                            cache_dir=tmp_path / "cache")
    config["plugins"][1]["sopgen"]["pdf"] = True
    config_file = write_config(config, tmp_path)
    stamps = []
    for _ in range(2):  # the second build prints nothing: every PDF comes from the cache
        mkdocs_config = load_config(config_file=str(config_file))
        mkdocs_config.plugins.on_startup(command="build", dirty=False)
        in_thread(build, mkdocs_config)
        cached = sorted((tmp_path / "cache" / "pdf").iterdir())
        assert len(cached) == 2
        stamps.append([(file.name, file.stat().st_mtime_ns) for file in cached])
    assert stamps[0] == stamps[1]
    page = tmp_path / "site" / "sop" / UNIT / "surat-masuk"
    html = (page / "index.html").read_text(encoding="utf-8")
    assert 'href="surat-masuk.pdf" download>Unduh PDF</a>' in html
    pdf = PdfReader(io.BytesIO((page / "surat-masuk.pdf").read_bytes()))
    assert pdf.metadata.title == "Pengelolaan Surat Masuk"


@pytest.mark.parametrize(("lang", "expected"), [
    ("id", "sopgen (opsi pdf): Peramban Chromium tidak ditemukan"),
    ("en", "sopgen (pdf option): The Chromium browser was not found")])
def test_plugin_option_pdf_without_chromium(
    small_corpus: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch, lang: str,
    expected: str, caplog: pytest.LogCaptureFixture,
) -> None:
    """The build stops with the plugin's error in the site's language and leaves no site."""
    from mkdocs.commands.build import build
    from mkdocs.config import load_config
    from mkdocs.exceptions import Abort

    monkeypatch.setenv("SOPGEN_CHROMIUM", str(tmp_path / "tidak-ada-chromium"))
    docs = tmp_path / "docs"
    docs.mkdir()
    config = default_config(small_corpus, docs, site_dir=tmp_path / "site",
                            cache_dir=tmp_path / "cache")
    config["plugins"][1]["sopgen"].update(pdf=True, lang=lang)
    mkdocs_config = load_config(config_file=str(write_config(config, tmp_path)))
    mkdocs_config.plugins.on_startup(command="build", dirty=False)
    with pytest.raises(Abort):
        in_thread(build, mkdocs_config)
    assert any(record.getMessage().startswith(expected) for record in caplog.records)
    assert not (tmp_path / "site").exists()
