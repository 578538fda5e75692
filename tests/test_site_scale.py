"""Scaling of the site build: page cache hits and misses, a nav that does not grow with the corpus,
progress and summary lines, parallel rendering equal to serial, and dirty serve rebuilds."""

from __future__ import annotations

import json
import logging
import re
import shutil
from pathlib import Path
from typing import Any

from mkdocs.commands.build import build
from mkdocs.config import load_config

from sopgen.calendar.file import calendar_for_corpus
from sopgen.corpus import check_corpus
from sopgen.render.diagram import diagram_dot, render_svg, svg_cache_file
from sopgen.render.templates import default_template_dir
from sopgen.site import finished, parallel
from sopgen.site.builder import PageBuilder
from sopgen.site.pages import PageLinks
from sopgen.site.render_parts import RenderSettings, page_facts

REPO = Path(__file__).resolve().parents[1]
REAL_SOPS = REPO / "sops"
DEMAK = "diskominfo-demak/layanan-aduan-masyarakat"
SUMMARY = re.compile(
    r"(\d+) SOP diperiksa, (\d+) halaman SOP ditulis, (\d+) dibuat ulang, (\d+) dari cache, "
    r"(\d+) diagram dari cache"
)
MKDOCS_YML = """\
site_name: Uji skala
theme:
  name: material
  language: id
  font: false
  features: [navigation.sections, navigation.indexes, navigation.prune]
plugins:
  - search
  - sopgen:
      cache_dir: .cache/sopgen
      template_dir: templates
"""


def make_project(root: Path, copies: int = 0) -> Path:
    """The real corpus and calendar, plus ``copies`` extra SOPs in the Demak unit."""
    shutil.copytree(REAL_SOPS, root / "sops")
    (root / "docs").mkdir()
    (root / "templates").mkdir()
    (root / "mkdocs.yml").write_text(MKDOCS_YML, encoding="utf-8")
    original = (REAL_SOPS / f"{DEMAK}.yaml").read_text(encoding="utf-8")
    for number in range(copies):
        text = original.replace("DINKOMINFO/4/1/32/2020", f"DINKOMINFO/9/{number}/2020").replace(
            "nama: Layanan Aduan Masyarakat Kabupaten Demak", f"nama: Salinan Aduan {number}")
        (root / "sops" / "diskominfo-demak" / f"salinan-{number}.yaml").write_text(text, "utf-8")
    return root


def build_project(root: Path, caplog: Any, *, command: str = "build", dirty: bool = False,
                  site: Path | None = None) -> tuple[int, ...]:
    """Build; the numbers of the summary line (SOPs, written, rendered, cached, diagrams)."""
    caplog.clear()
    config = load_config(config_file=str(root / "mkdocs.yml"), site_dir=str(site or root / "site"))
    config.plugins.on_startup(command=command, dirty=dirty)
    with caplog.at_level(logging.INFO, logger="mkdocs"):
        if command == "serve":
            build(config, serve_url="http://127.0.0.1:8000/", dirty=dirty)
        else:
            build(config)
    found = [SUMMARY.search(record.getMessage()) for record in caplog.records]
    summaries = [match for match in found if match]
    assert len(summaries) == 1
    return tuple(int(number) for number in summaries[0].groups())


def sop_count() -> int:
    return len(check_corpus(REAL_SOPS).sops)


