"""The MkDocs plugin ``sopgen``: every valid SOP of a folder becomes a page of the site.

A thin adapter: the corpus check, the renderers and `SitePages` do the work; this module turns
their output into MkDocs files (``on_files``), a navigation grouped by body and work unit, edit
links that open the YAML file, and a watch on the SOP folder while serving.

``mkdocs build`` stops on the first invalid SOP with every diagnostic, formatted exactly like
``sopgen validate``. ``mkdocs serve`` keeps running instead: an invalid SOP's page shows its
problems, and the next save that fixes them rebuilds the page.
"""

from __future__ import annotations

import datetime as dt
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
from ..corpus import CorpusResult, check_corpus
from ..diagnostics import Diagnostic
from ..model import Sop
from ..render.assets import asset_files
from ..reporters import render_text
from .config import GRAPHVIZ_MISSING, missing_graphviz_programs, plain_text
from .git_dates import last_change_dates
from .index import INDEX_URI, SOP_FOLDER, home_page, page_uri
from .key_reference import key_reference_page
from .lists import list_pages, nav_section
from .output import (
    BUILD_LOCKED,
    OUTPUT_IN_CORPUS,
    BuildLocked,
    acquire,
    discard,
    overlaps,
    release,
    replace_folder,
    staging_folder,
)
from .pages import (
    PageLinks,
    SitePages,
    SopPage,
    diagram_problems,
    error_page,
    errors_banner,
    logo_uri,
)
from .safety import collisions, date_meta, missing_folders
from .theme import apply_theme_defaults

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
    lock = c.Type(bool, default=True)
    """Lock the site folder against a second build and build into a staging folder that replaces
    it only on success (`sopgen build` does both itself)."""
    lang = c.Choice(("id", "en"), default="id")  # the language of the plugin's messages
    pdf = c.Type(bool, default=False)  # each SOP page offers its printed form as a PDF


@dataclass(frozen=True)
class _Checked:
    """The corpus check of one build, made before MkDocs empties the site folder."""

    result: CorpusResult
    calendar: OfficeCalendar
    report: str
    has_errors: bool


@dataclass(frozen=True)
class _Paths:
    sops_dir: Path
    cache_dir: Path
    template_dir: Path | None
    calendar: Path | None


