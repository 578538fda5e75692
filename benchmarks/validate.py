"""How fast `sopgen validate` checks many realistic SOP files, next to check-jsonschema.

    .venv/bin/python benchmarks/validate.py [--files 1000] [--seed 1] [--profile]

Generates the files into a temporary folder (8-25 steps, decisions, loops back to an earlier
step, lists, several actors, a simulation block), makes sure they validate, then prints a table
of wall seconds, CPU seconds (this process and its children together) and files per second
for: sopgen in-process (the CLI's main, and `check_paths` with and without building models, on
both cores and in one process), sopgen as a subprocess (interpreter start-up included),
check-jsonschema on the same files and schema, and the CPU time of each stage of the pipeline
on its own. The machine's load average is printed with it: other work on the machine slows
wall times (and CPU times somewhat), so compare figures taken side by side. ``--profile`` adds
cProfile's top entries.
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
from dataclasses import dataclass
from pathlib import Path

from sopgen.build import build_sop
from sopgen.check import file as file_check
from sopgen.check.file import paused_collector
from sopgen.check.rules import check_rules
from sopgen.check.schema import check_schema
from sopgen.cli import main as sopgen_main
from sopgen.corpus import check_paths
from sopgen.read.loader import load_document

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


@dataclass
class Row:
    name: str
    wall: float
    cpu: float | None  # None: not measured (check-jsonschema's CPU is its own process's)


def cpu_now() -> float:
    """CPU seconds of this process and of its finished children (forked checkers included)."""
    times = os.times()
    return times.user + times.system + times.children_user + times.children_system


def measured(action: Callable[[], object]) -> tuple[float, float, object]:
    wall, cpu = time.perf_counter(), cpu_now()
    result = action()
    return time.perf_counter() - wall, cpu_now() - cpu, result


def best_of(repeat: int, action: Callable[[], object]) -> tuple[float, float]:
    runs = [measured(action)[:2] for _ in range(repeat)]
    return min(w for w, _ in runs), min(c for _, c in runs)


def quiet_main(argv: list[str]) -> int:
    with contextlib.redirect_stdout(io.StringIO()):
        return sopgen_main(argv)


def one_process(action: Callable[[], object]) -> Callable[[], object]:
    """The action with the second checking process switched off."""
    def run() -> object:
        saved = file_check.PARALLEL_FROM
        file_check.PARALLEL_FROM = sys.maxsize
        try:
            return action()
        finally:
            file_check.PARALLEL_FROM = saved
    return run


def stages(files: list[Path], repeat: int) -> list[Row]:
    """CPU seconds of each stage of the per-file pipeline on its own (best of ``repeat``)."""
    def cpu_of(action: Callable[[], object]) -> tuple[float, object]:
        best, result = float("inf"), None
        for _ in range(repeat):
            start = time.process_time()
            with paused_collector():  # as check_paths runs them
                result = action()
            best = min(best, time.process_time() - start)
        return best, result

    read, _ = cpu_of(lambda: [f.read_bytes() for f in files])
    load, docs = cpu_of(lambda: [load_document(f)[0] for f in files])
    valid = [d for d in docs if d is not None]  # type: ignore[union-attr]
    schema, _ = cpu_of(lambda: [list(check_schema(d)) for d in valid])
    rules, _ = cpu_of(lambda: [list(check_rules(d)) for d in valid])
    build, _ = cpu_of(lambda: [build_sop(d, "x/y", Path("x/y.yaml")) for d in valid])
    return [Row("  reading the files", read, read), Row("  loader (incl. reading)", load, load),
            Row("  schema check", schema, schema), Row("  rules", rules, rules),
            Row("  building models", build, build)]


def check_jsonschema(files: list[Path], cwd: Path) -> tuple[Row, int, str]:
    command = [sys.executable, "-m", "check_jsonschema", "--schemafile", str(SCHEMA),
               "--default-filetype", "yaml", *(str(f.relative_to(cwd)) for f in files)]
    wall, cpu, done = measured(lambda: subprocess.run(
        command, cwd=cwd, capture_output=True, text=True, check=False))
    said = (done.stdout + done.stderr).strip().splitlines()  # type: ignore[union-attr]
    row = Row("check-jsonschema --schemafile (subprocess)", wall, cpu)
    return row, done.returncode, "\n".join(said[:6])  # type: ignore[union-attr]


def print_table(rows: list[Row], count: int) -> None:
    width = max(len(row.name) for row in rows)
    print(f"\n{'':<{width}}  {'wall s':>7}  {'CPU s':>7}  {'files/s':>8}")
    for row in rows:
        if row.wall < 0:  # a heading
            print(row.name)
            continue
        cpu = f"{row.cpu:7.3f}" if row.cpu is not None else f"{'-':>7}"
        rate = f"{count / row.wall:8.0f}" if row.wall > 0 else f"{'-':>8}"
        print(f"{row.name:<{width}}  {row.wall:7.3f}  {cpu}  {rate}")


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--files", type=int, default=1000)
    parser.add_argument("--seed", type=int, default=1)
    parser.add_argument("--repeat", type=int, default=3, help="in-process runs (best is shown)")
    parser.add_argument("--skip-check-jsonschema", action="store_true",
                        help="leave out check-jsonschema (it takes a minute or more)")
    parser.add_argument("--profile", action="store_true", help="print cProfile's top entries")
    args = parser.parse_args()
    print(f"load average before: {' '.join(f'{x:.2f}' for x in os.getloadavg())}; "
          f"{os.cpu_count()} cores")

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

        codes: list[object] = []
        rows: list[Row] = []
        first_wall, first_cpu, code = measured(lambda: quiet_main(["validate", "sops"]))
        codes.append(code)
        rows.append(Row("sopgen validate, in-process (first run)", first_wall, first_cpu))
        wall, cpu = best_of(args.repeat, lambda: codes.append(quiet_main(["validate", "sops"])))
        rows.append(Row(f"sopgen validate, in-process (best of {args.repeat})", wall, cpu))
        wall, cpu = best_of(args.repeat, one_process(
            lambda: codes.append(quiet_main(["validate", "sops"]))))
        rows.append(Row("  the same in one process", wall, cpu))
        wall, cpu = best_of(args.repeat, lambda: check_paths([Path("sops")], build=False))
        rows.append(Row("check_paths(build=False)", wall, cpu))
        wall, cpu = best_of(args.repeat, one_process(
            lambda: check_paths([Path("sops")], build=False)))
        rows.append(Row("  the same in one process", wall, cpu))
        sub_wall, sub_cpu, done = measured(lambda: subprocess.run(
            [sys.executable, "-m", "sopgen", "validate", "sops"], capture_output=True,
            check=False))
        codes.append(done.returncode)  # type: ignore[union-attr]
        rows.append(Row("sopgen validate, subprocess (start-up included)", sub_wall, sub_cpu))
        if any(code != 0 for code in codes):
            print("WARNING: the generated files did not validate; the figures are not comparable")
        cj_code, cj_said = None, ""
        if not args.skip_check_jsonschema:
            cj_row, cj_code, cj_said = check_jsonschema(files, work)
            rows.append(cj_row)
        rows.append(Row("CPU time of each stage, one process:", -1.0, None))
        rows.extend(stages(files, args.repeat))
        print_table(rows, len(files))
        if cj_code is not None:
            print(f"\ncheck-jsonschema exit code {cj_code}; it said:\n  "
                  + cj_said.replace("\n", "\n  "))

        if args.profile:
            profiler = cProfile.Profile()
            profiler.runcall(one_process(lambda: quiet_main(["validate", "sops"])))
            out = io.StringIO()
            stats = pstats.Stats(profiler, stream=out).strip_dirs()
            stats.sort_stats("tottime").print_stats(15)
            stats.sort_stats("cumulative").print_stats(25)
            print(out.getvalue())
        os.chdir(REPO)
    print(f"load average after: {' '.join(f'{x:.2f}' for x in os.getloadavg())}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
