"""Where a site build reads and keeps things: the plugin's folder options resolved against the
``mkdocs.yml``, and refused before anything is read when a folder is missing or the output
would land inside the SOP folder."""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

from mkdocs.config.defaults import MkDocsConfig
from mkdocs.exceptions import PluginError

from . import files as f
from .guards import refuse_output_in_corpus
from .safety import missing_folders


@dataclass(frozen=True)
class SitePaths:
    sops_dir: Path
    cache_dir: Path
    template_dir: Path | None
    calendar: Path | None


def site_paths(
    config: MkDocsConfig, *, sops_dir: str, cache_dir: str, template_dir: str | None,
    calendar: str | None, lang: str,
) -> SitePaths:
    """The plugin's folders, relative to the configuration file's folder; a `PluginError` in
    `lang` naming what is missing, or an output folder inside the SOP folder."""
    root = f.config_root(config)
    paths = SitePaths(
        sops_dir=(root / sops_dir).resolve(),
        cache_dir=(root / cache_dir).resolve(),
        template_dir=f.optional_path(root, template_dir),
        calendar=f.optional_path(root, calendar),
    )
    problem = missing_folders(
        sops_dir=paths.sops_dir, template_dir=paths.template_dir, calendar=paths.calendar,
        lang=lang, config=Path(config.config_file_path or "mkdocs.yml").name,
        show=lambda path: f.shown(path, root),
    )
    if problem is not None:
        raise PluginError(problem)
    refuse_output_in_corpus(Path(config.site_dir), paths.cache_dir, paths.sops_dir, lang)
    return paths
