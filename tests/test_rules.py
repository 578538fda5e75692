"""Every validator rule on a small variant of a valid SOP: code, severity, place and text.

Each case edits the valid fixture textually and names the text the diagnostic must point at,
so the expected line and column come from the file itself.
"""

from __future__ import annotations

import random
from dataclasses import dataclass
from pathlib import Path

import pytest

from sopgen.build import build_sop
from sopgen.check.rules import check_rules
from sopgen.check.schema import check_schema
from sopgen.check.suggest import closest, did_you_mean
from sopgen.diagnostics import Diagnostic, Severity
from sopgen.read.loader import load_bytes

FIXTURES = Path(__file__).parent / "fixtures" / "rules"
VALID = (FIXTURES / "valid_minimal.yaml").read_text(encoding="utf-8")

EXTRA_STEP = """\
  - id: arsip
    kegiatan: Mengarsipkan aduan
    pelaksana: admin
    waktu: 5 menit
"""


def variant(*edits: tuple[str, str], base: str = VALID) -> str:
    """The base text with each (old, new) replaced once; every old text must be present."""
    text = base
    for old, new in edits:
        assert old in text, f"fixture no longer contains {old!r}"
        text = text.replace(old, new, 1)
    return text


def with_step(step: str, *edits: tuple[str, str]) -> str:
    """The valid SOP with one more step appended after `verifikasi`."""
    return variant(("simulasi:\n", step + "simulasi:\n"), *edits)


def diagnose(text: str) -> list[Diagnostic]:
    doc, found = load_bytes(text.encode("utf-8"), "sops/unit/contoh.yaml")
    assert doc is not None, [d.message_in("en") for d in found]
    return [*found, *check_schema(doc), *check_rules(doc)]


def position(text: str, needle: str, shift: int = 0, nth: int = 0) -> tuple[int, int]:
    """1-based (line, column) of the nth occurrence of needle, moved right by shift."""
    offset = -1
    for _ in range(nth + 1):
        offset = text.index(needle, offset + 1)
    offset += shift
    line = text.count("\n", 0, offset) + 1
    return line, offset - (text.rfind("\n", 0, offset) + 1) + 1


def only(diagnostics: list[Diagnostic], code: str) -> Diagnostic:
    found = [d for d in diagnostics if d.code == code]
    assert len(found) == 1, [(d.code, d.message_in("en")) for d in diagnostics]
    return found[0]


@dataclass(frozen=True)
class Case:
    name: str
    text: str
    code: str
    severity: Severity
    at: tuple[str, int, int]  # needle, shift, nth
    message_id: str  # fragments that must appear
    message_en: str
    hint_id: str


E, W = Severity.ERROR, Severity.WARNING

