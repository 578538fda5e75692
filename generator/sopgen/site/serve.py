"""The fast path of ``mkdocs serve --dirty``: after one SOP is saved, rebuild that page only.

MkDocs' dirty build skips a page whose ``File.is_modified()`` is false, but every generated page
says it is modified, so a dirty rebuild of 1,000 SOPs still wrote 1,000 pages (25 s). The plugin
knows better: a SOP page whose cache key is the one of the page this process already wrote to
the same place, in a site whose nav and configuration are unchanged, is still correct on disk.
`skip_unchanged` tells MkDocs so; `record_written` remembers what was written.

A dirty build skips the search plugin for those pages too, and the search plugin writes an index
of the rebuilt pages only. `merge_search_index` puts the entries of the skipped pages back from
the previous index, so search keeps finding every SOP while serving.

The state lives in this module because MkDocs makes new plugin objects for every rebuild.
"""

from __future__ import annotations

import hashlib
import json
import os
from pathlib import Path
from typing import Any

from jinja2.bccache import Bucket, BytecodeCache
from mkdocs.structure.files import File, Files

from ..check.file import CheckMemo
from .finished import SEARCH_INDEX, page_of, read_search_index

_written: dict[str, str] = {}  # output file -> token (page key + site fingerprint) written there
_search: dict[str, list[dict[str, Any]]] = {}  # site folder -> entries of the last search index
_fingerprint: list[str] = []  # the site fingerprint of the last build (none yet: empty)
checks: CheckMemo = {}  # file checks of unchanged SOP files, reused by the next rebuild


def site_fingerprint(nav: Any, config_file: str | None) -> str:
    """What every page's HTML shares: the nav and the configuration file."""
    digest = hashlib.sha256(json.dumps(nav, sort_keys=True, default=str).encode())
    if config_file and os.path.isfile(config_file):
        digest.update(Path(config_file).read_bytes())
    return digest.hexdigest()


def has_built() -> bool:
    """Whether this process has built the site before: the next dirty build is a rebuild."""
    return bool(_fingerprint)


def page_tokens(files: Files, known: dict[str, str]) -> dict[str, str]:
    """What each generated page is made of: the pages in ``known`` (SOP pages by their cache
    key, list pages by their whole Markdown) as given, the other pages generated from Markdown
    in memory by that Markdown."""
    tokens = dict(known)
    for file in files.documentation_pages():
        if file.abs_src_path is None and file.src_uri not in tokens:
            tokens[file.src_uri] = hashlib.sha256(file.content_bytes).hexdigest()
    return tokens


def skip_unchanged(files: Files, tokens: dict[str, str], fingerprint: str) -> int:
    """Mark the generated pages whose output is current as unmodified; how many.

    When the fingerprint changed (the nav or the configuration), every page is marked modified,
    hand-written ones included, since each page's HTML carries the nav."""
    fresh = not _fingerprint or _fingerprint[-1] == fingerprint
    _fingerprint[:] = [fingerprint]
    skipped = 0
    for uri, token in tokens.items():
        file = files.get_file_from_path(uri)
        if file is None:
            continue
        dest = file.abs_dest_path
        if fresh and _written.get(dest) == token + fingerprint and os.path.isfile(dest):
            file.is_modified = _unmodified  # type: ignore[method-assign]
            skipped += 1
        else:  # its Markdown may be an older cache file than the page: mtimes cannot tell
            file.is_modified = _modified  # type: ignore[method-assign]
    if not fresh:
        for file in files.documentation_pages():
            file.is_modified = _modified  # type: ignore[method-assign]
    return skipped


def record_written(file: File, key: str, fingerprint: str) -> None:
    _written[file.abs_dest_path] = key + fingerprint


def merge_search_index(site_dir: str, urls: set[str], dirty: bool) -> None:
    """After the search plugin wrote the index: on a dirty rebuild, add back the entries of the
    pages that were not rebuilt (still in ``urls``, the site's page URLs); remember the result."""
    path = Path(site_dir) / SEARCH_INDEX
    index = read_search_index(path)
    if index is None:
        return
    docs = index["docs"]
    previous = _search.get(site_dir)
    if dirty and previous is not None:
        rebuilt = {page_of(entry) for entry in docs}
        kept = [e for e in previous if page_of(e) not in rebuilt and page_of(e) in urls]
        docs = kept + docs
        index["docs"] = docs
        path.write_text(json.dumps(index, ensure_ascii=False, separators=(",", ":")),
                        encoding="utf-8")
    _search[site_dir] = docs


class _TemplateBytecode(BytecodeCache):
    """Compiled theme templates kept in memory across rebuilds. MkDocs makes a new Jinja
    environment for every rebuild, which compiled Material's ~57 templates again each time (about
    half of a rebuild's CPU at 300 SOPs); the key includes the template source's checksum, so an
    edited template is compiled anew."""

    def __init__(self) -> None:
        self._store: dict[str, bytes] = {}

    def load_bytecode(self, bucket: Bucket) -> None:
        code = self._store.get(bucket.key)
        if code is not None:
            bucket.bytecode_from_string(code)

    def dump_bytecode(self, bucket: Bucket) -> None:
        self._store[bucket.key] = bucket.bytecode_to_string()


template_bytecode = _TemplateBytecode()


def share_compiled_templates(theme: Any) -> None:
    """Every Jinja environment this theme makes from now on keeps its compiled templates in
    `template_bytecode` (MkDocs offers no setting for it; ``get_env`` is wrapped on this theme
    object only, which lives for one rebuild)."""
    make_env = theme.get_env

    def get_env() -> Any:
        env = make_env()
        env.bytecode_cache = template_bytecode
        return env

    theme.get_env = get_env


def _unmodified() -> bool:
    return False


def _modified() -> bool:
    return True
