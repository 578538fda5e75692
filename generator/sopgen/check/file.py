"""Checking SOP files one by one (loader, schema, rules), on both cores when there are many.

A file's check gives its diagnostics and what the cross-file rules need (its number and its
`{sop: id}` links, with their positions); the loaded document is kept only when the caller will
build models from it. Large runs fork one child process that checks every other file and sends
its results back through a pipe; whatever the child does not send back (it crashed, was killed,
or sent something unreadable) becomes an internal-error diagnostic on each of its files.
"""

from __future__ import annotations

import contextlib
import gc
import os
import pickle
import signal
import threading
from collections.abc import Iterator, Sequence
from dataclasses import dataclass, field, replace
from pathlib import Path

from ..diagnostics import Diagnostic, Message, Severity
from ..model import Position
from ..read.loader import LoadedDocument, load_document
from .rules import check_rules
from .schema import check_schema

__all__ = [
    "INTERNAL_ERROR", "PARALLEL_FROM", "FileCheck", "Job", "check_file", "check_files",
    "nomor_of", "paused_collector",
]

INTERNAL_ERROR = Message(
    "SOP699", Severity.ERROR,
    id="Kesalahan internal sopgen saat memeriksa berkas ini: {error}",
    en="Internal sopgen error while checking this file: {error}",
    hint_id="Laporkan ke pengelola sopgen beserta berkas ini.",
    hint_en="Report this to the sopgen maintainers together with this file.",
)

PARALLEL_FROM = 200
"""Runs with at least this many files use a second process (below, forking costs more)."""

Job = tuple[Path, str, bool]
"""(file, path shown to users, whether the file was asked for or is only indexed)."""


@dataclass
class FileCheck:
    """One file's own results: small, picklable data."""

    diagnostics: list[Diagnostic] = field(default_factory=list)
    loaded: bool = False
    """Whether the file could be read as an SOP document at all."""
    doc: LoadedDocument | None = None
    """The document, kept only when asked for and when the file has no error of its own."""
    nomor: str | None = None
    nomor_at: Position = (0, 0)
    links: list[tuple[str, Position]] = field(default_factory=list)
    """Every `keterkaitan` item written as ``{sop: ref}``, with the position of ``ref``."""
    logo: tuple[str, Position] | None = None
    """`identitas.logo` as written, with its position: checked against the files on disk."""


def check_file(file: Path, display: str, *, asked: bool = True, keep_doc: bool = True) -> FileCheck:
    """Load and check one file; a file only indexed is loaded for its number and nothing else."""
    result = FileCheck()
    if not asked:
        try:
            doc, _ = load_document(file, display)
        except Exception:  # an unreadable neighbour only loses its index entry
            doc = None
        _summarise(result, doc)
        return result
    try:
        doc, found = load_document(file, display)
        result.diagnostics.extend(found)
        if doc is not None:
            result.diagnostics.extend(check_schema(doc))
            result.diagnostics.extend(check_rules(doc))
        _summarise(result, doc)
        if keep_doc and not any(d.is_error for d in result.diagnostics):
            result.doc = doc
    except Exception as error:  # one broken check must not hide the other files
        result.diagnostics.append(INTERNAL_ERROR.at(display, error=repr(error)))
    return result


def nomor_of(doc: LoadedDocument | None) -> str | None:
    """`identitas.nomor` as compared across files (trimmed), or None when there is none."""
    data = doc.data if doc is not None else None
    identity = data.get("identitas") if isinstance(data, dict) else None
    nomor = identity.get("nomor") if isinstance(identity, dict) else None
    return nomor.strip() if isinstance(nomor, str) and nomor.strip() else None


def _summarise(result: FileCheck, doc: LoadedDocument | None) -> None:
    if doc is None:
        return
    result.loaded = True
    result.nomor = nomor_of(doc)
    if result.nomor is not None:
        result.nomor_at = doc.locate(("identitas", "nomor"))
    identity = doc.data.get("identitas") if isinstance(doc.data, dict) else None
    logo = identity.get("logo") if isinstance(identity, dict) else None
    if isinstance(logo, str):  # a blank name too: the corpus check says what is wrong
        result.logo = (logo, doc.locate(("identitas", "logo")))
    related = doc.data.get("keterkaitan") if isinstance(doc.data, dict) else None
    for i, item in enumerate(related if isinstance(related, list) else ()):
        ref = item.get("sop") if isinstance(item, dict) else None
        if isinstance(ref, str):
            result.links.append((ref, doc.locate(("keterkaitan", i, "sop"))))


def check_files(jobs: Sequence[Job], *, keep_docs: bool) -> list[FileCheck]:
    """The checks of these files, in the same order."""
    if len(jobs) < PARALLEL_FROM or not _may_fork():
        return [check_file(f, d, asked=a, keep_doc=keep_docs) for f, d, a in jobs]
    # Interleaved halves: files next to each other tend to be alike in size.
    theirs = list(jobs[1::2])
    try:
        child = _Child(theirs, keep_docs)
    except OSError:  # no process to be had: do it all here
        return [check_file(f, d, asked=a, keep_doc=keep_docs) for f, d, a in jobs]
    try:
        ours = [check_file(f, d, asked=a, keep_doc=keep_docs) for f, d, a in jobs[0::2]]
    except BaseException:
        child.stop()
        raise
    received = child.results()
    results: list[FileCheck] = []
    for index, mine in enumerate(ours):
        results.append(mine)
        if index < len(theirs):
            results.append(received[index])
    return results