RULE_CASES = [
    # --- steps and flow (SOP3xx)
    Case("duplicate step id", with_step(EXTRA_STEP.replace("arsip", "telaah", 1)), "SOP301", E,
         ("id: telaah", 4, 1), "`telaah` sudah dipakai langkah 2", "already used by step 2",
         "id yang berbeda"),
    Case("unknown actor", variant(("    pelaksana: pengadu", "    pelaksana: pengadul")),
         "SOP302", E, ("pengadul", 0, 0), "pelaksana `pengadul` tidak ada", "not in the",
         "Mungkin maksud Anda `pengadu`?"),
    Case("unknown actor in a list",
         variant(("    pelaksana: pengadu", "    pelaksana: [pengadu, opd]")), "SOP302", E,
         ("opd]", 0, 0), "Langkah 1 (`sampaikan`): pelaksana `opd`", "Step 1",
         "tambahkan pelaksana"),
    Case("duplicate actor id",
         variant(("  - {id: pengadu, nama: Pengadu}\n",
                  "  - {id: pengadu, nama: Pengadu}\n  - {id: admin, nama: Admin Lain}\n")),
         "SOP303", E, ("admin, nama: Admin Lain", 0, 0), "`admin` sudah dipakai pelaksana ke-1",
         "already used by actor #1", "id yang berbeda"),
    Case("unknown target", variant(("      ya: verifikasi", "      ya: verifkasi")), "SOP304", E,
         ("verifkasi", 0, 0), "`ya` menunjuk ke `verifkasi`", "not a step id",
         "Mungkin maksud Anda `verifikasi`?"),
    Case("unreachable step",
         with_step(EXTRA_STEP,
                   ("    waktu: 15 menit\n", "    waktu: 15 menit\n    lanjut: selesai\n")),
         "SOP305", E, ("id: arsip", 0, 0), "Langkah 4 (`arsip`) tidak pernah dicapai",
         "never reached", "hapus langkah ini"),
    Case("trap loop", with_step(EXTRA_STEP + "    lanjut: verifikasi\n"), "SOP306", E,
         ("id: verifikasi", 0, 0), "langkah 3 (`verifikasi`), langkah 4 (`arsip`)",
         "step 3 (`verifikasi`), step 4 (`arsip`)", "jalan keluar"),
    Case("equal branches", variant(("      tidak: selesai", "      tidak: verifikasi")),
         "SOP307", W, ("tidak: verifikasi", 7, 0), "sama-sama menuju `verifikasi`", "both lead to",
         "dua cabang yang berbeda"),
    Case("self loop",
         variant(("    waktu: 15 menit\n", "    waktu: 15 menit\n    lanjut: verifikasi\n")),
         "SOP308", E, ("lanjut: verifikasi", 8, 0), "menunjuk ke langkah itu sendiri",
         "points to the step itself", "langkah lain"),
    Case("idle actor", variant(("  - {id: pengadu, nama: Pengadu}\n",
                                "  - {id: pengadu, nama: Pengadu}\n  - {id: opd, nama: OPD}\n")),
         "SOP309", W, ("opd, nama", 0, 0), "`opd` tidak melaksanakan", "carries out no step",
         "hapus dari daftar"),
    Case("lanjut on a decision", variant(("      tidak: selesai\n",
                                           "      tidak: selesai\n    lanjut: verifikasi\n")),
         "SOP310", W, ("lanjut: verifikasi", 0, 0), "`lanjut` diabaikan", "ignored",
         "Hapus `lanjut`"),
    Case("step id selesai", with_step(EXTRA_STEP.replace("arsip", "selesai", 1)), "SOP311", E,
         ("id: selesai", 4, 0), "`selesai` tidak boleh dipakai", "cannot be used",
         "`penyelesaian`"),
    # --- identity (SOP4xx)
    Case("date that does not exist",
         variant(("tanggal_efektif: 2020-04-02", "tanggal_efektif: 2023-02-30")), "SOP401", E,
         ("2023-02-30", 0, 0), "`2023-02-30` pada `tanggal_efektif` tidak ada", "does not exist",
         "`2023-02-28`"),
    Case("effective before creation",
         variant(("tanggal_efektif: 2020-04-02", "tanggal_efektif: 2020-04-01")), "SOP402", E,
         ("2020-04-01", 0, 0), "`tanggal_efektif` (2020-04-01) lebih awal", "earlier than",
         "sebelum dibuat"),
    Case("approval before creation",
         variant(("tanggal_efektif: 2020-04-02", "tanggal_pengesahan: 2019-12-31")), "SOP402", E,
         ("2019-12-31", 0, 0), "`tanggal_pengesahan` (2019-12-31)", "earlier than",
         "periksa kedua tanggal"),
    Case("revision before creation",
         variant(("  tanggal_efektif:", "  tanggal_revisi: 2020-01-05\n  tanggal_efektif:")),
         "SOP403", E, ("2020-01-05", 0, 0), "Tanggal revisi 2020-01-05 lebih awal",
         "Revision date 2020-01-05", "setelah SOP dibuat"),
    Case("revision list entry before creation",
         variant(("  tanggal_efektif:", "  tanggal_revisi:\n    - tanggal: 2021-05-01\n"
                  "      uraian: Perubahan waktu\n    - tanggal: 2019-05-01\n  tanggal_efektif:")),
         "SOP403", E, ("2019-05-01", 0, 0), "2019-05-01", "earlier", "periksa kedua tanggal"),
    Case("revision date that does not exist",
         variant(("  tanggal_efektif:", "  tanggal_revisi:\n    - tanggal: 2021-13-01\n"
                  "  tanggal_efektif:")),
         "SOP401", E, ("2021-13-01", 0, 0), "`tanggal_revisi`", "does not exist", "bulan (01-12)"),
    Case("nip length", variant(('"19680903 199302 2 001"', '"19680903 199302 2 01"')), "SOP404", E,
         ('"19680903 199302 2 01"', 0, 0), "harus terdiri atas 18 angka, tertulis 17",
         "must have 18 digits", "nomor urut"),
    Case("nip birth date", variant(('"19680903 199302 2 001"', '"19681903 199302 2 001"')),
         "SOP405", E, ('"19681903', 0, 0), "tanggal lahir `19681903`", "birth-date part",
         "delapan angka pertama"),
    Case("nip appointment month", variant(('"19680903 199302 2 001"', '"19680903 199313 2 001"')),
         "SOP406", E, ('"19680903 199313', 0, 0), "`199313`", "not a real year and month",
         "angka ke-9 sampai ke-14"),
    Case("nip appointment before birth",
         variant(('"19680903 199302 2 001"', '"19680903 196708 2 001"')), "SOP406", E,
         ('"19680903 196708', 0, 0), "tidak sesudah tanggal lahir 1968-09-03",
         "is not after the birth date", "pengangkatan"),
    Case("nip gender digit", variant(('"19680903 199302 2 001"', '"19680903 199302 3 001"')),
         "SOP407", E, ('"19680903 199302 3', 0, 0), "harus 1 atau 2, tertulis `3`",
         "must be 1 or 2", "laki-laki"),
    Case("nip serial", variant(('"19680903 199302 2 001"', '"19680903 199302 2 000"')), "SOP408", E,
         ('"19680903 199302 2 000"', 0, 0), "tidak boleh `000`", "cannot be `000`",
         "tiga angka terakhir"),
    # --- durations (SOP5xx)
    Case("step time", variant(("    waktu: maks 3 hari", "    waktu: maks 3 hri")), "SOP501", E,
         ("maks 3 hri", 0, 0), "Waktu langkah 2 (`telaah`) tidak dapat dibaca: `maks 3 hri`",
         "step 2 (`telaah`) cannot be read", "`1-2 hari kerja`"),
    Case("simulation target", variant(("  target: 5 hari kerja", "  target: lima hari")), "SOP502",
         E, ("lima hari", 0, 0), "`simulasi` tidak dapat dibaca: `lima hari`", "cannot be read",
         "`14 hari kerja`"),
    Case("scenario target",
         variant(("      keputusan: {telaah: ya}\n",
                  "      keputusan: {telaah: ya}\n      target: 2 pekan\n")),
         "SOP502", E, ("2 pekan", 0, 0), "skenario `Aduan diproses`", "of scenario", "satuan"),
    Case("scenario step time",
         variant(("      keputusan: {telaah: ya}\n",
                  "      keputusan: {telaah: ya}\n      waktu: {telaah: sebentar}\n")),
         "SOP503", E, ("sebentar", 0, 0), "langkah `telaah` tidak dapat dibaca: `sebentar`",
         "Scenario `Aduan diproses`", "`seketika`"),
    Case("step without time", variant(("    waktu: 15 menit\n", "")), "SOP510", W,
         ("id: verifikasi", 0, 0), "Langkah 3 (`verifikasi`) tidak mempunyai `waktu`",
         "has no `waktu`", "`waktu: 15 menit`"),
    # --- scenarios (SOP7xx)
    Case("arrival that does not exist",
         variant(("masuk: 2026-11-20 15:30", "masuk: 2026-11-31 15:30")), "SOP701", E,
         ("2026-11-31 15:30", 0, 0), "`2026-11-31 15:30` bukan tanggal dan jam yang ada",
         "not a real date and time", "`2026-11-20 15:30`"),
    Case("arrival hour", variant(("masuk: 2026-11-20 15:30", "masuk: 2026-11-20 24:10")),
         "SOP701", E, ("2026-11-20 24:10", 0, 0), "bukan tanggal dan jam", "arrival",
         "jam (00-23)"),
    Case("scenario decision unknown", variant(("{telaah: ya}", "{telah: ya}")), "SOP702", E,
         ("telah: ya", 0, 0), "`keputusan` menyebut `telah`", "not a step id",
         "Mungkin maksud Anda `telaah`?"),
    Case("scenario decision not a decision", variant(("{telaah: ya}", "{verifikasi: ya}")),
         "SOP704", E, ("verifikasi: ya", 0, 0), "`verifikasi` bukan langkah keputusan",
         "not a decision step", "Hanya langkah dengan `keputusan`"),
    Case("scenario time unknown step",
         variant(("      keputusan: {telaah: ya}\n",
                  "      keputusan: {telaah: ya}\n      waktu: {verifkasi: 1 jam}\n")),
         "SOP703", E, ("verifkasi: 1 jam", 0, 0), "`waktu` menyebut `verifkasi`", "not a step id",
         "Mungkin maksud Anda `verifikasi`?"),
    Case("no simulation", VALID[: VALID.index("simulasi:")], "SOP705", W,
         ("versi_format", 0, 0), "tidak mempunyai `simulasi`", "has no `simulasi`",
         "`5 hari kerja`"),
]


