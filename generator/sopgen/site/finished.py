"""Finished pages: the HTML MkDocs wrote for a generated page, and its search entries, kept
for the next build.

A generated page's output is a function of its own source (an SOP page's cache key, a list
page's Markdown), its place (URL, edit link) and what every page shares: the nav, the theme,
the configuration and the code of MkDocs, Material and sopgen. `site_fingerprint` hashes the
shared part; `FinishedPages.key` adds the page's own. A page whose key has an entry is not
converted nor templated again: the plugin gives MkDocs an empty page with an empty template
(`TEMPLATE`), excludes it from the search plugin, writes the stored HTML in ``on_post_page``
and puts the stored search entries back where the page's own would have been
(`merge_search_entries`). So a warm build writes the same bytes as a cold one, search index
included, in a fraction of the time: at 1,000 SOPs the Markdown conversion, Material's template
with its nav and the search plugin's parsing of each page were most of a warm rebuild.

Only with plugins whose effect on a page is known (search and sopgen): another plugin may
change a page in ways no key can see, so with one configured every page is built again.
"""

from __future__ import annotations

import contextlib
import hashlib
import json
import os
from collections.abc import Iterable
from importlib import metadata
from pathlib import Path
from typing import Any

from mkdocs.config.defaults import MkDocsConfig
from mkdocs.structure.files import Files
from mkdocs.utils.meta import get_data

from ..atomic import write_atomically
from ..fingerprint import code_digest
from .cache import folder_digest

FOLDER = "finished"
TEMPLATE = "sopgen-finished.html"  # empty: the page's HTML comes from the cache
SEARCH_PLUGINS = frozenset({"search", "material/search"})
KNOWN_PLUGINS = SEARCH_PLUGINS | {"sopgen"}
# What of the configuration reaches a page's HTML; paths (docs_dir, site_dir) do not, and
# `sopgen build` puts those in a new temporary folder every time.
PAGE_CONFIG = (
    "site_name", "site_url", "site_description", "site_author", "copyright", "repo_url",
    "repo_name", "edit_uri", "edit_uri_template", "use_directory_urls", "extra_css",
    "extra_javascript", "extra_templates", "extra", "markdown_extensions", "mdx_configs",
    "not_in_nav", "validation", "nav",
)
PACKAGES = ("mkdocs", "mkdocs-material", "markdown", "pymdown-extensions", "jinja2", "pygments")
SEARCH_INDEX = Path("search") / "search_index.json"
_PATH_OPTIONS = {"sops_dir", "cache_dir", "lock", "template_dir", "calendar"}
# sopgen options that are paths (their contents are in each page's key) or about the build


def site_fingerprint(config: MkDocsConfig, files: Files) -> str | None:
    """What every page's HTML shares, as a digest; None when a plugin sopgen does not know is
    configured (its effect on a page cannot be keyed)."""
    plugins = {}
    for name, plugin in config.plugins.items():
        if name not in KNOWN_PLUGINS:
            return None
        options = dict(plugin.config)
        if name == "sopgen":
            options = {k: v for k, v in options.items() if k not in _PATH_OPTIONS}
        plugins[name] = options
    theme = config.theme
    shared = {
        "code": code_digest(),
        "packages": [_version(name) for name in PACKAGES],
        "config": {key: config.get(key) for key in PAGE_CONFIG},
        "theme": {key: value for key, value in dict(theme).items() if key != "custom_dir"},
        "overrides": folder_digest([Path(theme.custom_dir)]) if theme.custom_dir else "",
        "plugins": plugins,
        "titles": nav_titles(config.nav, files),
    }
    text = json.dumps(shared, sort_keys=True, ensure_ascii=False, default=str)
    return hashlib.sha256(text.encode()).hexdigest()


