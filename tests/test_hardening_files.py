"""Issue 9: bounded, safe reads; the corpus scope; file names; logos. Every case reproduced in
the issue, each a located diagnostic instead of a hang, a traceback or a silent omission."""

from __future__ import annotations

import os
import threading
import time
from pathlib import Path

import pytest

from sopgen.check.logo import svg_problem
from sopgen.cli import main
from sopgen.corpus import check_paths

BASE = (Path(__file__).parent / "fixtures" / "sim" / "lulus" / "sops" / "diskominfo"
        / "aduan.yaml").read_text(encoding="utf-8")
LOGO_LINE = "  nama: Layanan Aduan Masyarakat Kabupaten Demak\n"


def corpus(tmp_path: Path, text: str = BASE, name: str = "aduan") -> Path:
    file = tmp_path / "sops" / "diskominfo" / f"{name}.yaml"
    file.parent.mkdir(parents=True, exist_ok=True)
    file.write_text(text, encoding="utf-8")
    return file


def with_logo(logo: str) -> str:
    return BASE.replace(LOGO_LINE, LOGO_LINE + f"  logo: {logo}\n")


def codes(paths: list[Path]) -> list[tuple[str, str, int]]:
    result = check_paths(paths)
    return [(Path(d.file).name, d.code, d.line) for d in result.diagnostics if d.is_error]


def within(seconds: float, work: object) -> None:
    """Run ``work`` in a thread; fail (instead of hanging the suite) when it blocks."""
    done = threading.Event()
    failure: list[BaseException] = []

    def run() -> None:
        try:
            work()  # type: ignore[operator]
        except BaseException as error:  # re-raised in the test's thread
            failure.append(error)
        finally:
            done.set()

    threading.Thread(target=run, daemon=True).start()
    assert done.wait(seconds), "blocked"
    if failure:
        raise failure[0]


def test_a_fifo_never_blocks_itself_or_a_neighbour(tmp_path: Path) -> None:
    file = corpus(tmp_path)
    fifo = file.parent / "pipa.yaml"
    os.mkfifo(fifo)
    # The neighbour is validated alone: the FIFO is only indexed, and must not block.
    within(20, lambda: check_paths([file]))
    found: list[list[tuple[str, str, int]]] = []
    within(20, lambda: found.append(codes([file.parent])))
    assert found[0] == [("pipa.yaml", "SOP116", 0)]


def test_a_link_to_dev_zero_is_not_read(tmp_path: Path) -> None:
    file = corpus(tmp_path)
    (file.parent / "nol.yaml").symlink_to("/dev/zero")
    found: list[list[tuple[str, str, int]]] = []
    within(20, lambda: found.append(codes([tmp_path / "sops"])))
    # /dev/zero is outside the corpus: refused before any look at what it is.
    assert found[0] == [("nol.yaml", "SOP117", 0)]


def test_a_device_inside_the_corpus_is_not_read(tmp_path: Path) -> None:
    from sopgen.read.loader import load_document

    doc, diagnostics = load_document(Path("/dev/zero"), "sops/nol.yaml")
    assert doc is None and [d.code for d in diagnostics] == ["SOP116"]
    assert "character device" in diagnostics[0].message_in("en")


def test_links_that_leave_the_corpus_are_refused(tmp_path: Path) -> None:
    file = corpus(tmp_path)
    secret = tmp_path / "rahasia.yaml"
    secret.write_text(BASE.replace("DINKOMINFO/4/1/32/2020", "LAIN/1"), encoding="utf-8")
    (file.parent / "tautan.yaml").symlink_to(secret)
    (file.parent / "di-dalam.yaml").symlink_to(file)  # inside: fine (a duplicate number)
    found = codes([tmp_path / "sops"])
    assert ("tautan.yaml", "SOP117", 0) in found
    assert {code for name, code, _ in found if name == "di-dalam.yaml"} == {"SOP601"}
    message = next(d for d in check_paths([tmp_path / "sops"]).diagnostics if d.code == "SOP117")
    assert "rahasia.yaml" in message.message_in("en") and message.hint_in("id")


def test_a_calendar_link_leaving_the_corpus_is_refused(tmp_path: Path) -> None:
    corpus(tmp_path)
    outside = tmp_path / "kalender-luar.yaml"
    outside.write_text("versi_format: 1\nzona_waktu: WITA\n", encoding="utf-8")
    (tmp_path / "sops" / "kalender.yaml").symlink_to(outside)
    from sopgen.calendar.file import calendar_for_corpus

    calendar, diagnostics = calendar_for_corpus(tmp_path / "sops")
    assert [d.code for d in diagnostics] == ["SOP117"]
    assert calendar.zone_label == "WIB"  # the default, not the linked file's WITA


def test_a_file_outside_any_corpus_is_checked_on_its_own(tmp_path: Path) -> None:
    # Formerly the grandparent became the corpus: every YAML below it was opened.
    project = tmp_path / "proyek"
    lone = project / "unit" / "aduan.yaml"
    lone.parent.mkdir(parents=True)
    lone.write_text(BASE, encoding="utf-8")
    copy = project / "lain" / "salinan.yaml"  # an unrelated copy: formerly SOP601
    copy.parent.mkdir()
    copy.write_text(BASE, encoding="utf-8")
    (project / "lain" / "rusak.yaml").write_text("kata_sandi: [", encoding="utf-8")
    os.mkfifo(project / "lain" / "pipa.yaml")  # would block if it were opened
    result: list[object] = []
    within(20, lambda: result.append(check_paths([lone])))
    checked = result[0]
    assert [f.file for f in checked.files] == [lone.as_posix()]  # type: ignore[attr-defined]
    assert checked.diagnostics == []  # type: ignore[attr-defined]
    assert checked.sops[0].id == "aduan"  # type: ignore[attr-defined]


