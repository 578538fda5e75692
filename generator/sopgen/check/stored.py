"""File checks kept on disk between runs, keyed by each file's bytes.

A site build checks the whole corpus every time, yet between two builds most files have not
changed. `StoredChecks` keeps each file's `FileCheck` (its loaded document included) under a
digest of the file's bytes, the path shown in messages and what was asked; an entry is only
reused for exactly those bytes, and the whole store is dropped when sopgen's code or schema
changes (`code_digest`). Cross-file rules (duplicate numbers, links, logos) are not stored:
`corpus` runs them on every call, since they depend on the other files.

The store is a folder of pickles in the site's cache folder, which only sopgen writes; an
unreadable entry counts as missing.
"""

from __future__ import annotations

import contextlib
import hashlib
import pickle
import shutil
from collections.abc import Sequence
from dataclasses import replace
from pathlib import Path
from typing import Any

from ..atomic import write_atomically_bytes
from ..fingerprint import code_digest
from ..read.loader import MAX_BYTES
from ..read.safe import read_bounded
from .file import FileCheck, Job, check_files

STORE_FORMAT = 2


class StoredChecks:
    """One pickle per file check in ``<folder>/<stamp>/``; the stamp (store format and code
    digest) names the folder, so checks of other code are never read, and are removed by the
    next `save`. Entries are read when asked for and written when new: a rebuild after one
    change reads the other checks and writes one."""

    def __init__(self, folder: Path) -> None:
        self.root = folder
        self.stamp = hashlib.sha256(f"{STORE_FORMAT}:{code_digest()}".encode()).hexdigest()[:32]
        self.folder = folder / self.stamp
        self.used: set[str] = set()
        self.added: dict[str, FileCheck] = {}

    def get(self, key: str) -> FileCheck | None:
        try:
            check: Any = pickle.loads((self.folder / f"{key}.pickle").read_bytes())
        except Exception:  # missing, truncated or unreadable: checked again
            return None
        if not isinstance(check, FileCheck):
            return None
        self.used.add(key)
        return check

    def put(self, key: str, check: FileCheck) -> None:
        self.added[key] = check

    @property
    def changed(self) -> bool:
        return bool(self.added)

    def save(self) -> None:
        """Write the new checks; remove the checks of files no longer there (or changed) and
        stores of other code. A store that cannot be written is not an error."""
        with contextlib.suppress(OSError):
            for key, check in self.added.items():
                write_atomically_bytes(self.folder / f"{key}.pickle",
                                       pickle.dumps(check, protocol=pickle.HIGHEST_PROTOCOL))
            keep = self.used | set(self.added)
            for entry in self.folder.iterdir():
                if entry.name.split(".", 1)[0] not in keep:
                    entry.unlink()
            for other in self.root.iterdir():
                if other.is_dir() and other.name != self.stamp:
                    shutil.rmtree(other, ignore_errors=True)


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
