"""Text is text: SOP strings land escaped in HTML, Markdown, DOT/SVG and JSON."""

from __future__ import annotations

import datetime as dt
import json
import re
import xml.etree.ElementTree as ET
from html.parser import HTMLParser
from pathlib import Path
from typing import Any

import markdown
import pytest
import yaml
from hypothesis import given
from hypothesis import strategies as st
from jsonschema import Draft202012Validator
from markupsafe import Markup

from fixtures.render.hostile.hostile_sop import (
    PIECES,
    SOP_ID,
    YAML_FILE,
    hostile,
    hostile_document,
    hostile_sop,
)
from sopgen.render.diagram import diagram_dot, inline_svg, render_svg
from sopgen.render.escaping import (
    dot_string,
    html_format,
    html_text,
    markdown_inline,
    script_json,
)
from sopgen.render.page import PageContext, render_sop_page

SCHEMA = Path(__file__).resolve().parents[1] / "schema" / "sop.schema.json"
MARKDOWN_EXTENSIONS = ["toc", "tables", "attr_list", "md_in_html", "admonition", "def_list"]
TEXT_FIELDS = (
    "instansi", "satuan_kerja", "nomor", "nama", "uraian", "jabatan", "pengesah", "pangkat",
    "dasar_hukum", "kualifikasi", "keterkaitan", "peralatan", "peringatan", "pencatatan",
    "aktor1", "aktor2", "kegiatan1", "kegiatan2a", "kegiatan2b", "kegiatan3", "kegiatan4",
    "kelengkapan1", "kelengkapan2a", "kelengkapan2b", "output1", "output2a", "output2b",
    "keterangan1", "keterangan2", "pertanyaan", "label_ya", "label_tidak",
)


class Document(HTMLParser):
    """Elements, attributes and text chunks of an HTML document, entities decoded."""

    def __init__(self, html: str) -> None:
        super().__init__(convert_charrefs=True)
        self.elements: list[tuple[str, dict[str, str]]] = []
        self.texts: list[str] = []
        self.stack: list[str] = []
        self.h1: list[str] = []
        self.feed(html)

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        self.elements.append((tag, {name: value or "" for name, value in attrs}))
        self.stack.append(tag)

    def handle_endtag(self, tag: str) -> None:
        if tag in self.stack:
            while self.stack.pop() != tag:
                pass

    def handle_data(self, data: str) -> None:
        self.texts.append(data)
        if "h1" in self.stack:
            self.h1.append(data)


def hostile_page(diagram_svg: str = "") -> str:
    ctx = PageContext(
        link_for=lambda _sop_id: "javascript:alert(1)",
        source_url="javascript:alert(1)",
        source_path="sops/uji/teks-berbahaya.yaml",
        last_change=dt.date(2024, 5, 6),
        simulation_html=None,
        diagram_svg=diagram_svg,
    )
    return render_sop_page(hostile_sop(), ctx)


def assert_inert(document: Document) -> None:
    tags = {tag for tag, _ in document.elements}
    assert "script" not in tags and "img" not in tags
    assert "strong" not in tags and "em" not in tags
    for tag, attributes in document.elements:
        assert not [name for name in attributes if name.startswith("on")], (tag, attributes)
        for name in ("href", "src", "xlink:href"):
            assert not attributes.get(name, "").strip().lower().startswith("javascript:")


def test_hostile_page_markdown_shows_every_field_literally() -> None:
    page = hostile_page()
    html = markdown.markdown(page, extensions=MARKDOWN_EXTENSIONS)
    document = Document(html)
    assert_inert(document)
    assert "".join(document.h1) == hostile("nama")
    # Joined with a separator, so a field split by markup would not be found.
    texts = "\x00".join(document.texts)
    for field in TEXT_FIELDS:
        assert hostile(field) in texts, field
    assert "\x00javascript:alert(1)\x00" in texts  # a keterkaitan written as text stays text
    assert html.count("{{ 7*7 }}") >= len(TEXT_FIELDS) and "49" not in html
    assert "&amp;amp;" in html and "\\N \\G" in html


def test_hostile_text_in_attributes_stays_inside_the_attribute() -> None:
    document = Document(hostile_page())
    labels = [a["data-label"] for tag, a in document.elements if "data-label" in a]
    assert labels == [hostile("label_ya"), hostile("label_tidak"), "Ya", "Tidak"]
    actor_ids = {a["data-actor"] for _, a in document.elements if "data-actor" in a}
    assert actor_ids == {"pemohon", "petugas"}


def test_hostile_page_raw_markdown_has_no_live_markup() -> None:
    page = hostile_page()
    assert "<script" not in page and "<img" not in page
    assert "&lt;script&gt;alert(1)&lt;/script&gt;" in page
    assert "&#34; onmouseover=&#34;alert(1)" in page
    assert "href=\"javascript" not in page.lower()
    title = page.splitlines()[0]
    assert title.startswith("# nama &lt;script\\>alert\\(1\\)&lt;/script\\>")
    assert "\\*\\*bold\\*\\*" in title and "\\[x\\]\\(javascript:alert\\(1\\)\\)" in title


