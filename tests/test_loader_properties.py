"""Property tests: no input makes the loader, or the validation of a file, raise."""

from __future__ import annotations

import datetime as dt
from pathlib import Path
from typing import Any

import yaml
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from sopgen.corpus import check_paths
from sopgen.diagnostics import Diagnostic
from sopgen.read.loader import NULLS, LoadedDocument, load_bytes
from sopgen.skeleton import skeleton_text

FRAGMENTS = [
    ":", ": ", "-", "- ", "[", "]", "{", "}", ",", "&a", "&a ", "*a", "!!", "!!str ", "!x ",
    "! ", "<<: ", "? ", "'", '"', "\\", "|", ">", "#", "---", "...", "%YAML 1.2", "\n", "\r\n",
    "\r", "\t", " ", "  ", "    ", "\ufeff", "\x00", "\u2028", "\x85", "é", "a", "langkah",
    "versi_format", "1", "no", "~", "null", "12:30", "2020-04-02", "kegiatan: x", "id: a",
]
yamlish = st.lists(st.sampled_from(FRAGMENTS), max_size=60).map("".join)
SETTINGS = settings(max_examples=300, deadline=None)


def check_result(result: tuple[LoadedDocument | None, list[Diagnostic]]) -> None:
    doc, diagnostics = result
    assert doc is None or isinstance(doc.data, dict)
    assert doc is not None or diagnostics, "a refused file always says why"
    for d in diagnostics:
        assert isinstance(d, Diagnostic)
        assert d.code.startswith("SOP1") and len(d.code) == 6
        assert d.line >= 0 and d.column >= 0
        assert d.message_in("id") and d.message_in("en")


@SETTINGS
@given(st.binary(max_size=400))
def test_arbitrary_bytes(raw: bytes) -> None:
    check_result(load_bytes(raw, "f.yaml"))


@SETTINGS
@given(st.text(max_size=300))
def test_arbitrary_text(text: str) -> None:
    check_result(load_bytes(text.encode("utf-8", errors="surrogatepass"), "f.yaml"))


def composed(node: yaml.Node | None) -> Any:
    """What libyaml's own composer makes of the same text, scalars kept as source text."""
    if isinstance(node, yaml.ScalarNode):
        return None if not node.style and node.value in NULLS else node.value
    if isinstance(node, yaml.SequenceNode):
        return [composed(item) for item in node.value]
    assert isinstance(node, yaml.MappingNode)
    return {composed(key): composed(value) for key, value in node.value}


def paths(data: Any, prefix: tuple[str | int, ...] = ()) -> list[tuple[str | int, ...]]:
    found = [prefix]
    if isinstance(data, dict):
        for key, value in data.items():
            found.extend(paths(value, (*prefix, key)))
    elif isinstance(data, list):
        for index, value in enumerate(data):
            found.extend(paths(value, (*prefix, index)))
    return found


@SETTINGS
@given(yamlish)
def test_yamlish_text(text: str) -> None:
    raw = text.encode("utf-8")
    result = load_bytes(raw, "f.yaml")
    check_result(result)
    doc, diagnostics = result
    if doc is None or diagnostics:
        return
    # An accepted document is exactly what libyaml read, and held nothing YAML-specific.
    assert doc.data == composed(yaml.compose(raw, Loader=yaml.CSafeLoader))
    for event in yaml.parse(raw, Loader=yaml.CSafeLoader):
        assert not isinstance(event, yaml.AliasEvent)
        assert getattr(event, "anchor", None) is None
        assert getattr(event, "tag", None) is None
    lines = len(text.splitlines()) + 1
    for path in paths(doc.data):
        for key in (False, True):
            line, column = doc.locate(path, key=key)
            assert 1 <= line <= lines and column >= 1


def base_sop() -> str:
    """The `sopgen new` skeleton with its sample values (SOP410) replaced: a valid SOP."""
    text = skeleton_text(
        "unit/contoh", Path("sops/unit/contoh.yaml"), Path("sops"), dt.date(2026, 1, 5)
    )
    return (
        text.replace("ISI-NOMOR/", "SOP/", 1)
        .replace("jabatan: Kepala Satuan Kerja", "jabatan: Kepala Dinas", 1)
        .replace("nama: Nama Pejabat", "nama: Dra. Endah Cahya Rini", 1)
    )


@st.composite
def mutated_sop(draw: st.DrawFn) -> str:
    """A valid SOP with a few random edits: fragments inserted, slices deleted or repeated."""
    text = base_sop()
    for _ in range(draw(st.integers(1, 4))):
        at = draw(st.integers(0, len(text)))
        action = draw(st.sampled_from(["insert", "delete", "repeat"]))
        if action == "insert":
            text = text[:at] + draw(yamlish) + text[at:]
        else:
            end = min(len(text), at + draw(st.integers(1, 80)))
            text = text[:at] + (text[at:end] * 2 if action == "repeat" else "") + text[end:]
    return text


@settings(max_examples=150, deadline=None,
          suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(mutated_sop())
def test_validation_of_a_damaged_sop_never_raises(tmp_path: Path, text: str) -> None:
    folder = tmp_path / "sops" / "unit"
    folder.mkdir(parents=True, exist_ok=True)
    file = folder / "contoh.yaml"
    file.write_text(text, encoding="utf-8")
    result = check_paths([file])
    assert len(result.files) == 1
    # The corpus turns an exception in any check into SOP699; none may happen.
    assert [d for d in result.diagnostics if d.code == "SOP699"] == []
    for d in result.diagnostics:
        assert d.line >= 0 and d.column >= 0 and d.message_in("id")


def test_base_sop_is_valid(tmp_path: Path) -> None:
    file = tmp_path / "sops" / "unit" / "contoh.yaml"
    file.parent.mkdir(parents=True)
    file.write_text(base_sop(), encoding="utf-8")
    result = check_paths([file])
    assert result.diagnostics == []
    assert len(result.sops) == 1
