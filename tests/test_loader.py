"""The strict YAML loader: text kept as written, positions right, every bad input reported."""

from __future__ import annotations

import hashlib
import time
from pathlib import Path

import pytest

from sopgen.diagnostics import Severity
from sopgen.read.loader import (
    MAX_BYTES,
    MAX_DEPTH,
    LoadedDocument,
    load_bytes,
    load_document,
    typed,
)

FIXTURES = Path(__file__).parent / "fixtures" / "loader"


def only(raw: bytes) -> tuple[str, int, int]:
    """(code, line, column) of the single diagnostic ``raw`` gives, with no document back."""
    doc, diagnostics = load_bytes(raw, "f.yaml")
    assert doc is None
    assert len(diagnostics) == 1, diagnostics
    d = diagnostics[0]
    assert d.severity is Severity.ERROR
    return d.code, d.line, d.column


def loaded(raw: bytes) -> LoadedDocument:
    doc, diagnostics = load_bytes(raw, "f.yaml")
    assert diagnostics == []
    assert doc is not None
    return doc


# --- every fixture gives one diagnostic at the right place -------------------------------------

REJECTED = [
    ("syntax_colon.yaml", "SOP106", 3, 16),
    ("unclosed_quote.yaml", "SOP106", 2, 13),  # where the quote opens, not the end of the file
    ("unclosed_bracket.yaml", "SOP106", 3, 8),
    ("tab_indent.yaml", "SOP106", 3, 1),
    ("anchor.yaml", "SOP110", 2, 12),
    ("alias.yaml", "SOP111", 3, 9),
    ("tag_python.yaml", "SOP113", 2, 13),
    ("tag_str.yaml", "SOP113", 1, 15),
    ("tag_custom.yaml", "SOP113", 2, 7),
    ("two_documents.yaml", "SOP107", 2, 1),
    ("top_level_list.yaml", "SOP105", 1, 1),
    ("top_level_text.yaml", "SOP105", 1, 1),
    ("empty.yaml", "SOP104", 0, 0),
    ("only_comments.yaml", "SOP104", 0, 0),
]


@pytest.mark.parametrize(("name", "code", "line", "column"), REJECTED)
def test_rejected_fixture(name: str, code: str, line: int, column: int) -> None:
    doc, diagnostics = load_document(FIXTURES / name)
    assert doc is None
    assert [(d.code, d.line, d.column) for d in diagnostics] == [(code, line, column)]
    d = diagnostics[0]
    assert d.file == (FIXTURES / name).as_posix()
    assert d.message_in("id") and d.message_in("en") and d.message_in("id") != d.message_in("en")
    assert d.hint_in("id") and d.hint_in("en")


# Problems that still let later checks see the rest of the document.
KEPT = [
    ("duplicate_key.yaml", "SOP108", 5, 3, {"versi_format": "1",
                                            "identitas": {"nama": "A", "nomor": "1"}}),
    ("key_list.yaml", "SOP109", 2, 3, {"versi_format": "1"}),
    ("key_null.yaml", "SOP109", 2, 1, {"versi_format": "1"}),
    ("merge_key.yaml", "SOP112", 4, 5, {"versi_format": "1", "bawaan": {"waktu": "1 jam"},
                                        "langkah": [{"kegiatan": "A"}]}),
]


@pytest.mark.parametrize(("name", "code", "line", "column", "data"), KEPT)
def test_reported_but_kept(name: str, code: str, line: int, column: int, data: object) -> None:
    doc, diagnostics = load_document(FIXTURES / name, display=f"sops/{name}")
    assert [(d.code, d.line, d.column, d.file) for d in diagnostics] == [
        (code, line, column, f"sops/{name}")
    ]
    assert diagnostics[0].is_error
    assert doc is not None and doc.data == data


def test_duplicate_key_names_first_line() -> None:
    _, diagnostics = load_document(FIXTURES / "duplicate_key.yaml")
    assert "baris 3" in diagnostics[0].message_in("id")
    assert "line 3" in diagnostics[0].message_in("en")
    assert "`nama`" in diagnostics[0].message_in("en")


def test_syntax_error_quotes_libyaml_and_explains_in_indonesian() -> None:
    _, diagnostics = load_document(FIXTURES / "syntax_colon.yaml")
    text = diagnostics[0].message_in("id")
    assert "“mapping values are not allowed in this context”" in text
    assert "titik dua" in text


def test_unclosed_bracket_hint_names_where_it_began() -> None:
    _, diagnostics = load_document(FIXTURES / "unclosed_bracket.yaml")
    assert "baris 2" in diagnostics[0].hint_in("id")