def test_valid_fixture_is_clean() -> None:
    assert diagnose(VALID) == []


@pytest.mark.parametrize("case", RULE_CASES, ids=lambda c: c.name)
def test_rule(case: Case) -> None:
    found = only(diagnose(case.text), case.code)
    needle, shift, nth = case.at
    assert found.severity is case.severity
    assert (found.line, found.column) == position(case.text, needle, shift, nth)
    assert found.file == "sops/unit/contoh.yaml"
    assert case.message_id in found.message_in("id")
    assert case.message_en in found.message_in("en")
    assert case.hint_id in found.hint_in("id")
    assert found.hint_in("en") and found.hint_in("en") != found.hint_in("id")


def test_rules_do_not_stumble_on_schema_errors() -> None:
    text = variant(
        ("  - id: sampaikan\n", "  - 42\n  - id: sampaikan\n"),
        ("pelaksana:\n  - {id: admin", "pelaksana:\n  - just text\n  - {id: admin"),
        ("    keputusan:\n", "    keputusan: ya\n    bukan_kunci:\n"),
    )
    found = diagnose(text)
    assert {d.code for d in found} >= {"SOP203", "SOP201"}
    assert all(d.line >= 1 for d in found)


def test_trap_names_only_the_loop_not_the_way_in() -> None:
    # telaah -> tidak: verifikasi; verifikasi <-> arsip loop; telaah itself can still end.
    text = with_step(EXTRA_STEP + "    lanjut: verifikasi\n")
    trap = only(diagnose(text), "SOP306")
    assert "sampaikan" not in trap.message_in("id")
    assert "telaah" not in trap.message_in("id")


