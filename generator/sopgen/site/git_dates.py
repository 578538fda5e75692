"""Last-change dates of the SOP files, from git history.

One ``git log`` call covers the whole folder: with thousands of SOPs, a call per file would
dominate the build. Without git (or outside a repository) there are simply no dates.
"""

from __future__ import annotations

import datetime as dt
import shutil
import subprocess
from pathlib import Path

_COMMIT_MARK = "\x00"


def last_change_dates(folder: Path) -> dict[Path, dt.date]:
    """The date of the newest commit touching each file below ``folder`` (resolved paths)."""
    git = shutil.which("git")
    if git is None or not folder.is_dir():
        return {}
    try:
        top = subprocess.run(
            [git, "rev-parse", "--show-toplevel"],
            cwd=folder,
            capture_output=True,
            text=True,
            check=True,
        ).stdout.strip()
        log = subprocess.run(
            # %x00 marks commit lines so that file names can never be mistaken for dates.
            [
                *(git, "-c", "core.quotepath=off", "log", "--format=%x00%cI"),
                *("--name-only", "--no-renames", "--", "."),
            ],
            cwd=folder,
            capture_output=True,
            text=True,
            check=True,
        ).stdout
    except (OSError, subprocess.CalledProcessError):
        return {}
    return parse_git_log(log, Path(top))


def parse_git_log(log: str, top: Path) -> dict[Path, dt.date]:
    """Map each file named in ``git log --format=%x00%cI --name-only`` output to its newest date.

    Git lists commits newest first, so the first date seen for a file is its last change.
    """
    dates: dict[Path, dt.date] = {}
    current: dt.date | None = None
    for line in log.splitlines():
        if line.startswith(_COMMIT_MARK):
            current = dt.datetime.fromisoformat(line[1:].strip()).date()
        elif line and current is not None:
            dates.setdefault((top / line).resolve(), current)
    return dates
