"""An installed sopgen (as pre-commit or an SOP repository's CI installs it) works without
this checkout: the schemas and the site templates travel inside the wheel."""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
import zipfile
from pathlib import Path

import pytest

REPO = Path(__file__).resolve().parents[1]


@pytest.fixture(scope="module")
def wheel(tmp_path_factory: pytest.TempPathFactory) -> Path:
    out = tmp_path_factory.mktemp("wheel")
    # No build isolation: the build uses this virtualenv's setuptools, so nothing is downloaded.
    subprocess.run(
        [sys.executable, "-m", "pip", "wheel", "--no-deps", "--no-build-isolation", "--quiet",
         "-w", str(out), str(REPO)],
        check=True, capture_output=True, cwd=out,
    )
    (built,) = out.glob("sopgen-*.whl")
    return built


def test_the_wheel_carries_schemas_templates_and_assets(wheel: Path) -> None:
    names = set(zipfile.ZipFile(wheel).namelist())
    for needed in ("sopgen/schema/sop.schema.json", "sopgen/schema/kalender.schema.json",
                   "sopgen/site_templates/sop.md.j2", "sopgen/site_templates/assets/sopgen.css",
                   "sopgen/site_templates/assets/simulator-calendar.js",
                   "sopgen/site_templates/assets/simulator-walk.js",
                   "sopgen/site_templates/assets/simulator.js",
                   "sopgen/site_templates/assets/swimlane_print_plan.js",
                   "sopgen/site_templates/assets/swimlane_print_columns.js",
                   "sopgen/site/plugin.py", "sopgen/site/panduan.md"):
        assert needed in names, needed
    assert not any(name.startswith(("tests/", "sops/", "benchmarks/")) for name in names)
    source = Path(__file__).resolve().parent.parent / "generator"
    modules = {str(m.relative_to(source).as_posix()) for m in (source / "sopgen").rglob("*.py")}
    assert modules - names == set()  # every module of every stage folder is shipped
    (entry_points,) = [n for n in names if n.endswith(".dist-info/entry_points.txt")]
    # the console command skips the interpreter's teardown (see sopgen.cli.run)
    assert "sopgen = sopgen.cli:run" in zipfile.ZipFile(wheel).read(entry_points).decode()


def test_the_installed_package_validates_outside_the_checkout(
    wheel: Path, tmp_path: Path
) -> None:
    target = tmp_path / "installed"
    subprocess.run(
        [sys.executable, "-m", "pip", "install", "--no-deps", "--quiet", "--target",
         str(target), str(wheel)],
        check=True, capture_output=True,
    )
    work = tmp_path / "body"
    shutil.copytree(REPO / "sops", work / "sops")
    broken = work / "sops" / "diskominfo-demak" / "layanan-aduan-masyarakat.yaml"
    broken.write_text(broken.read_text("utf-8").replace("nomor:", "nomer:", 1), "utf-8")
    env = {**os.environ, "PYTHONPATH": str(target)}  # ahead of the editable install
    done = subprocess.run(
        [sys.executable, "-c", "import sopgen, sys; print(sopgen.__file__); "
         "from sopgen.cli import main; sys.exit(main(['validate']))"],
        cwd=work, env=env, capture_output=True, text=True, check=False,
    )
    assert done.stdout.splitlines()[0].startswith(str(target))
    assert done.returncode == 1, done.stderr
    assert "error SOP201: Kunci `nomer` tidak dikenal" in done.stdout
    assert "Traceback" not in done.stderr
