"""File checks kept on disk between runs, keyed by each file's bytes.

A site build checks the whole corpus every time, yet between two builds most files have not
changed. `StoredChecks` keeps each file's `FileCheck` (its loaded document included) under a
digest of the file's bytes, the path shown in messages and what was asked; an entry is only
reused for exactly those bytes, and the whole store is dropped when sopgen's code or schema
changes (`code_digest`). Cross-file rules (duplicate numbers, links, logos) are not stored:
`corpus` runs them on every call, since they depend on the other files.

The store is a pickle in the site's cache folder, which only sopgen writes; an unreadable or
foreign store counts as empty.
"""

from __future__ import annotations

import contextlib
import hashlib
import pickle
from collections.abc import Sequence
from dataclasses import replace
from pathlib import Path
from typing import Any

from ..atomic import write_atomically_bytes
from ..fingerprint import code_digest
from ..read.loader import MAX_BYTES
from ..read.safe import read_bounded
from .file import FileCheck, Job, check_files, paused_collector

STORE_FORMAT = 1


class StoredChecks:
    def __init__(self, path: Path) -> None:
        self.path = path
        self.stamp = f"{STORE_FORMAT}:{code_digest()}"
        self.entries: dict[str, FileCheck] = {}
        self.used: dict[str, FileCheck] = {}  # what this run looked up or added: saved
        self.changed = False
        try:
            with paused_collector():  # a pass of the collector per 700 new objects: 5x slower
                data: Any = pickle.loads(path.read_bytes())
        except Exception:  # missing, truncated or written by another version: start empty
            return
        if isinstance(data, dict) and data.get("stamp") == self.stamp:
            entries = data.get("entries")
            self.entries = entries if isinstance(entries, dict) else {}

    def get(self, key: str) -> FileCheck | None:
        check = self.entries.get(key)
        if check is not None:
            self.used[key] = check
        return check

    def put(self, key: str, check: FileCheck) -> None:
        self.used[key] = check
        self.changed = True

    def save(self) -> None:
        """Keep the entries of this run only (the files as they are now); written atomically,
        and skipped when nothing changed. A store that cannot be written is not an error."""
        if not self.changed and len(self.used) == len(self.entries):
            return
        payload = pickle.dumps({"stamp": self.stamp, "entries": self.used},
                               protocol=pickle.HIGHEST_PROTOCOL)
        with contextlib.suppress(OSError):
            write_atomically_bytes(self.path, payload)


def check_files_stored(
    jobs: Sequence[Job], *, keep_docs: bool, store: StoredChecks
) -> list[FileCheck]:
    """`check_files`, taking each unchanged file's check from ``store`` (and adding the
    others). Each result is a copy, so callers may extend its diagnostics."""
    keys = [_key(file, display, asked, keep_docs) for file, display, asked in jobs]
    found: dict[int, FileCheck] = {}
    for index, key in enumerate(keys):
        check = store.get(key) if key is not None else None
        if check is not None:
            found[index] = check
    missing = [i for i in range(len(jobs)) if i not in found]
    for index, check in zip(missing, check_files([jobs[i] for i in missing],
                                                 keep_docs=keep_docs), strict=True):
        found[index] = check
        key = keys[index]
        if key is not None and not _has_internal_error(check):
            store.put(key, check)
    return [replace(found[i], diagnostics=list(found[i].diagnostics), links=list(found[i].links))
            for i in range(len(jobs))]


def _key(file: Path, display: str, asked: bool, keep_docs: bool) -> str | None:
    """The digest of what a file's own check depends on; None when the file cannot be read
    safely (a FIFO, a folder, a huge file): such a file is checked, and reported, every time."""
    try:
        raw = read_bounded(file, MAX_BYTES)
    except Exception:
        return None
    digest = hashlib.sha256(raw)
    digest.update(f"\0{display}\0{asked}\0{keep_docs}".encode())
    return digest.hexdigest()


def _has_internal_error(check: FileCheck) -> bool:
    # A crash of the checker (or of the child process) is not a property of the file.
    return any(d.code == "SOP699" for d in check.diagnostics)