def test_hostile_diagram_through_real_neato_keeps_text_literal() -> None:
    svg = render_svg(diagram_dot(hostile_sop()), None)
    root = ET.fromstring(svg.encode("utf-8"))  # still well-formed XML
    ns = {"svg": "http://www.w3.org/2000/svg", "xlink": "http://www.w3.org/1999/xlink"}
    texts = [t.text or "" for t in root.iter("{http://www.w3.org/2000/svg}text")]
    titles = [a.get("{http://www.w3.org/1999/xlink}title", "")
              for a in root.iterfind(".//svg:a", ns)]
    assert any(t.startswith("aktor1 <script>alert(1)</script>") for t in titles)
    tooltip = next(t for t in titles if t.startswith("Langkah 1: kegiatan1"))
    # Tooltips show a backslash as its look-alike U+29F5 (see escaping.dot_tooltip).
    assert "<img src=x onerror=alert(1)> \" onmouseover=\"alert(1) ' back⧵slash ⧵N ⧵G" in tooltip
    assert "{{ 7*7 }} {% raw %} **bold** [x](javascript:alert(1)) &amp; Panjang" in tooltip
    # Graphviz escapes were not expanded: no node or graph name shows up in a text.
    assert not [t for t in texts + titles if re.search(r"\br\d+\b|\blane\d\b|\bsop\b", t)]
    assert "label_ya <script>" in " ".join(texts)  # the label is wrapped over several lines
    inlined = inline_svg(svg, "h-", label=hostile_sop().identitas.nama)
    document = Document(inlined)
    assert_inert(document)
    page = hostile_page(inlined)
    assert_inert(Document(markdown.markdown(page, extensions=MARKDOWN_EXTENSIONS)))


def test_dot_string_escapes() -> None:
    assert dot_string('a"b') == '"a\\"b"'
    assert dot_string("\\N \\G \\L \\n") == '"\\\\N \\\\G \\\\L \\\\n"'
    assert dot_string("baris\nkedua\r\nketiga") == '"baris\\nkedua\\nketiga"'
    assert dot_string("A & B &amp;") == '"A &amp; B &amp;amp;"'


def test_html_text_escapes_and_keeps_lines_without_newlines() -> None:
    assert html_text("<b>&amp;\"'") == "&lt;b&gt;&amp;amp;&#34;&#39;"
    assert html_text("satu\n\ndua\r\ntiga") == "satu<br><br>dua<br>tiga"


def test_script_json_cannot_close_its_element() -> None:
    value = {"t": "</script><script>alert(1)</script><!-- & \u2028\u2029 {{ 7*7 }}"}
    text = str(script_json(value))
    assert "<" not in text and ">" not in text and "&" not in text
    assert "\u2028" not in text and "\u2029" not in text
    assert json.loads(text) == value


@given(st.text(alphabet=st.sampled_from(list("ab 1.#*_[]()<>&!`\\-+{}|:'\"=~^"))))
def test_markdown_inline_round_trips_through_python_markdown(text: str) -> None:
    html = markdown.markdown("# x" + markdown_inline(text) + "x", extensions=["toc", "attr_list"])
    document = Document(html)
    assert "".join(document.h1) == "x" + " ".join(text.splitlines()).strip() + "x"


def _as_yaml_text(value: Any) -> Any:
    """The document as the loader sees it: dates as their written text."""
    if isinstance(value, dict):
        return {key: _as_yaml_text(item) for key, item in value.items()}
    if isinstance(value, list):
        return [_as_yaml_text(item) for item in value]
    if isinstance(value, dt.date):
        return value.isoformat()
    return value


def test_hostile_yaml_file_matches_the_model_and_is_a_valid_sop() -> None:
    loaded = yaml.safe_load(YAML_FILE.read_text(encoding="utf-8"))
    assert loaded == hostile_document()
    assert YAML_FILE.relative_to(YAML_FILE.parents[2]).as_posix() == f"sops/{SOP_ID}.yaml"
    schema = json.loads(SCHEMA.read_text(encoding="utf-8"))
    errors = list(Draft202012Validator(schema).iter_errors(_as_yaml_text(loaded)))
    assert errors == []
    every_text = json.dumps(loaded, default=str, ensure_ascii=False)
    for piece in PIECES:
        assert every_text.count(json.dumps(piece)[1:-1]) >= len(TEXT_FIELDS)


class _Html:
    def __html__(self) -> str:
        return "<b>siap</b>"


@pytest.mark.parametrize("value", [
    "teks biasa", "A & B", "<script>", "kutip \" dan '", Markup("<i>sudah</i> &amp;"), 7, 2.5,
    -0.0, True, None, _Html(), "", "1.5",
])
def test_html_format_gives_what_markup_format_gives(value: object) -> None:
    template = '<text x="{}" y="{}">{}</text>'
    expected = Markup(template).format(value, value, value)
    got = html_format(template, value, value, value)
    assert got == expected and isinstance(got, Markup)


@given(st.lists(st.one_of(st.text(), st.integers(), st.floats(allow_nan=False)), max_size=4))
def test_html_format_escapes_any_text_as_markup_does(values: list[object]) -> None:
    template = "<g>" + "|{}" * len(values) + "</g>"
    assert html_format(template, *values) == Markup(template).format(*values)