def nav_titles(nav: Any, files: Files) -> list[str]:
    """The titles of the nav's pages that the nav does not name: each page's front-matter
    title, or its whole source when it has none (the title then comes from its heading)."""
    titles: list[str] = []
    for uri in _untitled(nav):
        file = files.get_file_from_path(uri)
        if file is None or not file.is_documentation_page():
            titles.append(uri)
            continue
        try:
            text = file.content_string
        except (OSError, UnicodeDecodeError):
            titles.append(f"{uri}?")
            continue
        title = get_data(text)[1].get("title")
        titles.append(f"{uri}={title}" if isinstance(title, str) else
                      f"{uri}#{hashlib.sha256(text.encode()).hexdigest()}")
    return titles


def _untitled(nav: Any) -> Iterable[str]:
    if isinstance(nav, str):
        yield nav
    elif isinstance(nav, list):
        for item in nav:
            yield from _untitled(item)
    elif isinstance(nav, dict):
        for value in nav.values():
            if not isinstance(value, str):  # a string here is a page under a given title
                yield from _untitled(value)


def markdown_token(markdown: str) -> str:
    """The token of a page generated from Markdown in memory."""
    return hashlib.sha256(markdown.encode()).hexdigest()


class FinishedPages:
    """Stored pages of one site (by `site_fingerprint`) in ``<cache_dir>/finished``."""

    def __init__(self, cache_dir: Path, fingerprint: str) -> None:
        self.folder = cache_dir / FOLDER
        self.fingerprint = fingerprint
        self.used: set[str] = set()

    def key(self, url: str, token: str, edit_uri: str | None) -> str:
        parts = "\n".join((self.fingerprint, url, token, edit_uri or ""))
        return hashlib.sha256(parts.encode()).hexdigest()

    def has(self, key: str) -> bool:
        self.used.add(key)
        return ((self.folder / f"{key}.search.json").is_file()
                and (self.folder / f"{key}.html").is_file())

    def html(self, key: str) -> str | None:
        try:
            return (self.folder / f"{key}.html").read_text(encoding="utf-8")
        except (OSError, UnicodeDecodeError):
            return None

    def search_entries(self, key: str) -> list[dict[str, Any]] | None:
        try:
            entries = json.loads((self.folder / f"{key}.search.json").read_text("utf-8"))
        except (OSError, ValueError):
            return None
        return entries if isinstance(entries, list) else None

    def store_html(self, key: str, html: str) -> None:
        self.used.add(key)
        with contextlib.suppress(OSError):  # an unwritable cache only costs the next build time
            write_atomically(self.folder / f"{key}.html", html)

    def store_search_entries(self, key: str, entries: list[dict[str, Any]]) -> None:
        """Written after the HTML, so a present search file means a whole entry."""
        if not (self.folder / f"{key}.html").is_file():
            return
        with contextlib.suppress(OSError):
            write_atomically(self.folder / f"{key}.search.json",
                             json.dumps(entries, ensure_ascii=False, separators=(",", ":")))

    def prune(self) -> int:
        """Remove the entries this build did not use (older versions of its pages); how many
        files. Only after a whole build: a dirty ``serve`` rebuild sees a few pages."""
        removed = 0
        try:
            names = os.listdir(self.folder)
        except OSError:
            return 0
        for name in names:
            if name.split(".", 1)[0] not in self.used:
                try:
                    (self.folder / name).unlink()
                    removed += 1
                except OSError:
                    pass
        return removed


def merge_search_entries(
    site_dir: str, order: list[tuple[str, str | None]], finished: FinishedPages,
    hits: set[str], *, searched: bool = True,
) -> None:
    """After the search plugin wrote the index: store the entries of each page built in full
    (``order``: page URL and finished key, in build order) and put the stored entries of the
    finished pages (keys in ``hits``) where their own would have been, so the index is the
    one a cold build writes. Without a search plugin (``searched`` false) there is no index:
    each page is stored with no entries."""
    path = Path(site_dir) / SEARCH_INDEX
    index = read_search_index(path)
    if index is None:
        if not searched:  # no search plugin: pages have no entries, and that can be kept
            for _url, key in order:
                if key is not None and key not in hits:
                    finished.store_search_entries(key, [])
        return
    docs = index["docs"]
    by_page: dict[str, list[dict[str, Any]]] = {}
    for entry in docs:
        by_page.setdefault(page_of(entry), []).append(entry)
    merged: list[dict[str, Any]] = []
    for url, key in order:
        if key is not None and key in hits:
            merged += finished.search_entries(key) or []
            by_page.pop(url, None)
            continue
        entries = by_page.pop(url, [])
        if key is not None:
            finished.store_search_entries(key, entries)
        merged += entries
    for entries in by_page.values():  # pages built outside MkDocs' page loop, if any
        merged += entries
    if hits:
        index["docs"] = merged
        path.write_text(json.dumps(index, separators=(",", ":"), default=str), encoding="utf-8")


