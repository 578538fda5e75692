"""Bounded, safe reads: only regular files, size checked before reading, nothing followed out.

A corpus is read by many commands, some of them unattended (CI, `mkdocs serve`). So a path
named ``*.yaml`` that is a FIFO, a device or a link to one must never block or stream for ever,
and a symbolic link that leaves the corpus folder must not bring an outside file (a password
file, a neighbouring project) into the checks or onto the site.
"""

from __future__ import annotations

import os
import stat
from pathlib import Path

from ..diagnostics import Message, Severity

__all__ = [
    "NOT_REGULAR", "OUTSIDE_CORPUS", "FileTooLarge", "NotRegularFile", "leaves", "read_bounded",
]

NOT_REGULAR = Message(
    "SOP116", Severity.ERROR,
    id="Berkas ini bukan berkas biasa ({kind_id}), jadi tidak dibaca",
    en="This is not a regular file ({kind_en}), so it is not read",
    hint_id="Hanya berkas biasa yang dibaca; hapus atau pindahkan entri ini dari folder SOP.",
    hint_en="Only regular files are read; remove this entry from the SOP folder or move it.",
)
OUTSIDE_CORPUS = Message(
    "SOP117", Severity.ERROR,
    id="Tautan simbolik ini menunjuk ke luar folder `{root}` ({target}), jadi tidak dibaca",
    en="This symbolic link points outside the folder `{root}` ({target}), so it is not read",
    hint_id="Salin berkasnya ke dalam folder `{root}` alih-alih menautkannya: isi di luar folder "
    "SOP tidak diperiksa maupun diterbitkan.",
    hint_en="Copy the file into the folder `{root}` instead of linking to it: content outside "
    "the SOP folder is neither checked nor published.",
)

_KINDS = (
    (stat.S_ISDIR, "folder", "a folder"),
    (stat.S_ISFIFO, "pipa bernama/FIFO", "a named pipe (FIFO)"),
    (stat.S_ISCHR, "perangkat karakter", "a character device"),
    (stat.S_ISBLK, "perangkat blok", "a block device"),
    (stat.S_ISSOCK, "soket", "a socket"),
)


class NotRegularFile(OSError):
    """The path is a folder, FIFO, device or socket; ``kind_id``/``kind_en`` say which."""

    def __init__(self, mode: int) -> None:
        kind_id, kind_en = next(
            ((i, e) for test, i, e in _KINDS if test(mode)), ("bukan berkas", "not a file")
        )
        super().__init__(f"not a regular file: {kind_en}")
        self.kind_id = kind_id
        self.kind_en = kind_en


class FileTooLarge(OSError):
    def __init__(self, size: int) -> None:
        super().__init__(f"file too large: {size} bytes")
        self.size = size


def read_bounded(path: Path, limit: int) -> bytes:
    """The bytes of a regular file of at most ``limit`` bytes.

    Raises `NotRegularFile` (checked before opening, and again on the opened descriptor, so a
    file swapped in between is caught), `FileTooLarge`, or another `OSError`. The file is opened
    non-blocking: opening a FIFO never waits for a writer.
    """
    mode = os.stat(path).st_mode
    if not stat.S_ISREG(mode):
        raise NotRegularFile(mode)
    flags = os.O_RDONLY | getattr(os, "O_NONBLOCK", 0) | getattr(os, "O_NOCTTY", 0)
    descriptor = os.open(path, flags)
    try:
        info = os.fstat(descriptor)
        if not stat.S_ISREG(info.st_mode):
            raise NotRegularFile(info.st_mode)
        if info.st_size > limit:
            raise FileTooLarge(info.st_size)
        chunks: list[bytes] = []
        total = 0
        while total <= limit:  # the file may grow while it is read: never past the limit
            chunk = os.read(descriptor, min(1 << 20, limit + 1 - total))
            if not chunk:
                break
            chunks.append(chunk)
            total += len(chunk)
    finally:
        os.close(descriptor)
    if total > limit:
        raise FileTooLarge(total)
    return b"".join(chunks)


def leaves(path: Path, root: Path) -> Path | None:
    """Where ``path`` really is when that is outside ``root`` (a symbolic link leading out),
    else None. Both are resolved, so a link inside the root to another file inside is fine."""
    try:
        target = path.resolve()
        inside = target.is_relative_to(root.resolve())
    except (OSError, RuntimeError, ValueError):  # a link loop or an impossible name
        return None
    return None if inside else target
