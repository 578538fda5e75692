"""How `sopgen check` prints its verdicts: text (a line each), GitHub annotations, or JSON.

`run_check` collects one `Verdict` per scenario and per longest route; this module only
presents them, next to the validation diagnostics rendered by `reporters`.
"""

from __future__ import annotations

import json
from collections.abc import Sequence
from dataclasses import dataclass, field

from ..diagnostics import Diagnostic
from ..reporters import render_github, render_json

CHECK_FORMATS = ("text", "github", "json")


@dataclass(frozen=True)
class Verdict:
    sop_id: str
    file: str
    kind: str  # "skenario" or "rute"
    name: str
    ok: bool
    line: str  # the text line, as the text format prints it
    details: tuple[str, ...] = field(default=())  # the walk's own diagnostics, as text lines


def render_check(
    output_format: str,
    diagnostics: Sequence[Diagnostic],
    files: int,
    verdicts: Sequence[Verdict],
    summary: str,
    lang: str,
    diagnostics_text: str,
) -> str:
    if output_format == "json":
        document = json.loads(render_json(diagnostics, files, lang))
        document["hasil"] = [
            {"sop": v.sop_id, "file": v.file, "jenis": v.kind, "nama": v.name, "lulus": v.ok,
             "teks": v.line, "rincian": list(v.details)}
            for v in verdicts
        ]
        document["gagal"] = sum(not v.ok for v in verdicts)
        document["ringkasan"] = summary
        return json.dumps(document, ensure_ascii=False, indent=2) + "\n"
    lines: list[str] = []
    if output_format == "github":
        lines.append(render_github(diagnostics, files, lang).rstrip("\n"))
    else:
        lines.append(diagnostics_text.rstrip("\n"))
    if verdicts:
        lines.append("")
    for v in verdicts:
        lines.append(v.line)
        lines.extend(v.details)
        if output_format == "github" and not v.ok:
            title = _property(f"sopgen check: {v.sop_id}")
            lines.append(f"::error file={_property(v.file)},title={title}::{_data(v.line)}")
    lines.append(summary)
    return "\n".join(lines) + "\n"


def _data(text: str) -> str:
    return text.replace("%", "%25").replace("\r", "%0D").replace("\n", "%0A")


def _property(text: str) -> str:
    return _data(text).replace(":", "%3A").replace(",", "%2C")
