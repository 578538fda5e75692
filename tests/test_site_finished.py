"""Finished pages: a rebuild writes the bytes a cold build writes, search index included, while
taking unchanged generated pages whole from the cache; anything a page shows invalidates it.
Also the stored file checks and the garbage collector around a build."""

from __future__ import annotations

import gc
import json
import logging
import re
import shutil
from pathlib import Path
from typing import Any

import pytest
from mkdocs.commands.build import build
from mkdocs.config import load_config

from sopgen.check.stored import StoredChecks
from sopgen.corpus import check_corpus
from sopgen.site import finished
from sopgen.site.lists import group
from test_site_scale import DEMAK, MKDOCS_YML, REAL_SOPS, make_project, sop_count

FINISHED = re.compile(r"(\d+) halaman jadi dari cache")


def build_site(root: Path, caplog: Any, site: Path) -> int:
    """Build into ``site``; how many pages came whole from the finished-page cache."""
    caplog.clear()
    config = load_config(config_file=str(root / "mkdocs.yml"), site_dir=str(site))
    # MkDocs keeps plugin objects for the whole process; after another test's dirty serve
    # build, Material's search plugin would add that build's entries to this index.
    if "material/search" in config.plugins:
        config.plugins["material/search"].search_index_prev = None  # type: ignore[attr-defined]
    config.plugins.on_startup(command="build", dirty=False)
    try:
        with caplog.at_level(logging.INFO, logger="mkdocs"):
            build(config)
    finally:
        config.plugins.on_shutdown()
    counts = [FINISHED.search(r.getMessage()) for r in caplog.records]
    found = [int(m.group(1)) for m in counts if m]
    assert len(found) == 1
    return found[0]


def files_of(site: Path) -> dict[str, bytes]:
    return {p.relative_to(site).as_posix(): p.read_bytes()
            for p in sorted(site.rglob("*")) if p.is_file()}


def cold_site(root: Path, caplog: Any, name: str) -> dict[str, bytes]:
    """What a build with no cache at all writes for the project as it is now."""
    shutil.rmtree(root / ".cache", ignore_errors=True)
    assert build_site(root, caplog, root / name) == 0
    return files_of(root / name)


def generated_pages(count: int) -> int:
    """SOP pages plus the list pages of the real corpus: all SOPs, each body, each unit."""
    bodies = group(check_corpus(REAL_SOPS).sops)
    return count + 1 + len(bodies) + sum(len(body.units) for body in bodies)


def test_a_warm_build_writes_the_bytes_of_a_cold_one(tmp_path: Path, caplog: Any) -> None:
    root = make_project(tmp_path / "p")
    cold = cold_site(root, caplog, "cold")
    hits = build_site(root, caplog, root / "warm")
    assert hits == generated_pages(sop_count())  # every generated page came whole
    warm = files_of(root / "warm")
    assert warm.keys() == cold.keys()
    assert [name for name in cold if warm[name] != cold[name]] == []
    index = json.loads(warm["search/search_index.json"])
    assert any("Memverifikasi ke OPD terkait" in doc["text"] for doc in index["docs"])


def test_one_changed_sop_is_the_only_sop_page_built_again(tmp_path: Path, caplog: Any) -> None:
    root = make_project(tmp_path / "p")
    build_site(root, caplog, root / "site")
    sop_file = root / "sops" / f"{DEMAK}.yaml"
    sop_file.write_text(sop_file.read_text("utf-8").replace(
        "Memverifikasi ke OPD terkait", "Memverifikasi ke OPD yang baru"), "utf-8")
    compiled = root / ".cache" / "sopgen" / "jinja"
    assert any(compiled.iterdir())  # the theme's templates, compiled by the first build
    hits = build_site(root, caplog, root / "site")
    # The changed SOP's page is built again (with the templates compiled by the first build);
    # no list shows that step, so every list is kept.
    assert hits == generated_pages(sop_count()) - 1
    page = (root / "site" / "sop" / DEMAK / "index.html").read_text("utf-8")
    assert "OPD yang baru" in page
    warm = files_of(root / "site")
    assert warm == cold_site(root, caplog, "cold")