def test_cache_hits_misses_and_invalidation(tmp_path: Path, caplog: Any) -> None:
    root = make_project(tmp_path / "p")
    count = sop_count()
    assert build_project(root, caplog) == (count, count, count, 0, 0)
    assert build_project(root, caplog) == (count, count, 0, count, count)
    sop_file = root / "sops" / f"{DEMAK}.yaml"
    sop_file.write_text(sop_file.read_text("utf-8").replace(
        "Memverifikasi ke OPD terkait", "Memverifikasi ke OPD yang terkait"), "utf-8")
    assert build_project(root, caplog)[2] == 1
    # the calendar feeds every simulation: all pages again
    calendar = root / "sops" / "kalender.yaml"
    calendar.write_text(calendar.read_text("utf-8") + "\n# perubahan\n", "utf-8")
    assert build_project(root, caplog)[2] == count
    # so do the templates (a body's override of one partial)
    partial = next((default_template_dir()).glob("*.j2"))
    shutil.copyfile(partial, root / "templates" / partial.name)
    with (root / "templates" / partial.name).open("a", encoding="utf-8") as stream:
        stream.write("{# diubah #}\n")
    assert build_project(root, caplog)[2] == count
    assert build_project(root, caplog)[2] == 0


def nav_of(page: str) -> str:
    start = page.index('<nav class="md-nav md-nav--primary"')
    return page[start : page.index("</nav>", start)]


def test_nav_size_does_not_grow_with_the_number_of_sops(tmp_path: Path, caplog: Any) -> None:
    sizes = []
    for copies in (1, 12):
        root = make_project(tmp_path / f"p{copies}", copies)
        build_project(root, caplog)
        page = (root / "site" / "sop" / DEMAK / "index.html").read_text("utf-8")
        nav = nav_of(page)
        assert "Salinan Aduan" not in nav  # no SOP is listed in the nav ...
        assert "Dinas Komunikasi dan Informatika" in nav  # ... its body's units are
        sizes.append(len(nav))
        unit = next((root / "site" / "sop" / "daftar").rglob("dinas-komunikasi*/index.html"))
        assert unit.read_text("utf-8").count("Salinan Aduan") == copies  # the unit page lists them
    assert sizes[0] == sizes[1]
    assert "sopgen:cari" not in page and 'class="sopgen-procedure"' in page


def test_search_gets_the_words_of_the_blocks_not_their_markup() -> None:
    from sopgen.site.render_parts import search_text

    block = ('<table class="x"><tr><td data-step="a">Menerima &amp; memeriksa</td></tr></table>'
             '<svg class="sopgen-arrows"><text>Ya</text></svg><div>Surat</div>')
    assert search_text(block) == "<p>Menerima &amp; memeriksa Surat</p>"


def test_progress_lines_on_long_builds(tmp_path: Path, caplog: Any, monkeypatch: Any) -> None:
    monkeypatch.setattr("sopgen.site.build_log.PROGRESS_EVERY", 3)
    root = make_project(tmp_path / "p", copies=4)
    count = build_project(root, caplog)[0]
    messages = [record.getMessage() for record in caplog.records]
    assert f"sopgen: 3/{count} halaman SOP dibuat" in messages
    assert f"sopgen: 3/{count} halaman SOP ditulis" in messages
    assert f"sopgen: {count} dari {count} halaman SOP perlu dibuat (0 dari cache)" in messages


def test_progress_and_summary_in_english_on_request(
    tmp_path: Path, caplog: Any, monkeypatch: Any
) -> None:
    monkeypatch.setattr("sopgen.site.build_log.PROGRESS_EVERY", 3)
    root = make_project(tmp_path / "p", copies=4)
    config = root / "mkdocs.yml"
    config.write_text(config.read_text("utf-8") + "      lang: en\n", "utf-8")
    caplog.clear()
    mkdocs_config = load_config(config_file=str(config), site_dir=str(root / "site"))
    mkdocs_config.plugins.on_startup(command="build", dirty=False)
    with caplog.at_level(logging.INFO, logger="mkdocs"):
        build(mkdocs_config)
    messages = [record.getMessage() for record in caplog.records if "sopgen" in record.name]
    count = len(list((root / "sops").rglob("*.yaml"))) - 1  # the calendar is no SOP
    assert f"sopgen: {count} of {count} SOP pages to render (0 from the cache)" in messages
    assert f"sopgen: 3/{count} SOP pages rendered" in messages
    assert f"sopgen: 3/{count} SOP pages written" in messages
    assert any(m.startswith(f"sopgen: {count} SOPs checked, {count} SOP pages written, "
                            f"{count} rendered, 0 from the cache") for m in messages), messages
    assert not any("halaman" in m or "diperiksa" in m for m in messages), messages


