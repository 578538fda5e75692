"""Mutations of valid SOP files run through the whole pipeline (used by
`test_pipeline_properties.py`).

A case is a real SOP with a few values replaced, keys removed or list items doubled, written
back as YAML. Every case is validated; the ones that still validate are simulated (`sopgen
simulate` and `sopgen check` in-process, Monte Carlo, routes) and published through the MkDocs
plugin's own events (`on_pre_build`, `on_files`, then each page's slots filled). Nothing may
raise, report an internal error (SOP699) or take longer than the case budget.
"""

from __future__ import annotations

import contextlib
import io
import json
import re
import shutil
import time
from collections.abc import Iterator
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from hypothesis import strategies as st
from mkdocs.config import load_config
from mkdocs.config.defaults import MkDocsConfig
from mkdocs.structure.files import Files

from sopgen.calendar.file import calendar_for_corpus
from sopgen.cli import main
from sopgen.corpus import check_paths
from sopgen.read.loader import load_bytes
from sopgen.simulate.montecarlo import monte_carlo

REPO = Path(__file__).resolve().parent.parent
SEEDS = sorted((REPO / "sops").glob("*/*.yaml"))
CASE_BUDGET = 60.0  # seconds for one case through every stage
PAGE_BUDGET = 8 * 1024 * 1024  # bytes of one finished SOP page

# Values that probe the edges of the supported range and the escaping of every output.
VALUES = [
    "0 menit", "1 detik", "0,0001 detik", "seketika", "maks 1250 hari kerja", "1-1250 hari kerja",
    "1250 hari kerja", "1251 hari kerja", "1827 hari kalender", "1828 hari kalender",
    "9375 jam", "9376 jam", "62 bulan", "63 bulan", "250 minggu", "251 minggu",
    "maks 3 hari", "1,5 hari", "3000000 hari kalender", "999999 bulan",
    "1900-01-01", "2100-12-31", "1899-12-31", "2101-01-01", "0001-01-01", "9999-12-31",
    "2024-02-29", "1900-01-01 00:00", "2100-12-31 23:59", "2101-01-01 00:00",
    "9999-12-31 23:59", "0001-01-01 08:00", "2026-12-24 16:00", "2026-11-21 03:00",
    "selesai", "ya", "tidak", "admin", "pengadu", "0", "1", "0.5", "1e308", "-1", "true",
    "<script>alert(1)</script>", "\u202eKebalik", "a" * 3000, "Ç̈̈̈̈̈ 🙂", "{{ x }}", "`x`",
    "../logo.png", " ", "index", "[[x]]", "</textarea>", "<!--sopgen:simulasi-->",
]


DURATIONS = [v for v in VALUES if re.search(r"(detik|menit|jam|hari|minggu|bulan|seketika)$", v)]
DATES = [v for v in VALUES if re.fullmatch(r"\d{4}-\d{2}-\d{2}", v)]
ARRIVALS = [v for v in VALUES if re.fullmatch(r"\d{4}-\d{2}-\d{2} \d{2}:\d{2}", v)]


def typed_values(path: tuple[Any, ...]) -> list[str]:
    """Values that fit where ``path`` points, so that many mutated files still validate."""
    last = path[-1] if path else None
    if last in ("waktu", "target") or (len(path) > 1 and path[-2] == "waktu"):
        return DURATIONS
    if last == "masuk":
        return ARRIVALS
    if isinstance(last, str) and last.startswith("tanggal"):
        return DATES
    return VALUES


def scalar(value: Any) -> str:
    """A YAML scalar the strict loader reads back as the same text."""
    if value is None:
        return "null"
    text = str(value)
    plain = (
        text
        and text == text.strip()
        and (text[0].isalnum() or text[0] in "<≤(")
        and "\n" not in text
        and ": " not in text
        and " #" not in text
        and not text.endswith(":")
        and text.isprintable()
    )
    return text if plain else json.dumps(text, ensure_ascii=False)


def emit(value: Any, indent: int = 0) -> list[str]:
    pad = " " * indent
    lines: list[str] = []
    if isinstance(value, dict):
        for key, item in value.items():
            if isinstance(item, (dict, list)) and item:
                lines.append(f"{pad}{scalar(key)}:")
                lines.extend(emit(item, indent + 2))
            else:
                empty = "{}" if isinstance(item, dict) else "[]" if isinstance(item, list) else None
                lines.append(f"{pad}{scalar(key)}: {empty or scalar(item)}")
    else:
        for item in value:
            if isinstance(item, (dict, list)) and item:
                inner = emit(item, indent + 2)
                lines.append(f"{pad}- {inner[0].lstrip()}")
                lines.extend(inner[1:])
            else:
                empty = "{}" if isinstance(item, dict) else "[]" if isinstance(item, list) else None
                lines.append(f"{pad}- {empty or scalar(item)}")
    return lines


def paths(value: Any, prefix: tuple[Any, ...] = ()) -> Iterator[tuple[Any, ...]]:
    yield prefix
    if isinstance(value, dict):
        for key, item in value.items():
            yield from paths(item, (*prefix, key))
    elif isinstance(value, list):
        for index, item in enumerate(value):
            yield from paths(item, (*prefix, index))


def mutate(data: Any, path: tuple[Any, ...], operation: str, value: str) -> Any:
    if not path:
        return data
    parent = data
    for part in path[:-1]:
        parent = parent[part]
    last = path[-1]
    if operation == "set":
        parent[last] = value
    elif operation == "every":  # the same key everywhere: every step's waktu, say
        for other in list(paths(data)):
            if other and other[-1] == last and not isinstance(_at(data, other), (dict, list)):
                _at(data, other[:-1])[last] = value
    elif operation == "delete":
        del parent[last]
    elif operation == "double" and isinstance(parent, list):
        parent.insert(last, json.loads(json.dumps(parent[last])))
    elif operation == "list":
        parent[last] = [value, value]
    return data


