"""The plugin's companions: git dates, the index page, the nav tree, the key reference."""

from __future__ import annotations

import dataclasses
import datetime as dt
import json
import subprocess
from pathlib import Path
from typing import Any

from sop_factory import make_sop
from sopgen.site import git_dates
from sopgen.site.index import page_uri, total_standard_time
from sopgen.site.lists import SLUG_LIMIT, group, nav_section, slug, unit_of_page

HOSTILE = '<script>alert("x")</script> & </title>'


def _sop(sop_id: str, **identity: Any) -> Any:
    sop = make_sop([{"pelaksana": "admin", "waktu": "1 jam"}], sop_id=sop_id)
    return dataclasses.replace(sop, identitas=dataclasses.replace(sop.identitas, **identity))


# --- git dates ---------------------------------------------------------------------------------


def test_git_log_output_gives_each_file_its_newest_date(tmp_path: Path) -> None:
    log = (
        "\x002026-03-05T10:00:00+07:00\n\nsops/a/x.yaml\nsops/b/y.yaml\n"
        "\x002025-01-02T09:00:00+07:00\n\nsops/a/x.yaml\nsops/c/z.yaml\n"
    )
    dates = git_dates.parse_git_log(log, tmp_path)
    assert dates == {
        (tmp_path / "sops/a/x.yaml").resolve(): dt.date(2026, 3, 5),
        (tmp_path / "sops/b/y.yaml").resolve(): dt.date(2026, 3, 5),
        (tmp_path / "sops/c/z.yaml").resolve(): dt.date(2025, 1, 2),
    }


def _git(repo: Path, *args: str, date: str = "2026-01-01T08:00:00+07:00") -> None:
    env = {
        "GIT_AUTHOR_DATE": date,
        "GIT_COMMITTER_DATE": date,
        "GIT_AUTHOR_NAME": "t",
        "GIT_AUTHOR_EMAIL": "t@example.org",
        "GIT_COMMITTER_NAME": "t",
        "GIT_COMMITTER_EMAIL": "t@example.org",
        "PATH": "/usr/bin:/bin",
        "HOME": str(repo),
    }
    subprocess.run(["git", *args], cwd=repo, env=env, check=True, capture_output=True)


def test_dates_come_from_one_git_log_call_for_the_whole_folder(
    tmp_path: Path, monkeypatch: Any
) -> None:
    sops = tmp_path / "sops"
    for name in ("a/one.yaml", "a/two.yaml", "b/three.yaml"):
        (sops / name).parent.mkdir(parents=True, exist_ok=True)
        (sops / name).write_text("x: 1\n", encoding="utf-8")
    _git(tmp_path, "init", "-q")
    _git(tmp_path, "add", ".")
    _git(tmp_path, "commit", "-q", "-m", "first", date="2025-05-01T09:00:00+07:00")
    (sops / "a/two.yaml").write_text("x: 2\n", encoding="utf-8")
    _git(tmp_path, "commit", "-q", "-am", "second", date="2026-02-03T09:00:00+07:00")

    calls: list[list[str]] = []
    real_run = subprocess.run

    def counting_run(command: list[str], **kwargs: Any) -> Any:
        calls.append(command)
        return real_run(command, **kwargs)

    monkeypatch.setattr(git_dates.subprocess, "run", counting_run)
    dates = git_dates.last_change_dates(sops)
    assert dates[(sops / "a/one.yaml").resolve()] == dt.date(2025, 5, 1)
    assert dates[(sops / "a/two.yaml").resolve()] == dt.date(2026, 2, 3)
    assert dates[(sops / "b/three.yaml").resolve()] == dt.date(2025, 5, 1)
    assert sum("log" in command for command in calls) == 1


def test_no_git_repository_means_no_dates(tmp_path: Path) -> None:
    (tmp_path / "sops").mkdir()
    assert git_dates.last_change_dates(tmp_path / "sops") == {}


def test_no_git_program_means_no_dates(tmp_path: Path, monkeypatch: Any) -> None:
    sops = tmp_path / "sops"
    sops.mkdir()
    (sops / "a.yaml").write_text("x: 1\n", encoding="utf-8")
    _git(tmp_path, "init", "-q")
    _git(tmp_path, "add", ".")
    _git(tmp_path, "commit", "-q", "-m", "first")
    assert git_dates.last_change_dates(sops) != {}
    monkeypatch.setattr(git_dates.shutil, "which", lambda name: None)
    assert git_dates.last_change_dates(sops) == {}


# --- total time, index, nav --------------------------------------------------------------------