class SopgenPlugin(BasePlugin[SopgenConfig]):
    def __init__(self) -> None:
        self._serving = False
        self._paths: _Paths | None = None
        self._sops: list[Sop] = []
        self._published: set[str] = set()
        self._pages: SitePages | None = None
        self._pending: dict[str, SopPage] = {}  # src_uri -> page whose slots are still empty
        self._checked: _Checked | None = None
        self._lock: int | None = None
        self._dirty = False
        self._staging: tuple[Path, Path] | None = None  # (staging folder, the real site folder)
        self._dates: dict[str, Any] = {}  # src_uri of an SOP page -> its git date

    def on_startup(self, *, command: str, dirty: bool) -> None:
        self._serving = command == "serve"
        self._dirty = dirty

    def on_config(self, config: MkDocsConfig) -> MkDocsConfig | None:
        if not self.config.enabled:
            return config
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
        problem = missing_folders(
            sops_dir=self._paths.sops_dir, template_dir=self._paths.template_dir,
            calendar=self._paths.calendar, lang=self.config.lang,
            config=Path(config.config_file_path or "mkdocs.yml").name,
            show=lambda path: _shown(path, root),
        )
        if problem is not None:
            raise PluginError(problem)
        for folder, role_id, role_en in (
            (Path(config.site_dir), "situs", "site"),
            (self._paths.cache_dir, "cache", "cache"),
        ):
            if overlaps(folder, self._paths.sops_dir):
                raise PluginError(plain_text(OUTPUT_IN_CORPUS.at(
                    "", role_id=role_id, role_en=role_en, folder=str(folder),
                    sops=str(self._paths.sops_dir))))
        apply_theme_defaults(config)
        for site_path in sorted(asset_files(self._paths.template_dir)):
            if site_path.endswith(".css") and site_path not in config.extra_css:
                config.extra_css.append(site_path)
            elif site_path.endswith(".js") and site_path not in config.extra_javascript:
                config.extra_javascript.append(site_path)  # type: ignore[arg-type]
        return config

    def on_pre_build(self, *, config: MkDocsConfig) -> None:
        """Check the corpus and draw the diagrams now: MkDocs empties the site folder right
        after this event, so a build that is going to fail must fail here, leaving the previous
        site as it was. The lock keeps a second build out of the same folder meanwhile."""
        if not self.config.enabled or self._paths is None:
            return
        if not self._serving and self.config.lock and self._lock is None:
            try:
                self._lock = acquire(Path(config.site_dir))
            except BuildLocked as locked:
                raise PluginError(plain_text(BUILD_LOCKED.at(
                    "", folder=config.site_dir, lock=locked.lock.as_posix()))) from None
        try:
            self._checked = self._check()
            if not self._serving:
                self._draw_diagrams(self._checked)
        except BaseException:
            self._unlock()
            raise
        if self._lock is not None and not self._dirty:
            # MkDocs reads site_dir only after this event (clean, files, writing): the whole
            # site goes to a staging folder that replaces the real one in on_post_build, so a
            # crash half-way leaves the previous site as it was.
            real = Path(config.site_dir)
            self._staging = (staging_folder(real), real)
            config.site_dir = str(self._staging[0])

    def on_post_build(self, *, config: MkDocsConfig) -> None:
        if self.config.enabled and self.config.pdf and self._paths is not None:
            # Printed into the staging folder, before the swap: a failure keeps the old site.
            from ..pdf import downloads

            try:
                site_dir, cache_dir = Path(config.site_dir), self._paths.cache_dir
                downloads.add_pdf_downloads(site_dir, self._sops, cache_dir)
            except downloads.PrintUnavailable as error:
                raise PluginError(f"sopgen (opsi pdf): {error}") from error
        if self._staging is not None:
            staging, real = self._staging
            self._staging = None
            replace_folder(staging, real)
            config.site_dir = str(real)
        self._unlock()

    def on_build_error(self, *, error: Exception) -> None:
        if self._staging is not None:
            discard(self._staging[0])
            self._staging = None
        self._unlock()

    def on_shutdown(self) -> None:
        self._unlock()

    def _unlock(self) -> None:
        if self._lock is not None:
            release(self._lock)
            self._lock = None

    def _check(self) -> _Checked:
        assert self._paths is not None
        result = check_corpus(self._paths.sops_dir)
        calendar, calendar_diagnostics = self._calendar()
        diagnostics = sorted([*result.diagnostics, *calendar_diagnostics], key=Diagnostic.sort_key)
        report = render_text(
            diagnostics, len(result.files) + self._calendar_files(), self.config.lang
        )
        has_errors = any(d.is_error for d in diagnostics)
        if has_errors and not self._serving:
            raise PluginError(report)
        if has_errors:
            log.error(report)
        elif diagnostics:
            log.warning(report)
        return _Checked(result, calendar, report, has_errors)

    def _draw_diagrams(self, checked: _Checked) -> None:
        """Every diagram into the cache (the pages then find them there), failing early."""
        assert self._paths is not None
        problems = [
            d for sop in checked.result.sops
            for d in diagram_problems(sop, self._paths.cache_dir)
        ]
        if problems:
            raise PluginError(render_text(problems, len(checked.result.sops)))

    def on_files(self, files: Files, config: MkDocsConfig) -> Files | None:
        if not self.config.enabled or self._paths is None:
            return files
        checked, self._checked = self._checked or self._check(), None
        result, calendar, report, has_errors = (
            checked.result, checked.calendar, checked.report, checked.has_errors
        )

        broken = [f for f in result.files if any(d.is_error for d in f.diagnostics)]
        unpublished = {f.file for f in broken}
        self._sops = sorted(
            (f.sop for f in result.files if f.sop is not None and f.file not in unpublished),
            key=lambda sop: sop.id,
        )
        self._published = {sop.id for sop in self._sops}
        banner = errors_banner(report) if has_errors else ""
        lists = list_pages(
            self._sops,
            lambda here, there: _relative(there, here, config.use_directory_urls),
            title=self.config.nav_title,
            today=dt.date.today(),
            workday_seconds=calendar.workday_seconds,
            banner=banner,
        )
        self._refuse_collisions(files, config, lists)
        self._pages = SitePages(
            calendar=calendar,
            cache_dir=self._paths.cache_dir,
            template_dir=self._paths.template_dir,
            last_changes=last_change_dates(self._paths.sops_dir),
        )
        self._add_sop_pages(files, config)
        if has_errors:
            # Only while serving: show each broken file's problems where its page would be.
            self._add_error_pages(files, config, broken)
        for uri, markdown in lists.items():
            _generated(files, config, uri, markdown)
        self._add_support_files(files, config)
        if config.nav is None:
            config.nav = self._default_nav(files)
        else:
            section = {self.config.nav_title: nav_section(self._sops)}
            config.nav = _replace_index(config.nav, section)
        return files

    def _refuse_collisions(
        self, files: Files, config: MkDocsConfig, lists: dict[str, str]
    ) -> None:
        """A generated page never silently replaces a file the user wrote."""
        root = Path(config.config_file_path).parent if config.config_file_path else Path.cwd()
        user = {
            f.src_uri: _shown(Path(f.abs_src_path), root)
            for f in files
            if f.abs_src_path and getattr(f, "generated_by", None) is None
        }
        generated = {INDEX_URI: "index", KEYS_URI: "keys", SCHEMA_URI: "schema"}
        generated.update({uri: "index" for uri in lists})  # every list page, per body and unit
        for sop in self._sops:
            generated[page_uri(sop)] = "sop"
            generated[f"{SOP_FOLDER}/{sop.id}{sop.path.suffix}"] = "source"
        problems = collisions(user, generated, self.config.lang)
        if problems:
            raise PluginError("\n".join(problems))

    def _add_sop_pages(self, files: Files, config: MkDocsConfig) -> None:
        """One generated page per valid SOP, its YAML beside it, its edit link on the YAML."""
        assert self._paths is not None and self._pages is not None
        docs_dir = Path(config.docs_dir).resolve()
        names = {sop.id: sop.identitas.nama for sop in self._sops}
        self._pending.clear()
        self._dates.clear()
        render_errors: list[Diagnostic] = []
        logos: dict[Path, str] = {}  # image file -> its site path
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
            sop_page = self._pages.sop_page(sop, links)
            render_errors += sop_page.diagnostics
            self._pending[uri] = sop_page
            changed = self._pages.last_changes.get(sop.path.resolve())
            if changed is not None:
                self._dates[uri] = changed
            page = _generated(files, config, uri, sop_page.markdown)
            # Material's edit button then opens the YAML file: MkDocs joins this path, relative
            # to the docs folder, to repo_url + edit_uri and resolves the "..".
            page.edit_uri = Path(posixpath.relpath(sop.path.resolve(), docs_dir)).as_posix()
        published: set[str] = set()
        for image, site_path in sorted(logos.items()):
            if site_path not in published:  # SOPs sharing one image share one file
                published.add(site_path)
                files.append(File.generated(config, site_path, abs_src_path=str(image)))
        if render_errors:
            report = render_text(render_errors, len(self._sops), self.config.lang)
            if not self._serving:
                raise PluginError(report)
            log.error(report)

    def _add_error_pages(self, files: Files, config: MkDocsConfig, broken: list[Any]) -> None:
        assert self._paths is not None
        for result in broken:
            sop_id = result.sop.id if result.sop else _sop_id(result.file, self._paths.sops_dir)
            if sop_id is not None and sop_id not in self._published:
                report = render_text(result.diagnostics, 1, self.config.lang)
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

    def on_page_context(
        self, context: Any, *, page: Page, config: MkDocsConfig, nav: Any
    ) -> Any:
        # After every plugin's on_page_markdown: date plugins that read the (generated) page's
        # source would show the build date; the SOP's git date replaces theirs.
        changed = self._dates.get(page.file.src_uri)
        if changed is not None:
            page.meta.update(date_meta(changed, self.config.lang))
        return context

    def on_post_page(self, output: str, *, page: Page, config: MkDocsConfig) -> str | None:
        # The diagram and the simulation section go into the finished HTML, after the search
        # plugin has indexed the page: they are most of its markup (SVG), and parsing them for
        # the index took half the build time while adding no words to search for.
        pending = self._pending.pop(page.file.src_uri, None)
        if pending is None or self._pages is None:
            return output
        return self._pages.fill_output(pending, output)

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
                if f.inclusion.is_in_nav() and not f.src_uri.startswith(f"{SOP_FOLDER}/")
            ),
            key=file_sort_key,
        )
        nav: list[Any] = nest_paths(f.src_uri for f in pages)
        position = 1 if nav and nav[0] == "index.md" else 0
        nav.insert(position, {self.config.nav_title: nav_section(self._sops)})
        return nav


def _generated(files: Files, config: MkDocsConfig, uri: str, content: str) -> File:
    existing = files.get_file_from_path(uri)
    if existing is not None:
        files.remove(existing)
    file = File.generated(config, uri, content=content, inclusion=InclusionLevel.INCLUDED)
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


def _relative(to_uri: str, from_uri: str, use_directory_urls: bool) -> str:
    urls = (_url_of(uri, use_directory_urls) for uri in (to_uri, from_uri))
    return get_relative_url(*urls)


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


def _shown(path: Path, root: Path) -> str:
    """A path as the user wrote it: relative to the folder of mkdocs.yml when below it."""
    try:
        return path.resolve().relative_to(root.resolve()).as_posix()
    except ValueError:
        return path.as_posix()


def _optional_path(root: Path, value: str | None) -> Path | None:
    return (root / value).resolve() if value else None