def test_unknown_target_does_not_also_report_a_trap() -> None:
    found = diagnose(variant(("      tidak: selesai", "      tidak: slesai")))
    assert [d.code for d in found] == ["SOP304"]
    assert "Mungkin maksud Anda `selesai`?" in found[0].hint_in("id")


def test_did_you_mean() -> None:
    assert closest("verifkasi", ["telaah", "verifikasi"]) == "verifikasi"
    assert closest("Telaah", ["telaah"]) == "telaah"
    assert closest("xyz", ["telaah"]) is None
    assert did_you_mean("xyz", ["b", "a"]) == ("Yang tersedia: `a`, `b`.", "Available: `a`, `b`.")
    assert did_you_mean("xyz", [f"n{i}" for i in range(20)]) == ("", "")


def test_mutated_documents_never_raise_and_build_when_clean() -> None:
    rng = random.Random(7)
    sources = [VALID, (FIXTURES / "rich.yaml").read_text(encoding="utf-8")]
    values = ["", " []", " {}", " null", " [a, [b]]", " {x: 1}", " 2023-02-30", " 0.5",
              " selesai", " 42", " ya"]
    checked = 0
    for _ in range(300):
        lines = rng.choice(sources).splitlines()
        for _ in range(rng.randint(1, 3)):
            j = rng.randrange(len(lines))
            if rng.random() < 0.3:
                del lines[j]
            elif ":" in lines[j]:
                lines[j] = lines[j][: lines[j].index(":") + 1] + rng.choice(values)
        doc, found = load_bytes(("\n".join(lines) + "\n").encode(), "f.yaml")
        if doc is None:
            continue
        found += [*check_schema(doc), *check_rules(doc)]
        assert all(d.line >= 0 and d.message_in("id") and d.message_in("en") for d in found)
        if not any(d.is_error for d in found):
            assert build_sop(doc, "f", Path("f.yaml")).langkah
        checked += 1
    assert checked > 200