def test_every_anchor_alias_and_tag_is_reported() -> None:
    doc, diagnostics = load_bytes(b"a: &x 1\nb: *x\nc: !!int 3\nd: ! e\n", "f.yaml")
    assert doc is None
    assert [(d.code, d.line, d.column) for d in diagnostics] == [
        ("SOP110", 1, 4), ("SOP111", 2, 4), ("SOP113", 3, 4), ("SOP113", 4, 4),
    ]
    assert "`!!int`" in diagnostics[2].message_in("en")


def test_python_tag_is_never_constructed(tmp_path: Path) -> None:
    marker = tmp_path / "pwned"
    raw = f'a: !!python/object/apply:os.system ["touch {marker}"]\n'.encode()
    doc, diagnostics = load_bytes(raw, "f.yaml")
    assert doc is None and diagnostics[0].code == "SOP113"
    assert not marker.exists()


# --- scalars stay text -------------------------------------------------------------------------


def test_scalars_are_source_text() -> None:
    doc, diagnostics = load_document(FIXTURES / "valid.yaml")
    assert diagnostics == [] and doc is not None
    assert doc.data["teks"] == {
        "tidak": "no",
        "hidup": "on",
        "jam": "12:30",
        "versi": "1.10",
        "tanggal": "2020-04-02",
        "nol_depan": "0012",
        "kutip": "1",
        "kutip_tunggal": "yes",
        "kosong": None,
        "tilde": None,
        "null_kutip": "null",
        "Null_besar": None,
        "blok": "baris satu\nbaris dua\n",
        "lipat": "satu dua",
    }
    assert doc.data["versi_format"] == "1"
    assert doc.data["langkah"][1] == {"kegiatan": ["a", "b"]}


@pytest.mark.parametrize("word", ["", "~", "null", "Null", "NULL"])
def test_plain_nulls_are_none(word: str) -> None:
    assert loaded(f"a: {word}\n".encode()).data == {"a": None}


@pytest.mark.parametrize("word", ["nULL", "none", "None", "'~'", '""'])
def test_other_null_lookalikes_stay_text(word: str) -> None:
    assert loaded(f"a: {word}\n".encode()).data["a"] is not None


def test_quoted_scalars_are_known() -> None:
    doc = loaded(FIXTURES.joinpath("valid.yaml").read_bytes())
    assert doc.is_quoted(("teks", "kutip"))
    assert doc.is_quoted(("teks", "kutip_tunggal"))
    assert not doc.is_quoted(("teks", "versi"))
    assert not doc.is_quoted(("teks", "blok"))
    assert not doc.is_quoted(("teks", "tidak_ada"))
    assert not doc.is_quoted(("langkah", 0))


def test_quoted_merge_key_is_plain_text() -> None:
    assert loaded(b'"<<": a\n').data == {"<<": "a"}


def test_explicit_single_document_is_fine() -> None:
    assert loaded(b"---\na: 1\n...\n").data == {"a": "1"}


# --- typed: YAML 1.2 core -----------------------------------------------------------------------

TYPED = [
    ("1", "integer", 1), ("-12", "integer", -12), ("+3", "integer", 3), ("0012", "integer", 12),
    ("1.5", "integer", None), ("0x10", "integer", None), ("1_000", "integer", None),
    ("", "integer", None), (" 1", "integer", None), ("٣", "integer", None),
    ("1", "number", 1), ("1.10", "number", 1.1), ("-.5", "number", -0.5), ("2e3", "number", 2000.0),
    ("1.", "number", 1.0), (".inf", "number", None), (".nan", "number", None),
    ("1e999", "number", None), ("1,5", "number", None), ("12:30", "number", None),
    ("true", "boolean", True), ("True", "boolean", True), ("TRUE", "boolean", True),
    ("false", "boolean", False), ("FALSE", "boolean", False), ("yes", "boolean", None),
    ("on", "boolean", None), ("no", "boolean", None), ("tRUE", "boolean", None),
    ("1", "boolean", None),
]


@pytest.mark.parametrize(("text", "kind", "expected"), TYPED)
def test_typed(text: str, kind: str, expected: object) -> None:
    result = typed(text, kind)  # type: ignore[arg-type]
    assert result == expected
    assert type(result) is type(expected)


def test_typed_survives_huge_integers() -> None:
    assert typed("9" * 10000, "integer") is None


# --- positions ----------------------------------------------------------------------------------

SOURCE = b"""\
versi_format: 1
identitas:
  nama: Layanan
pelaksana:
  - {id: admin, nama: Admin}
langkah:
  - id: terima
    waktu: 15 menit
  - kegiatan:
      - a
      - b
"""


