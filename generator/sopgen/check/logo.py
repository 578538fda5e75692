"""`identitas.logo`: an image file inside the corpus, of modest size, and safe to publish.

The logo is copied onto the site as it is, so an SVG is read and refused when it could run
script on the site's origin or fetch anything from elsewhere: no `<script>`, no event handler
attributes (``onload``...), no `<foreignObject>`, no animation (it can rewrite links), no
reference outside the image itself (``href``, ``url(...)``, stylesheets, entities). Refusing is
safer than rewriting: a logo is drawn once and rarely changes.
"""

from __future__ import annotations

import os
import re
import xml.etree.ElementTree as ElementTree
from pathlib import Path

from ..diagnostics import Diagnostic, Message, Severity
from ..model import Position
from ..read.safe import FileTooLarge, NotRegularFile, read_bounded

LOGO_SUFFIXES = (".png", ".jpg", ".jpeg", ".svg", ".webp", ".gif")
LOGO_MAX_BYTES = 1024 * 1024
NAME_MAX_BYTES = 255  # of one path component, as Linux file systems allow

LOGO_MISSING = Message(
    "SOP605", Severity.ERROR,
    id="Berkas logo `{logo}` tidak ditemukan (dicari di `{where}`)",
    en="Logo file `{logo}` not found (looked for `{where}`)",
    hint_id="Tulis jalur gambar relatif terhadap berkas SOP ini, misalnya `../logo.png` untuk "
    "gambar di folder satuan kerja di atasnya, dan pastikan berkasnya ikut di-commit.",
    hint_en="Write the image path relative to this SOP file, e.g. `../logo.png` for an image in "
    "the folder above, and make sure the file is committed.",
)
LOGO_OUTSIDE = Message(
    "SOP606", Severity.ERROR,
    id="Berkas logo `{logo}` berada di luar folder `{root}`",
    en="Logo file `{logo}` lies outside the folder `{root}`",
    hint_id="Simpan logo di dalam folder SOP (misalnya `{root}/logo.png`) agar ikut diterbitkan.",
    hint_en="Keep the logo inside the SOP folder (e.g. `{root}/logo.png`) so it is published.",
)
LOGO_UNSUITABLE = Message(
    "SOP607", Severity.ERROR,
    id="Berkas logo `{logo}` tidak dapat dipakai: {problem_id}",
    en="Logo file `{logo}` cannot be used: {problem_en}",
    hint_id="Pakai gambar PNG, JPG, SVG, WebP atau GIF yang tidak lebih dari 1 MB.",
    hint_en="Use a PNG, JPG, SVG, WebP or GIF image of at most 1 MB.",
)
LOGO_UNSAFE = Message(
    "SOP608", Severity.ERROR,
    id="Logo SVG `{logo}` tidak aman untuk diterbitkan: {problem_id}",
    en="SVG logo `{logo}` is not safe to publish: {problem_en}",
    hint_id="Simpan logo sebagai SVG biasa tanpa skrip, tanpa atribut `on...`, tanpa "
    "`foreignObject`, tanpa animasi dan tanpa rujukan ke berkas atau alamat lain (misalnya "
    "ekspor ulang sebagai \"Plain SVG\"), atau pakai PNG.",
    hint_en="Save the logo as plain SVG without script, `on...` attributes, `foreignObject`, "
    "animation or references to other files or addresses (e.g. export it again as \"Plain "
    "SVG\"), or use PNG.",
)

_FORBIDDEN = {
    "script": ("memuat `<script>`", "it contains `<script>`"),
    "foreignobject": ("memuat `<foreignObject>`", "it contains `<foreignObject>`"),
    "iframe": ("memuat `<iframe>`", "it contains `<iframe>`"),
    "embed": ("memuat `<embed>`", "it contains `<embed>`"),
    "object": ("memuat `<object>`", "it contains `<object>`"),
    "handler": ("memuat `<handler>`", "it contains `<handler>`"),
    "listener": ("memuat `<listener>`", "it contains `<listener>`"),
}
_ANIMATION = {"animate", "set", "animatemotion", "animatetransform", "animatecolor", "discard"}
_LOCAL_IMAGE = re.compile(r"^\s*(#|data:image/(png|jpeg|gif|webp)[;,])", re.IGNORECASE)
_EXTERNAL_URL = re.compile(r"url\(\s*['\"]?\s*(?!#)|@import|javascript:|expression\(",
                           re.IGNORECASE)
_DECLARATIONS = re.compile(rb"<!DOCTYPE|<!ENTITY|<\?(?!xml[\s?])", re.IGNORECASE)


def _problem(text_id: str, text_en: str) -> tuple[str, str]:
    return text_id, text_en


