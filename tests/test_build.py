"""`build_sop`: a validated document becomes the immutable model, normalised."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import pytest

from sopgen.build import build_sop
from sopgen.check.rules import check_rules
from sopgen.check.schema import check_schema
from sopgen.duration import Kind
from sopgen.model import END, Decision, Revision, SopLink
from sopgen.read.loader import LoadedDocument, load_bytes, load_document

FIXTURES = Path(__file__).parent / "fixtures" / "rules"


def loaded(name: str) -> LoadedDocument:
    doc, found = load_document(FIXTURES / name, name)
    assert doc is not None and not found
    assert [*check_schema(doc), *check_rules(doc)] == []
    return doc


@pytest.fixture(scope="module")
def rich() -> LoadedDocument:
    return loaded("rich.yaml")


def test_identity(rich: LoadedDocument) -> None:
    sop = build_sop(rich, "kecamatan/pengaduan", FIXTURES / "rich.yaml")
    identity = sop.identitas
    assert sop.id == "kecamatan/pengaduan"
    assert sop.satuan_kerja_folder == "kecamatan"
    assert identity.nomor == "065/2262/Org."
    assert identity.tanggal_pembuatan == dt.date(2019, 3, 28)
    assert identity.tanggal_efektif == dt.date(2019, 4, 1)
    assert identity.efektif_label == "Tanggal Pengesahan"
    assert identity.tanggal_revisi == (
        Revision(dt.date(2020, 1, 15), "Penyesuaian waktu telaah"),
        Revision(dt.date(2021, 6, 1), None),
    )
    assert identity.disahkan_oleh.nip == "19740807 199311 1 001"
    assert identity.disahkan_oleh.pangkat is None


def test_lists_are_tuples(rich: LoadedDocument) -> None:
    sop = build_sop(rich, "x", FIXTURES / "rich.yaml")
    assert sop.kualifikasi_pelaksana == ()
    assert sop.peringatan == ("Pengaduan tidak tertangani", "Kepercayaan masyarakat menurun")
    assert sop.peralatan_perlengkapan == ("Komputer/laptop dan Printer",)
    assert [a.id for a in sop.pelaksana] == ["staf", "camat"]


def test_links_are_resolved_by_the_given_resolver(rich: LoadedDocument) -> None:
    sop = build_sop(rich, "x", FIXTURES / "rich.yaml", lambda ref: f"umum/{ref}")
    assert sop.keterkaitan == ("SOP Surat Masuk", SopLink("surat-keluar", "umum/surat-keluar"))
    unresolved = build_sop(rich, "x", FIXTURES / "rich.yaml")
    assert unresolved.keterkaitan[1] == SopLink("surat-keluar", "surat-keluar")


def test_steps(rich: LoadedDocument) -> None:
    steps = build_sop(rich, "x", FIXTURES / "rich.yaml").langkah
    assert [s.key for s in steps] == ["terima", "#2", "periksa", "lengkapi", "putuskan"]
    assert [s.number for s in steps] == [1, 2, 3, 4, 5]
    first, agenda, check, complete, decide = steps
    assert first.kegiatan == ("Menerima dokumen pengaduan", "Mencatat dalam buku agenda")
    assert first.kegiatan_is_list and not agenda.kegiatan_is_list
    assert first.kelengkapan == ("Internet", "Telepon")
    assert first.output == ("Dokumen pengaduan",)
    assert first.lanjut == "#2" and agenda.lanjut == "periksa"
    assert agenda.id is None and agenda.waktu is not None and agenda.waktu.is_zero
    assert check.pelaksana == ("staf", "camat")
    assert check.keterangan == "Bersama-sama"
    assert check.keputusan == Decision(
        ya="putuskan", tidak="lengkapi", pertanyaan="Pengaduan lengkap?",
        label_ya="Lengkap", label_tidak="Tidak lengkap", peluang_ya=0.8,
    )
    assert check.successors() == (("putuskan", "Lengkap"), ("lengkapi", "Tidak lengkap"))
    assert complete.lanjut == "periksa"  # the loop back
    assert complete.waktu is not None and complete.waktu.kind is Kind.WORKING_DAYS
    assert decide.keputusan is not None
    assert (decide.keputusan.ya, decide.keputusan.tidak) == (END, "terima")
    assert decide.keputusan.label_ya == "Ya" and decide.keputusan.peluang_ya == 0.5
    assert decide.lanjut == END
    assert check.waktu is not None and (check.waktu.minimum, check.waktu.maximum) == (3600, 7200)


def test_simulation(rich: LoadedDocument) -> None:
    simulation = build_sop(rich, "x", FIXTURES / "rich.yaml").simulasi
    assert simulation is not None and simulation.target is not None
    assert simulation.target.text == "5 hari kerja"
    (scenario,) = simulation.skenario
    assert scenario.masuk == dt.datetime(2026, 11, 20, 15, 30)
    assert scenario.keputusan == {"periksa": (False, True), "putuskan": (True,)}
    assert scenario.waktu["lengkapi"].maximum == 2
    assert scenario.target is not None and scenario.target.text == "7 hari kerja"


def test_source_map_points_into_the_file(rich: LoadedDocument) -> None:
    sop = build_sop(rich, "x", FIXTURES / "rich.yaml")
    assert sop.source is not None and sop.source.file == "rich.yaml"
    text = (FIXTURES / "rich.yaml").read_text(encoding="utf-8").splitlines()
    line, column = sop.source.position(("langkah", 2, "waktu"))
    assert text[line - 1][column - 1:] == "1-2 jam"


def test_minimal_sop_defaults() -> None:
    sop = build_sop(loaded("valid_minimal.yaml"), "d/a", FIXTURES / "valid_minimal.yaml")
    assert sop.identitas.efektif_label == "Tanggal Efektif"
    assert sop.identitas.tanggal_revisi == ()
    assert sop.keterkaitan == ()
    assert len(sop.peringatan) == 1 and sop.peringatan[0].startswith("Jika SOP tidak")
    assert sop.langkah[-1].lanjut == END
    assert sop.simulasi is not None and sop.simulasi.skenario[0].keputusan == {"telaah": (True,)}


def test_single_revision_date() -> None:
    text = (FIXTURES / "valid_minimal.yaml").read_text(encoding="utf-8").replace(
        "  tanggal_efektif:", "  tanggal_revisi: 2021-02-03\n  tanggal_efektif:", 1)
    doc, found = load_bytes(text.encode(), "a.yaml")
    assert doc is not None and not found
    sop = build_sop(doc, "a", Path("a.yaml"))
    assert sop.identitas.tanggal_revisi == (Revision(dt.date(2021, 2, 3)),)
