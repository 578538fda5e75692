"""The Buku SOP of one work unit: cover, pengesahan page, daftar isi, then every SOP in order.

The front pages are plain HTML printed by the same Chromium (so fonts match the SOP sheets);
the daftar isi gives each SOP's first page in the book, so it is printed twice when its own
length changes the numbers. pypdf merges the parts, adds a bookmark per SOP and the metadata.
"""

from __future__ import annotations

import io
from collections import Counter
from collections.abc import Sequence
from html import escape
from typing import Any

from pypdf import PdfReader, PdfWriter

from ..model import Approver, Sop
from ..render.dates import tanggal
from .printer import PAPERS

_STYLE = """
@page {{ size: {width}mm {height}mm; margin: 20mm 25mm; }}
body {{ font-family: sans-serif; font-size: 12pt; color: #000; margin: 0; }}
section + section {{ break-before: page; }}
.cover {{ text-align: center; padding-top: 30mm; }}
.cover h1 {{ font-size: 24pt; margin: 0 0 8mm; }}
.cover p {{ font-size: 16pt; margin: 2mm 0; text-transform: uppercase; font-weight: bold; }}
h2 {{ text-align: center; font-size: 16pt; margin: 0 0 8mm; }}
table {{ width: 100%; border-collapse: collapse; }}
th, td {{ border: 0.75pt solid #000; padding: 1.5mm 2mm; text-align: left; vertical-align: top; }}
td.num {{ text-align: right; width: 18mm; }}
.sign {{ margin: 15mm 0 0 auto; width: 110mm; }}
.sign p {{ margin: 1mm 0; }}
.space {{ height: 25mm; }}
.name {{ font-weight: bold; text-decoration: underline; }}
"""


def book_title(sops: Sequence[Sop]) -> str:
    return f"Buku SOP {sops[0].identitas.satuan_kerja}"


def signer(sops: Sequence[Sop]) -> Approver:
    """Who signs the book: the approver of most of its SOPs (the head of the unit)."""
    counts = Counter(sop.identitas.disahkan_oleh for sop in sops)
    return counts.most_common(1)[0][0]


def front_html(sops: Sequence[Sop], paper: str, first_pages: Sequence[int], place: str) -> str:
    width, height = PAPERS[paper]
    first = sops[0].identitas
    approver = signer(sops)
    latest = max(sop.identitas.tanggal_efektif for sop in sops)
    rows = "".join(
        f"<tr><td>{number}</td><td>{escape(sop.identitas.nomor)}</td>"
        f"<td>{escape(sop.identitas.nama)}</td><td class=\"num\">{page}</td></tr>"
        for number, (sop, page) in enumerate(zip(sops, first_pages, strict=True), start=1)
    )
    listed = "".join(f"<li>{escape(sop.identitas.nama)} ({escape(sop.identitas.nomor)})</li>"
                     for sop in sops)
    extra = "".join(
        f"<p>{escape(line)}</p>" for line in (approver.pangkat, approver.nip and
                                                  f"NIP. {approver.nip}") if line
    )
    return f"""<!DOCTYPE html><html lang="id"><head><meta charset="utf-8">
<title>{escape(book_title(sops))}</title><style>{_STYLE.format(width=width, height=height)}</style>
</head><body>
<section class="cover">
<h1>BUKU STANDAR OPERASIONAL PROSEDUR</h1>
<p>{escape(first.satuan_kerja)}</p><p>{escape(first.instansi)}</p>
<p>{latest.year}</p>
</section>
<section>
<h2>LEMBAR PENGESAHAN</h2>
<p>Standar Operasional Prosedur {escape(first.satuan_kerja)} berikut ini disahkan dan berlaku
sebagai pedoman pelaksanaan tugas:</p>
<ol>{listed}</ol>
<div class="sign">
<p>Ditetapkan di {escape(place)}</p>
<p>pada tanggal {escape(tanggal(latest))}</p>
<p>{escape(approver.jabatan)}</p>
<div class="space"></div>
<p class="name">{escape(approver.nama)}</p>
{extra}
</div>
</section>
<section>
<h2>DAFTAR ISI</h2>
<table><thead><tr><th>No</th><th>Nomor SOP</th><th>Nama SOP</th><th>Halaman</th></tr></thead>
<tbody>{rows}</tbody></table>
</section>
</body></html>"""


def _print_html(page: Any, html: str) -> bytes:
    page.set_content(html)
    return bytes(page.pdf(prefer_css_page_size=True, print_background=True))


def build_book(
    page: Any, sops: Sequence[Sop], pdfs: Sequence[bytes], paper: str, place: str = "........"
) -> bytes:
    """One PDF: front pages, then every SOP's PDF in the given order, with bookmarks."""
    readers = [PdfReader(io.BytesIO(pdf)) for pdf in pdfs]
    front_count = 3  # cover, pengesahan, one sheet of daftar isi: corrected below if longer
    for _ in range(3):
        starts, at = [], front_count + 1
        for reader in readers:
            starts.append(at)
            at += len(reader.pages)
        front = PdfReader(io.BytesIO(_print_html(page, front_html(sops, paper, starts, place))))
        if len(front.pages) == front_count:
            break
        front_count = len(front.pages)
    writer = PdfWriter()
    writer.append(front)
    for sop, reader, start in zip(sops, readers, starts, strict=True):
        writer.append(reader)
        writer.add_outline_item(title=f"{sop.identitas.nomor} {sop.identitas.nama}",
                                page_number=start - 1)
    first = sops[0].identitas
    writer.add_metadata({"/Title": book_title(sops),
                         "/Author": f"{first.satuan_kerja}, {first.instansi}",
                         "/Creator": "sopgen"})
    out = io.BytesIO()
    writer.write(out)
    return out.getvalue()
