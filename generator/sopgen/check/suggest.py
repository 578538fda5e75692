"""'Did you mean ...?' suggestions for misspelt keys and ids."""

from __future__ import annotations

import difflib
from collections.abc import Iterable


def closest(word: str, candidates: Iterable[str]) -> str | None:
    """The candidate most similar to ``word``, or None when none is close enough."""
    pool = [c for c in candidates if c != word]
    if not pool:
        return None
    matches = difflib.get_close_matches(word, pool, n=1, cutoff=0.6)
    if matches:
        return matches[0]
    # Case slips ("Telaah" for "telaah") fall below difflib's ratio on short words.
    lowered = {c.lower(): c for c in pool}
    return lowered.get(word.lower())


def did_you_mean(word: str, candidates: Iterable[str], *, list_all: int = 12) -> tuple[str, str]:
    """Hint text (id, en): the close match, else the allowed names when at most ``list_all``."""
    names = sorted(set(candidates))
    match = closest(word, names)
    if match is not None:
        return f"Mungkin maksud Anda `{match}`?", f"Did you mean `{match}`?"
    if not names or len(names) > list_all:
        return "", ""
    shown = ", ".join(f"`{n}`" for n in names)
    return f"Yang tersedia: {shown}.", f"Available: {shown}."