def test_a_file_inside_sops_still_sees_its_corpus(tmp_path: Path) -> None:
    file = corpus(tmp_path)
    corpus(tmp_path, name="salinan")
    assert ("aduan.yaml", "SOP601", 6) in codes([file])


def test_index_yaml_is_a_located_error(tmp_path: Path) -> None:
    corpus(tmp_path, name="index")
    assert codes([tmp_path / "sops"]) == [("index.yaml", "SOP609", 1)]


def test_a_name_that_is_not_utf8_is_a_located_error(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    folder = tmp_path / "sops" / "diskominfo"
    folder.mkdir(parents=True)
    name = os.fsdecode(b"aduan-\xff.yaml")
    (folder / name).write_text(BASE, encoding="utf-8")
    result = check_paths([tmp_path / "sops"])
    assert [(d.code, d.line) for d in result.diagnostics] == [("SOP610", 1)]
    assert result.sops == []
    assert main(["validate", str(tmp_path / "sops")]) == 1
    out = capsys.readouterr().out
    assert "SOP610" in out and "\ufffd" in out


LOGO_CASES = {
    "blank": ('" "', "SOP607"),
    "NUL": ('"logo\\0.png"', "SOP607"),
    "name over 255 bytes": ("x" * 300 + ".png", "SOP607"),
    "missing": ("hilang.png", "SOP605"),
    "outside": ("../../luar.png", "SOP606"),
    "a folder": ('"."', "SOP607"),
    "script": ("jahat.svg", "SOP608"),
    "fifo": ("pipa.png", "SOP607"),
}


@pytest.mark.parametrize("case", LOGO_CASES, ids=list(LOGO_CASES))
def test_every_logo_problem_is_located(case: str, tmp_path: Path) -> None:
    logo, code = LOGO_CASES[case]
    file = corpus(tmp_path, with_logo(logo))
    (tmp_path / "luar.png").write_bytes(b"\x89PNG\r\n\x1a\n")
    (file.parent / "jahat.svg").write_text(
        '<svg xmlns="http://www.w3.org/2000/svg"><script>alert(1)</script></svg>',
        encoding="utf-8")
    os.mkfifo(file.parent / "pipa.png")
    found: list[list[tuple[str, str, int]]] = []
    within(20, lambda: found.append(codes([file])))
    line = next(n for n, text in enumerate(with_logo(logo).splitlines(), 1) if "logo:" in text)
    assert found[0] == [("aduan.yaml", code, line)]


SVG_UNSAFE = [
    '<svg xmlns="http://www.w3.org/2000/svg"><script>alert(1)</script></svg>',
    '<svg xmlns="http://www.w3.org/2000/svg" onload="alert(1)"/>',
    '<svg xmlns="http://www.w3.org/2000/svg"><rect ONCLICK="x()"/></svg>',
    '<svg xmlns="http://www.w3.org/2000/svg"><foreignObject><p>x</p></foreignObject></svg>',
    '<svg xmlns="http://www.w3.org/2000/svg" xmlns:x="http://www.w3.org/1999/xlink">'
    '<image x:href="https://example.com/a.png"/></svg>',
    '<svg xmlns="http://www.w3.org/2000/svg"><a href="javascript:alert(1)"><rect/></a></svg>',
    '<svg xmlns="http://www.w3.org/2000/svg"><style>@import url(https://x/y.css);</style></svg>',
    '<svg xmlns="http://www.w3.org/2000/svg"><rect style="fill:url(https://x/#a)"/></svg>',
    '<svg xmlns="http://www.w3.org/2000/svg"><set attributeName="href" to="javascript:x"/></svg>',
    '<?xml-stylesheet href="https://x/y.css"?><svg xmlns="http://www.w3.org/2000/svg"/>',
    '<!DOCTYPE svg [<!ENTITY a "b">]><svg xmlns="http://www.w3.org/2000/svg">&a;</svg>',
    "<html><script>alert(1)</script></html>",
    "<svg",
]
SVG_SAFE = [
    '<?xml version="1.0" encoding="UTF-8"?>\n<svg xmlns="http://www.w3.org/2000/svg" '
    'viewBox="0 0 10 10"><defs><linearGradient id="g"/></defs>'
    '<rect width="10" height="10" style="fill:url(#g)"/><use href="#g"/></svg>',
    '<svg xmlns="http://www.w3.org/2000/svg"><image href="data:image/png;base64,AAAA"/></svg>',
]


@pytest.mark.parametrize("svg", SVG_UNSAFE)
def test_unsafe_svg_logos_are_refused(svg: str) -> None:
    problem = svg_problem(svg.encode("utf-8"))
    assert problem is not None and all(problem)


@pytest.mark.parametrize("svg", SVG_SAFE)
def test_plain_svg_logos_are_accepted(svg: str) -> None:
    assert svg_problem(svg.encode("utf-8")) is None


def test_block_style_nesting_deeper_than_libyaml_allows_is_sop114() -> None:
    from sopgen.read.loader import load_bytes

    depth = 1100  # libyaml's own limit is 1000
    cases = [
        "".join("  " * i + "a:\n" for i in range(depth)) + "  " * depth + "x\n",
        "k:\n" + "".join("  " * i + "-\n" for i in range(depth)),
        "k:\n  " + "- " * depth + "x\n",
        "k:\n" + "".join(" " * i + "- a:\n" for i in range(0, depth * 2, 2)),
    ]
    for text in cases:
        started = time.perf_counter()
        doc, diagnostics = load_bytes(text.encode("utf-8"), "f.yaml")
        assert doc is None and [d.code for d in diagnostics] == ["SOP114"], text[:20]
        assert diagnostics[0].line > 0
        assert time.perf_counter() - started < 5
