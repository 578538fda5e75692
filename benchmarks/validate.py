"""How fast `sopgen validate` checks many realistic SOP files, next to check-jsonschema.

    .venv/bin/python benchmarks/validate.py [--files 1000] [--seed 1] [--profile]

Generates the files into a temporary folder (8-25 steps, decisions, loops back to an earlier
step, lists, several actors, a simulation block), makes sure they validate, then prints a table
of seconds and files per second for: sopgen in-process (the CLI's main), sopgen as a
subprocess (interpreter start-up included), each stage of the pipeline on its own, and
check-jsonschema on the same files. ``--profile`` adds cProfile's top entries.
"""

from __future__ import annotations

import argparse
import contextlib
import cProfile
import io
import os
import pstats
import random
import subprocess
import sys
import tempfile
import time
from collections.abc import Callable
from pathlib import Path

from sopgen.cli import main as sopgen_main
from sopgen.corpus import check_paths
from sopgen.loader import load_document
from sopgen.rules import check_rules
from sopgen.schema_check import check_schema

REPO = Path(__file__).resolve().parents[1]
SCHEMA = REPO / "schema" / "sop.schema.json"

UNITS = ["diskominfo", "dpmptsp", "disdukcapil", "bkpsdm", "kecamatan-utara", "kelurahan-baru",
         "bagian-organisasi", "dinkes", "dishub", "bapenda"]
ACTORS = [
    ("pemohon", "Pemohon"), ("petugas", "Petugas Pelayanan"), ("verifikator", "Verifikator"),
    ("kasi", "Kepala Seksi"), ("kabid", "Kepala Bidang"), ("sekretaris", "Sekretaris Dinas"),
    ("kadis", "Kepala Dinas"), ("arsiparis", "Arsiparis"),
]
VERBS = ["Menerima", "Memeriksa", "Memverifikasi", "Mencatat", "Menelaah", "Menyusun",
         "Mengoreksi", "Menandatangani", "Mengarsipkan", "Menyampaikan", "Memparaf",
         "Mengagendakan"]
OBJECTS = ["berkas permohonan", "surat masuk", "konsep jawaban", "data pemohon",
           "dokumen persyaratan", "nota dinas", "laporan hasil verifikasi", "surat keputusan"]
DURATIONS = ["15 menit", "30 menit", "1 jam", "2 jam", "maks 3 hari", "1 hari kerja", "seketika",
             "1-2 hari", "1,5 jam", "paling lama 2 hari kerja", "10 menit", "<24 jam"]


