"""Rule: no sample value of the `sopgen new` skeleton survives into a real SOP (SOP410).

The skeleton validates on purpose (so a new file starts green), which also let an unedited one
pass `validate --strict` and `check`. Its few made-up values are recognised here, each at its
own line. `skeleton.py` writes exactly these values.
"""

from __future__ import annotations

from collections.abc import Iterator

from ..diagnostics import Diagnostic, Message, Severity
from ..model import PathKey
from .view import SopView

NOMOR_PREFIX = "ISI-NOMOR"
"""The skeleton's `nomor` starts with this."""
APPROVER_NAME = "Nama Pejabat"
APPROVER_TITLE = "Kepala Satuan Kerja"

PLACEHOLDER = Message(
    "SOP410", Severity.ERROR,
    id="`{field}` masih berisi isian contoh dari kerangka `sopgen new`: `{value}`",
    en="`{field}` still holds the sample value of the `sopgen new` skeleton: `{value}`",
    hint_id="Ganti dengan isi SOP yang sebenarnya, seperti tercetak pada dokumen resmi.",
    hint_en="Replace it with the real content, as printed on the official document.",
)


def check_placeholders(view: SopView) -> Iterator[Diagnostic]:
    identity = view.mapping("identitas")
    approver = identity.get("disahkan_oleh")
    approver = approver if isinstance(approver, dict) else {}
    found: list[tuple[PathKey, str, object]] = []
    nomor = identity.get("nomor")
    if isinstance(nomor, str) and nomor.strip().upper().startswith(NOMOR_PREFIX):
        found.append((("identitas", "nomor"), "identitas.nomor", nomor))
    for key, sample in (("nama", APPROVER_NAME), ("jabatan", APPROVER_TITLE)):
        value = approver.get(key)
        if isinstance(value, str) and value.strip().casefold() == sample.casefold():
            found.append((("identitas", "disahkan_oleh", key), f"disahkan_oleh.{key}", value))
    for path, field, value in found:
        yield view.at(PLACEHOLDER, path, field=field, value=value)
