"""Rules on SOP file names: every file that validates gets a page of its own.

A file called ``index.yaml`` would get the page ``sop/<folder>/index.md``, which is the list page
of that folder in MkDocs (and ``sops/index.yaml`` the list of all SOPs): it would never be
published. A name that is not UTF-8 cannot become a URL or a line of a report.
"""

from __future__ import annotations

import os
from pathlib import Path

from ..diagnostics import Diagnostic, Message, Severity

RESERVED_STEMS = ("index",)

RESERVED_NAME = Message(
    "SOP609", Severity.ERROR,
    id="Nama berkas `{name}` tidak dapat dipakai untuk SOP: halamannya akan bertabrakan dengan "
    "halaman daftar",
    en="The file name `{name}` cannot be used for an SOP: its page would collide with the list "
    "page",
    hint_id="Ganti nama berkasnya, misalnya menjadi `{suggestion}`.",
    hint_en="Rename the file, e.g. to `{suggestion}`.",
)
NAME_NOT_UTF8 = Message(
    "SOP610", Severity.ERROR,
    id="Nama berkas atau foldernya bukan teks UTF-8 yang sah: `{name}`",
    en="The name of the file or of its folder is not valid UTF-8 text: `{name}`",
    hint_id="Ganti nama dengan huruf, angka dan tanda hubung saja, misalnya "
    "`layanan-aduan.yaml`.",
    hint_en="Rename it with letters, digits and hyphens only, e.g. `layanan-aduan.yaml`.",
)


def printable(text: str) -> str:
    """A path as text that can always be printed: undecodable bytes become U+FFFD."""
    return text.encode("utf-8", "surrogateescape").decode("utf-8", "replace")


def name_problems(file: Path, sop_id: str, display: str) -> list[Diagnostic]:
    """Problems of the file's name (its id ``sop_id``), at the top of the file."""
    found = []
    try:
        os.fsencode(sop_id).decode("utf-8")
    except UnicodeDecodeError:
        found.append(NAME_NOT_UTF8.at(display, 1, 1, name=printable(sop_id)))
    if file.stem.lower() in RESERVED_STEMS:
        parent = file.parent.name or "sop"
        found.append(RESERVED_NAME.at(display, 1, 1, name=printable(file.name),
                                      suggestion=f"{printable(parent)}-utama{file.suffix}"))
    return found
