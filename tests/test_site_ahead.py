"""SOP pages written ahead in forked workers: the site of a one-process build, byte for byte."""

from __future__ import annotations

import json
import logging
import os
import re
import shutil
from concurrent.futures import ProcessPoolExecutor
from pathlib import Path
from typing import Any

import pytest
from mkdocs.commands.build import build
from mkdocs.config import load_config
from mkdocs.exceptions import Abort

from sopgen.corpus import check_corpus
from sopgen.site import ahead, parallel, serve
from test_site_finished import build_site, cold_site, files_of, generated_pages
from test_site_scale import DEMAK, make_project, sop_count


@pytest.fixture
def pools(monkeypatch: pytest.MonkeyPatch) -> list[int]:
    """Forking on (two workers, whatever the machine), every pool counted."""
    made: list[int] = []

    class CountingPool(ProcessPoolExecutor):
        def __init__(self, *args: Any, **kwargs: Any) -> None:
            made.append(kwargs.get("max_workers", 0))
            super().__init__(*args, **kwargs)

    monkeypatch.setattr(parallel, "workers", lambda: 2)
    monkeypatch.setattr(parallel, "ProcessPoolExecutor", CountingPool)
    # Idle threads other tests left (a served site, a browser driver) would keep the build
    # in one process; here the fork is what is being compared.
    monkeypatch.setattr(parallel.threading, "active_count", lambda: 1)
    return made


def test_pages_written_ahead_are_the_pages_of_a_one_process_build(
    tmp_path: Path, caplog: Any, pools: list[int], monkeypatch: pytest.MonkeyPatch
) -> None:
    root = make_project(tmp_path / "p", copies=3)
    # Hand-written pages in the nav whose titles come from their content: a worker must read
    # them before writing an SOP page, whose nav shows those titles.
    (root / "docs" / "index.md").write_text("# Beranda dari isi\n\nSelamat datang.\n", "utf-8")
    (root / "docs" / "tentang.md").write_text("---\ntitle: Tentang dari metadata\n---\n\nIsi.\n",
                                            "utf-8")
    with (root / "mkdocs.yml").open("a", encoding="utf-8") as config:
        config.write("nav:\n  - index.md\n  - tentang.md\n  - sop/index.md\n")
    monkeypatch.setattr(ahead, "AHEAD_FROM", 10**6)
    alone = cold_site(root, caplog, "alone")
    page = next(name for name in alone if name.startswith("sop/") and "salinan-1" in name)
    assert b"Beranda dari isi" in alone[page] and b"Tentang dari metadata" in alone[page]
    assert pools == [2]  # pages rendered; none written ahead

    monkeypatch.setattr(ahead, "AHEAD_FROM", 2)
    pools.clear()
    both = cold_site(root, caplog, "ahead")  # nothing counted as coming from the cache
    assert pools == [2, 2]  # ... and the SOP pages written by two workers
    assert both.keys() == alone.keys()
    assert [name for name in alone if both[name] != alone[name]] == []
    index = json.loads(both["search/search_index.json"])
    assert any("Memverifikasi ke OPD terkait" in doc["text"] for doc in index["docs"])

    # What the workers stored is whole: the next build takes every page from the cache.
    assert build_site(root, caplog, root / "warm") == generated_pages(sop_count() + 3)
    warm = files_of(root / "warm")
    assert [name for name in alone if warm[name] != alone[name]] == []


@pytest.mark.parametrize("how", ["raises", "kills its worker"])
def test_a_page_that_fails_in_a_worker_is_written_by_mkdocs(
    tmp_path: Path, caplog: Any, pools: list[int], monkeypatch: pytest.MonkeyPatch, how: str
) -> None:
    root = make_project(tmp_path / "p", copies=2)
    monkeypatch.setattr(ahead, "AHEAD_FROM", 10**6)
    alone = cold_site(root, caplog, "alone")
    monkeypatch.setattr(ahead, "AHEAD_FROM", 2)
    real = ahead._build_page

    def failing(page: Any, *args: Any, **kwargs: Any) -> None:
        if "salinan-1" in page.url:
            if how == "raises":
                raise RuntimeError("a worker's failure")
            os._exit(1)  # as the kernel's out-of-memory killer would
        real(page, *args, **kwargs)

    monkeypatch.setattr(ahead, "_build_page", failing)
    both = cold_site(root, caplog, "ahead")
    if how == "raises":
        assert "1 halaman SOP ditulis ulang tanpa paralel" in caplog.text
    else:  # the pages from the dead worker's on are left to MkDocs
        assert re.search(r"\d+ halaman SOP ditulis ulang tanpa paralel", caplog.text)
    assert [name for name in alone if both[name] != alone[name]] == []
    assert both.keys() == alone.keys()


