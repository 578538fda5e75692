"""The MkDocs plugin ``sopgen``: every valid SOP of a folder becomes a page of the site.

A thin adapter: the corpus check, the renderers and `SitePages` do the work; this module turns
their output into MkDocs files (``on_files``), a navigation grouped by body and work unit, edit
links that open the YAML file, and a watch on the SOP folder while serving.

``mkdocs build`` stops on the first invalid SOP with every diagnostic, formatted exactly like
``sopgen validate``. ``mkdocs serve`` keeps running instead: an invalid SOP's page shows its
problems, and the next save that fixes them rebuilds the page.
"""

from __future__ import annotations

import json
import posixpath
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from mkdocs.config import base
from mkdocs.config import config_options as c
from mkdocs.config.defaults import MkDocsConfig
from mkdocs.exceptions import PluginError
from mkdocs.plugins import BasePlugin, get_plugin_logger
from mkdocs.structure.files import File, Files, InclusionLevel, file_sort_key
from mkdocs.structure.nav import nest_paths
from mkdocs.structure.pages import Page
from mkdocs.utils import get_relative_url

from ..calendar.file import CALENDAR_FILE, calendar_for_corpus, load_calendar
from ..calendar.office import OfficeCalendar
from ..check.schema import SCHEMA_FILE
from ..corpus import CALENDAR_NAMES, check_corpus
from ..diagnostics import Diagnostic
from ..model import Sop
from ..render.assets import asset_files
from ..reporters import render_text
from . import serve
from .builder import PROGRESS_EVERY, PageBuilder, Prepared
from .config import GRAPHVIZ_MISSING, missing_graphviz_programs, plain_text
from .git_dates import last_change_dates
from .index import INDEX_URI, SOP_FOLDER, home_page, index_page, page_uri
from .key_reference import key_reference_page
from .nav import UNIT_FOLDER, Unit, nav_section, unit_of_page, units
from .pages import PageLinks, error_page, errors_banner, front_matter, logo_uri
from .render_parts import PageFacts, RenderSettings, page_facts

log = get_plugin_logger(__name__)

SCHEMA_URI = "schema/sop.schema.json"
KEYS_URI = "panduan/kunci.md"
GUIDE_URI = "panduan/index.md"


class SopgenConfig(base.Config):
    enabled = c.Type(bool, default=True)
    sops_dir = c.Type(str, default="sops")
    cache_dir = c.Type(str, default=".cache/sopgen")
    template_dir = c.Optional(c.Type(str))
    calendar = c.Optional(c.Type(str))
    nav_title = c.Type(str, default="Daftar SOP")


@dataclass(frozen=True)
class _Paths:
    sops_dir: Path
    cache_dir: Path
    template_dir: Path | None
    calendar: Path | None


