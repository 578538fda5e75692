"""`sopgen init`: the files of a new SOP repository, shipped as package data in ``files/``.

Dot-files are stored without their dot (``gitignore``) so that packaging never drops them;
`FILES` maps each stored name to where it lands. Only a few ``{token}`` words are replaced:
GitHub's ``${{ }}`` expressions and YAML flow mappings stay exactly as written.
"""

from __future__ import annotations

import datetime as dt
import json
from dataclasses import dataclass
from importlib import metadata, resources
from pathlib import Path

from .. import REPOSITORY, __version__

FILES: dict[str, str] = {
    "mkdocs.yml": "mkdocs.yml",
    "docs/index.md": "docs/index.md",
    "sops/kalender.yaml": "sops/kalender.yaml",
    "sops/bagian-umum/penerimaan-surat-masuk.yaml": "sops/bagian-umum/penerimaan-surat-masuk.yaml",
    "gitignore": ".gitignore",
    "requirements.txt": "requirements.txt",
    "pre-commit-config.yaml": ".pre-commit-config.yaml",
    "github/sop.yml": ".github/workflows/sop.yml",
    "gitlab-ci.yml": ".gitlab-ci.yml",
}
SCHEMAS: dict[str, str] = {
    "sop.schema.json": "schema/sop.schema.json",
    "kalender.schema.json": "schema/kalender.schema.json",
}
"""The schemas the files' ``yaml-language-server`` lines point at, copied from the package."""


def default_requirement() -> str:
    """The pinned install CI and pre-commit use: the very commit this sopgen was installed from
    when pip recorded a git source (PEP 610 ``direct_url.json``), else this version's tag."""
    source = _installed_from_git()
    if source is not None:
        return f"sopgen[site] @ git+{source[0]}@{source[1]}"
    return f"sopgen[site] @ git+{REPOSITORY}@v{__version__}"


def _installed_from_git() -> tuple[str, str] | None:
    try:
        text = metadata.distribution("sopgen").read_text("direct_url.json")
        data = json.loads(text or "null")
        url, vcs = data["url"], data["vcs_info"]
        if vcs.get("vcs") == "git" and not url.startswith("file:"):
            return url, vcs["commit_id"]
    except (metadata.PackageNotFoundError, ValueError, KeyError, TypeError):
        pass
    return None


@dataclass(frozen=True)
class Options:
    site_name: str = "Pemerintah Kabupaten Contoh"
    requirement: str = ""
    today: dt.date = dt.date(2026, 1, 1)


def planned_files(options: Options) -> dict[str, str]:
    """Relative path -> text of every file `init` writes."""
    stored = resources.files(__package__) / "files"
    tokens = {
        "{site_name}": options.site_name,
        "{instansi}": options.site_name,
        "{requirement}": options.requirement or default_requirement(),
        "{today}": options.today.isoformat(),
        "{year}": str(options.today.year),
    }
    out: dict[str, str] = {}
    for name, target in FILES.items():
        text = (stored / name).read_text(encoding="utf-8")
        for token, value in tokens.items():
            text = text.replace(token, value)
        out[target] = text
    schemas = resources.files("sopgen.schema")
    for name, target in SCHEMAS.items():
        out[target] = (schemas / name).read_text(encoding="utf-8")
    return out


def existing(folder: Path, files: dict[str, str]) -> list[Path]:
    """The files `init` would overwrite."""
    return [folder / name for name in files if (folder / name).exists()]


def write_files(folder: Path, files: dict[str, str]) -> list[Path]:
    written = []
    for name, text in files.items():
        target = folder / name
        target.parent.mkdir(parents=True, exist_ok=True)
        target.write_text(text, encoding="utf-8", newline="\n")
        written.append(target)
    return written
