"""Rules on the identity block: real dates in a sensible order, and the approver's NIP (SOP4xx)."""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Iterator
from typing import Any

from ..diagnostics import Diagnostic, Message, Severity
from ..model import PathKey
from .nip import check_nip
from .view import SopView

_DATE = re.compile(r"^(\d{4})-(\d{2})-(\d{2})$")

NO_SUCH_DATE = Message(
    "SOP401", Severity.ERROR,
    id="Tanggal `{value}` pada `{field}` tidak ada di kalender",
    en="The date `{value}` in `{field}` does not exist",
    hint_id="Periksa bulan (01-12) dan tanggal (sesuai jumlah hari bulan itu), "
    "misalnya `2023-02-28`.",
    hint_en="Check the month (01-12) and the day (within that month's length), "
    "e.g. `2023-02-28`.",
)
EFFECTIVE_BEFORE_CREATED = Message(
    "SOP402", Severity.ERROR,
    id="`{field}` ({value}) lebih awal dari `tanggal_pembuatan` ({created})",
    en="`{field}` ({value}) is earlier than `tanggal_pembuatan` ({created})",
    hint_id="SOP tidak dapat berlaku sebelum dibuat: periksa kedua tanggal.",
    hint_en="An SOP cannot take effect before it is made: check both dates.",
)
REVISION_BEFORE_CREATED = Message(
    "SOP403", Severity.ERROR,
    id="Tanggal revisi {value} lebih awal dari `tanggal_pembuatan` ({created})",
    en="Revision date {value} is earlier than `tanggal_pembuatan` ({created})",
    hint_id="Revisi hanya dapat dilakukan setelah SOP dibuat: periksa kedua tanggal.",
    hint_en="A revision can only follow the SOP's creation: check both dates.",
)


def parse_date(value: Any) -> dt.date | None:
    """The date of a `YYYY-MM-DD` text, or None when the text is not one (or not a real day)."""
    match = _DATE.match(value) if isinstance(value, str) else None
    if match is None:
        return None
    try:
        return dt.date(int(match[1]), int(match[2]), int(match[3]))
    except ValueError:
        return None


def check_identity(view: SopView) -> Iterator[Diagnostic]:
    identity = view.mapping("identitas")
    base: PathKey = ("identitas",)

    def real_date(name: str, path: PathKey, value: Any) -> Iterator[Diagnostic]:
        if isinstance(value, str) and _DATE.match(value) and parse_date(value) is None:
            yield view.at(NO_SUCH_DATE, path, value=value, field=name)

    for name in ("tanggal_pembuatan", "tanggal_efektif", "tanggal_pengesahan"):
        yield from real_date(name, (*base, name), identity.get(name))
    revisions: list[tuple[Any, PathKey]] = []
    written = identity.get("tanggal_revisi")
    if isinstance(written, list):
        for i, item in enumerate(written):
            if isinstance(item, dict):
                revisions.append((item.get("tanggal"), (*base, "tanggal_revisi", i, "tanggal")))
    elif written is not None:
        revisions.append((written, (*base, "tanggal_revisi")))
    for value, path in revisions:
        yield from real_date("tanggal_revisi", path, value)

    created = parse_date(identity.get("tanggal_pembuatan"))
    if created is not None:
        for name in ("tanggal_efektif", "tanggal_pengesahan"):
            effective = parse_date(identity.get(name))
            if effective is not None and effective < created:
                yield view.at(EFFECTIVE_BEFORE_CREATED, (*base, name), field=name,
                              value=effective.isoformat(), created=created.isoformat())
        for value, path in revisions:
            revised = parse_date(value)
            if revised is not None and revised < created:
                yield view.at(REVISION_BEFORE_CREATED, path, value=revised.isoformat(),
                              created=created.isoformat())

    approver = identity.get("disahkan_oleh")
    nip = approver.get("nip") if isinstance(approver, dict) else None
    if isinstance(nip, str):
        path = (*base, "disahkan_oleh", "nip")
        yield from check_nip(nip, view.doc.file, view.doc.locate(path))
