"""Small builders of `Sop` model objects for the rendering tests (no YAML, no loader)."""

from __future__ import annotations

import datetime as dt
from pathlib import Path
from typing import Any

from sopgen.duration import parse_duration
from sopgen.model import (
    END,
    Actor,
    Approver,
    Decision,
    Identity,
    Revision,
    Sop,
    SopLink,
    Step,
)


def _texts(value: str | list[str] | tuple[str, ...] | None) -> tuple[str, ...]:
    if value is None:
        return ()
    if isinstance(value, str):
        return (value,)
    return tuple(value)


def make_steps(specs: list[dict[str, Any]]) -> tuple[Step, ...]:
    """Steps from short dicts; ``lanjut`` defaults to the next step, END after the last."""
    keys = [spec.get("id") or f"#{number}" for number, spec in enumerate(specs, start=1)]
    steps = []
    for index, spec in enumerate(specs):
        default_next = keys[index + 1] if index + 1 < len(keys) else END
        decision = spec.get("keputusan")
        waktu = spec.get("waktu")
        kegiatan = spec.get("kegiatan", f"Melakukan kegiatan {index + 1}")
        steps.append(
            Step(
                number=index + 1,
                key=keys[index],
                id=spec.get("id"),
                kegiatan=_texts(kegiatan),
                kegiatan_is_list=not isinstance(kegiatan, str),
                pelaksana=_texts(spec["pelaksana"]),
                lanjut=spec.get("lanjut", default_next),
                kelengkapan=_texts(spec.get("kelengkapan")),
                waktu=parse_duration(waktu) if waktu else None,
                output=_texts(spec.get("output")),
                keterangan=spec.get("keterangan"),
                keputusan=Decision(**decision) if decision else None,
            )
        )
    return tuple(steps)


def make_sop(
    steps: list[dict[str, Any]],
    actors: list[tuple[str, str]] | None = None,
    sop_id: str = "diskominfo/layanan-aduan",
    **fields: Any,
) -> Sop:
    """An SOP with plausible identity data; any top-level field can be overridden."""
    identity = fields.pop(
        "identitas",
        Identity(
            instansi="Pemerintah Kabupaten Demak",
            satuan_kerja="Dinas Komunikasi dan Informatika",
            nomor="DINKOMINFO/4/1/32/2020",
            nama="Layanan Aduan Masyarakat",
            tanggal_pembuatan=dt.date(2020, 4, 2),
            tanggal_efektif=dt.date(2020, 4, 2),
            efektif_label="Tanggal Efektif",
            disahkan_oleh=Approver(
                jabatan="Kepala Dinas Komunikasi dan Informatika",
                nama="Dra. Endah Cahya Rini, MM",
                pangkat="Pembina Utama Muda",
                nip="19680903 199302 2 001",
            ),
            tanggal_revisi=(Revision(dt.date(2021, 1, 5), "Penyesuaian jam layanan"),),
        ),
    )
    actor_list = actors or [("admin", "Admin Koordinator"), ("pengadu", "Pengadu")]
    values: dict[str, Any] = {
        "dasar_hukum": ("Peraturan Presiden Nomor 76 Tahun 2013",),
        "kualifikasi_pelaksana": ("Minimal D-III",),
        "keterkaitan": ("SOP Surat Masuk", SopLink("surat-masuk", "umum/surat-masuk")),
        "peralatan_perlengkapan": ("Komputer/Laptop", "Printer"),
        "peringatan": ("Jika SOP tidak dilaksanakan aduan terlambat.",),
        "pencatatan_pendataan": ("Arsip data pengaduan",),
    }
    values.update(fields)
    return Sop(
        id=sop_id,
        path=Path(f"sops/{sop_id}.yaml"),
        identitas=identity,
        pelaksana=tuple(Actor(actor_id, nama) for actor_id, nama in actor_list),
        langkah=make_steps(steps),
        **values,
    )


