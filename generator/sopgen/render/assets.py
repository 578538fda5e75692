"""The CSS and JavaScript files the published site needs, for the plugin to copy and register."""

from __future__ import annotations

from pathlib import Path

from .templates import default_template_dir, template_search_path

SITE_FOLDER = "assets/sopgen"


def asset_files(template_dir: Path | None = None) -> dict[str, Path]:
    """Site-relative path (``assets/sopgen/sopgen.css``) -> source file, sorted by path.

    Every file of the default ``assets/`` folder is included; a body's template folder may
    replace any of them with a file of the same name in its own ``assets/``. Register the
    ``.css`` ones as ``extra_css`` and the ``.js`` ones as ``extra_javascript``.
    """
    defaults = default_template_dir() / "assets"
    files: dict[str, Path] = {}
    for source in sorted(defaults.iterdir()):
        if not source.is_file() or source.name.startswith("."):
            continue
        chosen = next(
            folder / "assets" / source.name
            for folder in template_search_path(template_dir)
            if (folder / "assets" / source.name).is_file()
        )
        files[f"{SITE_FOLDER}/{source.name}"] = chosen
    return files