CheckMemo = dict[tuple[str, str, bool, bool, int, int], FileCheck]
"""Checks of unchanged files kept between runs of one process (`mkdocs serve`), keyed by the
file and its modification time and size."""


def check_files_remembered(
    jobs: Sequence[Job], *, keep_docs: bool, memo: CheckMemo
) -> list[FileCheck]:
    """`check_files`, reusing the checks in ``memo`` of files unchanged since (and adding the
    new ones): a save re-checks one file, not the corpus. Each result is a copy, so callers
    may extend its diagnostics."""
    keys = []
    for file, display, asked in jobs:
        try:
            stat = os.stat(file)
            keys.append((str(file), display, asked, keep_docs, stat.st_mtime_ns, stat.st_size))
        except OSError:
            keys.append(None)  # unreadable: checked (and reported) every time
    missing = [i for i, key in enumerate(keys) if key is None or key not in memo]
    fresh = check_files([jobs[i] for i in missing], keep_docs=keep_docs)
    found: dict[int, FileCheck] = dict(zip(missing, fresh, strict=True))
    stale = {key[0] for i, key in enumerate(keys) if key is not None and i in found}
    for old in [key for key in memo if key[0] in stale]:
        del memo[old]  # one entry per file: old versions would only take memory
    results = []
    for index, key in enumerate(keys):
        check = found[index] if index in found else memo[key]  # type: ignore[index]
        if key is not None:
            memo[key] = check
        results.append(replace(check, diagnostics=list(check.diagnostics),
                               links=list(check.links)))
    return results


def _may_fork() -> bool:
    """Forking is safe and worth it: two usable cores, and no other thread that might hold a
    lock the child would inherit."""
    if not hasattr(os, "fork") or threading.active_count() > 1:
        return False
    cores = len(os.sched_getaffinity(0)) if hasattr(os, "sched_getaffinity") else os.cpu_count()
    return (cores or 1) >= 2


class _Child:
    """A forked process checking some of the files; its results come back pickled."""

    def __init__(self, jobs: list[Job], keep_docs: bool) -> None:
        self.jobs = jobs
        read_end, write_end = os.pipe()
        self.pid = os.fork()
        if self.pid == 0:  # the child: never return into the caller's code
            code = 1
            try:
                os.close(read_end)
                checks = [check_file(f, d, asked=a, keep_doc=keep_docs) for f, d, a in jobs]
                payload = pickle.dumps(checks, protocol=pickle.HIGHEST_PROTOCOL)
                with os.fdopen(write_end, "wb") as pipe:
                    pipe.write(payload)
                code = 0
            except BaseException:  # reported by the parent for each of these files
                pass
            finally:
                os._exit(code)
        os.close(write_end)
        self.read_end = read_end

    def results(self) -> list[FileCheck]:
        """The child's checks; an internal error for each file when they did not arrive."""
        try:
            with os.fdopen(self.read_end, "rb") as pipe:
                payload = pipe.read()
        finally:
            _, status = os.waitpid(self.pid, 0)
        problem = None
        if status != 0:
            problem = f"checking process stopped (wait status {status})"
        else:
            try:
                checks = pickle.loads(payload)
            except Exception as error:  # a truncated or garbled answer
                problem = f"checking process sent no usable results ({error!r})"
            else:
                if isinstance(checks, list) and len(checks) == len(self.jobs):
                    return checks
                problem = "checking process sent incomplete results"
        error = repr(ChildProcessError(problem))
        return [_failed(display, error, asked) for _, display, asked in self.jobs]

    def stop(self) -> None:
        """End the child when the parent gives up (an exception, Ctrl+C)."""
        with contextlib.suppress(OSError):
            os.close(self.read_end)
        with contextlib.suppress(OSError):
            os.kill(self.pid, signal.SIGKILL)
        with contextlib.suppress(OSError):
            os.waitpid(self.pid, 0)


def _failed(display: str, error: str, asked: bool) -> FileCheck:
    if not asked:
        return FileCheck()  # an indexed neighbour only loses its index entry
    return FileCheck([INTERNAL_ERROR.at(display, error=error)])


@contextlib.contextmanager
def paused_collector() -> Iterator[None]:
    """Run without Python's cyclic garbage collector, then restore it.

    Checking a corpus creates hundreds of thousands of small containers that all stay alive
    until the end (documents and their positions) and form no cycles; the collector would scan
    them again and again, which costs about a third of the loading time.
    """
    enabled = gc.isenabled()
    gc.disable()
    try:
        yield
    finally:
        if enabled:
            gc.enable()