def sop_text(rng: random.Random, unit: str, index: int) -> str:
    """One realistic SOP file; every generated file validates without errors."""
    actors = rng.sample(ACTORS, rng.randint(2, 6))
    steps = rng.randint(8, 25)
    decisions = sorted(rng.sample(range(2, steps - 1), rng.randint(1, 3)))
    decisions = [d for i, d in enumerate(decisions) if i == 0 or d - decisions[i - 1] > 1]
    birth = dt_text(rng, 1965, 1990)
    lines = [
        "# yaml-language-server: $schema=../../schema/sop.schema.json",
        "versi_format: 1",
        "identitas:",
        "  instansi: Pemerintah Kabupaten Contoh",
        f"  satuan_kerja: {unit.replace('-', ' ').title()}",
        f"  nomor: {unit.upper()}/{index}/{rng.randint(1, 99)}/2025",
        f"  nama: Pelayanan {rng.choice(OBJECTS).title()} Nomor {index}",
        "  tanggal_pembuatan: 2024-01-15",
        "  tanggal_revisi:",
        "    - {tanggal: 2024-06-01, uraian: Penyesuaian waktu}",
        "  tanggal_efektif: 2024-07-01",
        "  disahkan_oleh:",
        "    jabatan: Kepala Dinas",
        f"    nama: Nama Pejabat {index}, S.Sos., M.Si.",
        "    pangkat: Pembina Utama Muda",
        f'    nip: "{birth} {int(birth[:4]) + 24}03 {rng.randint(1, 2)} {rng.randint(1, 999):03d}"',
        "dasar_hukum:",
        "  - Peraturan Menteri PAN-RB Nomor 35 Tahun 2012 tentang Pedoman Penyusunan SOP AP",
        f"  - Peraturan Bupati Contoh Nomor {rng.randint(1, 80)} Tahun 2023",
        "kualifikasi_pelaksana: [Minimal D-III, Menguasai komputer]",
        "keterkaitan:",
        "  - SOP Pengelolaan Arsip Dinamis",
        "peralatan_perlengkapan:",
        "  - Komputer/Laptop",
        "  - Printer",
        "  - Aplikasi persuratan elektronik",
        "peringatan: >-",
        "  Jika SOP tidak dilaksanakan, pelayanan terlambat dan pemohon dirugikan.",
        "pencatatan_pendataan: [Buku agenda, Arsip digital]",
        "pelaksana:",
        *[f"  - {{id: {a}, nama: {n}}}" for a, n in actors],
        "langkah:",
    ]
    for number in range(1, steps + 1):
        actor = actors[number - 1][0] if number <= len(actors) else rng.choice(actors)[0]
        lines.append(f"  - id: l{number}")
        if rng.random() < 0.2:
            lines.append("    kegiatan:")
            lines.extend(f"      - {rng.choice(VERBS)} {rng.choice(OBJECTS)}" for _ in range(3))
        else:
            lines.append(f"    kegiatan: {rng.choice(VERBS)} {rng.choice(OBJECTS)}")
        if rng.random() < 0.15 and len(actors) > 1:
            other = next(a for a, _ in actors if a != actor)
            lines.append(f"    pelaksana: [{actor}, {other}]")
        else:
            lines.append(f"    pelaksana: {actor}")
        if rng.random() < 0.5:
            lines.append(f"    kelengkapan: [{rng.choice(OBJECTS)}, {rng.choice(OBJECTS)}]")
        else:
            lines.append(f"    kelengkapan: {rng.choice(OBJECTS).capitalize()}")
        lines.append(f"    waktu: {rng.choice(DURATIONS)}")
        lines.append(f"    output: {rng.choice(OBJECTS).capitalize()}")
        if rng.random() < 0.2:
            lines.append("    keterangan: Dilaksanakan pada hari kerja")
        if number in decisions:
            back = f"l{number - 1}" if rng.random() < 0.6 else "selesai"
            lines.extend([
                "    keputusan:",
                f"      pertanyaan: {rng.choice(OBJECTS).capitalize()} lengkap?",
                f"      ya: l{number + 1}",
                f"      tidak: {back}",
                "      label_ya: Lengkap",
                "      label_tidak: Tidak lengkap",
            ])
    first = decisions[0]
    lines.extend([
        "simulasi:",
        f"  target: {rng.randint(5, 20)} hari kerja",
        "  skenario:",
        "    - nama: Permohonan lengkap",
        f"      masuk: 2026-0{rng.randint(1, 9)}-1{rng.randint(0, 9)} 0{rng.randint(8, 9)}:30",
        "      keputusan: {" + ", ".join(f"l{d}: ya" for d in decisions) + "}",
        "    - nama: Berkas kurang, dilengkapi keesokan harinya",
        "      masuk: 2026-11-20 15:30",
        f"      keputusan: {{l{first}: [tidak, ya]}}",
        f"      waktu: {{l{first - 1}: 1 hari}}",
        "      target: 20 hari kerja",
    ])
    return "\n".join(lines) + "\n"


def dt_text(rng: random.Random, first_year: int, last_year: int) -> str:
    return f"{rng.randint(first_year, last_year)}{rng.randint(1, 12):02d}{rng.randint(1, 28):02d}"


def generate(folder: Path, count: int, seed: int) -> list[Path]:
    rng = random.Random(seed)
    files = []
    for index in range(count):
        unit = UNITS[index % len(UNITS)]
        file = folder / "sops" / unit / f"sop-{index:05d}.yaml"
        file.parent.mkdir(parents=True, exist_ok=True)
        file.write_text(sop_text(rng, unit, index), encoding="utf-8")
        files.append(file)
    return files


def timed(action: Callable[[], object]) -> tuple[float, object]:
    start = time.perf_counter()
    result = action()
    return time.perf_counter() - start, result


