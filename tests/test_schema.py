"""The JSON Schema file itself, and its mapping to diagnostics (SOP2xx)."""

from __future__ import annotations

import copy
import json
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import fastjsonschema
import jsonschema
import pytest

from sopgen.check.schema import SCHEMA_FILE, check_schema, coerce, load_schema
from sopgen.diagnostics import Severity
from sopgen.read.loader import load_bytes
from test_rules import VALID, diagnose, only, position, variant

REPO = Path(__file__).resolve().parents[1]
ENGLISH_WORDS = (" the ", " of ", " is ", " must ", " when ", " which ", " with ")


def schema_nodes(node: Any, path: str = "#") -> Iterator[tuple[str, dict[str, Any]]]:
    if isinstance(node, dict):
        yield path, node
        for key, value in node.items():
            yield from schema_nodes(value, f"{path}/{key}")
    elif isinstance(node, list):
        for i, value in enumerate(node):
            yield from schema_nodes(value, f"{path}/{i}")


def test_schema_file_is_the_published_one() -> None:
    assert SCHEMA_FILE == REPO / "schema" / "sop.schema.json"
    schema = json.loads(SCHEMA_FILE.read_text(encoding="utf-8"))
    assert schema["$id"].endswith("sop.schema.json")
    assert schema["$schema"] == "https://json-schema.org/draft/2020-12/schema"


def test_schema_is_valid_for_2020_12_and_draft_07() -> None:
    schema = load_schema()
    jsonschema.Draft202012Validator.check_schema(schema)
    jsonschema.Draft7Validator.check_schema(schema)
    fastjsonschema.compile(copy.deepcopy(schema))


def test_every_object_is_closed_and_every_property_is_described_in_indonesian() -> None:
    for path, node in schema_nodes(load_schema()):
        if "properties" in node:
            assert node.get("additionalProperties") is False, path
            for name, prop in node["properties"].items():
                described = prop if "description" in prop else None
                assert described is not None, f"{path}/{name} has no description"
                text = f" {described['description'].lower()} "
                assert len(text) > 10, f"{path}/{name}"
                assert not any(w in text for w in ENGLISH_WORDS), f"{path}/{name}: {text!r}"
                assert "title" in prop, f"{path}/{name} has no title"


def test_schema_uses_the_format_contract_keys() -> None:
    schema = load_schema()
    assert set(schema["required"]) == {
        "versi_format", "identitas", "dasar_hukum", "kualifikasi_pelaksana",
        "peralatan_perlengkapan", "peringatan", "pencatatan_pendataan", "pelaksana", "langkah",
    }
    assert set(schema["properties"]) == set(schema["required"]) | {"keterkaitan", "simulasi"}
    step = schema["$defs"]["langkah"]["properties"]
    assert set(step) == {
        "id", "kegiatan", "pelaksana", "kelengkapan", "waktu", "output", "keterangan",
        "keputusan", "lanjut",
    }


def test_editor_view_of_the_valid_fixture_passes_the_schema() -> None:
    # What a YAML 1.2 editor sees: dates stay text, `1` and `0.8` are numbers.
    doc, _ = load_bytes(VALID.encode(), "x.yaml")
    assert doc is not None
    data = coerce(doc.data)
    assert data["versi_format"] == 1
    assert data["identitas"]["tanggal_pembuatan"] == "2020-04-02"
    assert list(jsonschema.Draft202012Validator(load_schema()).iter_errors(data)) == []


def test_conversion_follows_the_schema_only() -> None:
    text = variant(
        ("  nama: Layanan Aduan Masyarakat Kabupaten Demak", "  nama: 2020"),
        ("      ya: verifikasi\n", "      ya: verifikasi\n      peluang_ya: 0.75\n"),
    )
    doc, _ = load_bytes(text.encode(), "x.yaml")
    assert doc is not None
    data = coerce(doc.data, doc.is_quoted)
    assert data["identitas"]["nama"] == "2020"
    assert data["langkah"][1]["keputusan"]["peluang_ya"] == 0.75
    assert doc.data["langkah"][1]["keputusan"]["peluang_ya"] == "0.75"  # input untouched


