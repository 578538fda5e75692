"""A generated stress set of SOP files for the routing tests of both drawings.

Written as real YAML (checked by the real loader and rules), so the browser tests can build a
site from it and the diagram tests read it as the corpus is read. The set is deterministic and
made to be hard to draw: 40 steps over 10 actors, decisions in a row, loops back across many
rows, several arrows into one symbol, steps shared by several actors, long decision labels and
long Kegiatan / Keterangan text.
"""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

IDENTITY = {
    "instansi": "Pemerintah Kabupaten Uji Beban",
    "satuan_kerja": "Bagian Uji Tata Letak",
    "tanggal_pembuatan": "2024-01-02",
    "tanggal_efektif": "2024-01-02",
    "disahkan_oleh": {"jabatan": "Kepala Bagian Uji Tata Letak", "nama": "Drs. Contoh Penguji",
                      "pangkat": "Pembina", "nip": "19680903 199302 2 001"},
}
COMMON = {
    "dasar_hukum": ["Peraturan Menteri PANRB Nomor 35 Tahun 2012"],
    "kualifikasi_pelaksana": ["Minimal D-III"],
    "peralatan_perlengkapan": ["Komputer"],
    "peringatan": "Jika SOP tidak dilaksanakan, layanan terhambat.",
    "pencatatan_pendataan": ["Arsip"],
}
LONG_TEXT = ("Memeriksa, menelaah dan memverifikasi kelengkapan serta keabsahan seluruh berkas "
             "permohonan beserta lampiran pendukungnya sesuai ketentuan yang berlaku")
LONG_NOTE = ("Apabila berkas belum lengkap, pemohon diberi tahu secara tertulis melalui surat "
             "elektronik dan pesan singkat paling lambat satu hari kerja")
LONG_YES = "Memenuhi seluruh persyaratan administrasi"
LONG_NO = "Tidak memenuhi persyaratan teknis dan administrasi"


def _actors(count: int) -> list[dict[str, str]]:
    names = ["Pemohon", "Petugas Loket Pelayanan Terpadu", "Verifikator Berkas Administrasi",
             "Kepala Seksi Pelayanan", "Kepala Bidang Perizinan dan Non Perizinan", "Tim Teknis",
             "Sekretaris Dinas", "Kepala Dinas", "Bendahara Penerimaan", "Petugas Arsip"]
    return [{"id": f"p{index}", "nama": names[index]} for index in range(count)]


def _step(number: int, actor: str, **extra: Any) -> dict[str, Any]:
    step: dict[str, Any] = {"id": f"s{number}", "kegiatan": f"Langkah {number}: {LONG_TEXT}"
                            if number % 3 == 0 else f"Melaksanakan kegiatan nomor {number}",
                            "pelaksana": actor, "waktu": "15 menit"}
    if number % 4 == 0:
        step["keterangan"] = LONG_NOTE
    step.update(extra)
    return step


def _decision(ya: str, tidak: str, long_labels: bool = False) -> dict[str, Any]:
    decision: dict[str, Any] = {"pertanyaan": "Berkas memenuhi syarat?", "ya": ya, "tidak": tidak}
    if long_labels:
        decision.update(label_ya=LONG_YES, label_tidak=LONG_NO)
    return decision


def forty_steps() -> dict[str, Any]:
    """40 steps, 10 actors, three decisions in a row, long loops, shared steps, long labels."""
    actors = _actors(10)
    order = [0, 1, 2, 2, 3, 4, 5, 1, 6, 7, 8, 9, 3, 2, 5, 4, 6, 7, 1, 0,
             9, 8, 2, 3, 4, 5, 6, 7, 8, 9, 1, 2, 3, 4, 5, 6, 7, 8, 9, 0]
    steps = [_step(n, actors[order[n - 1]]["id"]) for n in range(1, 41)]
    # Three decisions in a row (steps 4, 5, 6); each "no" loops back up, one far.
    steps[3]["keputusan"] = _decision("s5", "s2", long_labels=True)
    steps[4]["keputusan"] = _decision("s6", "s3")
    steps[5]["keputusan"] = _decision("s7", "s1", long_labels=True)
    # Loops back across many rows and several arrows into one symbol (s10).
    steps[19]["keputusan"] = _decision("s21", "s10")
    steps[29]["keputusan"] = _decision("s31", "s10", long_labels=True)
    steps[34]["keputusan"] = _decision("s36", "s10")
    steps[36]["keputusan"] = _decision("s38", "s10")  # the fifth arrow into s10
    steps[37]["keputusan"] = _decision("s39", "s3")
    # A decision whose "no" ends the procedure, a skip forward, a jump back, shared steps.
    steps[14]["keputusan"] = _decision("s16", "selesai", long_labels=True)
    steps[24]["keputusan"] = _decision("s26", "s28")
    steps[32]["lanjut"] = "s14"
    steps[31]["keputusan"] = _decision("s33", "s34")
    steps[11]["pelaksana"] = [actors[9]["id"], actors[2]["id"], actors[5]["id"]]
    steps[26]["pelaksana"] = [actors[6]["id"], actors[1]["id"]]
    return _sop("Uji Empat Puluh Langkah", "UJI/1/2024", actors, steps)


def crowded_targets() -> dict[str, Any]:
    """Few actors, many arrows into the same symbols (a decision among them), short rows."""
    actors = _actors(4)
    steps = [_step(n, actors[n % 4]["id"], kegiatan=f"Kegiatan {n}") for n in range(1, 13)]
    steps[2]["keputusan"] = _decision("s4", "s2")
    steps[4]["keputusan"] = _decision("s6", "s3")
    steps[6]["keputusan"] = _decision("s8", "s3", long_labels=True)
    steps[8]["keputusan"] = _decision("s10", "s2")
    steps[10]["keputusan"] = _decision("s12", "s5", long_labels=True)
    steps[5]["pelaksana"] = [actors[1]["id"], actors[3]["id"]]
    return _sop("Uji Banyak Panah Masuk", "UJI/2/2024", actors, steps)


def _sop(nama: str, nomor: str, actors: list[dict[str, str]],
         steps: list[dict[str, Any]]) -> dict[str, Any]:
    identity = dict(IDENTITY, nama=nama, nomor=nomor)
    return {"versi_format": 1, "identitas": identity, **COMMON, "pelaksana": actors,
            "langkah": steps}


STRESS = {"uji-beban/empat-puluh-langkah": forty_steps, "uji-beban/banyak-panah-masuk":
          crowded_targets}


def write_stress_sops(folder: Path) -> Path:
    """Writes the stress set under ``folder`` (as a ``sops/`` folder); returns ``folder``."""
    for sop_id, make in STRESS.items():
        path = folder / f"{sop_id}.yaml"
        path.parent.mkdir(parents=True, exist_ok=True)
        # JSON is YAML: no YAML writer needed, and every string is quoted.
        path.write_text(json.dumps(make(), ensure_ascii=False, indent=1) + "\n", encoding="utf-8")
    return folder