def quiet_main(argv: list[str]) -> int:
    with contextlib.redirect_stdout(io.StringIO()):
        return sopgen_main(argv)


def stages(files: list[Path]) -> list[tuple[str, float]]:
    """Seconds spent in each stage of the per-file pipeline, on its own."""
    load_seconds, docs = timed(lambda: [load_document(f)[0] for f in files])
    valid = [d for d in docs if d is not None]  # type: ignore[union-attr]
    schema_seconds, _ = timed(lambda: [list(check_schema(d)) for d in valid])
    rules_seconds, _ = timed(lambda: [list(check_rules(d)) for d in valid])
    return [("  loader only", load_seconds), ("  schema check only", schema_seconds),
            ("  rules only", rules_seconds)]


def check_jsonschema(files: list[Path], cwd: Path) -> tuple[float, int, str]:
    command = [sys.executable, "-m", "check_jsonschema", "--schemafile", str(SCHEMA),
               "--default-filetype", "yaml", *(str(f.relative_to(cwd)) for f in files)]
    start = time.perf_counter()
    done = subprocess.run(command, cwd=cwd, capture_output=True, text=True, check=False)
    seconds = time.perf_counter() - start
    said = (done.stdout + done.stderr).strip().splitlines()
    return seconds, done.returncode, "\n".join(said[:6])


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--files", type=int, default=1000)
    parser.add_argument("--seed", type=int, default=1)
    parser.add_argument("--repeat", type=int, default=3, help="in-process runs (best is shown)")
    parser.add_argument("--profile", action="store_true", help="print cProfile's top entries")
    args = parser.parse_args()

    with tempfile.TemporaryDirectory(prefix="sopgen-bench-") as temp:
        work = Path(temp)
        files = generate(work, args.files, args.seed)
        os.chdir(work)
        result = check_paths([Path("sops")])
        errors = [d for d in result.diagnostics if d.is_error]
        print(f"{len(files)} generated files, {sum(f.stat().st_size for f in files) / 1e6:.1f} MB; "
              f"{len(errors)} errors, {len(result.diagnostics) - len(errors)} warnings, "
              f"{len(result.sops)} valid SOPs")
        for d in result.diagnostics[:5]:
            print(f"  {d.file}:{d.line}:{d.column}: {d.code} {d.message_in('en')}")

        rows: list[tuple[str, float]] = []
        runs = [timed(lambda: quiet_main(["validate", "sops"])) for _ in range(args.repeat)]
        if any(code != 0 for _, code in runs):
            print("WARNING: the generated files did not validate; the figures are not comparable")
        rows.append(("sopgen validate, in-process (first run)", runs[0][0]))
        rows.append((f"sopgen validate, in-process (best of {args.repeat})",
                     min(s for s, _ in runs)))
        sub_seconds, _ = timed(lambda: subprocess.run(
            [sys.executable, "-m", "sopgen", "validate", "sops"], capture_output=True, check=False))
        rows.append(("sopgen validate, subprocess", sub_seconds))
        rows.extend(stages(files))
        cj_seconds, cj_code, cj_said = check_jsonschema(files, work)
        rows.append(("check-jsonschema --schemafile (subprocess)", cj_seconds))

        width = max(len(name) for name, _ in rows)
        print(f"\n{'':<{width}}  {'seconds':>8}  {'files/s':>8}")
        for name, seconds in rows:
            print(f"{name:<{width}}  {seconds:8.3f}  {len(files) / seconds:8.0f}")
        print(f"\ncheck-jsonschema exit code {cj_code}; it said:\n  "
              + cj_said.replace("\n", "\n  "))

        if args.profile:
            profiler = cProfile.Profile()
            profiler.runcall(quiet_main, ["validate", "sops"])
            out = io.StringIO()
            stats = pstats.Stats(profiler, stream=out).strip_dirs()
            stats.sort_stats("tottime").print_stats(15)
            stats.sort_stats("cumulative").print_stats(25)
            print(out.getvalue())
        os.chdir(REPO)
    return 0


if __name__ == "__main__":
    sys.exit(main())