def test_quoted_number_stays_text() -> None:
    text = variant(("versi_format: 1", 'versi_format: "1"'))
    found = only(diagnose(text), "SOP203")
    assert "bilangan bulat" in found.message_in("id")
    assert (found.line, found.column) == position(text, '"1"')


def test_schema_stays_unchanged_by_validation() -> None:
    before = copy.deepcopy(load_schema())
    diagnose(VALID)
    diagnose(variant(("versi_format: 1", "versi_format: 2")))
    assert load_schema() == before


SCHEMA_CASES = [
    # name, text, code, needle (text, shift), id fragment, en fragment, hint fragment
    ("unknown key with a close match",
     variant(("  tanggal_efektif: 2020", "  tanggal_efektf: 2020")), "SOP201",
     ("tanggal_efektf", 0), "Kunci `tanggal_efektf` tidak dikenal di `identitas`",
     "Unknown key `tanggal_efektf`", "Mungkin maksud Anda `tanggal_efektif`?"),
    ("unknown key without a close match", variant(("dasar_hukum:", "zzz: 1\ndasar_hukum:")),
     "SOP201", ("zzz", 0), "Kunci `zzz` tidak dikenal di berkas SOP", "in the SOP file",
     "Yang tersedia: `dasar_hukum`"),
    ("unknown key in a step", variant(("    waktu: seketika", "    wakt: seketika")), "SOP201",
     ("wakt:", 0), "di `langkah` ke-1", "in `langkah` #1", "`waktu`"),
    ("missing key", variant(("  nomor: DINKOMINFO/4/1/32/2020\n", "")), "SOP202",
     ("identitas:", 0), "Kunci wajib `nomor` tidak ada di `identitas`",
     "Required key `nomor` is missing", "Contoh: `DINKOMINFO/4/1/32/2020`"),
    ("missing step key",
     variant(("    pelaksana: admin\n    waktu: 15 menit", "    waktu: 15 menit")),
     "SOP202", ("id: verifikasi", 0), "`pelaksana` tidak ada di `langkah` ke-3",
     "missing in `langkah` #3", "Tambahkan `pelaksana:`"),
    ("text where a list is expected",
     variant(("dasar_hukum:\n  - Peraturan", "dasar_hukum: Peraturan")), "SOP203",
     ("Peraturan Presiden", 0), "`dasar_hukum` harus berupa daftar", "must be a list",
     "Contoh:"),
    ("mapping where text or a list is expected",
     variant(("peringatan: Jika SOP", "peringatan:\n  akibat: Jika SOP")), "SOP203",
     ("peringatan:", 0), "`peringatan` harus berupa teks atau daftar", "must be text or a list",
     "Tulis nilai"),
    ("empty value", variant(("    kegiatan: Memverifikasi ke OPD terkait\n", "    kegiatan:\n")),
     "SOP203", ("kegiatan:\n", 9), "harus berupa teks atau daftar", "(it is empty now)",
     "Tulis nilai"),
    ("list where text is expected",
     variant(("  nama: Layanan Aduan Masyarakat Kabupaten Demak", "  nama: [a, b]")),
     "SOP203", ("nama: [a, b]", 0), "`identitas` › `nama` harus berupa teks", "must be text",
     ""),
    ("date pattern", variant(("tanggal_pembuatan: 2020-04-02", "tanggal_pembuatan: 2 April 2020")),
     "SOP204", ("2 April 2020", 0), "tidak sesuai bentuk tanggal TTTT-BB-HH: `2 April 2020`",
     "a date YYYY-MM-DD", "`2020-04-02`"),
    ("id pattern", variant(("  - id: sampaikan", "  - id: Sampaikan Aduan")), "SOP204",
     ("Sampaikan Aduan", 0), "bentuk pengenal", "an id", "huruf kecil"),
    ("nip pattern", variant(('"19680903 199302 2 001"', "19680903-199302-2-001")), "SOP204",
     ("19680903-199302-2-001", 0), "NIP (angka dan spasi)", "digits and spaces",
     "tanda kutip"),
    ("arrival pattern", variant(("masuk: 2026-11-20 15:30", "masuk: 20/11/2026 15.30")), "SOP204",
     ("20/11/2026", 0), "TTTT-BB-HH JJ:MM", "YYYY-MM-DD HH:MM", "`2026-11-20 15:30`"),
    ("empty list", variant(("dasar_hukum:\n  - Peraturan Presiden Nomor 76 Tahun 2013 tentang "
                            "Pengelolaan Pengaduan Publik\n", "dasar_hukum: []\n")),
     "SOP205", ("dasar_hukum:", 0), "paling sedikit 1 butir", "at least 1 item", "`- `"),
    ("version", variant(("versi_format: 1", "versi_format: 2")), "SOP206",
     ("versi_format: 2", 14), "`versi_format` bernilai `2`", "allowed values are: `1`",
     "salah satu nilai"),
    ("scenario branch word", variant(("{telaah: ya}", "{telaah: yes}")), "SOP206",
     ("yes}", 0), "bernilai `yes`, padahal yang diperbolehkan: `ya`, `tidak`", "`ya`, `tidak`",
     "salah satu nilai"),
    ("scenario branch word in a list", variant(("{telaah: ya}", "{telaah: [tidak, iya]}")),
     "SOP206", ("iya]", 0), "bernilai `iya`", "is `iya`", "salah satu nilai"),
    ("both effective and approval date",
     variant(("  tanggal_efektif: 2020-04-02\n",
              "  tanggal_efektif: 2020-04-02\n  tanggal_pengesahan: 2020-04-02\n")),
     "SOP207", ("identitas:", 0), "tepat satu dari `tanggal_efektif`, `tanggal_pengesahan`",
     "exactly one of", "salah satu saja"),
    ("neither effective nor approval date", variant(("  tanggal_efektif: 2020-04-02\n", "")),
     "SOP207", ("identitas:", 0), "tepat satu dari", "exactly one of", "salah satu saja"),
    ("probability out of range",
     variant(("      ya: verifikasi\n", "      ya: verifikasi\n      peluang_ya: 1.5\n")),
     "SOP208", ("1.5", 0), "harus antara 0 dan 1, tertulis `1.5`", "between 0 and 1", "`0.8`"),
    ("probability as text",
     variant(("      ya: verifikasi\n", "      ya: verifikasi\n      peluang_ya: tinggi\n")),
     "SOP203", ("tinggi", 0), "`peluang_ya` harus berupa angka", "must be a number", "`0.8`"),
    ("empty text", variant(("  nama: Layanan Aduan Masyarakat Kabupaten Demak", '  nama: ""')),
     "SOP209", ('""', 0), "`identitas` › `nama` tidak boleh kosong", "must not be empty",
     "Isi teksnya"),
]


