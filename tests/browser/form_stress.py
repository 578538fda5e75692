"""A generated stress corpus for the browser tests of the form and the lists: SOP files far
from the tidy examples (eight actors with long titles, long unbreakable words, a long Nomor, a
loop, twenty steps, two bodies with several units), written as YAML from one corpus file."""

from __future__ import annotations

import copy
from pathlib import Path
from typing import Any

import yaml
from served_sites import REAL_SOPS

BASE = REAL_SOPS / "kelurahan-delod-peken" / "surat-keterangan-domisili.yaml"
LONG_WORD = "Penandatanganan" * 2
ACTOR_NAMES = (
    "Pemohon (warga/badan usaha/instansi)",
    "Petugas Pelayanan Terpadu Satu Pintu",
    "Kepala Seksi Pemerintahan dan Ketenteraman",
    "Sekretaris Kelurahan",
    "Lurah",
    "Tim Teknis Kecamatan",
    "Camat",
    "Kepala Dinas Kependudukan dan Pencatatan Sipil",
)


def _base() -> dict[str, Any]:
    data: dict[str, Any] = yaml.safe_load(BASE.read_text(encoding="utf-8"))
    return data


def wide_sop(number: int, actors: int, steps: int, instansi: str, unit: str) -> dict[str, Any]:
    data = copy.deepcopy(_base())
    ident = data["identitas"]
    ident.update(
        instansi=instansi,
        satuan_kerja=unit,
        nomor=f"KEL.DP/800.1.11.4/{number:03d}/PELAYANAN-TERPADU/2026",
        nama=f"Pelayanan {LONG_WORD} Surat Keterangan Nomor {number} dengan Nama yang Panjang",
    )
    data["pelaksana"] = [{"id": f"p{i}", "nama": ACTOR_NAMES[i]} for i in range(actors)]
    rows: list[dict[str, Any]] = []
    for i in range(steps):
        rows.append(
            {
                "id": f"l{i}",
                "kegiatan": f"Langkah {i + 1}: {LONG_WORD} dan memeriksa berkas "
                "permohonan beserta lampirannya secara teliti",
                "pelaksana": f"p{i % actors}",
                "kelengkapan": [f"Berkas {LONG_WORD}", "Formulir permohonan"],
                "waktu": "1 jam" if i % 4 else "1 hari kerja",
                "output": f"Hasil {LONG_WORD} langkah {i + 1}",
                "keterangan": "Dilakukan secara elektronik" if i % 3 == 0 else "",
            }
        )
        if not rows[-1]["keterangan"]:
            del rows[-1]["keterangan"]
    rows[2]["keputusan"] = {
        "pertanyaan": "Berkas lengkap dan benar?",
        "ya": "l3",
        "tidak": "l0",
        "label_ya": "Lengkap dan benar",
        "label_tidak": "Perlu diperbaiki pemohon",
    }
    data["langkah"] = rows
    data["simulasi"] = {
        "target": "10 hari kerja",
        "skenario": [{"nama": "Permohonan Jumat sore", "masuk": "2026-08-14 15:30",
                      "keputusan": {"l2": "ya"}}],
    }
    return data


def write_stress_corpus(folder: Path) -> Path:
    """Write the stress SOP files (and the corpus calendar) into ``folder``; returns it."""
    specs = [
        (1, 8, 20, "Pemerintah Kabupaten Contoh Panjang Sekali", "Kelurahan Satu"),
        (2, 6, 8, "Pemerintah Kabupaten Contoh Panjang Sekali", "Kelurahan Dua"),
        (3, 3, 4, "Pemerintah Kota Kedua", "Kecamatan Tiga Dengan Nama Satuan Kerja Panjang"),
    ]
    for number, actors, steps, instansi, unit in specs:
        target = folder / f"unit-{number}" / f"stres-{number}.yaml"
        target.parent.mkdir(parents=True, exist_ok=True)
        text = yaml.safe_dump(
            wide_sop(number, actors, steps, instansi, unit), allow_unicode=True, sort_keys=False
        )
        target.write_text(text, encoding="utf-8")
    calendar = REAL_SOPS / "kalender.yaml"
    (folder / "kalender.yaml").write_text(calendar.read_text(encoding="utf-8"), encoding="utf-8")
    return folder
