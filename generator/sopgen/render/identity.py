"""What the identity block shows: the form's header and the two-column grid below it."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass

from ..model import Sop, SopLink
from .escaping import safe_url


@dataclass(frozen=True, slots=True)
class RelatedItem:
    """One Keterkaitan entry: plain text, or a link to another SOP's page."""

    text: str
    url: str | None = None


@dataclass(frozen=True, slots=True)
class GridCell:
    title: str
    items: tuple[str | RelatedItem, ...]


def related_items(
    sop: Sop,
    link_for: Callable[[str], str | None],
    title_for: Callable[[str], str | None] | None = None,
) -> tuple[RelatedItem, ...]:
    items = []
    for entry in sop.keterkaitan:
        if isinstance(entry, SopLink):
            title = title_for(entry.target) if title_for is not None else None
            items.append(RelatedItem(title or entry.target, safe_url(link_for(entry.target))))
        else:
            items.append(RelatedItem(entry))
    return tuple(items)


def identity_grid(sop: Sop, related: tuple[RelatedItem, ...]) -> tuple[tuple[GridCell, ...], ...]:
    """The grid below the header, in the form's order, two cells per line."""
    return (
        (
            GridCell("Dasar Hukum", sop.dasar_hukum),
            GridCell("Kualifikasi Pelaksana", sop.kualifikasi_pelaksana),
        ),
        (
            GridCell("Keterkaitan", related),
            GridCell("Peralatan/Perlengkapan", sop.peralatan_perlengkapan),
        ),
        (
            GridCell("Peringatan", sop.peringatan),
            GridCell("Pencatatan dan Pendataan", sop.pencatatan_pendataan),
        ),
    )
