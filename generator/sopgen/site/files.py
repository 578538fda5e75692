"""MkDocs file and URL helpers of the plugin: generated files, page URLs, paths as shown.

Kept apart from the plugin so that it stays an event adapter; nothing here holds build state.
"""

from __future__ import annotations

import functools
import json
import posixpath
from pathlib import Path
from typing import Any

from mkdocs.config.defaults import MkDocsConfig
from mkdocs.structure.files import File, Files, InclusionLevel, file_sort_key
from mkdocs.structure.nav import nest_paths
from mkdocs.utils import get_relative_url

from ..calendar.file import CALENDAR_FILE, calendar_for_corpus, load_calendar
from ..calendar.hours import national_holidays
from ..calendar.office import OfficeCalendar
from ..calendar.stored import HolidaySource
from ..check.schema import SCHEMA_FILE
from ..corpus import CALENDAR_NAMES
from ..diagnostics import Diagnostic
from ..render.assets import asset_files
from .guide import GUIDE_URI, guide_source
from .index import INDEX_URI, SOP_FOLDER, home_page
from .key_reference import key_reference_page

SCHEMA_URI = "schema/sop.schema.json"
KEYS_URI = "panduan/kunci.md"


def generated(
    files: Files, config: MkDocsConfig, uri: str, content: str | None, *, in_nav: bool = True,
    source: Path | None = None,
) -> File:
    """A generated page at ``uri`` (replacing a file there): from ``content``, or from the
    ``source`` file, which MkDocs then reads itself when it builds the page."""
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


def replace_index(nav: Any, section: dict[str, Any]) -> Any:
    """A hand-written nav with every ``sop/index.md`` entry replaced by the grouped SOP section."""
    if nav == INDEX_URI:
        return section
    if isinstance(nav, list):
        return [replace_index(item, section) for item in nav]
    if isinstance(nav, dict):
        if len(nav) == 1 and next(iter(nav.values())) == INDEX_URI:
            title = next(iter(nav))
            return {title: next(iter(section.values()))}
        return {key: replace_index(value, section) for key, value in nav.items()}
    return nav


def default_nav(files: Files, section: dict[str, Any]) -> list[Any]:
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
    nav.insert(position, section)
    return nav


def relative(to_uri: str, from_uri: str, use_directory_urls: bool) -> str:
    return get_relative_url(
        url_of(to_uri, use_directory_urls), url_of(from_uri, use_directory_urls))


def linker(from_uri: str, published: set[str], use_directory_urls: bool) -> Any:
    """SOP (or SOP id) -> URL of its page relative to the page at ``from_uri``, or None when
    that SOP is not published."""
    here = url_of(from_uri, use_directory_urls)

    def link_for(target: Any) -> str | None:
        sop_id = target if isinstance(target, str) else target.id
        if sop_id not in published:
            return None
        return get_relative_url(url_of(f"{SOP_FOLDER}/{sop_id}.md", use_directory_urls), here)

    return link_for


@functools.lru_cache(maxsize=65536)
def url_of(uri: str, use_directory_urls: bool) -> str:
    """The site URL MkDocs gives the page at ``uri`` (without creating the page); kept, since
    the lists ask for each SOP's URL several times and a `File` costs 0.1 ms."""
    return File(uri, None, "", use_directory_urls).url


def display_path(path: Path, sops_dir: Path) -> str:
    try:
        relative_path = path.resolve().relative_to(sops_dir.parent)
    except ValueError:
        return path.name
    return relative_path.as_posix()


def sop_id(file: str, sops_dir: Path) -> str | None:
    try:
        relative_path = Path(file).resolve().relative_to(sops_dir)
    except ValueError:
        return None
    if relative_path.suffix not in (".yaml", ".yml"):
        return None
    return relative_path.with_suffix("").as_posix()


def shown(path: Path, root: Path) -> str:
    """A path as the user wrote it: relative to the folder of mkdocs.yml when below it."""
    try:
        return path.resolve().relative_to(root.resolve()).as_posix()
    except ValueError:
        return path.as_posix()


def optional_path(root: Path, value: str | None) -> Path | None:
    return (root / value).resolve() if value else None


def config_root(config: MkDocsConfig) -> Path:
    """The folder of mkdocs.yml: relative plugin options are read from there."""
    return Path(config.config_file_path).parent if config.config_file_path else Path.cwd()


def add_support_files(
    files: Files, config: MkDocsConfig, template_dir: Path | None, sop_count: int
) -> None:
    """The assets, the published schema, the key reference and, if missing, the drafting guide
    and a home page."""
    for site_path, source in asset_files(template_dir).items():
        files.append(File.generated(config, site_path, abs_src_path=str(source)))
    if files.get_file_from_path(GUIDE_URI) is None:  # a body's own guide stays
        generated(files, config, GUIDE_URI, None, source=guide_source())
    files.append(File.generated(config, SCHEMA_URI, abs_src_path=str(SCHEMA_FILE)))
    # A Markdown link is relative to the page's source file; MkDocs turns it into a URL.
    schema_link = posixpath.relpath(SCHEMA_URI, posixpath.dirname(KEYS_URI))
    schema = json.loads(SCHEMA_FILE.read_text(encoding="utf-8"))
    keys = key_reference_page(schema, schema_link=schema_link, title="Referensi kunci berkas SOP")
    generated(files, config, KEYS_URI, keys)
    if files.get_file_from_path("index.md") is None:
        guide = files.get_file_from_path(GUIDE_URI)
        home = home_page(
            sop_count,
            index_link=url_of(INDEX_URI, config.use_directory_urls),
            guide_link=guide.url if guide is not None else None,
        )
        generated(files, config, "index.md", home)


def calendar_files_read(sops_dir: Path, calendar: Path | None) -> int:
    """How many calendar files were read (0 or 1), counted like `sopgen validate` does."""
    return int((calendar or sops_dir / CALENDAR_FILE).is_file())


def calendar_file(sops_dir: Path, calendar: Path | None) -> Path | None:
    """The calendar file the pages depend on (part of the page cache key), if any."""
    if calendar is not None:
        return calendar
    found = (sops_dir / name for name in CALENDAR_NAMES)
    return next((path for path in found if path.is_file()), None)


def corpus_calendar(
    sops_dir: Path, calendar: Path | None, holiday_source: HolidaySource = national_holidays
) -> tuple[OfficeCalendar, list[Diagnostic]]:
    """The office calendar of the build: the configured file, else the corpus's own."""
    if calendar is None:
        return calendar_for_corpus(sops_dir, holiday_source=holiday_source)
    loaded, diagnostics = load_calendar(calendar, holiday_source=holiday_source)
    return loaded or OfficeCalendar(holiday_source=holiday_source), diagnostics
