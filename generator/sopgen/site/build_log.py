"""What a site build tells its user on the way, in the plugin's message language (``lang``):
progress on long builds and the closing summary. The messages that stop a build are
diagnostics (`diagnostics.py`); these lines only inform.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

PROGRESS_EVERY = 250  # SOPs between two progress lines on long builds

_TEXTS: dict[str, dict[str, str]] = {
    "to_render": {
        "id": "{missing} dari {total} halaman SOP perlu dibuat ({cached} dari cache)",
        "en": "{missing} of {total} SOP pages to render ({cached} from the cache)",
    },
    "rendered": {"id": "{done}/{total} halaman SOP dibuat",
                 "en": "{done}/{total} SOP pages rendered"},
    "written": {"id": "{done}/{total} halaman SOP ditulis",
                "en": "{done}/{total} SOP pages written"},
    "unchanged": {
        "id": "{count} halaman tidak berubah, tidak ditulis ulang",
        "en": "{count} pages unchanged, not written again",
    },
    "not_ahead": {
        "id": "{count} halaman SOP ditulis ulang tanpa paralel",
        "en": "{count} SOP pages written again in one process",
    },
    "summary": {
        "id": "{sops} SOP diperiksa, {written} halaman SOP ditulis, {rendered} dibuat ulang, "
        "{cached} dari cache, {diagrams} diagram dari cache, {finished} halaman jadi dari cache",
        "en": "{sops} SOPs checked, {written} SOP pages written, {rendered} rendered, "
        "{cached} from the cache, {diagrams} diagrams from the cache, "
        "{finished} finished pages from the cache",
    },
    "pdf_option": {"id": "sopgen (opsi pdf): {error}", "en": "sopgen (pdf option): {error}"},
}


@dataclass
class BuildStats:
    """What the summary line counts, kept by `builder.PageBuilder` and the plugin."""

    sops: int = 0
    rendered: int = 0
    from_cache: int = 0
    diagrams_from_cache: int = 0
    pages_written: int = 0
    seconds: float = 0.0
    rendered_ids: list[str] = field(default_factory=list)


def build_text(key: str, lang: str, **values: Any) -> str:
    """One line of the build's log in `lang` (Indonesian for a language sopgen lacks)."""
    texts = _TEXTS[key]
    return texts.get(lang, texts["id"]).format(**values)


def summary_line(stats: BuildStats, finished: int, lang: str) -> str:
    """The build's closing line: SOPs checked, pages written, rendered, from the cache, and
    `finished` pages that came whole from the finished-page cache."""
    return build_text("summary", lang, sops=stats.sops, written=stats.pages_written,
                      rendered=stats.rendered, cached=stats.from_cache,
                      diagrams=stats.diagrams_from_cache, finished=finished)


def is_progress_step(done: int, total: int) -> bool:
    """Whether `done` of `total` deserves a progress line (not the last: the summary says it)."""
    return done % PROGRESS_EVERY == 0 and done < total
