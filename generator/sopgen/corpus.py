"""A set of SOP files checked together: finding them, checking each, and cross-file rules.

The SOP id is the file's path below its corpus root without the extension. Links (`{sop: id}`)
and `identitas.nomor` uniqueness are checked against the whole corpus root even when only some
of its files are asked for; diagnostics are reported only for the files asked for. Checking
each file on its own is `file_check`'s job (on both cores for large runs); this module adds the
cross-file rules and builds the models.
"""

from __future__ import annotations

import os
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from .build import build_sop
from .check.file import (
    INTERNAL_ERROR,
    CheckMemo,
    FileCheck,
    check_files,
    check_files_remembered,
    paused_collector,
)
from .check.logo import (  # noqa: F401  (the logo messages were declared here before)
    LOGO_MAX_BYTES,
    LOGO_MISSING,
    LOGO_OUTSIDE,
    LOGO_SUFFIXES,
    LOGO_UNSAFE,
    LOGO_UNSUITABLE,
    logo_problems,
)
from .check.names import name_problems, printable
from .check.stored import StoredChecks, check_files_stored
from .check.suggest import did_you_mean
from .diagnostics import Diagnostic, Message, Severity
from .model import Sop
from .read.safe import OUTSIDE_CORPUS, leaves

SOP_SUFFIXES = (".yaml", ".yml")
CALENDAR_NAMES = ("kalender.yaml", "kalender.yml")

DUPLICATE_NOMOR = Message(
    "SOP601", Severity.ERROR,
    id="Nomor SOP `{nomor}` juga dipakai oleh {others}",
    en="SOP number `{nomor}` is also used by {others}",
    hint_id="Setiap SOP harus mempunyai nomor sendiri: periksa nomor di kedua berkas.",
    hint_en="Every SOP needs its own number: check the number in both files.",
)
UNKNOWN_LINK = Message(
    "SOP602", Severity.ERROR,
    id="Keterkaitan `{ref}` tidak menunjuk SOP mana pun dalam kumpulan ini",
    en="Related SOP `{ref}` does not name any SOP of this corpus",
    hint_id="Tulis id SOP (jalur berkas di bawah folder `sops` tanpa `.yaml`), atau tulis "
    "sebagai teks biasa bila SOP itu tidak ada di sini.",
    hint_en="Write the SOP id (the file path below `sops` without `.yaml`), or write it as "
    "plain text if that SOP is not in this corpus.",
)
AMBIGUOUS_LINK = Message(
    "SOP603", Severity.ERROR,
    id="Keterkaitan `{ref}` dapat berarti beberapa SOP: {candidates}",
    en="Related SOP `{ref}` could mean several SOPs: {candidates}",
    hint_id="Tulis id lengkap SOP yang dimaksud, termasuk foldernya.",
    hint_en="Write the full id of the SOP you mean, including its folder.",
)
DUPLICATE_ID = Message(
    "SOP604", Severity.ERROR,
    id="Id SOP `{sop_id}` juga dipakai oleh {others}",
    en="SOP id `{sop_id}` is also used by {others}",
    hint_id="Dua berkas tidak boleh hanya berbeda pada akhiran `.yaml`/`.yml`: ganti nama salah "
    "satunya.",
    hint_en="Two files may not differ only in the `.yaml`/`.yml` suffix: rename one of them.",
)
@dataclass
class FileResult:
    file: str
    sop: Sop | None
    diagnostics: list[Diagnostic]


@dataclass
class CorpusResult:
    files: list[FileResult] = field(default_factory=list)

    @property
    def diagnostics(self) -> list[Diagnostic]:
        found = [d for f in self.files for d in f.diagnostics]
        return sorted(found, key=Diagnostic.sort_key)

    @property
    def sops(self) -> list[Sop]:
        return sorted((f.sop for f in self.files if f.sop is not None), key=lambda s: s.id)

    @property
    def error_count(self) -> int:
        return sum(d.is_error for f in self.files for d in f.diagnostics)

    @property
    def warning_count(self) -> int:
        return sum(not d.is_error for f in self.files for d in f.diagnostics)


def find_sop_files(paths: Sequence[Path]) -> list[Path]:
    """SOP files among these paths: folders searched recursively, calendar files left out."""
    return sorted({file for file, _ in _files_with_roots(paths)})


def check_corpus(
    sops_dir: Path, memo: CheckMemo | None = None, store: StoredChecks | None = None
) -> CorpusResult:
    return check_paths([sops_dir], memo=memo, store=store)


