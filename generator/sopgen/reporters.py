"""Presenting diagnostics as text, JSON, GitHub annotations or SARIF; never deciding the outcome.

Every reporter takes the diagnostics (already sorted by the caller), the number of files checked
and a language, and returns the whole output as one string.
"""

from __future__ import annotations

import json
import os
import re
import shutil
import subprocess
from collections.abc import Callable, Sequence
from pathlib import Path, PurePosixPath
from typing import Any
from urllib.parse import quote

from . import REPOSITORY, __version__
from .diagnostics import HINT_LABEL, Diagnostic, Severity, registered_messages

FORMATS = ("text", "json", "github", "sarif")

SARIF_SCHEMA = "https://json.schemastore.org/sarif-2.1.0.json"
SARIF_VERSION = "2.1.0"
SRCROOT = "%SRCROOT%"
HELP_URI = f"{REPOSITORY}/blob/v{__version__}/README.md#all-diagnostic-codes"
"""Where every code is explained: the README's table of this version."""

_ANSI = {
    Severity.ERROR: "\x1b[1;31m",
    Severity.WARNING: "\x1b[1;33m",
    "dim": "\x1b[2m",
    "bold": "\x1b[1m",
    "reset": "\x1b[0m",
}


def summary(diagnostics: Sequence[Diagnostic], files: int, lang: str) -> str:
    """``3 berkas diperiksa: 2 galat, 1 peringatan`` / ``3 files checked: 2 errors, 1 warning``."""
    errors, warnings = _counts(diagnostics)
    if lang == "en":
        return (
            f"{files} {_plural(files, 'file')} checked: "
            f"{errors} {_plural(errors, 'error')}, {warnings} {_plural(warnings, 'warning')}"
        )
    return f"{files} berkas diperiksa: {errors} galat, {warnings} peringatan"


def render_text(
    diagnostics: Sequence[Diagnostic], files: int, lang: str = "id", *, color: bool = False
) -> str:
    """One ``path:line:col: severity CODE: message`` line per problem, its hint, a summary."""

    def paint(text: str, style: Any) -> str:
        return f"{_ANSI[style]}{text}{_ANSI['reset']}" if color else text

    lines = []
    for d in diagnostics:
        place = f"{d.file}:{d.line}:{d.column}:" if d.line > 0 else f"{d.file}:"
        severity = paint(d.severity.value, d.severity)
        lines.append(f"{place} {severity} {paint(d.code, 'bold')}: {_one_line(d.message_in(lang))}")
        hint = d.hint_in(lang)
        if hint:
            lines.append(paint(f"  {HINT_LABEL[lang]}: {_one_line(hint)}", "dim"))
    lines.append(summary(diagnostics, files, lang))
    return "\n".join(lines) + "\n"


def render_json(diagnostics: Sequence[Diagnostic], files: int, lang: str = "id") -> str:
    errors, warnings = _counts(diagnostics)
    document = {
        "files": files,
        "errors": errors,
        "warnings": warnings,
        "diagnostics": [
            {
                "file": d.file,
                "line": d.line,
                "column": d.column,
                "severity": d.severity.value,
                "code": d.code,
                "message": d.message_in(lang),
                "hint": d.hint_in(lang),
            }
            for d in diagnostics
        ],
    }
    return json.dumps(document, ensure_ascii=False, indent=2) + "\n"


def render_github(diagnostics: Sequence[Diagnostic], files: int, lang: str = "id") -> str:
    """GitHub Actions workflow commands: one annotation per problem, then the summary."""
    lines = []
    for d in diagnostics:
        properties = [f"file={_github_property(d.file)}"]
        if d.line > 0:
            properties.append(f"line={d.line}")
            if d.column > 0:
                properties.append(f"col={d.column}")
        properties.append(f"title={_github_property(d.code)}")
        text = _with_hint(d, lang)
        lines.append(f"::{d.severity.value} {','.join(properties)}::{_github_data(text)}")
    lines.append(summary(diagnostics, files, lang))
    return "\n".join(lines) + "\n"


def render_sarif(
    diagnostics: Sequence[Diagnostic], files: int, lang: str = "id", *, root: Path | None = None
) -> str:
    """A SARIF 2.1.0 log with one run, for code-scanning tools.

    File URIs are relative to ``root`` (default: the git work tree of the current folder, else
    the folder itself) under the base id ``%SRCROOT%``: GitHub code scanning resolves them
    against the repository, wherever in it `sopgen validate` ran.
    """
    del files  # SARIF lists results, not how many artifacts were clean
    base = (root or source_root()).absolute()
    codes = sorted({d.code for d in diagnostics})
    index = {code: i for i, code in enumerate(codes)}
    first = {}
    for d in diagnostics:
        first.setdefault(d.code, d)
    rules = [_sarif_rule(code, first[code], lang) for code in codes]
    results = [_sarif_result(d, index[d.code], lang, base) for d in diagnostics]
    log = {
        "$schema": SARIF_SCHEMA,
        "version": SARIF_VERSION,
        "runs": [
            {
                "tool": {
                    "driver": {
                        "name": "sopgen",
                        "version": __version__,
                        "rules": rules,
                    }
                },
                "originalUriBaseIds": {SRCROOT: {"uri": base.as_uri() + "/"}},
                "columnKind": "unicodeCodePoints",
                "results": results,
            }
        ],
    }
    return json.dumps(log, ensure_ascii=False, indent=2) + "\n"


