"""How many processes a build uses: the container's CPU quota, SOPGEN_JOBS, `jobs`, --jobs."""

from __future__ import annotations

import logging
from pathlib import Path
from typing import Any

import pytest
from mkdocs.commands.build import build
from mkdocs.config import load_config
from mkdocs.exceptions import Abort

from sopgen.cli import main
from sopgen.site import parallel
from sopgen.site.safety import jobs_limit
from test_site_scale import build_project, make_project


@pytest.fixture(autouse=True)
def no_limit_left() -> Any:
    """A build sets the limit for the process: the tests after these see none."""
    yield
    parallel.limit_workers(None)


def cgroup(tmp_path: Path, files: dict[str, str]) -> Path:
    for name, content in files.items():
        path = tmp_path / name
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(content, encoding="utf-8")
    return tmp_path


@pytest.mark.parametrize(("files", "quota"), [
    ({"cpu.max": "200000 100000\n"}, 2.0),
    ({"cpu.max": "150000 100000\n"}, 1.5),
    ({"cpu.max": "max 100000\n"}, None),
    ({"cpu/cpu.cfs_quota_us": "300000\n", "cpu/cpu.cfs_period_us": "100000\n"}, 3.0),
    ({"cpu/cpu.cfs_quota_us": "-1\n", "cpu/cpu.cfs_period_us": "100000\n"}, None),
    ({"cpu.max": "nonsense\n"}, None),
    ({}, None),
])
def test_the_cgroup_cpu_quota(tmp_path: Path, files: dict[str, str], quota: float | None) -> None:
    no_membership = tmp_path / "no-such-file"
    assert parallel.cgroup_cpu_quota(cgroup(tmp_path, files), no_membership) == quota


def test_the_quota_of_the_process_s_own_group_and_those_above(tmp_path: Path) -> None:
    """On a host (systemd), the process's group is deep in the tree; the smallest quota on
    the way up counts, and the root's missing cpu.max is no quota."""
    root = cgroup(tmp_path / "cg", {
        "system.slice/cpu.max": "max 100000\n",
        "system.slice/ci.service/cpu.max": "300000 100000\n",
        "system.slice/ci.service/job/cpu.max": "max 100000\n",
    })
    membership = tmp_path / "cgroup"
    membership.write_text("0::/system.slice/ci.service/job\n", encoding="utf-8")
    assert parallel.cgroup_cpu_quota(root, membership) == 3.0
    membership.write_text("0::/system.slice\n", encoding="utf-8")
    assert parallel.cgroup_cpu_quota(root, membership) is None
    membership.write_text("1:cpu:/\n", encoding="utf-8")  # cgroup v1 only: the v1 files
    assert parallel.cgroup_cpu_quota(root, membership) is None


def test_a_container_quota_caps_the_cores_seen(tmp_path: Path, monkeypatch: Any) -> None:
    monkeypatch.setattr(parallel.os, "sched_getaffinity", lambda pid: set(range(16)))
    none = tmp_path / "no-such-file"
    quota = cgroup(tmp_path / "a", {"cpu.max": "150000 100000"})
    assert parallel.available_cores(quota, none) == 2
    assert parallel.available_cores(cgroup(tmp_path / "b", {"cpu.max": "max 100000"}), none) == 16
    monkeypatch.setattr(parallel.os, "sched_getaffinity", lambda pid: {0})
    wide = cgroup(tmp_path / "c", {"cpu.max": "400000 100000"})
    assert parallel.available_cores(wide, none) == 1


def test_the_jobs_option_before_the_variable() -> None:
    assert jobs_limit(3, {"SOPGEN_JOBS": "5"}, "id") == 3
    assert jobs_limit(None, {"SOPGEN_JOBS": " 5 "}, "id") == 5
    assert jobs_limit(None, {}, "id") is None
    assert jobs_limit(None, {"SOPGEN_JOBS": ""}, "id") is None
    zero = jobs_limit(0, {}, "id")
    assert isinstance(zero, str) and "`jobs`" in zero and "`0`" in zero and "bilangan bulat" in zero
    words = jobs_limit(None, {"SOPGEN_JOBS": "dua"}, "en")
    assert isinstance(words, str) and "SOPGEN_JOBS" in words and "`dua`" in words
    assert "whole number" in words


def _no_fork(monkeypatch: Any) -> None:
    def refuse(*args: Any, **kwargs: Any) -> None:
        raise AssertionError("a worker process was started")

    monkeypatch.setattr(parallel, "ProcessPoolExecutor", refuse)


def test_jobs_one_builds_in_one_process(tmp_path: Path, caplog: Any, monkeypatch: Any) -> None:
    """Enough pages to fork (the corpus and 10 copies), but `jobs: 1`: nothing is forked, and
    the site is whole."""
    root = make_project(tmp_path / "p", copies=10)
    config = root / "mkdocs.yml"
    config.write_text(config.read_text("utf-8") + "      jobs: 1\n", "utf-8")
    _no_fork(monkeypatch)
    count = build_project(root, caplog)[0]
    assert count >= parallel.PARALLEL_FROM
    assert len(list((root / "site" / "sop").rglob("index.html"))) > count
    assert parallel.workers() == 1


def test_sopgen_jobs_variable_and_bad_values(tmp_path: Path, caplog: Any, monkeypatch: Any) -> None:
    root = make_project(tmp_path / "p", copies=10)
    monkeypatch.setenv("SOPGEN_JOBS", "1")
    _no_fork(monkeypatch)
    build_project(root, caplog)
    monkeypatch.setenv("SOPGEN_JOBS", "banyak")
    mkdocs_config = load_config(config_file=str(root / "mkdocs.yml"), site_dir=str(root / "s2"))
    mkdocs_config.plugins.on_startup(command="build", dirty=False)
    caplog.clear()
    with caplog.at_level(logging.ERROR), pytest.raises(Abort):
        build(mkdocs_config)
    assert any("SOPGEN_JOBS harus bilangan bulat 1 atau lebih" in r.getMessage()
               and "`banyak`" in r.getMessage() for r in caplog.records)
    assert not (root / "s2").exists()


def test_sopgen_build_jobs(tmp_path: Path, monkeypatch: Any, capsys: Any) -> None:
    root = make_project(tmp_path / "p", copies=10)
    monkeypatch.chdir(root)
    _no_fork(monkeypatch)
    assert main(["build", "sops", "-o", "out", "--jobs", "1"]) == 0
    assert (root / "out" / "index.html").is_file()
    with pytest.raises(SystemExit) as exit_code:
        main(["build", "sops", "-o", "out2", "--jobs", "0"])
    assert exit_code.value.code == 2
    assert "whole number of 1 or more" in capsys.readouterr().err
    assert not (root / "out2").exists()