def check_paths(
    paths: Sequence[Path], *, build: bool = True, memo: CheckMemo | None = None,
    store: StoredChecks | None = None,
) -> CorpusResult:
    """Every problem of every SOP file among ``paths``, and the model of each valid one.

    With ``build=False`` no model is built (every `FileResult.sop` is None): enough for
    reporting problems, and faster. With ``memo`` (kept by a long-running caller such as
    ``mkdocs serve``), files unchanged since the last call are not read again; with ``store``
    (kept on disk by a site build), files whose bytes are unchanged are not checked again.
    """
    with paused_collector():
        asked = _files_with_roots(paths)
        walked = {Path(p).absolute() for p in paths if Path(p).is_dir()}
        corpora: dict[Path, _Corpus] = {}
        for file, root in asked:
            guarded = is_corpus_folder(root) or root in walked
            corpora.setdefault(root, _Corpus(root, guarded=guarded)).add(file, asked=True)
        for root, corpus in corpora.items():
            if root not in walked and is_corpus_folder(root):
                corpus.add_rest()
        entries = [entry for corpus in corpora.values() for entry in corpus.entries.values()]
        readable = [e for e in entries if e.outside is None]
        jobs = [(e.file, e.display, e.asked) for e in readable]
        if memo is not None:
            checks = check_files_remembered(jobs, keep_docs=build, memo=memo)
        elif store is not None:
            checks = check_files_stored(jobs, keep_docs=build, store=store)
        else:
            checks = check_files(jobs, keep_docs=build)
        for entry, check in zip(readable, checks, strict=True):
            entry.check = check
            entry.diagnostics = check.diagnostics
        for corpus in corpora.values():
            for entry in corpus.entries.values():
                if entry.outside is not None and entry.asked:
                    entry.diagnostics = [OUTSIDE_CORPUS.at(
                        entry.display, root=corpus.root.name,
                        target=printable(entry.outside.as_posix()))]
                elif entry.asked:
                    entry.diagnostics.extend(name_problems(entry.file, entry.sop_id, entry.display))
        results = []
        for corpus in corpora.values():
            results.extend(corpus.finish(build=build))
        return CorpusResult(sorted(results, key=lambda r: r.file))


# --- finding files -----------------------------------------------------------------------------


def _files_with_roots(paths: Iterable[Path]) -> list[tuple[Path, Path]]:
    return _classify(paths)[0]


def _classify(paths: Iterable[Path]) -> tuple[list[tuple[Path, Path]], list[Path]]:
    """SOP files with their corpus roots, and calendar files (a `kalender.yaml` at a root)."""
    found: dict[Path, Path] = {}
    calendars: set[Path] = set()
    for given in paths:
        given = Path(given).absolute()
        if given.is_dir():
            root = next((p for p in (given, *given.parents) if p.name == "sops"), given)
            for file in _sop_files_below(given):
                if file.name in CALENDAR_NAMES and file.parent == root:
                    calendars.add(file)
                else:
                    found.setdefault(file, root)
        elif given.suffix in SOP_SUFFIXES:
            root = corpus_root(given)
            if given.name in CALENDAR_NAMES and given.parent == root:
                calendars.add(given)
            else:
                found.setdefault(given, root)
        else:
            found.setdefault(given, corpus_root(given))  # reported as unreadable by the loader
    return sorted(found.items()), sorted(calendars)


def check_calendars(paths: Sequence[Path]) -> list[FileResult]:
    """The problems of every calendar file among ``paths`` (found as `find_sop_files` skips
    them): so `sopgen validate sops/` checks `sops/kalender.yaml` too."""
    from .calendar.file import load_calendar  # the calendar code loads only when needed

    results = []
    for file in _classify(paths)[1]:
        display = display_path(file)
        try:
            _, diagnostics = load_calendar(file, display)
        except Exception as error:  # reported, never raised
            diagnostics = [INTERNAL_ERROR.at(display, error=repr(error))]
        results.append(FileResult(display, None, sorted(diagnostics, key=Diagnostic.sort_key)))
    return results


def _sop_files_below(folder: Path) -> list[Path]:
    """YAML files below a folder, hidden folders skipped (the caller leaves out calendars)."""
    files = []
    for current, dirs, names in os.walk(folder):
        dirs[:] = sorted(d for d in dirs if not d.startswith("."))
        base = Path(current)
        files.extend(base / name for name in names if name.endswith(SOP_SUFFIXES))
    return sorted(files)


CORPUS_FOLDER = "sops"


def corpus_root(file: Path) -> Path:
    """The corpus a file given on its own belongs to: the nearest `sops` folder above it.

    A file outside any `sops` folder is a corpus of its own: its root is its folder, and no
    other file is read with it (a file in a home folder or in /tmp must not make sopgen read
    every YAML file of the folders above).
    """
    for parent in file.parents:
        if parent.name == CORPUS_FOLDER:
            return parent
    return file.parent


def is_corpus_folder(root: Path) -> bool:
    return root.name == CORPUS_FOLDER


def sop_id(file: Path, root: Path) -> str:
    return file.relative_to(root).with_suffix("").as_posix()


def display_path(file: Path) -> str:
    """The path as shown to users: relative to the current directory when below it (a name
    that is not UTF-8 shown with U+FFFD, so that it can be printed)."""
    try:
        return printable(file.relative_to(Path.cwd()).as_posix())
    except ValueError:
        return printable(file.as_posix())


# --- one corpus root ---------------------------------------------------------------------------