def test_an_unknown_search_index_keeps_mkdocs_writing(monkeypatch: pytest.MonkeyPatch) -> None:
    class Plugins(dict[str, Any]):
        pass

    class Config:
        plugins = Plugins(search=type("Search", (), {"search_index": object()})())

    assert ahead.search_entries(Config()) is ahead._UNKNOWN  # type: ignore[arg-type]
    assert ahead.search_entries(type("C", (), {"plugins": Plugins()})()) is None  # type: ignore[arg-type]


def test_what_a_worker_logs_is_logged_by_the_build_and_counts_in_strict_mode(
    tmp_path: Path, caplog: Any, pools: list[int], monkeypatch: pytest.MonkeyPatch
) -> None:
    root = make_project(tmp_path / "p", copies=2)
    monkeypatch.setattr(ahead, "AHEAD_FROM", 2)
    real = ahead._build_page

    def warning(page: Any, *args: Any, **kwargs: Any) -> None:
        if "salinan-1" in page.url:
            logging.getLogger("mkdocs.plugins.uji").warning("peringatan dari pekerja")
        real(page, *args, **kwargs)

    monkeypatch.setattr(ahead, "_build_page", warning)
    cold_site(root, caplog, "ahead")
    assert pools == [2, 2]
    assert caplog.text.count("peringatan dari pekerja") == 1

    shutil.rmtree(root / ".cache")
    config = load_config(config_file=str(root / "mkdocs.yml"), site_dir=str(root / "strict"),
                         strict=True)
    config.plugins.on_startup(command="build", dirty=False)
    try:
        with pytest.raises(Abort, match="1 warnings"):
            build(config)
    finally:
        config.plugins.on_shutdown()


def test_a_servers_first_build_writes_ahead_and_its_rebuilds_follow_edits(
    tmp_path: Path, caplog: Any, pools: list[int], monkeypatch: pytest.MonkeyPatch
) -> None:
    root = make_project(tmp_path / "p", copies=3)

    def served(name: str) -> dict[str, bytes]:
        """A new server's first (dirty) build, with no cache, into ``name``."""
        for state, fresh in (("_written", {}), ("_search", {}), ("_fingerprint", []),
                             ("checks", {})):
            monkeypatch.setattr(serve, state, fresh)
        shutil.rmtree(root / ".cache", ignore_errors=True)
        config = load_config(config_file=str(root / "mkdocs.yml"), site_dir=str(root / name))
        if "material/search" in config.plugins:
            config.plugins["material/search"].search_index_prev = None  # type: ignore[attr-defined]
        config.plugins.on_startup(command="serve", dirty=True)
        with caplog.at_level(logging.INFO, logger="mkdocs"):
            build(config, serve_url="http://127.0.0.1:8000/", dirty=True)
        return files_of(root / name)

    monkeypatch.setattr(ahead, "AHEAD_FROM", 10**6)
    alone = served("alone")
    assert pools == [2]
    monkeypatch.setattr(ahead, "AHEAD_FROM", 2)
    pools.clear()
    both = served("ahead")
    assert pools == [2, 2]  # rendered, then written ahead
    assert both.keys() == alone.keys()
    assert [name for name in alone if both[name] != alone[name]] == []

    # The server's rebuild after a save (same process, dirty): the one page, in the same way.
    sop_file = root / "sops" / f"{DEMAK}.yaml"
    sop_file.write_text(sop_file.read_text("utf-8").replace(
        "Memverifikasi ke OPD terkait", "Memverifikasi ke OPD yang baru"), "utf-8")
    config = load_config(config_file=str(root / "mkdocs.yml"), site_dir=str(root / "ahead"))
    config.plugins.on_startup(command="serve", dirty=True)
    caplog.clear()
    with caplog.at_level(logging.INFO, logger="mkdocs"):
        build(config, serve_url="http://127.0.0.1:8000/", dirty=True)
    assert "1 dibuat ulang" in caplog.text
    page = (root / "ahead" / "sop" / DEMAK / "index.html").read_text("utf-8")
    assert "Memverifikasi ke OPD yang baru" in page and "Memverifikasi ke OPD terkait" not in page
    index = json.loads((root / "ahead" / "search" / "search_index.json").read_text("utf-8"))
    assert any("OPD yang baru" in doc["text"] for doc in index["docs"])
    located = {doc["location"].split("#")[0] for doc in index["docs"]}
    for sop in check_corpus(root / "sops").sops:  # every SOP page still found
        assert f"sop/{sop.id}/" in located
