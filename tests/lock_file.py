"""The check that constraints.txt and pyproject.toml agree (tests/test_lock.py, scripts/lock.py)."""

from __future__ import annotations

import tomllib
from pathlib import Path

from packaging.requirements import Requirement
from packaging.utils import canonicalize_name


def read_lock(root: Path) -> dict[str, str]:
    pins = {}
    for line in (root / "constraints.txt").read_text(encoding="utf-8").splitlines():
        line = line.split("#", 1)[0].strip()
        if line:
            name, _, version = line.partition("==")
            pins[canonicalize_name(name)] = version
    return pins


def declared_requirements(root: Path) -> list[Requirement]:
    """Every requirement pyproject.toml states: build tools, dependencies, every extra."""
    data = tomllib.loads((root / "pyproject.toml").read_text(encoding="utf-8"))
    project = data["project"]
    texts = [*data["build-system"]["requires"], *project["dependencies"]]
    for extra in project.get("optional-dependencies", {}).values():
        texts.extend(extra)
    return [Requirement(text) for text in texts]


def lock_problems(root: Path) -> list[str]:
    pins = read_lock(root)
    problems = []
    for requirement in declared_requirements(root):
        name = canonicalize_name(requirement.name)
        if name == "sopgen":
            continue
        pinned = pins.get(name)
        if pinned is None:
            problems.append(f"{requirement}: not in constraints.txt (run scripts/lock.py)")
        elif not requirement.specifier.contains(pinned, prereleases=True):
            problems.append(f"{requirement}: constraints.txt pins {pinned}, outside the range")
    return problems