DEMAK_ACTORS = [
    ("pimpinan", "Pimpinan (Bupati, Wabup, Sekretaris)"),
    ("admin", "Admin Koordinator"),
    ("opd", "OPD/BUMD"),
    ("penghubung", "Pejabat Penghubung"),
    ("pengadu", "Pengadu"),
]


def loop_steps() -> list[dict[str, Any]]:
    """A file check with a loop back to the applicant: periksa -tidak-> lengkapi -> periksa."""
    return [
        {"id": "ajukan", "pelaksana": "pengadu", "waktu": "15 menit"},
        {
            "id": "periksa",
            "pelaksana": "admin",
            "waktu": "15 menit",
            "keputusan": {"ya": "proses", "tidak": "lengkapi"},
        },
        {"id": "lengkapi", "pelaksana": "pengadu", "waktu": "1 hari kerja", "lanjut": "periksa"},
        {"id": "proses", "pelaksana": "admin", "waktu": "1 jam"},
    ]


def demak_sop() -> Sop:
    """The Demak complaint SOP of the references, with a decision, a loop and a shared step."""
    return make_sop(
        [
            {"id": "sampaikan", "kegiatan": "Menyampaikan pengaduan, saran atau aspirasi",
             "pelaksana": "pengadu", "kelengkapan": "Melalui web, SMS, Android, iOS",
             "waktu": "seketika"},
            {"id": "telaah", "kegiatan": "Menerima, menelaah dan mengklarifikasi aduan",
             "pelaksana": "admin", "kelengkapan": "Aduan masyarakat", "waktu": "maks 3 hari",
             "output": "Aduan masyarakat",
             "keputusan": {"pertanyaan": "Aduan dapat diproses?", "ya": "verifikasi",
                           "tidak": END}},
            {"id": "verifikasi", "kegiatan": "Memverifikasi ke OPD terkait",
             "pelaksana": "admin", "waktu": "15 menit", "output": "Aduan masyarakat"},
            {"id": "teruskan",
             "kegiatan": ["Menyampaikan aduan kepada OPD terkait", "Mencatat di HALLO DEMAK"],
             "pelaksana": ["admin", "penghubung"], "waktu": "seketika",
             "output": ["HALLO DEMAK", "WA Group SP4N Lapor"]},
            {"id": "klarifikasi", "kegiatan": "Menelaah dan melakukan klarifikasi",
             "pelaksana": "opd", "waktu": "maks 3 hari", "output": "Jawaban permasalahan"},
            {"id": "periksa", "kegiatan": "Menerima dan menelaah jawaban", "pelaksana": "admin",
             "waktu": "1 jam",
             "keputusan": {"pertanyaan": "Jawaban memadai?", "ya": "arsip",
                           "tidak": "klarifikasi", "label_ya": "Memadai",
                           "label_tidak": "Belum"}},
            {"id": "arsip", "kegiatan": "Mengagendakan dan mengarsipkan hasil pengaduan",
             "pelaksana": "admin", "waktu": "5 menit", "output": "Arsip data pengaduan",
             "keterangan": "Dipantau setiap bulan"},
        ],
        actors=DEMAK_ACTORS,
    )


def long_sop(count: int = 25) -> Sop:
    """A long procedure cycling over five actors, with a decision every fifth step."""
    specs: list[dict[str, Any]] = []
    for number in range(1, count + 1):
        actor = DEMAK_ACTORS[number % len(DEMAK_ACTORS)][0]
        spec: dict[str, Any] = {"id": f"l{number}", "pelaksana": actor,
                                "kegiatan": f"Melakukan kegiatan nomor {number} " * 3,
                                "waktu": "1 jam", "output": f"Dokumen {number}"}
        if number % 5 == 0 and number < count:
            spec["keputusan"] = {"ya": f"l{number + 1}", "tidak": f"l{number - 3}"}
        specs.append(spec)
    return make_sop(specs, actors=DEMAK_ACTORS)