def test_a_renamed_sop_rebuilds_its_page_and_the_lists_showing_it(
    tmp_path: Path, caplog: Any
) -> None:
    root = make_project(tmp_path / "p")
    build_site(root, caplog, root / "site")
    sop_file = root / "sops" / f"{DEMAK}.yaml"
    sop_file.write_text(sop_file.read_text("utf-8").replace(
        "nama: Layanan Aduan Masyarakat Kabupaten Demak", "nama: Layanan Aduan Warga Demak"),
        "utf-8")
    hits = build_site(root, caplog, root / "site")
    # its page, the page linking to it by name, and the lists of everything, its body, its unit
    assert generated_pages(sop_count()) - hits >= 4
    assert "Layanan Aduan Warga Demak" in (root / "site" / "sop" / "index.html").read_text("utf-8")
    assert files_of(root / "site") == cold_site(root, caplog, "cold")


@pytest.mark.parametrize("change", [
    ("site_name: Uji skala", "site_name: Nama situs yang lain"),  # shown in every page's header
    ("features: [navigation.sections, navigation.indexes, navigation.prune]",
     "features: [navigation.sections, navigation.indexes]"),  # the nav every page prints
    ("site_name: Uji skala\n", "site_name: Uji skala\ncopyright: Hak cipta Pemda\n"),  # footer
    ("plugins:\n", "extra:\n  generator: true\nplugins:\n"),  # Material's "Made with" line
])
def test_what_every_page_shows_invalidates_every_page(
    tmp_path: Path, caplog: Any, change: tuple[str, str]
) -> None:
    root = make_project(tmp_path / "p")
    build_site(root, caplog, root / "site")
    config = root / "mkdocs.yml"
    assert change[0] in config.read_text("utf-8")
    config.write_text(config.read_text("utf-8").replace(*change), "utf-8")
    assert build_site(root, caplog, root / "site") == 0
    assert files_of(root / "site") == cold_site(root, caplog, "cold")


def test_a_new_body_changes_the_nav_of_every_page(tmp_path: Path, caplog: Any) -> None:
    root = make_project(tmp_path / "p")
    build_site(root, caplog, root / "site")
    text = (root / "sops" / f"{DEMAK}.yaml").read_text("utf-8")
    new = root / "sops" / "badan-baru" / "aduan.yaml"
    new.parent.mkdir()
    new.write_text(text.replace("DINKOMINFO/4/1/32/2020", "BARU/1/2026").replace(
        "Pemerintah Kabupaten Demak", "Pemerintah Kota Baru"), "utf-8")
    assert build_site(root, caplog, root / "site") == 0
    assert "Pemerintah Kota Baru" in (root / "site" / "sop" / DEMAK / "index.html").read_text(
        "utf-8")


def test_a_hand_written_page_title_in_the_nav_invalidates(tmp_path: Path, caplog: Any) -> None:
    root = make_project(tmp_path / "p")
    (root / "docs" / "index.md").write_text("# Beranda\n", encoding="utf-8")
    build_site(root, caplog, root / "site")
    (root / "docs" / "index.md").write_text("# Beranda yang baru\n", encoding="utf-8")
    assert build_site(root, caplog, root / "site") == 0
    page = (root / "site" / "sop" / DEMAK / "index.html").read_text("utf-8")
    assert "Beranda yang baru" in page  # the nav of an SOP page names the home page


def test_an_unknown_plugin_turns_finished_pages_off(tmp_path: Path) -> None:
    root = make_project(tmp_path / "p")
    plain = load_config(config_file=str(root / "mkdocs.yml"))
    assert finished.site_fingerprint(plain, _files(plain)) is not None
    (root / "mkdocs.yml").write_text(MKDOCS_YML.replace("  - search\n", "  - search\n  - tags\n"),
                                     "utf-8")
    tagged = load_config(config_file=str(root / "mkdocs.yml"))
    assert finished.site_fingerprint(tagged, _files(tagged)) is None


def _files(config: Any) -> Any:
    from mkdocs.structure.files import get_files

    return get_files(config)


def test_unused_entries_are_pruned_after_a_build(tmp_path: Path, caplog: Any) -> None:
    root = make_project(tmp_path / "p")
    build_site(root, caplog, root / "site")
    folder = root / ".cache" / "sopgen" / finished.FOLDER
    entries = len(list(folder.iterdir()))
    config = root / "mkdocs.yml"
    config.write_text(config.read_text("utf-8").replace("Uji skala", "Uji lagi"), "utf-8")
    build_site(root, caplog, root / "site")
    assert len(list(folder.iterdir())) == entries  # the old site's entries are gone


def test_the_collector_is_back_as_it_was_after_a_build(tmp_path: Path, caplog: Any) -> None:
    root = make_project(tmp_path / "p")
    assert gc.isenabled()
    build_site(root, caplog, root / "site")
    assert gc.isenabled() and gc.get_freeze_count() == 0


