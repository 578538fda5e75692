"""The output folder of a build: never inside the corpus, one build at a time, replaced whole.

`sopgen build` renders into a fresh folder beside the output and swaps it in only when the
build succeeded, so a failed or interrupted build leaves the previous site byte for byte. A
lock file beside the output (``.<name>.sopgen-lock``, an advisory `flock`) makes a second build
into the same folder stop with a clear message instead of mixing files; the plugin takes the
same lock for a plain ``mkdocs build``.
"""

from __future__ import annotations

import contextlib
import fcntl
import os
import shutil
import tempfile
from collections.abc import Iterator
from pathlib import Path

from ..diagnostics import Message, Severity

BUILD_LOCKED = Message(
    "SOP904", Severity.ERROR,
    id="Pembangunan situs lain sedang menulis ke folder `{folder}`",
    en="Another site build is writing into the folder `{folder}`",
    hint_id="Tunggu sampai pembangunan itu selesai, lalu ulangi (kunci: `{lock}`).",
    hint_en="Wait for that build to finish, then try again (lock: `{lock}`).",
)
OUTPUT_IN_CORPUS = Message(
    "SOP905", Severity.ERROR,
    id="Folder {role_id} `{folder}` tidak boleh berada di dalam folder SOP `{sops}` atau "
    "memuatnya",
    en="The {role_en} folder `{folder}` must not be inside the SOP folder `{sops}` or contain it",
    hint_id="Bangun situs di luar folder SOP, misalnya jalankan `sopgen build sops -o site` dari "
    "folder proyek.",
    hint_en="Build the site outside the SOP folder, e.g. run `sopgen build sops -o site` from "
    "the project folder.",
)


class BuildLocked(RuntimeError):
    def __init__(self, folder: Path, lock: Path) -> None:
        super().__init__(f"another build holds {lock}")
        self.folder = folder
        self.lock = lock


def overlaps(folder: Path, sops_dir: Path) -> bool:
    """Whether writing ``folder`` would write into the corpus, or replacing it would remove it."""
    a, b = folder.resolve(), sops_dir.resolve()
    return a.is_relative_to(b) or b.is_relative_to(a)


def lock_path(folder: Path) -> Path:
    folder = folder.absolute()
    return folder.parent / f".{folder.name}.sopgen-lock"


@contextlib.contextmanager
def build_lock(folder: Path) -> Iterator[None]:
    """Hold the lock of ``folder`` for the block; `BuildLocked` when another build holds it."""
    handle = acquire(folder)
    try:
        yield
    finally:
        release(handle)


def acquire(folder: Path) -> int:
    """Take the lock of ``folder`` without waiting; the returned handle goes to `release`."""
    path = lock_path(folder)
    path.parent.mkdir(parents=True, exist_ok=True)
    handle = os.open(path, os.O_RDWR | os.O_CREAT, 0o644)
    try:
        fcntl.flock(handle, fcntl.LOCK_EX | fcntl.LOCK_NB)
    except BlockingIOError:
        os.close(handle)
        raise BuildLocked(folder, path) from None
    return handle


def release(handle: int) -> None:
    with contextlib.suppress(OSError):
        fcntl.flock(handle, fcntl.LOCK_UN)
    with contextlib.suppress(OSError):
        os.close(handle)


def staging_folder(folder: Path) -> Path:
    """A new empty folder beside ``folder`` (same file system, so the swap is a rename)."""
    folder = folder.absolute()
    folder.parent.mkdir(parents=True, exist_ok=True)
    return Path(tempfile.mkdtemp(prefix=f".{folder.name}.sopgen-new-", dir=folder.parent))


def replace_folder(staging: Path, folder: Path) -> None:
    """Put the finished ``staging`` folder in place of ``folder``.

    Hidden entries of the old folder (``.git`` of a pages checkout, say) move into the new one,
    as MkDocs' own clean keeps them. Between the two renames the folder is briefly absent; it
    is never half written.
    """
    folder = folder.absolute()
    if not folder.exists():
        os.rename(staging, folder)
        return
    old = Path(tempfile.mkdtemp(prefix=f".{folder.name}.sopgen-old-", dir=folder.parent))
    os.rename(folder, old / folder.name)
    os.rename(staging, folder)
    previous = old / folder.name
    for entry in sorted(previous.iterdir()):
        if entry.name.startswith(".") and not (folder / entry.name).exists():
            os.rename(entry, folder / entry.name)
    shutil.rmtree(old, ignore_errors=True)


def discard(staging: Path) -> None:
    shutil.rmtree(staging, ignore_errors=True)
