"""A generated corpus of SOPs shaped to break printing: written as YAML, built like any corpus.

- ``baris-tinggi``: a step whose Keterangan (and Kelengkapan list) is taller than a sheet, and
  one whose Keterangan is a single word taller than a sheet;
- ``empat-puluh-langkah``: 40 steps over 10 actors, a two-actor step every fifth step, and loops
  back over three sheets and more;
- ``lima-keputusan``: five decisions in a row whose "tidak" exits all jump past the next break;
- ``dua-puluh-pelaksana``: the most actors a file may have (20), one step each: lanes squeezed
  below the width their names need, the table still within the sheet.
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

import yaml

UNIT = "uji-cetak"
_PHRASE = (
    "berkas permohonan diperiksa kembali oleh petugas sesuai ketentuan peraturan yang berlaku "
    "serta dicatat dalam buku register dan sistem informasi pelayanan"
)
WORDS = _PHRASE.split(" ")


def _text(words: int, offset: int = 0) -> str:
    return " ".join(WORDS[(offset + i) % len(WORDS)] for i in range(words))


def sop_data(number: int, name: str, actors: int, steps: list[dict[str, Any]]) -> dict[str, Any]:
    return {
        "versi_format": 1,
        "identitas": {
            "instansi": "Pemerintah Kabupaten Uji",
            "satuan_kerja": "Bagian Uji Cetak",
            "nomor": f"UJI/{number}/2026",
            "nama": name,
            "tanggal_pembuatan": "2026-01-05",
            "tanggal_efektif": "2026-01-12",
            "disahkan_oleh": {"jabatan": "Kepala Bagian Uji Cetak", "nama": "Drs. Penguji"},
        },
        "dasar_hukum": ["Peraturan Uji Nomor 1 Tahun 2026"],
        "kualifikasi_pelaksana": ["Minimal D-III"],
        "peralatan_perlengkapan": ["Komputer"],
        "peringatan": "Jika SOP tidak dilaksanakan, pelayanan terhambat.",
        "pencatatan_pendataan": ["Register"],
        "pelaksana": [
            {"id": f"p{i}", "nama": f"Pelaksana Nomor {i} Bagian Uji"} for i in range(1, actors + 1)
        ],
        "langkah": steps,
    }


def tall_row() -> dict[str, Any]:
    steps: list[dict[str, Any]] = [
        {"id": f"s{i}", "kegiatan": f"Langkah pendek {i} {_text(6, i)}",
         "pelaksana": f"p{1 + i % 3}", "waktu": "10 menit"}
        for i in range(1, 7)
    ]
    steps[2]["keterangan"] = _text(260)
    steps[2]["kelengkapan"] = [_text(12, k) for k in range(25)]
    steps[3]["keputusan"] = {"pertanyaan": "Lengkap?", "ya": "s5", "tidak": "s2"}
    # One word taller than a sheet in its column (a long link): cut between characters.
    steps[4]["keterangan"] = "https://contoh.go.id/berkas/" + "a1b2c3d4e5" * 120
    return sop_data(1, "Uji Baris Lebih Tinggi dari Satu Lembar", 3, steps)


def forty_steps() -> dict[str, Any]:
    steps: list[dict[str, Any]] = []
    for i in range(1, 41):
        step: dict[str, Any] = {
            "id": f"s{i}",
            "kegiatan": f"Kegiatan nomor {i}: {_text(8 + i % 7, i)}",
            "pelaksana": f"p{1 + (i * 3) % 10}",
            "waktu": "1 jam",
            "output": f"Hasil langkah {i}",
        }
        if i % 5 == 0:
            step["pelaksana"] = [f"p{1 + (i * 3) % 10}", f"p{1 + (i * 3 + 4) % 10}"]
        steps.append(step)
    steps[19]["pelaksana"] = "p2"
    steps[19]["keputusan"] = {"pertanyaan": "Sesuai?", "ya": "s21", "tidak": "s6"}
    steps[38]["pelaksana"] = "p9"
    steps[38]["keputusan"] = {"pertanyaan": "Disetujui?", "ya": "s40", "tidak": "s2"}
    return sop_data(2, "Uji Empat Puluh Langkah Sepuluh Pelaksana", 10, steps)


def five_decisions() -> dict[str, Any]:
    steps: list[dict[str, Any]] = [
        {"id": f"s{i}", "kegiatan": f"Kegiatan {i}: {_text(14, i)}", "pelaksana": f"p{1 + i % 4}",
         "waktu": "30 menit", "kelengkapan": [_text(5, i), _text(5, i + 3)]}
        for i in range(1, 21)
    ]
    for i in range(6, 11):
        steps[i - 1]["pelaksana"] = "p2" if i % 2 else "p3"
        steps[i - 1]["keputusan"] = {"pertanyaan": f"Syarat {i - 5} terpenuhi?",
                                     "ya": f"s{i + 1}", "tidak": f"s{i + 8}"}
    return sop_data(3, "Uji Lima Keputusan Berturut-turut", 4, steps)


def twenty_actors() -> dict[str, Any]:
    steps: list[dict[str, Any]] = [
        {"id": f"s{i}", "kegiatan": f"Kegiatan {i}: {_text(10, i)}", "pelaksana": f"p{i}",
         "waktu": "15 menit"}
        for i in range(1, 21)
    ]
    steps[9]["keputusan"] = {"pertanyaan": "Lengkap?", "ya": "s11", "tidak": "s3"}
    return sop_data(4, "Uji Dua Puluh Pelaksana", 20, steps)


STRESS = {
    "baris-tinggi": tall_row,
    "empat-puluh-langkah": forty_steps,
    "lima-keputusan": five_decisions,
    "dua-puluh-pelaksana": twenty_actors,
}


def write_stress_corpus(sops_dir: Path) -> list[str]:
    """Write the stress SOPs below ``sops_dir`` (a folder named ``sops``); their ids."""
    folder = sops_dir / UNIT
    folder.mkdir(parents=True, exist_ok=True)
    for name, make in STRESS.items():
        text = yaml.safe_dump(make(), allow_unicode=True, sort_keys=False, width=100)
        (folder / f"{name}.yaml").write_text(text, encoding="utf-8")
    return [f"{UNIT}/{name}" for name in STRESS]
