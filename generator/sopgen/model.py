"""The validated SOP, as plain immutable Python objects.

Everything downstream (HTML, DOT, Markdown, JSON, the simulator) reads these objects, never raw
YAML. A `Sop` is only built from a file that validated without errors, so its invariants hold:
every reference resolves, every step is reachable, every duration parsed.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path

from .duration import Duration

END = "selesai"
"""The target word that ends the procedure."""

Position = tuple[int, int]
"""1-based (line, column) in the source file."""

PathKey = tuple[str | int, ...]
"""Path of a value inside the YAML document, e.g. ``("langkah", 2, "waktu")``."""


@dataclass(frozen=True, slots=True)
class SopLink:
    """A ``{sop: id}`` entry of ``keterkaitan``; ``target`` is the full id once resolved."""

    ref: str
    target: str


@dataclass(frozen=True, slots=True)
class Revision:
    tanggal: dt.date
    uraian: str | None = None


@dataclass(frozen=True, slots=True)
class Approver:
    jabatan: str
    nama: str
    pangkat: str | None = None
    nip: str | None = None  # as written (spaces kept) for printing


@dataclass(frozen=True, slots=True)
class Identity:
    instansi: str
    satuan_kerja: str
    nomor: str
    nama: str
    tanggal_pembuatan: dt.date
    tanggal_efektif: dt.date
    efektif_label: str  # "Tanggal Efektif" or "Tanggal Pengesahan", as the file chose
    disahkan_oleh: Approver
    tanggal_revisi: tuple[Revision, ...] = ()
    logo: Path | None = None  # the image file, resolved; checked by the corpus (SOP605-607)


@dataclass(frozen=True, slots=True)
class Actor:
    id: str
    nama: str


@dataclass(frozen=True, slots=True)
class Decision:
    ya: str  # target: a step key or END
    tidak: str
    pertanyaan: str | None = None
    label_ya: str = "Ya"
    label_tidak: str = "Tidak"
    peluang_ya: float = 0.5  # branch probability for Monte Carlo runs


@dataclass(frozen=True, slots=True)
class Step:
    """One row of the procedure table.

    ``key`` identifies the step everywhere in the model: its ``id`` when the file gives one,
    otherwise ``"#<number>"`` (which no written id can collide with). ``lanjut`` is always
    resolved: the next step's key, or END after the last step.
    """

    number: int  # 1-based row number
    key: str
    id: str | None
    kegiatan: tuple[str, ...]
    kegiatan_is_list: bool  # True: render as sub-items a., b., c.
    pelaksana: tuple[str, ...]  # actor ids, in the order written
    lanjut: str
    kelengkapan: tuple[str, ...] = ()
    waktu: Duration | None = None
    output: tuple[str, ...] = ()
    keterangan: str | None = None
    keputusan: Decision | None = None

    @property
    def is_decision(self) -> bool:
        return self.keputusan is not None

    @property
    def anchor(self) -> str:
        """HTML id of this step's table row."""
        return f"langkah-{self.number}"

    def successors(self) -> tuple[tuple[str, str | None], ...]:
        """Outgoing arrows as (target key or END, label); decisions give (ya, tidak)."""
        if self.keputusan is not None:
            d = self.keputusan
            return ((d.ya, d.label_ya), (d.tidak, d.label_tidak))
        return ((self.lanjut, None),)


@dataclass(frozen=True, slots=True)
class Scenario:
    nama: str
    masuk: dt.datetime  # naive, local time of the body's calendar
    keputusan: dict[str, tuple[bool, ...]] = field(default_factory=dict)  # True = ya
    waktu: dict[str, Duration] = field(default_factory=dict)  # step key -> actual duration
    target: Duration | None = None


@dataclass(frozen=True, slots=True)
class Simulation:
    target: Duration | None
    skenario: tuple[Scenario, ...] = ()
    sebutan: str | None = None  # the case noun ("permohonan"); None: derived from the text


@dataclass(frozen=True)
class SourceMap:
    """Where each value of the document stands in its file."""

    file: str
    locate: Callable[[PathKey], Position] = field(repr=False, compare=False)

    def position(self, path: PathKey) -> Position:
        return self.locate(path)


@dataclass(frozen=True)
class Sop:
    id: str  # path below the sops folder without extension, e.g. "diskominfo/layanan-aduan"
    path: Path
    identitas: Identity
    dasar_hukum: tuple[str, ...]
    kualifikasi_pelaksana: tuple[str, ...]
    keterkaitan: tuple[str | SopLink, ...]
    peralatan_perlengkapan: tuple[str, ...]
    peringatan: tuple[str, ...]
    pencatatan_pendataan: tuple[str, ...]
    pelaksana: tuple[Actor, ...]
    langkah: tuple[Step, ...]
    simulasi: Simulation | None = None
    source: SourceMap | None = field(default=None, compare=False, repr=False)

    @property
    def satuan_kerja_folder(self) -> str:
        return self.id.rsplit("/", 1)[0] if "/" in self.id else ""

    def step(self, key: str) -> Step:
        for step in self.langkah:
            if step.key == key:
                return step
        raise KeyError(key)

    def actor(self, actor_id: str) -> Actor:
        for actor in self.pelaksana:
            if actor.id == actor_id:
                return actor
        raise KeyError(actor_id)