def logo_problems(
    text: str, position: Position, sop_file: Path, display: str, root: Path
) -> list[Diagnostic]:
    """The logo ``text`` written in ``sop_file`` must be an image file of modest size inside
    ``root``; every problem is located at the `logo` value, none raises."""
    line, column = position
    at = (display, line, column)

    def unsuitable(problem_id: str, problem_en: str) -> list[Diagnostic]:
        return [LOGO_UNSUITABLE.at(*at, logo=text, problem_id=problem_id, problem_en=problem_en)]

    name = text.strip()
    if not name:
        return unsuitable("nama berkasnya kosong", "the file name is empty")
    if "\x00" in name:
        return unsuitable("nama berkasnya memuat karakter NUL", "the file name contains a NUL")
    too_long = [p for p in Path(name).parts if len(os.fsencode(p)) > NAME_MAX_BYTES]
    if too_long:
        return unsuitable(f"bagian nama berkas lebih dari {NAME_MAX_BYTES} bita",
                          f"a part of the file name is longer than {NAME_MAX_BYTES} bytes")
    try:
        image = (sop_file.parent / name).resolve()
        inside = image.is_relative_to(root.resolve())
    except (OSError, RuntimeError, ValueError) as error:  # a link loop, an impossible name
        return unsuitable(f"jalurnya tidak dapat dibaca ({error})",
                          f"its path cannot be read ({error})")
    if not inside:
        return [LOGO_OUTSIDE.at(*at, logo=text, root=root.name)]
    if not image.exists():
        return [LOGO_MISSING.at(*at, logo=text, where=_printable(image.as_posix()))]
    if image.suffix.lower() not in LOGO_SUFFIXES:
        return unsuitable(
            f"jenis `{image.suffix or '(tanpa akhiran)'}` bukan gambar yang didukung",
            f"`{image.suffix or '(no suffix)'}` is not a supported image type")
    try:
        content = read_bounded(image, LOGO_MAX_BYTES)
    except NotRegularFile as error:
        return unsuitable(f"bukan berkas biasa ({error.kind_id})",
                          f"it is not a regular file ({error.kind_en})")
    except FileTooLarge:
        return unsuitable("lebih besar dari 1 MB", "larger than 1 MB")
    except OSError as error:
        return unsuitable(f"tidak dapat dibaca ({error.strerror})",
                          f"it cannot be read ({error.strerror})")
    if image.suffix.lower() == ".svg":
        unsafe = svg_problem(content)
        if unsafe is not None:
            return [LOGO_UNSAFE.at(*at, logo=text, problem_id=unsafe[0], problem_en=unsafe[1])]
    return []


def svg_problem(content: bytes) -> tuple[str, str] | None:
    """Why an SVG must not be published (Indonesian, English), or None when it is safe."""
    if _DECLARATIONS.search(content):
        return _problem("memuat deklarasi DOCTYPE/ENTITY atau instruksi pemrosesan",
                        "it contains a DOCTYPE/ENTITY declaration or a processing instruction")
    try:
        root = ElementTree.fromstring(content)
    except ElementTree.ParseError as error:
        return _problem(f"bukan XML yang sah ({error})", f"it is not well-formed XML ({error})")
    if _local(root.tag) != "svg":
        return _problem("elemen terluarnya bukan `<svg>`", "its outermost element is not `<svg>`")
    for element in root.iter():
        tag = _local(element.tag) if isinstance(element.tag, str) else ""
        if tag in _FORBIDDEN:
            return _FORBIDDEN[tag]
        if tag in _ANIMATION:
            return _problem(f"memuat animasi `<{tag}>`", f"it contains the animation `<{tag}>`")
        if tag == "style" and _EXTERNAL_URL.search(element.text or ""):
            return _problem("gaya `<style>` merujuk ke luar gambar",
                            "a `<style>` refers outside the image")
        for attribute, value in element.attrib.items():
            name = _local(attribute)
            if name.startswith("on"):
                return _problem(f"memuat atribut kejadian `{name}`",
                                f"it contains the event attribute `{name}`")
            if name in ("href", "src") and not _LOCAL_IMAGE.match(value):
                return _problem(f"merujuk ke luar gambar (`{name}`)",
                                f"it refers outside the image (`{name}`)")
            if _EXTERNAL_URL.search(value):
                return _problem(f"atribut `{name}` merujuk ke luar gambar",
                                f"the attribute `{name}` refers outside the image")
    return None


def _local(name: str) -> str:
    """``{namespace}local`` -> ``local``, lower-cased (HTML parsers ignore case)."""
    return name.rsplit("}", 1)[-1].lower()


def _printable(text: str) -> str:
    return text.encode("utf-8", "surrogateescape").decode("utf-8", "replace")
