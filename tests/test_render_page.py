"""The page Markdown: structure, identity block, procedure table DOM contract, templates."""

from __future__ import annotations

import datetime as dt
import re
from collections import Counter
from html.parser import HTMLParser
from pathlib import Path

import markdown

from sop_factory import demak_sop, long_sop, make_sop
from sopgen.model import Approver, Identity, Revision
from sopgen.render.assets import asset_files
from sopgen.render.dates import tanggal
from sopgen.render.page import PageContext, render_sop_page
from sopgen.site.pages import BLOCK_SLOT, LIFT_FROM, lift_html_blocks

MARKDOWN_EXTENSIONS = ["toc", "tables", "attr_list", "md_in_html", "admonition"]


def context(**changes: object) -> PageContext:
    values: dict[str, object] = {
        "link_for": lambda sop_id: f"../../{sop_id}/",
        "source_url": "https://git.example.go.id/sop/blob/main/sops/diskominfo/layanan-aduan.yaml",
        "source_path": "sops/diskominfo/layanan-aduan.yaml",
        "last_change": dt.date(2024, 8, 17),
        "simulation_html": None,
        "diagram_svg": '<svg viewBox="0 0 10 10" class="fake-diagram"></svg>',
    }
    values.update(changes)
    return PageContext(**values)  # type: ignore[arg-type]


class Elements(HTMLParser):
    """Every start tag with its attributes, in document order."""

    def __init__(self, html: str) -> None:
        super().__init__(convert_charrefs=True)
        self.tags: list[tuple[str, dict[str, str]]] = []
        self.feed(html)

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        self.tags.append((tag, {name: value or "" for name, value in attrs}))

    def with_class(self, name: str) -> list[dict[str, str]]:
        return [a for _, a in self.tags if name in a.get("class", "").split()]


def html_of(page: str) -> str:
    return markdown.markdown(page, extensions=MARKDOWN_EXTENSIONS)


def test_title_and_sections_in_order() -> None:
    page = render_sop_page(demak_sop(), context(simulation_html="<p>hasil</p>"))
    headings = re.findall(r"^(#{1,2}) (.+)$", page, flags=re.MULTILINE)
    assert headings == [
        ("#", "Layanan Aduan Masyarakat"),
        ("##", "Identitas"),
        ("##", "Uraian Prosedur"),
        ("##", "Diagram Alir"),
        ("##", "Simulasi"),
        ("##", "Sumber"),
    ]
    assert "<p>hasil</p>" in page


def test_simulation_section_only_with_a_fragment() -> None:
    page = render_sop_page(demak_sop(), context())
    assert "## Simulasi" not in page


def test_markdown_keeps_every_html_block_whole() -> None:
    page = render_sop_page(demak_sop(), context(simulation_html="<div>a\n\n\nb</div>"))
    html = html_of(page)
    # Python-Markdown would wrap a torn block's pieces in <p> or escape them.
    assert "&lt;" not in html
    assert "<p><div" not in html and "<p></div>" not in html
    for block in re.split(r"^#.*$", page, flags=re.MULTILINE)[1:]:
        body = block.strip()
        assert "\n\n" not in body, body[:200]
    assert html.count('<table class="sopgen-procedure">') == 1
    assert '<h2 id="uraian-prosedur">Uraian Prosedur</h2>' in html


def test_identity_block_fields() -> None:
    page = render_sop_page(demak_sop(), context())
    assert '<p class="sopgen-instansi">Pemerintah Kabupaten Demak</p>' in page
    assert '<td class="sopgen-nomor">DINKOMINFO/4/1/32/2020</td>' in page
    assert "<td>2 April 2020</td>" in page
    assert "<li>5 Januari 2021 — Penyesuaian jam layanan</li>" in page
    assert '<th scope="row">Tanggal Efektif</th>' in page
    assert '<p class="sopgen-nip">NIP. 19680903 199302 2 001</p>' in page
    assert '<p class="sopgen-pangkat">Pembina Utama Muda</p>' in page
    order = [page.index(t) for t in ("Dasar Hukum", "Kualifikasi Pelaksana", "Keterkaitan",
                                      "Peralatan/Perlengkapan", "Peringatan",
                                      "Pencatatan dan Pendataan")]
    assert order == sorted(order)


def test_pengesahan_label_no_revisions_no_optional_approver_fields() -> None:
    identity = Identity(
        instansi="Pemerintah Kabupaten Tabanan", satuan_kerja="Kantor Camat Selemadeg Timur",
        nomor="065/2262/Org.", nama="Pengaduan Masyarakat",
        tanggal_pembuatan=dt.date(2019, 3, 28), tanggal_efektif=dt.date(2019, 12, 31),
        efektif_label="Tanggal Pengesahan",
        disahkan_oleh=Approver(jabatan="Camat Selemadeg Timur", nama="I Gusti Putu"),
    )
    page = render_sop_page(make_sop([{"pelaksana": "admin"}], identitas=identity), context())
    assert '<th scope="row">Tanggal Pengesahan</th>\n<td>31 Desember 2019</td>' in page
    assert "Tanggal Efektif" not in page
    assert "sopgen-revisions" not in page
    assert "sopgen-nip" not in page and "sopgen-pangkat" not in page


