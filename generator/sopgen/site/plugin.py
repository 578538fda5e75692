"""The MkDocs plugin ``sopgen``: every valid SOP of a folder becomes a page of the site.

A thin adapter: the corpus check, `PageBuilder` (page cache, rendering on every core), the list
pages and the guards do the work; this module turns their output into MkDocs files, a nav of
bodies and work units, edit links that open the YAML file, and a watch on the SOP folder.

``on_pre_build`` checks the corpus and renders every page (diagrams included) before MkDocs
empties the site folder, so ``mkdocs build`` stops on an invalid SOP with every diagnostic,
formatted exactly like ``sopgen validate``, and leaves the previous site. ``mkdocs serve`` keeps
running instead: an invalid SOP's page shows its problems, and the next save that fixes them
rebuilds the page.
"""

from __future__ import annotations

import contextlib
import datetime as dt
import os
from pathlib import Path
from typing import Any

from jinja2 import ChoiceLoader, DictLoader, FileSystemBytecodeCache
from mkdocs.config import base
from mkdocs.config import config_options as c
from mkdocs.config.defaults import MkDocsConfig
from mkdocs.exceptions import PluginError
from mkdocs.plugins import BasePlugin, event_priority, get_plugin_logger
from mkdocs.structure.files import Files
from mkdocs.structure.pages import Page

from ..model import Sop
from ..render.assets import asset_files
from ..reporters import render_text
from . import files as f
from . import serve
from .ahead import build_ahead
from .build_log import build_text, is_progress_step, summary_line
from .builder import PageBuilder, Prepared
from .checked import SiteCorpus, check_site_corpus
from .collector import CollectorPause, collect_when_idle
from .config import GRAPHVIZ_MISSING, missing_graphviz_programs, plain_text
from .facts import site_facts, source_uri
from .files import GUIDE_URI, KEYS_URI, SCHEMA_URI  # noqa: F401  (imported from here before)
from .finished import TEMPLATE, FinishedBuild, markdown_token, plan_finished
from .git_dates import last_change_dates
from .guards import BuildGuard, generated_uris, refuse_collisions
from .index import INDEX_URI, page_uri
from .lists import list_pages, nav_section, unit_of_page, without_table
from .pages import errors_banner, lift_html_blocks
from .parallel import in_worker, limit_workers
from .paths import SitePaths, site_paths
from .publish import add_error_pages, add_sop_pages
from .render_parts import RenderSettings, fill_content, restore_blocks
from .safety import date_meta, jobs_limit
from .theme import apply_theme_defaults

log = get_plugin_logger(__name__)
TEMPLATES_FOLDER = "jinja"

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
    jobs = c.Optional(c.Type(int))  # processes for a cold build (default: SOPGEN_JOBS, cores)