@dataclass
class _Entry:
    file: Path
    display: str
    sop_id: str
    asked: bool
    outside: Path | None = None
    """Where a symbolic link leads when that is outside the corpus root: the file is not read."""
    check: FileCheck = field(default_factory=FileCheck)
    diagnostics: list[Diagnostic] = field(default_factory=list)


class _Corpus:
    """The files of one corpus root: those asked for, checked fully, and the rest, indexed."""

    def __init__(self, root: Path, *, guarded: bool = True) -> None:
        self.root = root
        self.guarded = guarded
        """Whether links leading out of the root are refused (not for a file on its own)."""
        self.entries: dict[Path, _Entry] = {}

    def add(self, file: Path, *, asked: bool) -> None:
        outside = leaves(file, self.root) if self.guarded else None
        self.entries[file] = _Entry(
            file, display_path(file), sop_id(file, self.root), asked, outside)

    def add_rest(self) -> None:
        """The other files of the root, so links and numbers resolve against all of it."""
        if not self.root.is_dir():
            return
        for file in _sop_files_below(self.root):
            if file in self.entries or (file.name in CALENDAR_NAMES and file.parent == self.root):
                continue
            self.add(file, asked=False)

    def finish(self, *, build: bool) -> list[FileResult]:
        entries = list(self.entries.values())
        by_id: dict[str, list[_Entry]] = {}
        by_name: dict[str, list[str]] = {}
        by_nomor: dict[str, list[_Entry]] = {}
        for entry in entries:
            by_id.setdefault(entry.sop_id, []).append(entry)
            nomor = entry.check.nomor
            if nomor is not None:
                by_nomor.setdefault(nomor, []).append(entry)
        for sid in by_id:
            by_name.setdefault(sid.rsplit("/", 1)[-1], []).append(sid)
        links = _LinkIndex(by_id, by_name)
        results = []
        for entry in entries:
            if not entry.asked:
                continue
            try:
                self._cross_file(entry, by_id, by_nomor, links)
                sop = None
                doc = entry.check.doc
                if build and doc is not None and not any(d.is_error for d in entry.diagnostics):
                    sop = build_sop(doc, entry.sop_id, entry.file, links.resolve)
            except Exception as error:  # reported, never raised
                entry.diagnostics.append(INTERNAL_ERROR.at(entry.display, error=repr(error)))
                sop = None
            results.append(FileResult(entry.display, sop, entry.diagnostics))
        return results

    def _cross_file(
        self, entry: _Entry, by_id: dict[str, list[_Entry]],
        by_nomor: dict[str, list[_Entry]], links: _LinkIndex,
    ) -> None:
        check = entry.check
        same_id = [e.display for e in by_id[entry.sop_id] if e is not entry]
        if same_id:
            entry.diagnostics.append(DUPLICATE_ID.at(
                entry.display, 1, 1, sop_id=entry.sop_id, others=_names(same_id)))
        if not check.loaded:
            return
        nomor = check.nomor
        if nomor is not None:
            others = [e.display for e in by_nomor[nomor] if e is not entry]
            if others:
                line, column = check.nomor_at
                entry.diagnostics.append(DUPLICATE_NOMOR.at(
                    entry.display, line, column, nomor=nomor, others=_names(others)))
        for ref, position in check.links:
            problem = links.problem(ref, entry.display, position)
            if problem is not None:
                entry.diagnostics.append(problem)
        if check.logo is not None:
            text, position = check.logo
            entry.diagnostics.extend(
                logo_problems(text, position, entry.file, entry.display, self.root))


def _names(files: list[str]) -> str:
    return ", ".join(f"`{f}`" for f in sorted(files))


@dataclass
class _LinkIndex:
    by_id: dict[str, Any]
    by_name: dict[str, list[str]]
    _hints: dict[str, tuple[str, str]] = field(default_factory=dict)

    def resolve(self, ref: str) -> str:
        ref = ref.strip()
        if ref in self.by_id:
            return ref
        candidates = self.by_name.get(ref, [])
        return candidates[0] if len(candidates) == 1 else ref

    def problem(self, ref: str, file: str, position: tuple[int, int]) -> Diagnostic | None:
        ref = ref.strip()
        if ref in self.by_id:
            return None
        candidates = self.by_name.get(ref, [])
        if len(candidates) == 1:
            return None
        line, column = position
        if candidates:
            return AMBIGUOUS_LINK.at(file, line, column, ref=ref, candidates=_names(candidates))
        hint_id, hint_en = self._hint(ref)
        return UNKNOWN_LINK.at(file, line, column, ref=ref, hint_id=hint_id, hint_en=hint_en)

    def _hint(self, ref: str) -> tuple[str, str]:
        """Did-you-mean over ids of similar length only, once per distinct reference: a large
        corpus with many broken links must not compare every link with every id."""
        if ref not in self._hints:
            slack = max(3, len(ref) // 3)
            near = [n for n in (*self.by_id, *self.by_name) if abs(len(n) - len(ref)) <= slack]
            self._hints[ref] = did_you_mean(ref, near)
        return self._hints[ref]
