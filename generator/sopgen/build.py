"""A validated SOP document turned into the immutable `Sop` model.

Only documents without errors are built, so the shapes the schema and rules guarantee are taken
for granted here; the work is normalising (text or list -> tuple, ids -> step keys, dates).
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable
from pathlib import Path
from typing import TYPE_CHECKING, Any

from .check.durations import duration_of
from .duration import Duration
from .model import (
    END,
    Actor,
    Approver,
    Decision,
    Identity,
    Revision,
    Scenario,
    Simulation,
    Sop,
    SopLink,
    SourceMap,
    Step,
)
from .read.loader import typed

if TYPE_CHECKING:
    from .read.loader import LoadedDocument

EFFECTIVE_LABELS = {
    "tanggal_efektif": "Tanggal Efektif",
    "tanggal_pengesahan": "Tanggal Pengesahan",
}


def build_sop(
    doc: LoadedDocument,
    sop_id: str,
    path: Path,
    resolve_link: Callable[[str], str] | None = None,
) -> Sop:
    """The model of a document that validated without errors.

    ``resolve_link`` maps a ``{sop: ref}`` reference to the full id of its target (the corpus
    supplies it); without it the reference is kept as written.
    """
    data: dict[str, Any] = doc.data
    resolve = resolve_link or (lambda ref: ref)
    links: list[str | SopLink] = []
    for item in data.get("keterkaitan") or ():
        links.append(SopLink(item["sop"], resolve(item["sop"])) if isinstance(item, dict) else item)
    return Sop(
        id=sop_id,
        path=path,
        identitas=_identity(data["identitas"], path),
        dasar_hukum=_texts(data["dasar_hukum"]),
        kualifikasi_pelaksana=_texts(data["kualifikasi_pelaksana"]),
        keterkaitan=tuple(links),
        peralatan_perlengkapan=_texts(data["peralatan_perlengkapan"]),
        peringatan=_texts(data["peringatan"]),
        pencatatan_pendataan=_texts(data["pencatatan_pendataan"]),
        pelaksana=tuple(Actor(a["id"], a["nama"]) for a in data["pelaksana"]),
        langkah=_steps(data["langkah"]),
        simulasi=_simulation(data["simulasi"]) if data.get("simulasi") is not None else None,
        source=SourceMap(doc.file, doc.locate),
    )


def _texts(value: str | list[str] | None) -> tuple[str, ...]:
    if value is None:
        return ()
    return (value,) if isinstance(value, str) else tuple(value)


def _date(text: str) -> dt.date:
    return dt.date.fromisoformat(text)


def _identity(data: dict[str, Any], path: Path) -> Identity:
    label_key = "tanggal_efektif" if "tanggal_efektif" in data else "tanggal_pengesahan"
    written = data.get("tanggal_revisi")
    if written is None:
        revisions: tuple[Revision, ...] = ()
    elif isinstance(written, str):
        revisions = (Revision(_date(written)),)
    else:
        revisions = tuple(Revision(_date(r["tanggal"]), r.get("uraian")) for r in written)
    approver = data["disahkan_oleh"]
    return Identity(
        instansi=data["instansi"],
        satuan_kerja=data["satuan_kerja"],
        nomor=data["nomor"],
        nama=data["nama"],
        tanggal_pembuatan=_date(data["tanggal_pembuatan"]),
        tanggal_efektif=_date(data[label_key]),
        efektif_label=EFFECTIVE_LABELS[label_key],
        disahkan_oleh=Approver(
            jabatan=approver["jabatan"],
            nama=approver["nama"],
            pangkat=approver.get("pangkat"),
            nip=approver.get("nip"),
        ),
        tanggal_revisi=revisions,
        logo=(path.parent / data["logo"].strip()).resolve() if data.get("logo") else None,
    )


def _steps(data: list[dict[str, Any]]) -> tuple[Step, ...]:
    keys = [s.get("id") or f"#{number}" for number, s in enumerate(data, start=1)]
    steps = []
    for index, spec in enumerate(data):
        default_next = keys[index + 1] if index + 1 < len(keys) else END
        kegiatan = spec["kegiatan"]
        waktu = spec.get("waktu")
        steps.append(
            Step(
                number=index + 1,
                key=keys[index],
                id=spec.get("id"),
                kegiatan=_texts(kegiatan),
                kegiatan_is_list=isinstance(kegiatan, list),
                pelaksana=_texts(spec["pelaksana"]),
                lanjut=default_next if "keputusan" in spec else spec.get("lanjut", default_next),
                kelengkapan=_texts(spec.get("kelengkapan")),
                waktu=duration_of(waktu) if waktu is not None else None,
                output=_texts(spec.get("output")),
                keterangan=spec.get("keterangan"),
                keputusan=_decision(spec["keputusan"]) if spec.get("keputusan") else None,
            )
        )
    return tuple(steps)


def _decision(data: dict[str, Any]) -> Decision:
    chance = data.get("peluang_ya")
    peluang = typed(chance, "number") if isinstance(chance, str) else chance
    return Decision(
        ya=data["ya"],
        tidak=data["tidak"],
        pertanyaan=data.get("pertanyaan"),
        label_ya=data.get("label_ya", "Ya"),
        label_tidak=data.get("label_tidak", "Tidak"),
        peluang_ya=0.5 if peluang is None else float(peluang),
    )


def _duration(text: str | None) -> Duration | None:
    return duration_of(text) if text is not None else None


def _simulation(data: dict[str, Any]) -> Simulation:
    scenarios = []
    for item in data.get("skenario") or ():
        choices = item.get("keputusan") or {}
        scenarios.append(
            Scenario(
                nama=item["nama"],
                masuk=dt.datetime.fromisoformat(item["masuk"]),
                keputusan={
                    step: tuple(v == "ya" for v in ([value] if isinstance(value, str) else value))
                    for step, value in choices.items()
                },
                waktu={
                    step: duration
                    for step, text in (item.get("waktu") or {}).items()
                    if (duration := duration_of(text)) is not None
                },
                target=_duration(item.get("target")),
            )
        )
    sebutan = data.get("sebutan")
    return Simulation(
        target=_duration(data.get("target")),
        skenario=tuple(scenarios),
        sebutan=" ".join(sebutan.split()) if isinstance(sebutan, str) else None,
    )