def _at(data: Any, path: tuple[Any, ...]) -> Any:
    for part in path:
        data = data[part]
    return data


@st.composite
def mutated_files(draw: st.DrawFn) -> tuple[str, str]:
    """(seed name, YAML text): a real SOP with one to three mutations."""
    seed = draw(st.sampled_from(SEEDS))
    doc, _ = load_bytes(seed.read_bytes(), seed.name)
    assert doc is not None
    data = doc.data
    # Each case is a corpus of one file: links to the other SOPs become plain text.
    related = data.get("keterkaitan")
    if isinstance(related, list):
        data["keterkaitan"] = [r["sop"] if isinstance(r, dict) else r for r in related]
    for _ in range(draw(st.integers(1, 3))):
        choices = list(paths(data))[1:]
        path = draw(st.sampled_from(choices))
        operation = draw(st.sampled_from(
            ["typed", "typed", "typed", "every", "set", "delete", "double", "list"]))
        pool = VALUES if operation == "set" else typed_values(path)
        operation = "set" if operation == "typed" else operation
        data = mutate(data, path, operation, draw(st.sampled_from(pool)))
    return seed.parent.name, "\n".join(emit(data)) + "\n"


MKDOCS_YML = """\
site_name: Uji
docs_dir: docs
theme: {name: material, language: id}
plugins:
  - sopgen
"""


@dataclass
class Stats:
    cases: int = 0
    valid: int = 0
    crashed: list[str] = field(default_factory=list)
    slowest: float = 0.0
    largest_page: int = 0


class Pipeline:
    """One project folder reused by every case: the SOP file is rewritten each time."""

    def __init__(self, root: Path) -> None:
        self.root = root
        (root / "docs").mkdir(parents=True)
        (root / "docs" / "index.md").write_text("# Uji\n", encoding="utf-8")
        (root / "sops").mkdir()
        shutil.copyfile(REPO / "sops" / "kalender.yaml", root / "sops" / "kalender.yaml")
        (root / "mkdocs.yml").write_text(MKDOCS_YML, encoding="utf-8")
        self.config: MkDocsConfig = load_config(
            config_file=str(root / "mkdocs.yml"), site_dir=str(root / "site")
        )
        self.config.plugins.on_startup(command="build", dirty=False)
        self.config = self.config.plugins.on_config(self.config)
        self.plugin = self.config.plugins["sopgen"]
        self.stats = Stats()

    def run(self, unit: str, text: str) -> None:
        """One case through every stage; raises (with the case) when any stage fails."""
        folder = self.root / "sops" / unit
        shutil.rmtree(self.root / "sops", ignore_errors=True)
        folder.mkdir(parents=True)
        shutil.copyfile(REPO / "sops" / "kalender.yaml", self.root / "sops" / "kalender.yaml")
        file = folder / "kasus.yaml"
        file.write_text(text, encoding="utf-8")
        started = time.perf_counter()
        self.stats.cases += 1
        try:
            self._stages(file)
        except BaseException as error:
            self.stats.crashed.append(f"{error!r}\n{text}")
            raise
        finally:
            took = time.perf_counter() - started
            self.stats.slowest = max(self.stats.slowest, took)
        assert took < CASE_BUDGET, f"case took {took:.1f} s:\n{text}"

    def _stages(self, file: Path) -> None:
        result = check_paths([file])
        internal = [d for d in result.diagnostics if d.code == "SOP699"]
        assert internal == [], internal
        for d in result.diagnostics:
            assert d.line >= 0 and d.column >= 0 and d.message_in("id") and d.message_in("en")
        sop = result.files[0].sop
        valid = sop is not None and not any(d.is_error for d in result.diagnostics)
        out = io.StringIO()
        with contextlib.redirect_stdout(out), contextlib.redirect_stderr(io.StringIO()):
            assert main(["validate", str(file)]) == (0 if valid else 1)
            if not valid:
                return
            assert main(["simulate", str(file)]) in (0, 1)
            assert main(["simulate", str(file), "--json", "--monte-carlo", "20"]) in (0, 1)
            assert main(["check", str(file)]) in (0, 1)
        assert "Traceback" not in out.getvalue() and "SOP699" not in out.getvalue()
        self.stats.valid += 1
        assert sop is not None
        calendar, _ = calendar_for_corpus(self.root / "sops")
        monte_carlo(sop, calendar, 20, 7)
        self._pages()

    def _pages(self) -> None:
        """The plugin's own page building: the events MkDocs calls, then each page's slots."""
        config = self.config
        config.nav = None
        self.plugin.on_pre_build(config=config)
        files = self.plugin.on_files(Files([]), config=config)
        assert files is not None
        for uri, pending in list(self.plugin._pending.items()):
            pages = self.plugin._pages
            assert pages is not None
            markdown = (pending.early.markdown if pending.early is not None
                        else pending.markdown_file.read_text("utf-8") if pending.markdown_file
                        else "")
            html = pages.fill_content(pending, "<article>" + markdown + "</article>")
            html = pages.fill_output(pending, html)
            assert not re.search(r"<!--sopgen:(diagram-alir|simulasi|blok-\d+)-->", html), uri
            self.stats.largest_page = max(self.stats.largest_page, len(html.encode("utf-8")))
            assert len(html.encode("utf-8")) < PAGE_BUDGET, f"{uri}: {len(html)} characters"
        self.plugin._pending.clear()
        self.plugin.on_post_build(config=config)