def test_total_standard_time_sums_the_maxima_in_working_time() -> None:
    sop = make_sop(
        [
            {"pelaksana": "admin", "waktu": "maks 3 hari"},
            {"pelaksana": "admin", "waktu": "1-2 jam"},
            {"pelaksana": "admin", "waktu": "45 menit"},
            {"pelaksana": "admin", "waktu": "seketika"},
            {"pelaksana": "admin"},
        ]
    )
    assert total_standard_time(sop, workday_seconds=7.5 * 3600) == "3 hari kerja 2 jam 45 menit"


def test_total_standard_time_rolls_office_time_into_working_days() -> None:
    sop = make_sop([{"pelaksana": "admin", "waktu": "8 jam"}, {"pelaksana": "admin"}])
    assert total_standard_time(sop, workday_seconds=7.5 * 3600) == "1 hari kerja 30 menit"


def test_total_standard_time_keeps_calendar_days_apart() -> None:
    sop = make_sop(
        [
            {"pelaksana": "admin", "waktu": "2 hari kalender"},
            {"pelaksana": "admin", "waktu": "1 jam"},
        ]
    )
    assert total_standard_time(sop) == "1 jam + 2 hari kalender"


def test_total_standard_time_without_any_time_is_a_dash() -> None:
    assert total_standard_time(make_sop([{"pelaksana": "admin"}])) == "–"


def test_nav_groups_by_body_then_work_unit_with_the_index_first() -> None:
    sops = [
        _sop("z/b", instansi="Pemerintah Kabupaten Tabanan", satuan_kerja="Kecamatan", nomor="2"),
        _sop("z/a", instansi="Pemerintah Kabupaten Tabanan", satuan_kerja="Kecamatan", nomor="10"),
        _sop("y/c", instansi="Pemerintah Kabupaten Demak", satuan_kerja=HOSTILE),
    ]
    nav = nav_section(sops)
    assert nav[0] == "sop/index.md"
    assert [next(iter(group)) for group in nav[1:]] == [
        "Pemerintah Kabupaten Demak",
        "Pemerintah Kabupaten Tabanan",
    ]
    # a body opens its list page; its units link to theirs; the SOPs themselves are not in the nav
    assert nav[2]["Pemerintah Kabupaten Tabanan"] == [
        "sop/daftar/pemerintah-kabupaten-tabanan/index.md",
        {"Kecamatan": "sop/daftar/pemerintah-kabupaten-tabanan/kecamatan/index.md"},
    ]
    assert "sop/z/b.md" not in json.dumps(nav)
    demak_title = next(iter(nav[1]["Pemerintah Kabupaten Demak"][1]))
    assert "<script>" not in demak_title and "&lt;script&gt;" in demak_title
    # a unit page lists its SOPs in Nomor order (2 before 10), and each SOP page hangs under it
    kecamatan = group(sops)[1].units[0]
    assert [sop.id for sop in kecamatan.sops] == ["z/b", "z/a"]
    assert unit_of_page(sops)["sop/z/b.md"] == kecamatan.uri
    assert page_uri(sops[0]) == "sop/z/b.md"


def test_long_unit_names_give_short_distinct_page_names() -> None:
    first, second = "Dinas " + "x" * 5000 + " A", "Dinas " + "x" * 5000 + " B"
    assert len(slug(first)) <= SLUG_LIMIT and len(slug(second)) <= SLUG_LIMIT
    assert slug(first) != slug(second)
    assert slug("Dinas Komunikasi & Informatika") == "dinas-komunikasi-informatika"


def test_unit_page_names_are_unique_even_when_their_slugs_clash() -> None:
    sops = [
        _sop("a/x", instansi="Pemkab", satuan_kerja="Dinas A&B", nomor="1"),
        _sop("a/y", instansi="Pemkab", satuan_kerja="Dinas A-B", nomor="2"),
    ]
    uris = [unit.uri for body in group(sops) for unit in body.units]
    assert uris == [
        "sop/daftar/pemkab/dinas-a-b/index.md", "sop/daftar/pemkab/dinas-a-b-2/index.md"]


def test_a_hand_written_nav_gets_the_sop_section_where_it_names_the_index() -> None:
    from sopgen.site.files import replace_index as _replace_index

    section = {"Daftar SOP": ["sop/index.md", {"Pemerintah Kabupaten Demak": []}]}
    nav = ["index.md", {"SOP kami": "sop/index.md"}, {"Panduan": ["panduan/index.md"]}]
    assert _replace_index(nav, section) == [
        "index.md",
        {"SOP kami": ["sop/index.md", {"Pemerintah Kabupaten Demak": []}]},
        {"Panduan": ["panduan/index.md"]},
    ]
    assert _replace_index(["index.md", "sop/index.md"], section) == ["index.md", section]
    assert _replace_index(["index.md"], section) == ["index.md"]