def read_search_index(path: Path) -> dict[str, Any] | None:
    """The search plugin's index, None when there is none of the known shape (a ``docs`` list:
    Material's and MkDocs' own search plugins both write one)."""
    try:
        index = json.loads(path.read_text(encoding="utf-8"))
    except (OSError, ValueError):
        return None
    if not isinstance(index, dict) or not isinstance(index.get("docs"), list):
        return None
    return index


def page_of(entry: dict[str, Any]) -> str:
    """The page URL of a search entry (its location without the section anchor)."""
    return str(entry.get("location", "")).split("#", 1)[0]


def _version(package: str) -> str:
    try:
        return f"{package}={metadata.version(package)}"
    except metadata.PackageNotFoundError:
        return package


class FinishedBuild:
    """One build's use of the finished pages: which pages come from the cache, the order pages
    were written in, and the search index put together at the end."""

    def __init__(
        self, pages: FinishedPages, places: dict[str, tuple[str, str, str | None]],
        *, searched: bool = True,
    ) -> None:
        """``places``: src URI of each page that can be kept -> its URL, token and edit URI;
        ``searched``: whether a search plugin indexes the pages."""
        self.pages = pages
        self.searched = searched
        self.keys = {uri: pages.key(*place) for uri, place in places.items()}
        self.urls = {uri: place[0] for uri, place in places.items()}
        self.hits = {uri for uri, key in self.keys.items() if pages.has(key)}
        self.ahead: set[str] = set()  # hits written by this build's workers (`ahead`)
        self.order: list[tuple[str, str | None]] = []

    def take_ahead(self, uri: str) -> None:
        """A page this build's workers wrote and stored: from now on, a hit."""
        self.hits.add(uri)
        self.ahead.add(uri)

    def output(self, uri: str) -> str | None:
        """The stored HTML of a page that comes from the cache."""
        self.order.append((self.urls[uri], self.keys[uri]))
        return self.pages.html(self.keys[uri])

    def written(self, uri: str, url: str, output: str) -> None:
        """A page built in full: store it when it can be kept."""
        key = self.keys.get(uri)
        self.order.append((url, key))
        if key is not None:
            self.pages.store_html(key, output)

    def finish(self, site_dir: str, *, prune: bool) -> None:
        merge_search_entries(site_dir, self.order, self.pages,
                             {self.keys[uri] for uri in self.hits}, searched=self.searched)
        if prune:
            self.pages.prune()


def plan_finished(
    files: Files, config: MkDocsConfig, cache_dir: Path, tokens: dict[str, str]
) -> FinishedBuild | None:
    """Which of the pages with a token (src URI -> token) come whole from the last build; their
    files get empty Markdown, so MkDocs does not even read them. None: none can (a plugin
    sopgen does not know is configured)."""
    fingerprint = site_fingerprint(config, files)
    if fingerprint is None:
        return None
    places = {}
    for uri, token in tokens.items():
        file = files.get_file_from_path(uri)
        if file is not None:
            places[uri] = (file.url, token, file.edit_uri)
    searched = any(name in SEARCH_PLUGINS for name in config.plugins)
    finished = FinishedBuild(FinishedPages(cache_dir, fingerprint), places, searched=searched)
    for uri in finished.hits:
        files.get_file_from_path(uri).content_string = ""  # type: ignore[union-attr]
    return finished