def test_revision_history_in_order() -> None:
    identity = make_sop([{"pelaksana": "admin"}]).identitas
    revisions = (Revision(dt.date(2021, 1, 5), "Pertama"), Revision(dt.date(2022, 2, 6)))
    sop = make_sop([{"pelaksana": "admin"}], identitas=Identity(
        **{**{f: getattr(identity, f) for f in identity.__slots__}, "tanggal_revisi": revisions}))
    page = render_sop_page(sop, context())
    assert "<li>5 Januari 2021 — Pertama</li>\n<li>6 Februari 2022</li>" in page


def test_indonesian_dates() -> None:
    assert tanggal(dt.date(2020, 4, 2)) == "2 April 2020"
    assert tanggal(dt.date(2023, 8, 17)) == "17 Agustus 2023"
    assert tanggal(dt.date(2024, 12, 31)) == "31 Desember 2024"


def test_related_sop_links_use_link_for_and_title_for() -> None:
    calls: list[str] = []

    def link_for(sop_id: str) -> str | None:
        calls.append(sop_id)
        return "../../umum/surat-masuk/"

    page = render_sop_page(demak_sop(), context(
        link_for=link_for, title_for=lambda sop_id: "Surat Masuk"))
    assert calls == ["umum/surat-masuk"]
    assert '<li><a href="../../umum/surat-masuk/">Surat Masuk</a></li>' in page
    assert "<li>SOP Surat Masuk</li>" in page


def test_related_sop_without_page_or_with_unsafe_url_is_plain_text() -> None:
    for url in (None, "javascript:alert(1)", " JavaScript:alert(1)"):
        page = render_sop_page(demak_sop(), context(link_for=lambda _id, url=url: url))
        assert "<li>umum/surat-masuk</li>" in page
        assert "javascript:" not in page.lower()


def test_procedure_table_dom_contract() -> None:
    sop = demak_sop()
    elements = Elements(render_sop_page(sop, context()))
    rows = [a for tag, a in elements.tags if tag == "tr" and "data-step" in a]
    assert [(r["data-step"], r.get("id")) for r in rows if "id" in r] == [
        (step.key, f"langkah-{step.number}") for step in sop.langkah
    ]
    end_rows = [r for r in rows if "sopgen-end-row" in r.get("class", "")]
    assert [r["data-step"] for r in end_rows] == ["selesai:telaah:tidak"]
    lanes = elements.with_class("sopgen-lane")
    actors = [a.id for a in sop.pelaksana]
    assert [lane["data-actor"] for lane in lanes] == actors * len(rows)
    symbols = elements.with_class("sopgen-symbol")
    assert [(s["data-step"], s["data-actor"]) for s in symbols] == [
        ("sampaikan", "pengadu"), ("telaah", "admin"), ("selesai:telaah:tidak", "admin"),
        ("verifikasi", "admin"), ("teruskan", "admin"), ("teruskan", "penghubung"),
        ("klarifikasi", "opd"), ("periksa", "admin"), ("arsip", "admin"),
    ]
    shapes = [s["class"].split()[1] for s in symbols]
    assert shapes == ["sopgen-terminator", "sopgen-decision", "sopgen-terminator",
                      "sopgen-process", "sopgen-process", "sopgen-process", "sopgen-process",
                      "sopgen-decision", "sopgen-terminator"]
    arrows = elements.with_class("sopgen-arrow")
    assert {(a["data-from"], a["data-to"], a.get("data-label")) for a in arrows} == {
        ("sampaikan", "telaah", None), ("telaah", "verifikasi", "Ya"),
        ("telaah", "selesai:telaah:tidak", "Tidak"), ("verifikasi", "teruskan", None),
        ("teruskan", "klarifikasi", None), ("klarifikasi", "periksa", None),
        ("periksa", "arsip", "Memadai"), ("periksa", "klarifikasi", "Belum"),
    }
    assert all(a["points"] == "" and a["marker-end"] for a in arrows)
    assert [j["data-step"] for j in elements.with_class("sopgen-join")] == ["teruskan"]
    tags = [tag for tag, a in elements.tags if "sopgen-flow" in a.get("class", "").split()
            or "sopgen-procedure" in a.get("class", "").split()
            or "sopgen-arrows" in a.get("class", "").split()]
    assert tags == ["div", "table", "svg"]