def render_corpus(cache_dir: Path, *, parallel_render: bool) -> dict[str, tuple[str, str]]:
    result = check_corpus(REAL_SOPS)
    calendar, _ = calendar_for_corpus(REAL_SOPS)
    settings = RenderSettings(calendar, cache_dir, None)
    log = logging.getLogger("test")
    pages = PageBuilder(settings, calendar_file=REAL_SOPS / "kalender.yaml", log=log,
                        parallel=parallel_render)
    links = PageLinks(link_for=lambda i: f"../{i}/", title_for=lambda i: i, source_url="x.yaml",
                      source_path="sops/x.yaml")
    prepared = pages.prepare([(sop, page_facts(sop, links, None)) for sop in result.sops])
    assert pages.stats.rendered == len(result.sops)
    return {
        p.key: (Path(str(p.markdown_file)).read_text("utf-8"),
                pages.fill_output(p, pages.fill_content(p, "<!--sopgen:blok-0-->|")
                                  + "<!--sopgen:diagram-alir--><!--sopgen:simulasi-->"))
        for p in prepared
    }


def test_parallel_rendering_gives_the_bytes_of_serial(tmp_path: Path, monkeypatch: Any) -> None:
    from concurrent.futures import ProcessPoolExecutor

    pools: list[int] = []

    class CountingPool(ProcessPoolExecutor):
        def __init__(self, *args: Any, **kwargs: Any) -> None:
            pools.append(kwargs.get("max_workers", 0))
            super().__init__(*args, **kwargs)

    monkeypatch.setattr(parallel, "PARALLEL_FROM", 2)
    monkeypatch.setattr(parallel, "workers", lambda: 2)
    monkeypatch.setattr(parallel, "ProcessPoolExecutor", CountingPool)
    # Idle threads other tests of the session left (a served site, a browser driver) would send
    # the renderer down its safe serial path; here the fork is what is being compared.
    monkeypatch.setattr(parallel.threading, "active_count", lambda: 1)
    serial = render_corpus(tmp_path / "serial", parallel_render=False)
    assert pools == []
    both = render_corpus(tmp_path / "parallel", parallel_render=True)
    assert pools == [2]  # batches of pages (DOT sources, Graphviz, pages) on two workers
    assert serial == both
    assert all("<svg" in page for _, page in serial.values())


def test_batched_graphviz_draws_what_single_runs_draw(tmp_path: Path) -> None:
    dots = [diagram_dot(sop) for sop in check_corpus(REAL_SOPS).sops]
    assert parallel.draw_diagrams(dots, tmp_path / "batched") == 0
    assert parallel.draw_diagrams(dots, tmp_path / "batched") == len(dots)
    for dot in dots:
        single = render_svg(dot, None)
        assert svg_cache_file(dot, tmp_path / "batched").read_text("utf-8") == single


