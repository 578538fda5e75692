"""The starting file that `sopgen new` writes: an SOP whose comments explain every key.

It is complete and well-formed; only its three sample values (`check/placeholders.py`) are
reported until the author replaces them."""

from __future__ import annotations

import datetime as dt
import os
import re
from pathlib import Path

from .check.placeholders import APPROVER_NAME, APPROVER_TITLE, NOMOR_PREFIX

SOP_ID = re.compile(r"^[a-z0-9]+(?:[-_][a-z0-9]+)*/[a-z0-9]+(?:[-_][a-z0-9]+)*$")
"""``<satuan-kerja>/<nama>``: lower-case letters, digits, ``-`` and ``_``, one folder deep."""

SCHEMA_FILE = Path("schema") / "sop.schema.json"
"""Where the schema lives, relative to a folder above the sops folder."""

_TEMPLATE = """\
# yaml-language-server: $schema={schema}
# Kerangka SOP yang dibuat oleh `sopgen new`. Ganti setiap isian contoh dengan isi SOP Anda
# (`sopgen validate` menolak `nomor`, `jabatan` dan `nama` pengesah yang belum diganti),
# lalu periksa dengan `sopgen validate {file}`.
# Baris yang diawali `#` adalah komentar dan tidak ikut dicetak.

# Versi format berkas SOP; selalu 1.
versi_format: 1

# Blok identitas di kepala formulir SOP AP.
identitas:
  instansi: Pemerintah Kabupaten Contoh   # nama instansi pemerintah
  satuan_kerja: {unit_name}   # nama OPD, bagian atau kecamatan
  # logo: ../logo.png         # gambar logo instansi (boleh), relatif terhadap berkas ini
  nomor: {nomor}   # nomor SOP seperti tercetak; harus unik
  nama: {title}   # nama prosedur
  tanggal_pembuatan: {today}   # tanggal dibuat, TTTT-BB-HH
  # tanggal_revisi: {today}   # tanggal revisi terakhir, bila ada
  tanggal_efektif: {today}   # tanggal mulai berlaku (atau tulis `tanggal_pengesahan`)
  disahkan_oleh:   # pejabat yang mengesahkan
    jabatan: {approver_title}   # jabatan pengesah, seperti tercetak
    nama: {approver_name}   # nama pengesah, seperti tercetak
    # pangkat: Pembina   # pangkat/golongan, bila dicetak
    # nip: "19700101 199503 1 001"   # NIP 18 angka, di antara tanda kutip

# Peraturan yang menjadi dasar hukum, satu butir per peraturan.
dasar_hukum:
  - Peraturan Menteri PAN-RB Nomor 35 Tahun 2012 tentang Pedoman Penyusunan SOP AP

# Kualifikasi yang harus dimiliki pelaksana.
kualifikasi_pelaksana:
  - Memahami tugas pokok dan fungsi satuan kerja

# SOP lain yang terkait: teks biasa, atau {{sop: <satuan-kerja>/<nama>}} untuk SOP di folder ini.
# keterkaitan:
#   - {{sop: satuan-kerja-lain/nama-sop}}

# Peralatan dan perlengkapan yang dipakai.
peralatan_perlengkapan:
  - Komputer

# Akibat bila SOP tidak dilaksanakan.
peringatan: Jika SOP tidak dilaksanakan, pelayanan dapat terlambat.

# Catatan dan data yang disimpan.
pencatatan_pendataan:
  - Buku agenda

# Para pelaksana; urutannya menjadi urutan kolom pada tabel prosedur.
# `id` dipakai di langkah, `nama` dicetak di kepala kolom.
pelaksana:
  - {{id: petugas, nama: Petugas Pelayanan}}

# Langkah-langkah prosedur, berurutan. Setiap langkah: `kegiatan` (kata kerja aktif tanpa
# subjek), `pelaksana` (id dari daftar di atas), dan bila perlu `kelengkapan`, `waktu`,
# `output`, `keterangan`. Tambahkan `id` bila langkah lain merujuk ke langkah ini.
# Langkah keputusan memakai `keputusan: {{pertanyaan: ..., ya: <id>, tidak: <id atau selesai>}}`.
langkah:
  - id: terima
    kegiatan: Menerima permohonan
    pelaksana: petugas
    kelengkapan: Formulir permohonan   # persyaratan (Mutu Baku: Kelengkapan)
    waktu: 15 menit   # misalnya `15 menit`, `maks 3 hari`, `1 hari kerja`, `seketika`
    output: Permohonan diterima   # hasil langkah (Mutu Baku: Output)
  - id: proses
    kegiatan: Memproses permohonan
    pelaksana: petugas
    waktu: 1 hari kerja
    output: Permohonan selesai
    keterangan: Langkah terakhir; alur berakhir di sini

# Standar waktu pelayanan dan contoh kasus yang dijalankan pada kalender kerja.
simulasi:
  target: 5 hari kerja   # standar pelayanan dari awal sampai akhir
  skenario:
    - nama: Permohonan biasa
      masuk: {today} 09:00   # kapan permohonan masuk, TTTT-BB-HH JJ:MM
"""


def valid_sop_id(sop_id: str) -> bool:
    return SOP_ID.fullmatch(sop_id) is not None


def skeleton_path(sops_dir: Path, sop_id: str) -> Path:
    return sops_dir / f"{sop_id}.yaml"


def skeleton_text(sop_id: str, target: Path, sops_dir: Path, today: dt.date) -> str:
    """The skeleton for ``sop_id`` written at ``target`` below ``sops_dir``."""
    unit, name = sop_id.split("/")
    schema = Path(os.path.relpath(schema_location(sops_dir), target.parent.absolute()))
    return _TEMPLATE.format(
        schema=schema.as_posix(),
        file=target.as_posix(),
        unit_name=_title(unit),
        nomor=f"{NOMOR_PREFIX}/{unit.upper()}/{name.upper()}",
        approver_title=APPROVER_TITLE,
        approver_name=APPROVER_NAME,
        title=_title(name),
        today=today.isoformat(),
    )


def schema_location(sops_dir: Path) -> Path:
    """The schema file for SOPs in ``sops_dir``: the nearest ``schema/sop.schema.json`` in a
    folder above it, else where a new project would put it (beside the sops folder)."""
    folder = sops_dir.absolute()
    for parent in folder.parents:
        if (parent / SCHEMA_FILE).is_file():
            return parent / SCHEMA_FILE
    return folder.parent / SCHEMA_FILE


def _title(slug: str) -> str:
    return " ".join(part.capitalize() for part in re.split(r"[-_]", slug))