def test_table_header_numbering_and_columns() -> None:
    sop = demak_sop()
    page = render_sop_page(sop, context())
    assert '<th scope="colgroup" colspan="5" class="sopgen-pelaksana">Pelaksana</th>' in page
    numbering = page.split('<tr class="sopgen-numbering">')[1].split("</tr>")[0]
    assert re.findall(r"<td>(\d+)</td>", numbering) == [str(n) for n in range(1, 12)]
    headers = re.findall(r'<th scope="col" class="sopgen-actor" data-actor="(\w+)">', page)
    assert headers == [actor.id for actor in sop.pelaksana]


def test_kegiatan_list_as_a_b_c_and_decision_notes() -> None:
    page = render_sop_page(demak_sop(), context())
    assert ('<ol class="sopgen-subitems" type="a">\n<li>Menyampaikan aduan kepada OPD terkait'
            '</li>\n<li>Mencatat di HALLO DEMAK</li>') in page
    assert '<p class="sopgen-question">Aduan dapat diproses?</p>' in page
    assert ('<span class="sopgen-exit-label">Belum</span>: lanjut ke '
            '<a href="#langkah-5">langkah 5</a>') in page
    assert '<span class="sopgen-exit-label">Tidak</span>: selesai' in page
    assert "<td class=\"sopgen-waktu\">maks 3 hari</td>" in page


def test_ids_unique_and_output_deterministic() -> None:
    first = render_sop_page(long_sop(), context())
    assert first == render_sop_page(long_sop(), context())
    ids = re.findall(r'\sid="([^"]+)"', first)
    assert ids and max(Counter(ids).values()) == 1


def test_source_line() -> None:
    page = render_sop_page(demak_sop(), context())
    assert ('Sumber: <a href="https://git.example.go.id/sop/blob/main/sops/diskominfo/'
            'layanan-aduan.yaml"><code>sops/diskominfo/layanan-aduan.yaml</code></a>'
            " · Perubahan terakhir: 17 Agustus 2024") in page
    bare = render_sop_page(demak_sop(), context(source_url=None, last_change=None))
    assert '<p class="sopgen-source">Sumber: <code>sops/diskominfo/layanan-aduan.yaml</code></p>' \
        in bare


def test_diagram_slot_and_missing_diagram_note() -> None:
    assert 'class="fake-diagram"' in render_sop_page(demak_sop(), context())
    page = render_sop_page(demak_sop(), context(diagram_svg=""))
    assert "Diagram alir belum tersedia." in page


def test_a_body_overrides_a_template_by_file_name(tmp_path: Path) -> None:
    (tmp_path / "sop_source.html.j2").write_text(
        '<p class="kustom">{{ source_path }} {{ "<b>" }}</p>\n', encoding="utf-8")
    page = render_sop_page(demak_sop(), context(template_dir=tmp_path))
    assert '<p class="kustom">sops/diskominfo/layanan-aduan.yaml &lt;b&gt;</p>' in page
    assert "sopgen-identity" in page  # the other templates are still the defaults


def test_asset_files_and_overrides(tmp_path: Path) -> None:
    files = asset_files()
    assert files["assets/sopgen/sopgen.css"].is_file()
    assert files["assets/sopgen/swimlane.js"].is_file()
    assert list(files) == sorted(files)
    (tmp_path / "assets").mkdir()
    (tmp_path / "assets" / "sopgen.css").write_text("/* kustom */", encoding="utf-8")
    replaced = asset_files(tmp_path)
    assert replaced["assets/sopgen/sopgen.css"] == tmp_path / "assets" / "sopgen.css"
    assert replaced["assets/sopgen/swimlane.js"] == files["assets/sopgen/swimlane.js"]


# --- raw HTML blocks lifted out of the Markdown (the plugin's speed-up) -------------------------

EXTENSIONS = ["toc", "tables", "attr_list", "admonition", "pymdownx.superfences",
              "pymdownx.details"]


def test_lifted_blocks_put_back_give_the_same_html() -> None:
    page = render_sop_page(long_sop(), context(simulation_html="<div><p>hasil</p></div>"))
    lifted, blocks = lift_html_blocks(page)
    assert len(blocks) >= 2  # at least the identity block and the procedure table
    assert "sopgen-procedure" not in lifted and len(lifted) < len(page) // 4
    direct = markdown.markdown(page, extensions=EXTENSIONS)
    converted = markdown.markdown(lifted, extensions=EXTENSIONS)
    assert converted != direct
    restored = converted
    for number, block in enumerate(blocks):
        restored = restored.replace(BLOCK_SLOT.format(number), block, 1)
    assert restored == direct


def test_small_blocks_and_markdown_inside_html_stay() -> None:
    big = "<div>" + "x" * LIFT_FROM + "</div>"
    wants_markdown = '<div markdown="1">' + "*y* " * LIFT_FROM + "</div>"
    text = f"# T\n\n<p>small</p>\n\n{big}\n\n{wants_markdown}\n\n<!-- {big} -->\n"
    lifted, blocks = lift_html_blocks(text)
    assert blocks == (big,)
    assert lifted == text.replace(big, BLOCK_SLOT.format(0), 1)