@pytest.mark.parametrize(
    ("path", "key", "expected"),
    [
        (("versi_format",), False, (1, 15)),
        (("versi_format",), True, (1, 1)),
        (("identitas", "nama"), False, (3, 9)),
        (("identitas", "nama"), True, (3, 3)),
        (("pelaksana", 0, "nama"), False, (5, 23)),
        (("pelaksana", 0, "nama"), True, (5, 17)),
        (("langkah", 0, "waktu"), False, (8, 12)),
        (("langkah", 0, "waktu"), True, (8, 5)),
        (("langkah", 1, "kegiatan", 1), False, (11, 9)),
        (("langkah", -1, "kegiatan", 0), False, (10, 9)),
        # missing paths: nearest existing ancestor
        (("langkah", 0, "output"), False, (7, 5)),
        (("langkah", 0, "output"), True, (7, 5)),
        (("langkah", 5, "waktu"), False, (7, 3)),
        (("identitas", 0), False, (3, 3)),
        (("versi_format", "x"), False, (1, 15)),
        ((), False, (1, 1)),
    ],
)
def test_locate(path: tuple[str | int, ...], key: bool, expected: tuple[int, int]) -> None:
    assert loaded(SOURCE).locate(path, key=key) == expected


def test_bom_and_crlf_keep_positions() -> None:
    plain = loaded(SOURCE)
    raw = b"\xef\xbb\xbf" + SOURCE.replace(b"\n", b"\r\n")
    doc = loaded(raw)
    assert doc.data == plain.data
    for path in [("versi_format",), ("identitas", "nama"), ("langkah", 1, "kegiatan", 1)]:
        assert doc.locate(path) == plain.locate(path)
        assert doc.locate(path, key=True) == plain.locate(path, key=True)


def test_crlf_inside_block_scalar_becomes_newline() -> None:
    assert loaded(b"a: |\r\n  x\r\n  y\r\n").data == {"a": "x\ny\n"}


def test_columns_count_characters_not_bytes() -> None:
    doc = loaded("a: — é\nc: [é, x]\n".encode())
    assert doc.locate(("c", 1)) == (2, 8)  # 9 if bytes were counted
    assert only("a: ééé\nb: é: d\n".encode()) == ("SOP106", 2, 5)


# --- bytes that are not YAML text ---------------------------------------------------------------


def test_invalid_utf8_points_at_the_byte() -> None:
    raw = "a: é\nb: ab".encode() + b"\xe9" + b"\n"
    assert only(raw) == ("SOP101", 2, 6)
    _, diagnostics = load_bytes(raw, "f.yaml")
    assert "0xE9" in diagnostics[0].message_in("id")


def test_invalid_utf8_after_bom_on_first_line() -> None:
    assert only(b"\xef\xbb\xbfab\xff") == ("SOP101", 1, 3)


def test_latin1_file_is_refused() -> None:
    assert only("nama: Pengaduan Masyarakat (Kecamatan Selemadeg Timur)\nkota: Tabanan\nx: ñ\n"
                .encode("latin-1"))[0] == "SOP101"


@pytest.mark.parametrize(
    ("raw", "expected"),
    [
        (b"a: x\x00y\n", ("SOP102", 1, 5)),
        (b"a: 1\nb: x\x07\n", ("SOP102", 2, 5)),
        (b"a: 1\r\nb: \x1b[0m\n", ("SOP102", 2, 4)),
        ("a: x\u0085y\u0080\n".encode(), ("SOP102", 2, 2)),  # NEL is a line break in YAML
        ("a: 1\nb: x\ufeffy\n".encode(), ("SOP102", 2, 5)),  # a BOM only at the very start
    ],
)
def test_control_characters(raw: bytes, expected: tuple[str, int, int]) -> None:
    assert only(raw) == expected


def test_utf16_is_refused_not_guessed() -> None:
    assert only("a: 1\n".encode("utf-16"))[0] == "SOP101"