class SopgenPlugin(BasePlugin[SopgenConfig]):
    def __init__(self) -> None:
        self._serving = False
        self._dirty = False
        self._collector = CollectorPause()
        self._paths: SitePaths | None = None
        self._sops: list[Sop] = []
        self._published: set[str] = set()
        self._build: SiteCorpus | None = None
        self._pages: PageBuilder | None = None
        self._pending: dict[str, Prepared] = {}  # src_uri -> page whose slots are still empty
        self._dates: dict[str, dt.date] = {}  # src_uri of an SOP page -> its git date
        self._guard = BuildGuard()
        self._files: Files | None = None
        self._fingerprint = ""
        self._tokens: dict[str, str] = {}  # serve --dirty: src_uri -> what its output is made of
        self._unit_of: dict[str, str] = {}  # SOP page URI -> its unit's list page URI
        self._section_of: dict[str, Any] = {}  # SOP page URI -> its body's nav section
        self._finished: FinishedBuild | None = None  # pages kept whole from the last build
        self._list_blocks: dict[str, tuple[str, ...]] = {}  # list page URI -> its lifted blocks

    def on_startup(self, *, command: str, dirty: bool) -> None:
        self._serving = command == "serve"
        self._dirty = dirty
        if not self._serving:
            self._collector.pause()

    def on_config(self, config: MkDocsConfig) -> MkDocsConfig | None:
        if not self.config.enabled:
            return config
        if self._serving:  # theme templates compiled once per server, not once per save
            serve.share_compiled_templates(config.theme)
        missing = missing_graphviz_programs()
        if missing:
            raise PluginError(plain_text(GRAPHVIZ_MISSING.at("", programs=", ".join(missing)),
                                         self.config.lang))
        self._paths = site_paths(
            config, sops_dir=self.config.sops_dir, cache_dir=self.config.cache_dir,
            template_dir=self.config.template_dir, calendar=self.config.calendar,
            lang=self.config.lang,
        )
        jobs = jobs_limit(self.config.jobs, dict(os.environ), self.config.lang)
        if isinstance(jobs, str):
            raise PluginError(jobs)
        limit_workers(jobs)
        apply_theme_defaults(config)
        for site_path in sorted(asset_files(self._paths.template_dir)):
            if site_path.endswith(".css") and site_path not in config.extra_css:
                config.extra_css.append(site_path)
            elif site_path.endswith(".js") and site_path not in config.extra_javascript:
                config.extra_javascript.append(site_path)  # type: ignore[arg-type]
        return config

    def on_pre_build(self, *, config: MkDocsConfig) -> None:
        """Check the corpus and render every page (diagrams into the cache) now: MkDocs empties
        the site folder right after this event, so a build that is going to fail must fail
        here, leaving the previous site as it was. The lock keeps a second build out of the
        same folder meanwhile."""
        if not self.config.enabled or self._paths is None:
            return
        if self._serving:
            self._collector.pause()
        if not self._serving and self.config.lock:
            self._guard.lock(config, self.config.lang)
        try:
            self._build = self._prepare(self._check(), config)
        except BaseException:
            self._guard.unlock()
            raise
        if self._guard.locked and not self._dirty:
            self._guard.stage(config)
        self._collector.freeze_and_resume()

    @event_priority(-50)  # after the search plugin has written its index
    def on_post_build(self, *, config: MkDocsConfig) -> None:
        if self._finished is not None:
            self._finished.finish(config.site_dir, prune=not self._serving)
        if self.config.enabled and self.config.pdf and self._paths is not None:
            # Printed into the staging folder, before the swap: a failure keeps the old site.
            from ..pdf import downloads

            try:
                site_dir, cache_dir = Path(config.site_dir), self._paths.cache_dir
                downloads.add_pdf_downloads(site_dir, self._sops, cache_dir,
                                            lang=self.config.lang)
            except downloads.PrintUnavailable as error:
                problem = build_text("pdf_option", self.config.lang, error=error)
                raise PluginError(problem) from error
        if self._pages is not None:
            if self._serving:
                urls = {p.url for p in self._files.documentation_pages()} if self._files else set()
                serve.merge_search_index(config.site_dir, urls, self._dirty)
            finished = len(self._finished.hits - self._finished.ahead) if self._finished else 0
            log.info(summary_line(self._pages.stats, finished, self.config.lang))
        self._guard.finish(config)
        if self._serving:
            self._collector.resume()
            collect_when_idle()

    def on_build_error(self, *, error: Exception) -> None:
        self._collector.resume()
        self._guard.fail()

    def on_shutdown(self) -> None:
        self._collector.resume()
        self._guard.unlock()

    def _check(self) -> SiteCorpus:
        assert self._paths is not None
        build = check_site_corpus(self._paths.sops_dir, self._paths.calendar,
                                  self._paths.cache_dir, serving=self._serving,
                                  lang=self.config.lang)
        if build.has_errors and not self._serving:
            raise PluginError(build.report)
        if build.has_errors:
            log.error(build.report)
        elif build.problems:
            log.warning(build.report)
        return build

    def _prepare(self, build: SiteCorpus, config: MkDocsConfig) -> SiteCorpus:
        """Every valid SOP's page, from the cache or rendered (Graphviz included)."""
        assert self._paths is not None
        unpublished = {r.file for r in build.result.files if any(d.is_error for d in r.diagnostics)}
        self._sops = sorted(
            (r.sop for r in build.result.files if r.sop is not None and r.file not in unpublished),
            key=lambda sop: sop.id,
        )
        self._published = {sop.id for sop in self._sops}
        self._pages = PageBuilder(
            RenderSettings(build.calendar, self._paths.cache_dir, self._paths.template_dir),
            calendar_file=f.calendar_file(self._paths.sops_dir, self._paths.calendar),
            log=log,
            lang=self.config.lang,
        )
        last_changes = last_change_dates(self._paths.sops_dir)
        facts = site_facts(self._sops, sops_dir=self._paths.sops_dir, logos=build.logos,
                           use_directory_urls=config.use_directory_urls,
                           last_changes=last_changes)
        self._dates = {page_uri(sop): fact.last_change
                       for sop, fact in zip(self._sops, facts, strict=True) if fact.last_change}
        prepared = self._pages.prepare(list(zip(self._sops, facts, strict=True)))
        build.pages = list(zip(self._sops, prepared, strict=True))
        render_errors = [d for _, prepared in build.pages for d in prepared.diagnostics]
        if render_errors:
            report = render_text(render_errors, len(self._sops), self.config.lang)
            if not self._serving:
                raise PluginError(report)
            log.error(report)
        return build

    def on_files(self, files: Files, config: MkDocsConfig) -> Files | None:
        if not self.config.enabled or self._paths is None:
            return files
        build, self._build = self._build or self._prepare(self._check(), config), None
        banner = errors_banner(build.report) if build.has_errors else ""
        lists = list_pages(
            self._sops,
            lambda here, there: f.relative(there, here, config.use_directory_urls),
            title=self.config.nav_title,
            today=dt.date.today(),
            workday_seconds=build.calendar.workday_seconds,
            banner=banner,
        )
        fixed = {INDEX_URI: "index", KEYS_URI: "keys", SCHEMA_URI: "schema"}
        sop_pages = ((page_uri(sop), source_uri(sop)) for sop in self._sops)
        refuse_collisions(files, generated_uris(fixed, lists, sop_pages), self.config.lang,
                          lambda path: f.shown(path, f.config_root(config)))
        self._files = files
        self._pending = add_sop_pages(files, config, build.pages, build.logos)
        if build.has_errors:
            # Only while serving: show each broken file's problems where its page would be.
            add_error_pages(files, config, build.result, self._published,
                            self._paths.sops_dir, self.config.lang)
        self._list_blocks.clear()
        # What a list page is made of: its whole Markdown (the table is lifted out of it below).
        list_tokens = {uri: markdown_token(markdown) for uri, markdown in lists.items()}
        for uri, markdown in lists.items():
            # The table skips Python-Markdown and the search plugin, like an SOP page's blocks.
            lifted, self._list_blocks[uri] = lift_html_blocks(markdown)
            f.generated(files, config, uri, lifted)
        f.add_support_files(files, config, self._paths.template_dir, len(self._sops))
        section = {self.config.nav_title: nav_section(self._sops)}
        if config.nav is None:
            config.nav = f.default_nav(files, section)
        else:
            config.nav = f.replace_index(config.nav, section)
        self._unit_of = unit_of_page(self._sops)
        # A dirty rebuild skips unchanged pages itself, and Material's search plugin then keeps
        # the previous entries of every page it did not index: finished pages only before.
        keep_finished = not (self._serving and self._dirty and serve.has_built())
        if self._serving and self._dirty:  # before the finished pages' Markdown is emptied
            self._skip_unchanged(files, config, list_tokens)
        self._finished = None
        if keep_finished:
            self._plan_finished(files, config, list_tokens)
        return files

    def _plan_finished(
        self, files: Files, config: MkDocsConfig, list_tokens: dict[str, str]
    ) -> None:
        assert self._paths is not None
        tokens = {uri: p.key for uri, p in self._pending.items() if p.markdown_file is not None}
        self._finished = plan_finished(files, config, self._paths.cache_dir,
                                       tokens | list_tokens)

    def _is_finished(self, page: Page) -> bool:
        return self._finished is not None and page.file.src_uri in self._finished.hits

    def _skip_unchanged(
        self, files: Files, config: MkDocsConfig, list_tokens: dict[str, str]
    ) -> None:
        """``serve --dirty``: leave the pages already written and still current alone."""
        self._fingerprint = serve.site_fingerprint(config.nav, config.config_file_path)
        keys = {uri: p.key for uri, p in self._pending.items()} | list_tokens
        self._tokens = serve.page_tokens(files, keys)
        skipped = serve.skip_unchanged(files, self._tokens, self._fingerprint)
        if skipped:
            log.info(build_text("unchanged", self.config.lang, count=skipped))

    def on_nav(self, nav: Any, *, config: MkDocsConfig, files: Files) -> Any:
        # A SOP page is not in the nav; it hangs under its body's section (the parent of its
        # unit's list page), so that section opens, showing the body's units, beside the page.
        self._section_of.clear()
        for sop_uri, unit_uri in self._unit_of.items():
            unit_file = files.get_file_from_path(unit_uri)
            if unit_file is not None and unit_file.page is not None:
                self._section_of[sop_uri] = unit_file.page.parent
        if self._finished is not None and self._pages is not None:
            # New SOP pages read and written on every core now, before MkDocs reads any page.
            # Also a server's first build (no watcher thread yet); its rebuilds keep no
            # finished pages, or run in the watcher's thread, where nothing is forked.
            build_ahead(set(self._pending), files=files, config=config, nav=nav,
                        finished=self._finished, log=log, progress=self._written,
                        lang=self.config.lang)
        return nav

    def on_pre_page(self, page: Page, *, config: MkDocsConfig, files: Files) -> Page | None:
        section = self._section_of.get(page.file.src_uri)
        if section is not None and page.parent is None:
            page.parent = section
        return page

    def on_page_markdown(
        self, markdown: str, *, page: Page, config: MkDocsConfig, files: Files
    ) -> str | None:
        if self._is_finished(page):  # nothing to convert, template or index: see `finished`
            page.meta["template"] = TEMPLATE
            page.meta["search"] = {"exclude": True}
            return ""
        return markdown

    def on_env(self, env: Any, *, config: MkDocsConfig, files: Files) -> Any:
        if self._finished is not None:
            env.loader = ChoiceLoader([DictLoader({TEMPLATE: ""}), env.loader])
        if not self._serving and self._paths is not None and env.bytecode_cache is None:
            # Material's ~50 templates compiled once per machine, not once per build: about
            # 0.3 s of a build that re-renders only a few pages. Jinja keys each by its source.
            folder = self._paths.cache_dir / TEMPLATES_FOLDER
            with contextlib.suppress(OSError):
                folder.mkdir(parents=True, exist_ok=True)
                env.bytecode_cache = FileSystemBytecodeCache(str(folder))
        return env

    def _written(self, done: int, total: int) -> None:
        if is_progress_step(done, total):
            log.info(build_text("written", self.config.lang, done=done, total=total))

    def on_page_content(
        self, html: str, *, page: Page, config: MkDocsConfig, files: Files
    ) -> str | None:
        if self._is_finished(page):
            return html
        blocks = self._list_blocks.get(page.file.src_uri)
        if blocks is not None:
            return fill_content(blocks, html, without_table)
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
        token = self._tokens.get(page.file.src_uri)
        if token is not None:
            serve.record_written(page.file, token, self._fingerprint)
        pending = self._pending.pop(page.file.src_uri, None)
        if self._finished is not None and self._is_finished(page):
            output = self._finished.output(page.file.src_uri) or output
            if pending is not None and self._pages is not None:
                self._pages.stats.pages_written += 1
        elif pending is not None and self._pages is not None:
            output = self._pages.fill_output(pending, output)
        elif page.file.src_uri in self._list_blocks:
            output = restore_blocks(self._list_blocks[page.file.src_uri], output)
        if self._finished is not None and not self._is_finished(page):
            self._finished.written(page.file.src_uri, page.url, output)
        if pending is None or self._pages is None:
            return output
        if not in_worker() and not (self._finished and page.file.src_uri in self._finished.ahead):
            self._written(self._pages.stats.pages_written, self._pages.stats.sops)
        return output

    def on_serve(self, server: Any, config: MkDocsConfig, builder: Any) -> Any:
        if not self.config.enabled or self._paths is None:
            return server
        server.watch(str(self._paths.sops_dir))
        for extra in (self._paths.calendar, self._paths.template_dir):
            if extra is not None:
                server.watch(str(extra))
        return server