class SopgenPlugin(BasePlugin[SopgenConfig]):
    def __init__(self) -> None:
        self._serving = False
        self._dirty = False
        self._fingerprint = ""
        self._tokens: dict[str, str] = {}  # serve --dirty: src_uri -> what its output is made of
        self._paths: _Paths | None = None
        self._sops: list[Sop] = []
        self._published: set[str] = set()
        self._pages: PageBuilder | None = None
        self._pending: dict[str, Prepared] = {}  # src_uri -> page whose slots are still empty
        self._files: Files | None = None
        self._units: list[Unit] = []
        self._unit_of: dict[str, str] = {}  # SOP page URI -> its unit's index page URI
        self._section_of: dict[str, Any] = {}  # SOP page URI -> its body's nav section

    def on_startup(self, *, command: str, dirty: bool) -> None:
        self._serving = command == "serve"
        self._dirty = dirty

    def on_config(self, config: MkDocsConfig) -> MkDocsConfig | None:
        if not self.config.enabled:
            return config
        if self._serving:  # theme templates compiled once per server, not once per save
            serve.share_compiled_templates(config.theme)
        missing = missing_graphviz_programs()
        if missing:
            raise PluginError(plain_text(GRAPHVIZ_MISSING.at("", programs=", ".join(missing))))
        root = Path(config.config_file_path).parent if config.config_file_path else Path.cwd()
        self._paths = _Paths(
            sops_dir=(root / self.config.sops_dir).resolve(),
            cache_dir=(root / self.config.cache_dir).resolve(),
            template_dir=_optional_path(root, self.config.template_dir),
            calendar=_optional_path(root, self.config.calendar),
        )
        for site_path in sorted(asset_files(self._paths.template_dir)):
            if site_path.endswith(".css") and site_path not in config.extra_css:
                config.extra_css.append(site_path)
            elif site_path.endswith(".js") and site_path not in config.extra_javascript:
                config.extra_javascript.append(site_path)  # type: ignore[arg-type]
        return config

    def on_files(self, files: Files, config: MkDocsConfig) -> Files | None:
        if not self.config.enabled or self._paths is None:
            return files
        # While serving, a save re-checks the saved file only (the memo outlives this object).
        result = check_corpus(self._paths.sops_dir, serve.checks if self._serving else None)
        calendar, calendar_diagnostics = self._calendar()
        diagnostics = sorted([*result.diagnostics, *calendar_diagnostics], key=Diagnostic.sort_key)
        report = render_text(diagnostics, len(result.files) + self._calendar_files())
        has_errors = any(d.is_error for d in diagnostics)
        if has_errors and not self._serving:
            raise PluginError(report)
        if has_errors:
            log.error(report)
        elif diagnostics:
            log.warning(report)

        broken = [f for f in result.files if any(d.is_error for d in f.diagnostics)]
        unpublished = {f.file for f in broken}
        self._sops = sorted(
            (f.sop for f in result.files if f.sop is not None and f.file not in unpublished),
            key=lambda sop: sop.id,
        )
        self._published = {sop.id for sop in self._sops}
        self._pages = PageBuilder(
            RenderSettings(calendar, self._paths.cache_dir, self._paths.template_dir),
            calendar_file=self._calendar_file(),
            log=log,
        )
        self._units = units(self._sops)
        self._unit_of = unit_of_page(self._units, {sop.id: page_uri(sop) for sop in self._sops})
        self._files = files
        self._add_sop_pages(files, config)
        self._add_unit_pages(files, config, calendar.workday_seconds)
        if has_errors:
            # Only while serving: show each broken file's problems where its page would be.
            self._add_error_pages(files, config, broken)
        banner = errors_banner(report) if has_errors else ""
        index = index_page(
            self._sops,
            self._linker(INDEX_URI, config),
            title=self.config.nav_title,
            workday_seconds=calendar.workday_seconds,
        )
        _generated(files, config, INDEX_URI, front_matter(self.config.nav_title) + banner + index)
        self._add_support_files(files, config)
        if config.nav is None:
            config.nav = self._default_nav(files)
        else:
            section = {self.config.nav_title: nav_section(self._units)}
            config.nav = _replace_index(config.nav, section)
        if self._serving and self._dirty:
            self._skip_unchanged(files, config)
        return files

    def _skip_unchanged(self, files: Files, config: MkDocsConfig) -> None:
        """``serve --dirty``: leave the pages already written and still current alone."""
        self._fingerprint = serve.site_fingerprint(config.nav, config.config_file_path)
        self._tokens = serve.page_tokens(files, {uri: p.key for uri, p in self._pending.items()})
        skipped = serve.skip_unchanged(files, self._tokens, self._fingerprint)
        if skipped:
            log.info(f"{skipped} halaman tidak berubah, tidak ditulis ulang")

    def _add_sop_pages(self, files: Files, config: MkDocsConfig) -> None:
        """One generated page per valid SOP, its YAML beside it, its edit link on the YAML."""
        assert self._paths is not None and self._pages is not None
        docs_dir = Path(config.docs_dir).resolve()
        names = {sop.id: sop.identitas.nama for sop in self._sops}
        self._pending.clear()
        render_errors: list[Diagnostic] = []
        logos: dict[Path, str] = {}  # image file -> its site path
        last_changes = last_change_dates(self._paths.sops_dir)
        facts: list[tuple[Sop, PageFacts]] = []
        for sop in self._sops:
            uri = page_uri(sop)
            # The YAML is published beside its page, so readers can download the source.
            yaml_uri = f"{SOP_FOLDER}/{sop.id}{sop.path.suffix}"
            files.append(File.generated(config, yaml_uri, abs_src_path=str(sop.path)))
            logo_url = None
            if sop.identitas.logo is not None:
                logo = logos.setdefault(sop.identitas.logo, logo_uri(sop.identitas.logo))
                logo_url = get_relative_url(logo, _url_of(uri, config.use_directory_urls))
            links = PageLinks(
                link_for=self._linker(uri, config),
                title_for=names.get,
                source_url=get_relative_url(yaml_uri, _url_of(uri, config.use_directory_urls)),
                source_path=_display_path(sop.path, self._paths.sops_dir),
                logo_url=logo_url,
            )
            facts.append((sop, page_facts(sop, links, last_changes.get(sop.path.resolve()))))
        for sop, prepared in zip(self._sops, self._pages.prepare(facts), strict=True):
            uri = page_uri(sop)
            render_errors += prepared.diagnostics
            self._pending[uri] = prepared
            # Outside the nav: the nav lists bodies and units, each unit's page lists its SOPs.
            if prepared.markdown_file is not None:  # MkDocs reads it when it builds the page
                page = _generated(files, config, uri, None, in_nav=False,
                                  source=prepared.markdown_file)
            else:
                assert prepared.early is not None
                page = _generated(files, config, uri, prepared.early.markdown, in_nav=False)
            # Material's edit button then opens the YAML file: MkDocs joins this path, relative
            # to the docs folder, to repo_url + edit_uri and resolves the "..".
            page.edit_uri = Path(posixpath.relpath(sop.path.resolve(), docs_dir)).as_posix()
        published: set[str] = set()
        for image, site_path in sorted(logos.items()):
            if site_path not in published:  # SOPs sharing one image share one file
                published.add(site_path)
                files.append(File.generated(config, site_path, abs_src_path=str(image)))
        if render_errors:
            report = render_text(render_errors, len(self._sops))
            if not self._serving:
                raise PluginError(report)
            log.error(report)

    def _add_unit_pages(self, files: Files, config: MkDocsConfig, workday_seconds: float) -> None:
        """One index page per work unit: the nav links to it, and it lists the unit's SOPs."""
        for unit in self._units:
            title = " ".join(unit.satuan_kerja.split())
            page = index_page(unit.sops, self._linker(unit.uri, config), title=title,
                              workday_seconds=workday_seconds)
            page = page.replace("Situs ini memuat", "Satuan kerja ini memuat", 1)
            _generated(files, config, unit.uri, front_matter(unit.satuan_kerja) + page)

    def on_nav(self, nav: Any, *, config: MkDocsConfig, files: Files) -> Any:
        # A SOP page is not in the nav; it hangs under its body's section, so that section
        # opens (showing the body's units) while the page is shown.
        self._section_of.clear()
        for sop_uri, unit_uri in self._unit_of.items():
            unit_file = files.get_file_from_path(unit_uri)
            if unit_file is not None and unit_file.page is not None:
                self._section_of[sop_uri] = unit_file.page.parent
        return nav

    def on_pre_page(self, page: Page, *, config: MkDocsConfig, files: Files) -> Page | None:
        section = self._section_of.get(page.file.src_uri)
        if section is not None and page.parent is None:
            page.parent = section
        return page

    def on_post_build(self, *, config: MkDocsConfig) -> None:
        if self._pages is None:
            return
        if self._serving:
            urls = {f.url for f in self._files.documentation_pages()} if self._files else set()
            serve.merge_search_index(config.site_dir, urls, self._dirty)
        stats = self._pages.stats
        log.info(
            f"{stats.sops} SOP diperiksa, {stats.pages_written} halaman SOP ditulis, "
            f"{stats.rendered} dibuat ulang, {stats.from_cache} dari cache, "
            f"{stats.diagrams_from_cache} diagram dari cache"
        )

    def _add_error_pages(self, files: Files, config: MkDocsConfig, broken: list[Any]) -> None:
        assert self._paths is not None
        for result in broken:
            sop_id = result.sop.id if result.sop else _sop_id(result.file, self._paths.sops_dir)
            if sop_id is not None and sop_id not in self._published:
                report = render_text(result.diagnostics, 1)
                _generated(files, config, f"{SOP_FOLDER}/{sop_id}.md", error_page(sop_id, report))

    def _linker(self, from_uri: str, config: MkDocsConfig) -> Any:
        """SOP (or SOP id) -> URL of its page relative to the page at ``from_uri``, or None."""
        here = _url_of(from_uri, config.use_directory_urls)
        published = self._published

        def link_for(target: Sop | str) -> str | None:
            sop_id = target if isinstance(target, str) else target.id
            if sop_id not in published:
                return None
            uri = f"{SOP_FOLDER}/{sop_id}.md"
            return get_relative_url(_url_of(uri, config.use_directory_urls), here)

        return link_for

    def on_page_content(
        self, html: str, *, page: Page, config: MkDocsConfig, files: Files
    ) -> str | None:
        pending = self._pending.get(page.file.src_uri)
        if pending is None or self._pages is None:
            return html
        return self._pages.fill_content(pending, html)

    def on_post_page(self, output: str, *, page: Page, config: MkDocsConfig) -> str | None:
        # The diagram and the simulation section go into the finished HTML, after the search
        # plugin has indexed the page: they are most of its markup (SVG), and parsing them for
        # the index took half the build time while adding no words to search for.
        token = self._tokens.get(page.file.src_uri)
        if token is not None:
            serve.record_written(page.file, token, self._fingerprint)
        pending = self._pending.pop(page.file.src_uri, None)
        if pending is None or self._pages is None:
            return output
        output = self._pages.fill_output(pending, output)
        written, total = self._pages.stats.pages_written, self._pages.stats.sops
        if written % PROGRESS_EVERY == 0 and written < total:
            log.info(f"{written}/{total} halaman SOP ditulis")
        return output

    def on_serve(self, server: Any, config: MkDocsConfig, builder: Any) -> Any:
        if not self.config.enabled or self._paths is None:
            return server
        server.watch(str(self._paths.sops_dir))
        for extra in (self._paths.calendar, self._paths.template_dir):
            if extra is not None:
                server.watch(str(extra))
        return server

    def _calendar_files(self) -> int:
        """How many calendar files were read (0 or 1), counted like `sopgen validate` does."""
        assert self._paths is not None
        path = self._paths.calendar or self._paths.sops_dir / CALENDAR_FILE
        return int(path.is_file())

    def _calendar_file(self) -> Path | None:
        assert self._paths is not None
        if self._paths.calendar is not None:
            return self._paths.calendar
        found = (self._paths.sops_dir / name for name in CALENDAR_NAMES)
        return next((path for path in found if path.is_file()), None)

    def _calendar(self) -> tuple[OfficeCalendar, list[Diagnostic]]:
        assert self._paths is not None
        if self._paths.calendar is None:
            return calendar_for_corpus(self._paths.sops_dir)
        calendar, diagnostics = load_calendar(self._paths.calendar)
        return calendar or OfficeCalendar.default(), diagnostics

    def _add_support_files(self, files: Files, config: MkDocsConfig) -> None:
        """The assets, the published schema, the key reference and, if missing, a home page."""
        assert self._paths is not None
        for site_path, source in asset_files(self._paths.template_dir).items():
            files.append(File.generated(config, site_path, abs_src_path=str(source)))
        files.append(File.generated(config, SCHEMA_URI, abs_src_path=str(SCHEMA_FILE)))
        # A Markdown link is relative to the page's source file; MkDocs turns it into a URL.
        schema_link = posixpath.relpath(SCHEMA_URI, posixpath.dirname(KEYS_URI))
        schema = json.loads(SCHEMA_FILE.read_text(encoding="utf-8"))
        _generated(
            files,
            config,
            KEYS_URI,
            key_reference_page(schema, schema_link=schema_link, title="Referensi kunci berkas SOP"),
        )
        if files.get_file_from_path("index.md") is None:
            guide = files.get_file_from_path(GUIDE_URI)
            _generated(
                files,
                config,
                "index.md",
                home_page(
                    len(self._sops),
                    index_link=_url_of(INDEX_URI, config.use_directory_urls),
                    guide_link=guide.url if guide is not None else None,
                ),
            )

    def _default_nav(self, files: Files) -> list[Any]:
        """MkDocs' own nav for the hand-written pages, with the SOP section after the home page."""
        pages = sorted(
            (
                f
                for f in files.documentation_pages()
                if f.inclusion.is_in_nav()
                and not f.src_uri.startswith((f"{SOP_FOLDER}/", f"{UNIT_FOLDER}/"))
            ),
            key=file_sort_key,
        )
        nav: list[Any] = nest_paths(f.src_uri for f in pages)
        position = 1 if nav and nav[0] == "index.md" else 0
        nav.insert(position, {self.config.nav_title: nav_section(self._units)})
        return nav