@pytest.mark.parametrize("case", SCHEMA_CASES, ids=lambda c: c[0])
def test_schema_problem(case: tuple[Any, ...]) -> None:
    _, text, code, (needle, shift), message_id, message_en, hint_id = case
    found = only(diagnose(text), code)
    assert found.severity is Severity.ERROR
    assert (found.line, found.column) == position(text, needle, shift)
    assert message_id in found.message_in("id")
    assert message_en in found.message_in("en")
    assert hint_id in found.hint_in("id")
    assert found.hint_in("en")


def test_one_message_per_place_for_choices() -> None:
    # `kegiatan` may be text or a list: a mapping there gives one message, not one per branch.
    text = variant(("    kegiatan: Memverifikasi ke OPD terkait", "    kegiatan: {a: b}"))
    found = [d for d in diagnose(text) if d.line == position(text, "kegiatan: {")[0]]
    assert [d.code for d in found] == ["SOP203"]


def test_error_inside_a_list_branch_is_reported_at_the_item() -> None:
    text = variant(("peringatan: Jika SOP", "peringatan:\n  - [x]\n  - Jika SOP"))
    found = only(diagnose(text), "SOP203")
    assert (found.line, found.column) == position(text, "[x]")
    assert "`peringatan` ke-1 harus berupa teks" in found.message_in("id")


def test_repo_sops_pass_the_schema() -> None:
    files = [p for p in (REPO / "sops").rglob("*.yaml") if p.name != "kalender.yaml"]
    assert files, "no SOP files in sops/"
    for file in files:
        doc, loaded = load_bytes(file.read_bytes(), file.name)
        assert doc is not None and not loaded
        assert list(check_schema(doc)) == [], file
