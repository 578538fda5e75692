"""Material settings sopgen applies to every site it builds: an Indonesian footer and 404 page.

Material prints "Made with Material for MkDocs" in the footer and "404 - Not found" on its error
page whatever the site's language. The plugin therefore turns the generator notice off (unless
the site's ``mkdocs.yml`` says otherwise), gives the footer an Indonesian line when the site has
no ``copyright`` of its own, and puts sopgen's template overrides (``site_templates/overrides``)
in the theme search path, after a body's ``custom_dir`` so the body's own pages still win.
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

from ..render.templates import default_template_dir

OVERRIDES_FOLDER = "overrides"
DEFAULT_COPYRIGHT = "Diterbitkan dengan sopgen dari berkas SOP berformat YAML."


def overrides_dir() -> Path:
    return default_template_dir() / OVERRIDES_FOLDER


def apply_theme_defaults(config: Any) -> None:
    """Indonesian footer and 404 page for a MkDocs config (changed in place)."""
    if config.theme.name != "material":
        return
    if "generator" not in config.extra:
        config.extra["generator"] = False
    if not config.copyright:
        config.copyright = DEFAULT_COPYRIGHT
    dirs: list[str] = config.theme.dirs
    ours = str(overrides_dir())
    if ours in dirs:
        return
    # Before the first folder with a 404.html of its own: Material's (a body's custom_dir
    # keeps precedence when it has one).
    position = next(
        (i for i, folder in enumerate(dirs) if (Path(folder) / "404.html").is_file()), len(dirs)
    )
    dirs.insert(position, ours)