def test_dirty_serve_rewrites_only_the_changed_page(
    tmp_path: Path, caplog: Any, monkeypatch: Any
) -> None:
    import jinja2

    root = make_project(tmp_path / "p")
    site = tmp_path / "served"
    count = sop_count()
    build_project(root, caplog, command="serve", dirty=True, site=site)
    compiled: list[str | None] = []
    real_compile = jinja2.Environment.compile

    def counting_compile(self: Any, source: Any, name: str | None = None, *a: Any, **k: Any) -> Any:
        compiled.append(name)
        return real_compile(self, source, name, *a, **k)

    monkeypatch.setattr(jinja2.Environment, "compile", counting_compile)
    pages = {p: p.stat().st_mtime_ns for p in (site / "sop").rglob("index.html")}
    sop_file = root / "sops" / f"{DEMAK}.yaml"
    sop_file.write_text(sop_file.read_text("utf-8").replace(
        "Memverifikasi ke OPD terkait", "Memverifikasi ke OPD yang baru"), "utf-8")
    rebuilt = build_project(root, caplog, command="serve", dirty=True, site=site)
    assert rebuilt[:3] == (count, 1, 1)
    # The theme's templates were compiled by the first build only (but the language partials,
    # which the search plugin loads before sopgen's on_config can share the compiled ones).
    # sopgen's own empty template for finished pages is made anew with each environment.
    assert [name for name in compiled
            if "language" not in str(name) and name != finished.TEMPLATE] == []
    changed = [p for p, mtime in pages.items() if p.stat().st_mtime_ns != mtime]
    changed_sops = [p for p in changed if len(p.relative_to(site).parts) == 4]  # sop/a/b/index
    assert changed_sops == [site / "sop" / DEMAK / "index.html"]
    assert site / "sop" / "index.html" not in changed  # the list did not change: not rewritten
    assert "OPD yang baru" in (site / "sop" / DEMAK / "index.html").read_text("utf-8")
    # search still finds every SOP, the skipped ones included
    index = json.loads((site / "search" / "search_index.json").read_text("utf-8"))
    located = {doc["location"].split("#")[0] for doc in index["docs"]}
    for sop in check_corpus(root / "sops").sops:
        assert f"sop/{sop.id}/" in located
    assert any("OPD yang baru" in doc["text"] for doc in index["docs"])


def test_serve_rechecks_only_the_saved_file(tmp_path: Path, monkeypatch: Any) -> None:
    from sopgen.check import file as file_check

    shutil.copytree(REAL_SOPS, tmp_path / "sops")
    loads: list[Path] = []
    real_load = file_check.load_document

    def counting_load(path: Path, *args: Any, **kwargs: Any) -> Any:
        loads.append(Path(path))
        return real_load(path, *args, **kwargs)

    monkeypatch.setattr(file_check, "load_document", counting_load)
    memo: file_check.CheckMemo = {}
    first = check_corpus(tmp_path / "sops", memo)
    assert len(loads) == len(first.files)
    again = check_corpus(tmp_path / "sops", memo)
    assert len(loads) == len(first.files)  # nothing read again
    assert [f.sop for f in again.files] == [f.sop for f in first.files]
    sop_file = tmp_path / "sops" / f"{DEMAK}.yaml"
    sop_file.write_text(sop_file.read_text("utf-8").replace("ya: verifikasi", "ya: verifikasii"),
                        "utf-8")
    broken = check_corpus(tmp_path / "sops", memo)
    assert loads[len(first.files):] == [sop_file]
    assert broken.error_count > 0 and first.error_count == 0
    assert check_corpus(tmp_path / "sops", memo).error_count == broken.error_count


def test_dirty_serve_rewrites_the_lists_when_a_name_changes(tmp_path: Path, caplog: Any) -> None:
    """A list page's table is lifted out of its Markdown; what decides whether the page is
    current is the whole Markdown, so a renamed SOP still reaches every list showing it."""
    root = make_project(tmp_path / "p")
    site = tmp_path / "served"
    build_project(root, caplog, command="serve", dirty=True, site=site)
    sop_file = root / "sops" / f"{DEMAK}.yaml"
    sop_file.write_text(sop_file.read_text("utf-8").replace(
        "nama: Layanan Aduan Masyarakat Kabupaten Demak", "nama: Layanan Aduan Warga Demak"),
        "utf-8")
    build_project(root, caplog, command="serve", dirty=True, site=site)
    lists = [site / "sop" / "index.html", *sorted((site / "sop" / "daftar").rglob("index.html"))]
    showing = [page for page in lists if "Layanan Aduan Warga Demak" in page.read_text("utf-8")]
    assert site / "sop" / "index.html" in showing
    assert len(showing) >= 3  # all SOPs, the body's list, the unit's list
    assert not [page for page in lists
                if "Layanan Aduan Masyarakat Kabupaten Demak" in page.read_text("utf-8")]
