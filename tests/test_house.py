"""The package layout follows the pipeline: no module imports from a stage after its own.

read -> check -> build (model) -> calendar -> corpus -> simulate -> render -> pdf -> site -> cli.
The shared vocabulary (diagnostics, duration, model) is stage 0; reporters present results and
sit with the corpus. Lazy imports inside functions count too: they are still a dependency.
"""

from __future__ import annotations

import ast
from pathlib import Path

import pytest

PACKAGE = Path(__file__).resolve().parent.parent / "generator" / "sopgen"

STAGES = {
    "sopgen": 0, "sopgen.diagnostics": 0, "sopgen.duration": 0, "sopgen.model": 0,
    "sopgen.atomic": 0, "sopgen.fingerprint": 0,
    "sopgen.read": 1,
    "sopgen.check": 2,
    "sopgen.build": 3,
    "sopgen.calendar": 4,
    "sopgen.corpus": 5, "sopgen.reporters": 5, "sopgen.skeleton": 5, "sopgen.scaffold": 5,
    "sopgen.simulate": 6,
    "sopgen.render": 7,
    "sopgen.pdf": 8,
    "sopgen.site": 9,
    "sopgen.cli": 10, "sopgen.__main__": 10,
}


def module_name(path: Path) -> str:
    parts = list(path.relative_to(PACKAGE.parent).with_suffix("").parts)
    return ".".join(parts[:-1] if parts[-1] == "__init__" else parts)


def stage(module: str) -> int:
    parts = module.split(".")
    for end in range(len(parts), 0, -1):
        if ".".join(parts[:end]) in STAGES:
            return STAGES[".".join(parts[:end])]
    raise AssertionError(f"{module} has no stage: add it to STAGES in this test")


def imports(path: Path, module: str | None = None) -> list[tuple[str, int]]:
    """(absolute module, line) for every sopgen import in the file, lazy ones included."""
    module = module or module_name(path)
    package = module if path.name == "__init__.py" else module.rsplit(".", 1)[0]
    found = []
    for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
        if isinstance(node, ast.ImportFrom) and node.level:
            base = package.split(".")[: len(package.split(".")) - node.level + 1]
            target = ".".join(base + ([node.module] if node.module else []))
            if node.module is None or target in MODULES_AND_PACKAGES:
                for alias in node.names:
                    name = f"{target}.{alias.name}"
                    found.append((name if name in MODULES_AND_PACKAGES else target, node.lineno))
            else:
                found.append((target, node.lineno))
        elif isinstance(node, ast.ImportFrom) and (node.module or "").startswith("sopgen"):
            found.append((node.module or "", node.lineno))
        elif isinstance(node, ast.Import):
            found += [(a.name, node.lineno) for a in node.names if a.name.startswith("sopgen")]
    return found


FILES = sorted(PACKAGE.rglob("*.py"))
MODULES_AND_PACKAGES = {module_name(f) for f in FILES}


@pytest.mark.parametrize("path", FILES, ids=lambda p: module_name(p))
def test_no_module_imports_a_later_stage(path: Path) -> None:
    own = stage(module_name(path))
    later = [f"line {line}: {target}" for target, line in imports(path) if stage(target) > own]
    assert later == []


def test_no_import_cycles() -> None:
    graph = {module_name(f): {t for t, _ in imports(f)} & MODULES_AND_PACKAGES for f in FILES}
    state: dict[str, int] = {}  # 1 = on the current path, 2 = done

    def visit(node: str, path: list[str]) -> None:
        state[node] = 1
        for nxt in sorted(graph.get(node, ())):
            if nxt == node:
                continue
            assert state.get(nxt) != 1, " -> ".join([*path, node, nxt])
            if nxt not in state:
                visit(nxt, [*path, node])
        state[node] = 2

    for node in sorted(graph):
        if node not in state:
            visit(node, [])


def test_the_check_finds_a_backwards_import(tmp_path: Path) -> None:
    """The stage test can fail: a check module importing the site, even lazily, is caught."""
    fake = tmp_path / "fake.py"
    fake.write_text("def f():\n    from ..site.plugin import SopgenPlugin\n", encoding="utf-8")
    found = imports(fake, "sopgen.check.fake")
    assert found == [("sopgen.site.plugin", 2)]
    assert stage(found[0][0]) > stage("sopgen.check.fake")


def test_no_module_is_much_longer_than_400_lines() -> None:
    long = {module_name(f): n for f in FILES if (n := len(f.read_text().splitlines())) > 450}
    assert long == {}


def test_the_mkdocs_entry_point_names_the_plugin() -> None:
    from importlib import metadata

    (entry,) = [e for e in metadata.entry_points(group="mkdocs.plugins") if e.name == "sopgen"]
    assert entry.value == "sopgen.site.plugin:SopgenPlugin"
    assert entry.load().__name__ == "SopgenPlugin"


def test_version_option(capsys: pytest.CaptureFixture[str]) -> None:
    from sopgen import __version__
    from sopgen.cli import main

    with pytest.raises(SystemExit) as exit_info:
        main(["--version"])
    assert exit_info.value.code == 0
    assert capsys.readouterr().out == f"sopgen {__version__}\n"
