"""constraints.txt pins a version inside every range pyproject.toml declares, and is installed."""

from __future__ import annotations

from importlib import metadata
from pathlib import Path

import pytest
from packaging.utils import canonicalize_name

from lock_file import declared_requirements, lock_problems, read_lock

ROOT = Path(__file__).resolve().parent.parent


def test_every_declared_requirement_is_pinned_inside_its_range() -> None:
    assert lock_problems(ROOT) == []


def test_a_pin_outside_its_range_is_reported(tmp_path: Path) -> None:
    (tmp_path / "pyproject.toml").write_text(
        '[build-system]\nrequires = ["setuptools>=77"]\n'
        '[project]\nname = "x"\ndependencies = ["mkdocs>=1.6,<2", "pyyaml>=6"]\n'
        '[project.optional-dependencies]\ntest = ["pytest>=8"]\n',
        encoding="utf-8",
    )
    (tmp_path / "constraints.txt").write_text(
        "# comment\nmkdocs==2.0.0\nPyYAML==6.0.4\nsetuptools==80.0\n", encoding="utf-8"
    )
    assert lock_problems(tmp_path) == [
        "mkdocs<2,>=1.6: constraints.txt pins 2.0.0, outside the range",
        "pytest>=8: not in constraints.txt (run scripts/lock.py)",
    ]


def test_mkdocs_is_capped_below_2_which_drops_plugins() -> None:
    mkdocs = next(r for r in declared_requirements(ROOT) if r.name == "mkdocs")
    assert not mkdocs.specifier.contains("2.0.0")


# dev.sh installs the locked build tools too: test_packaging builds the wheel with them.
INSTALLED = sorted({canonicalize_name(r.name) for r in declared_requirements(ROOT)} - {"sopgen"})


@pytest.mark.parametrize("name", INSTALLED)
def test_installed_version_is_the_locked_one(name: str) -> None:
    """dev.sh and CI install with the lock, so this environment holds exactly its versions."""
    assert metadata.version(name) == read_lock(ROOT)[name]