RENDERERS: dict[str, Callable[..., str]] = {
    "text": render_text,
    "json": render_json,
    "github": render_github,
    "sarif": render_sarif,
}


def render(
    diagnostics: Sequence[Diagnostic],
    files: int,
    *,
    output_format: str = "text",
    lang: str = "id",
    color: bool = False,
) -> str:
    """The output in the given format; only the text format knows colour."""
    if output_format == "text":
        return render_text(diagnostics, files, lang, color=color)
    return RENDERERS[output_format](diagnostics, files, lang)


def _counts(diagnostics: Sequence[Diagnostic]) -> tuple[int, int]:
    errors = sum(1 for d in diagnostics if d.is_error)
    return errors, len(diagnostics) - errors


def _plural(count: int, word: str) -> str:
    return word if count == 1 else word + "s"


def _one_line(text: str) -> str:
    """Message text from SOP files may hold line breaks; a report line must not."""
    return " ".join(text.split())


def _with_hint(d: Diagnostic, lang: str) -> str:
    hint = d.hint_in(lang)
    message = d.message_in(lang)
    return f"{message}\n{HINT_LABEL[lang]}: {hint}" if hint else message


def _github_data(text: str) -> str:
    return text.replace("%", "%25").replace("\r", "%0D").replace("\n", "%0A")


def _github_property(text: str) -> str:
    return _github_data(text).replace(":", "%3A").replace(",", "%2C")


_PLACEHOLDER = re.compile(r"\{[a-z_]+\}")


def _sarif_rule(code: str, example: Diagnostic, lang: str) -> dict[str, Any]:
    declared = registered_messages().get(code)
    if declared is not None:
        template = declared.en if lang == "en" else declared.id
        description = _PLACEHOLDER.sub("…", template).replace("{{", "{").replace("}}", "}")
    else:
        description = example.message_in(lang)
    level = "error" if example.is_error else "warning"
    rule: dict[str, Any] = {
        "id": code,
        "shortDescription": {"text": _one_line(description)},
        "defaultConfiguration": {"level": level},
    }
    hint = (declared.hint_en if lang == "en" else declared.hint_id) if declared else ""
    help_text = _one_line(hint) if hint else _one_line(description)
    rule["help"] = {
        "text": help_text,
        "markdown": f"{help_text}\n\n[{code}]({HELP_URI})",
    }
    rule["helpUri"] = HELP_URI
    return rule


def source_root(start: Path | None = None) -> Path:
    """The git work tree holding ``start`` (default: the current folder), else ``start``."""
    here = (start or Path.cwd()).absolute()
    git = shutil.which("git")
    if git is not None:
        try:
            top = subprocess.run(
                [git, "rev-parse", "--show-toplevel"], cwd=here, capture_output=True,
                text=True, check=True,
            ).stdout.strip()
        except (OSError, subprocess.CalledProcessError):
            top = ""
        if top:
            return Path(top)
    return here


def _sarif_result(d: Diagnostic, rule_index: int, lang: str, base: Path) -> dict[str, Any]:
    physical: dict[str, Any] = {"artifactLocation": _sarif_location(d.file, base)}
    if d.line > 0:
        region = {"startLine": d.line}
        if d.column > 0:
            region["startColumn"] = d.column
        physical["region"] = region
    return {
        "ruleId": d.code,
        "ruleIndex": rule_index,
        "level": "error" if d.is_error else "warning",
        "message": {"text": _with_hint(d, lang)},
        "locations": [{"physicalLocation": physical}],
    }


def _sarif_location(file: str, base: Path) -> dict[str, str]:
    """``{uri, uriBaseId}`` relative to ``base`` when the file lies below it, else absolute."""
    posix = file.replace("\\", "/")
    if not PurePosixPath(posix).is_absolute() and not re.match(r"^[A-Za-z]:/", posix):
        absolute = Path(os.path.abspath(Path.cwd() / posix))
    else:
        absolute = Path(posix)
    try:
        relative = absolute.relative_to(base).as_posix()
    except ValueError:
        return {"uri": _sarif_uri(posix)}
    return {"uri": quote(relative, safe="/"), "uriBaseId": SRCROOT}


def _sarif_uri(file: str) -> str:
    """A relative URI with forward slashes; absolute paths become ``file:`` URIs."""
    posix = file.replace("\\", "/")
    if PurePosixPath(posix).is_absolute():
        return "file://" + quote(posix, safe="/")
    if re.match(r"^[A-Za-z]:/", posix):  # a Windows drive path
        return "file:///" + quote(posix, safe="/:")
    return quote(posix, safe="/")