def test_too_large_is_refused_before_parsing(tmp_path: Path) -> None:
    raw = b"a: [" + b"x, " * (MAX_BYTES // 3) + b"\n"  # over the limit and broken YAML
    assert len(raw) > MAX_BYTES
    assert only(raw) == ("SOP103", 0, 0)
    big = tmp_path / "big.yaml"
    big.write_bytes(raw)
    doc, diagnostics = load_document(big, "sops/big.yaml")
    assert doc is None
    assert [(d.code, d.file) for d in diagnostics] == [("SOP103", "sops/big.yaml")]


def test_exactly_max_bytes_is_read() -> None:
    raw = b"a: " + b"x" * (MAX_BYTES - 4) + b"\n"
    assert len(raw) == MAX_BYTES
    assert loaded(raw).data["a"] == "x" * (MAX_BYTES - 4)


# --- nesting ------------------------------------------------------------------------------------


def nested_flow(depth: int) -> bytes:
    return b"a: " + b"[" * (depth - 1) + b"]" * (depth - 1) + b"\n"


def nested_block(depth: int) -> bytes:
    return "".join(" " * i + "k:\n" for i in range(depth - 1)).encode() + b" " * depth + b"k: v\n"


@pytest.mark.parametrize("build", [nested_flow, nested_block])
def test_depth_limit_is_exact(build: object) -> None:
    assert loaded(build(MAX_DEPTH)).data is not None  # type: ignore[operator]
    code, line, column = only(build(MAX_DEPTH + 1))  # type: ignore[operator]
    assert code == "SOP114" and line >= 1 and column >= 1


@pytest.mark.parametrize(
    "raw",
    [
        b"[" * 100_000,
        b"{a: " * 50_000,
        b"- " * 100_000 + b"x\n",
        nested_block(1_500),
        b"".join(b" " * i + b"k:\r" for i in range(1_500)),  # old Mac line breaks
        "".join(" " * i + "k:\u2028" for i in range(1_500)).encode(),
    ],
    ids=["flow-sequence", "flow-mapping", "block-sequence", "block-mapping", "cr", "ls"],
)
def test_deep_nesting_never_crashes(raw: bytes) -> None:
    """Whichever limit fires first (ours at 50 levels, libyaml's own at 1,000, depending on the
    libyaml version and how far its scanner reads ahead), the file gets one located SOP114,
    quickly, and nothing escapes."""
    started = time.perf_counter()
    code, line, column = only(raw)
    assert (code, line >= 1, column >= 1) == ("SOP114", True, True)
    assert time.perf_counter() - started < 10  # generous: about 0.05 s here, a hang is minutes


def test_libyaml_nesting_limit_is_reported_as_too_deep() -> None:
    """Past libyaml's own limit (reached before any event in a flow run) it is still SOP114."""
    raw = b"a: " + b"[" * 5_000
    assert only(raw)[0] == "SOP114"


# --- files --------------------------------------------------------------------------------------


def test_loading_never_writes(tmp_path: Path) -> None:
    file = tmp_path / "a.yaml"
    file.write_bytes(b"\xef\xbb\xbfa: 1\r\nb: [x, y]\r\n")
    before = (hashlib.sha256(file.read_bytes()).hexdigest(), file.stat().st_mtime_ns)
    doc, diagnostics = load_document(file)
    assert doc is not None and diagnostics == []
    assert (hashlib.sha256(file.read_bytes()).hexdigest(), file.stat().st_mtime_ns) == before


def test_unreadable_path(tmp_path: Path) -> None:
    doc, diagnostics = load_document(tmp_path, "sops/folder.yaml")
    assert doc is None
    # A folder named like a file is not a regular file: said so, never opened.
    assert [(d.code, d.file, d.line) for d in diagnostics] == [("SOP116", "sops/folder.yaml", 0)]
    assert "folder" in diagnostics[0].message_in("en")
    doc, diagnostics = load_document(tmp_path / "missing.yaml")
    assert doc is None and diagnostics[0].code == "SOP115"


def test_display_defaults_to_posix_path() -> None:
    doc, _ = load_document(FIXTURES / "valid.yaml")
    assert doc is not None and doc.file == (FIXTURES / "valid.yaml").as_posix()


# --- the pure-Python parser, used when PyYAML lacks libyaml, gives the same results -------------


@pytest.mark.parametrize(
    "name", [name for name, code, *_ in REJECTED if code != "SOP106"] + [k[0] for k in KEPT]
    + ["valid.yaml"],
)
def test_pure_python_parser_agrees(name: str, monkeypatch: pytest.MonkeyPatch) -> None:
    import yaml

    from sopgen.read import document as document_builder

    raw = (FIXTURES / name).read_bytes()
    fast_doc, fast = load_bytes(raw, name)
    monkeypatch.setattr(document_builder, "Parser", yaml.BaseLoader)
    slow_doc, slow = load_bytes(raw, name)
    assert slow == fast
    assert (slow_doc is None) == (fast_doc is None)
    if slow_doc is not None and fast_doc is not None:
        assert slow_doc.data == fast_doc.data
        assert slow_doc.spots == fast_doc.spots


def test_pure_python_parser_reports_syntax_and_depth(monkeypatch: pytest.MonkeyPatch) -> None:
    import yaml

    from sopgen.read import document as document_builder

    monkeypatch.setattr(document_builder, "Parser", yaml.BaseLoader)
    assert only((FIXTURES / "syntax_colon.yaml").read_bytes()) == ("SOP106", 3, 16)
    assert only(b"[" * 10_000)[0] == "SOP114"
