"""The SOP list pages: grouping by body and unit, slugs, the table's data for sorting and
filtering, escaping, the nav with an index page per section, and the Indonesian theme."""

from __future__ import annotations

import dataclasses
import datetime as dt
import json
import re
from types import SimpleNamespace
from typing import Any

from sop_factory import make_sop
from sopgen.site.lists import (
    STATUS_BELUM,
    STATUS_BERLAKU,
    STATUS_REVISI,
    group,
    list_folder,
    list_pages,
    nav_section,
    slug,
    status,
)
from sopgen.site.theme import DEFAULT_COPYRIGHT, apply_theme_defaults, overrides_dir

HOSTILE = '<script>alert("x")</script> & </title>'
TODAY = dt.date(2026, 6, 1)


def _sop(sop_id: str, steps: int = 1, **identity: Any) -> Any:
    sop = make_sop([{"pelaksana": "admin", "waktu": "1 jam"}] * steps, sop_id=sop_id)
    return dataclasses.replace(sop, identitas=dataclasses.replace(sop.identitas, **identity))


def _link(here: str, there: str) -> str:
    return f"{here}|{there}"


def corpus() -> list[Any]:
    return [
        _sop("a/satu", 3, instansi="Pemkab Demak", satuan_kerja="Dinas B", nomor="10/X",
             nama="Zeta"),
        _sop("a/dua", 1, instansi="Pemkab Demak", satuan_kerja="Dinas A", nomor="2/X",
             nama="Alfa", tanggal_efektif=dt.date(2027, 1, 1)),
        _sop("b/tiga", 2, instansi=HOSTILE, satuan_kerja=HOSTILE, nomor="1/Y", nama=HOSTILE),
    ]


def test_slugs_are_ascii_and_unique_per_level() -> None:
    assert slug("Dinas Komunikasi & Informatika") == "dinas-komunikasi-informatika"
    assert slug("Kelurahan Delod Peken — Tabanan") == "kelurahan-delod-peken-tabanan"
    assert slug("Désa Ñusa") == "desa-nusa"
    assert slug("<>") == "tanpa-nama"
    twins = [_sop(f"x/{n}", instansi=name, satuan_kerja="U")
             for n, name in enumerate(("Dinas A", "Dinas-A", "dinas a"))]
    uris = [body.uri for body in group(twins)]
    assert len(set(uris)) == 3 and all(u.startswith("sop/daftar/dinas-a") for u in uris)


def test_the_list_folder_avoids_sop_ids() -> None:
    assert list_folder([_sop("a/b")]) == "sop/daftar"
    assert list_folder([_sop("daftar/b"), _sop("daftar-2/c")]) == "sop/daftar-3"


def test_status_from_dates_and_revisions() -> None:
    sop = _sop("a/b", tanggal_efektif=dt.date(2026, 6, 1), tanggal_revisi=())
    assert status(sop, TODAY) == STATUS_BERLAKU
    assert status(sop, dt.date(2026, 5, 31)) == STATUS_BELUM
    revised = dataclasses.replace(
        sop, identitas=dataclasses.replace(sop.identitas, tanggal_revisi=(object(),))
    )
    assert status(revised, TODAY) == STATUS_REVISI


def test_pages_for_the_whole_list_each_body_and_each_unit() -> None:
    pages = list_pages(corpus(), _link, title="Daftar SOP", today=TODAY)
    bodies = group(corpus())
    assert set(pages) == {"sop/index.md"} | {b.uri for b in bodies} | {
        u.uri for b in bodies for u in b.units
    }
    index = pages["sop/index.md"]
    assert index.count("<tr data-instansi=") == 3
    # sorted by Nomor in natural order: 1/Y, 2/X, 10/X
    nomor = re.findall(r'data-kolom="nomor" data-label="Nomor" data-nilai="(\d+)">([^<]+)', index)
    assert [text for _, text in nomor] == ["1/", "2/", "10/"]
    assert 'data-status="Belum berlaku"' in index
    assert "<script>" not in index and "&lt;script&gt;" in index
    assert "data-search-exclude" in index
    # links are relative between generated pages
    assert 'href="sop/index.md|sop/a/satu.md"' in index
    demak = next(b for b in bodies if b.name == "Pemkab Demak")
    assert [u.name for u in demak.units] == ["Dinas A", "Dinas B"]
    body_page = pages[demak.uri]
    assert body_page.count("<tr data-instansi=") == 2
    assert 'data-kolom="instansi"' not in body_page  # a body's own page needs no body column
    unit_page = pages[demak.units[0].uri]
    assert unit_page.count("<tr data-instansi=") == 1 and "Alfa" in unit_page
    assert 'data-kolom="unit"' not in unit_page


def test_filters_offer_only_choices_that_narrow_the_list() -> None:
    pages = list_pages(corpus(), _link, title="Daftar SOP", today=TODAY)
    index = pages["sop/index.md"]
    assert 'data-saring="instansi"' in index and 'data-saring="status"' in index
    unit = next(b for b in group(corpus()) if b.name == "Pemkab Demak").units[1]
    assert 'data-saring="status"' not in pages[unit.uri]  # one SOP, one status


def test_nav_has_an_index_page_per_body_and_a_link_per_unit_but_no_sop() -> None:
    nav = nav_section(corpus())
    assert nav[0] == "sop/index.md"
    demak = next(item for item in nav[1:] if isinstance(item, dict) and "Pemkab Demak" in item)
    units = demak["Pemkab Demak"]
    assert isinstance(units, list) and units[0] == "sop/daftar/pemkab-demak/index.md"
    assert units[1] == {"Dinas A": "sop/daftar/pemkab-demak/dinas-a/index.md"}
    # the unit's list page reaches each SOP; the nav (printed on every page) names none
    assert len(units) == 1 + len(next(b for b in group(corpus()) if b.name == "Pemkab Demak").units)
    assert "sop/a/dua.md" not in json.dumps(nav)
    hostile = [key for item in nav[1:] if isinstance(item, dict) for key in item]
    assert all("<script>" not in key for key in hostile)


def test_theme_defaults_are_indonesian_and_keep_a_bodys_choices(tmp_path: Any) -> None:
    material = tmp_path / "material"
    material.mkdir()
    (material / "404.html").write_text("x")
    custom = tmp_path / "custom"
    custom.mkdir()
    config = SimpleNamespace(
        theme=SimpleNamespace(name="material", dirs=[str(custom), str(material)]),
        extra={},
        copyright=None,
    )
    apply_theme_defaults(config)
    assert config.extra["generator"] is False and config.copyright == DEFAULT_COPYRIGHT
    assert config.theme.dirs == [str(custom), str(overrides_dir()), str(material)]
    assert (overrides_dir() / "404.html").read_text().count("Halaman tidak ditemukan") == 1
    own = SimpleNamespace(
        theme=SimpleNamespace(name="material", dirs=[str(material)]),
        extra={"generator": True},
        copyright="© Pemkab",
    )
    apply_theme_defaults(own)
    assert own.extra["generator"] is True and own.copyright == "© Pemkab"