# --- stored checks -------------------------------------------------------------------------


def _summary(result: Any) -> list[tuple[str, Any, list[str]]]:
    return [(r.file, r.sop, [f"{d.code}:{d.line}:{d.column}" for d in r.diagnostics])
            for r in result.files]


def test_stored_checks_give_what_a_fresh_check_gives(tmp_path: Path) -> None:
    root = make_project(tmp_path / "p")
    sops, store = root / "sops", tmp_path / "checks"
    broken = sops / "diskominfo-demak" / "rusak.yaml"
    broken.write_text("identitas: [tidak, lengkap\n", encoding="utf-8")
    fresh = check_corpus(sops)
    first = StoredChecks(store)
    assert _summary(check_corpus(sops, store=first)) == _summary(fresh)
    assert first.changed
    first.save()
    assert len(list(first.folder.iterdir())) == len(fresh.files)
    second = StoredChecks(store)
    assert _summary(check_corpus(sops, store=second)) == _summary(fresh)
    assert not second.changed and len(second.used) == len(fresh.files)  # all from the store


def test_a_changed_file_is_checked_again(tmp_path: Path) -> None:
    root = make_project(tmp_path / "p")
    sops, store_folder = root / "sops", tmp_path / "checks"
    store = StoredChecks(store_folder)
    check_corpus(sops, store=store)
    store.save()
    sop_file = sops / f"{DEMAK}.yaml"
    sop_file.write_text(sop_file.read_text("utf-8").replace("nomor: ", "nomor_salah: ", 1),
                        "utf-8")
    again = StoredChecks(store_folder)
    result = check_corpus(sops, store=again)
    assert len(again.added) == 1  # the changed file only
    problems = [d.code for r in result.files if r.file.endswith("layanan-aduan-masyarakat.yaml")
                for d in r.diagnostics]
    assert problems and _summary(result) == _summary(check_corpus(sops))
    again.save()  # the old version's check is removed with it
    assert len(list(again.folder.iterdir())) == len(result.files)


@pytest.mark.parametrize("content", [b"", b"bukan pickle", b"\x80\x05K\x01."])
def test_an_unreadable_entry_counts_as_missing(tmp_path: Path, content: bytes) -> None:
    root = make_project(tmp_path / "p")
    store = StoredChecks(tmp_path / "checks")
    check_corpus(root / "sops", store=store)
    store.save()
    for entry in store.folder.iterdir():
        entry.write_bytes(content)
    again = StoredChecks(tmp_path / "checks")
    assert _summary(check_corpus(root / "sops", store=again)) == _summary(
        check_corpus(root / "sops"))
    assert not again.used and again.changed


def test_a_store_of_other_code_is_dropped(tmp_path: Path, monkeypatch: Any) -> None:
    root = make_project(tmp_path / "p")
    store = StoredChecks(tmp_path / "checks")
    check_corpus(root / "sops", store=store)
    store.save()
    monkeypatch.setattr("sopgen.check.stored.code_digest", lambda: "kode lain")
    other = StoredChecks(tmp_path / "checks")
    check_corpus(root / "sops", store=other)
    assert not other.used
    other.save()
    assert [p.name for p in (tmp_path / "checks").iterdir()] == [other.stamp]


def test_without_a_search_plugin_pages_are_kept_too(tmp_path: Path, caplog: Any) -> None:
    root = make_project(tmp_path / "p")
    (root / "mkdocs.yml").write_text(MKDOCS_YML.replace("  - search\n", ""), "utf-8")
    cold = cold_site(root, caplog, "cold")
    assert "search/search_index.json" not in cold
    assert build_site(root, caplog, root / "warm") == generated_pages(sop_count())
    assert files_of(root / "warm") == cold


def test_serve_rebuilds_leave_the_collector_running_and_collect_when_idle(
    tmp_path: Path, caplog: Any
) -> None:
    from sopgen.site import collector
    from test_site_scale import build_project

    root = make_project(tmp_path / "p")
    build_project(root, caplog, command="serve", dirty=True, site=tmp_path / "served")
    assert gc.isenabled() and gc.get_freeze_count() == 0
    assert len(collector._idle) == 1  # one collection pending, after the rebuild
    first = collector._idle[0]
    collector.collect_when_idle(60)  # another rebuild: the pending one is replaced
    assert len(collector._idle) == 1 and collector._idle[0] is not first
    assert first.finished.is_set()  # cancelled
    collector._idle[0].cancel()