def _generated(
    files: Files, config: MkDocsConfig, uri: str, content: str | None, *, in_nav: bool = True,
    source: Path | None = None,
) -> File:
    existing = files.get_file_from_path(uri)
    if existing is not None:
        files.remove(existing)
    inclusion = InclusionLevel.INCLUDED if in_nav else InclusionLevel.NOT_IN_NAV
    if source is not None:
        file = File.generated(config, uri, abs_src_path=str(source), inclusion=inclusion)
    else:
        file = File.generated(config, uri, content=content or "", inclusion=inclusion)
    files.append(file)
    return file


def _replace_index(nav: Any, section: dict[str, Any]) -> Any:
    """A hand-written nav with every ``sop/index.md`` entry replaced by the grouped SOP section."""
    if nav == INDEX_URI:
        return section
    if isinstance(nav, list):
        return [_replace_index(item, section) for item in nav]
    if isinstance(nav, dict):
        if len(nav) == 1 and next(iter(nav.values())) == INDEX_URI:
            title = next(iter(nav))
            return {title: next(iter(section.values()))}
        return {key: _replace_index(value, section) for key, value in nav.items()}
    return nav


def _url_of(uri: str, use_directory_urls: bool) -> str:
    """The site URL MkDocs gives the page at ``uri`` (without creating the page)."""
    return File(uri, None, "", use_directory_urls).url


def _display_path(path: Path, sops_dir: Path) -> str:
    try:
        relative = path.resolve().relative_to(sops_dir.parent)
    except ValueError:
        return path.name
    return relative.as_posix()


def _sop_id(file: str, sops_dir: Path) -> str | None:
    try:
        relative = Path(file).resolve().relative_to(sops_dir)
    except ValueError:
        return None
    return relative.with_suffix("").as_posix() if relative.suffix in (".yaml", ".yml") else None


def _optional_path(root: Path, value: str | None) -> Path | None:
    return (root / value).resolve() if value else None
