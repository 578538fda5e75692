"""The plugin's safety nets around one build: the build lock, the staging folder, output folders
outside the corpus, and generated pages that would replace a user's file.

`BuildGuard` holds the lock and the staging folder of one build: a plain ``mkdocs build`` writes
into a staging folder set in ``on_pre_build`` and swapped in by ``finish`` (``on_post_build``), or
thrown away by ``fail`` (``on_build_error``), so a crash half-way leaves the previous site.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable
from pathlib import Path

from mkdocs.config.defaults import MkDocsConfig
from mkdocs.exceptions import PluginError
from mkdocs.structure.files import Files

from .config import plain_text
from .output import (
    BUILD_LOCKED,
    OUTPUT_IN_CORPUS,
    BuildLocked,
    acquire,
    discard,
    overlaps,
    release,
    replace_folder,
    staging_folder,
)
from .safety import collisions


class BuildGuard:
    def __init__(self) -> None:
        self._lock: int | None = None
        self._staging: tuple[Path, Path] | None = None  # (staging folder, the real site folder)

    def lock(self, config: MkDocsConfig, lang: str = "id") -> None:
        """Keep a second build out of the site folder until this one ends."""
        if self._lock is not None:
            return
        try:
            self._lock = acquire(Path(config.site_dir))
        except BuildLocked as locked:
            raise PluginError(plain_text(BUILD_LOCKED.at(
                "", folder=config.site_dir, lock=locked.lock.as_posix()), lang)) from None

    @property
    def locked(self) -> bool:
        return self._lock is not None

    def stage(self, config: MkDocsConfig) -> None:
        """Build into a staging folder from now on. MkDocs reads site_dir only after
        ``on_pre_build`` (clean, files, writing), so the whole site goes there."""
        real = Path(config.site_dir)
        self._staging = (staging_folder(real), real)
        config.site_dir = str(self._staging[0])

    def finish(self, config: MkDocsConfig) -> None:
        """The staged site replaces the real one; the lock is released."""
        if self._staging is not None:
            staging, real = self._staging
            self._staging = None
            replace_folder(staging, real)
            config.site_dir = str(real)
        self.unlock()

    def fail(self) -> None:
        if self._staging is not None:
            discard(self._staging[0])
            self._staging = None
        self.unlock()

    def unlock(self) -> None:
        if self._lock is not None:
            release(self._lock)
            self._lock = None


def refuse_output_in_corpus(
    site_dir: Path, cache_dir: Path, sops_dir: Path, lang: str = "id"
) -> None:
    """The site and cache folders must not be inside the SOP folder (they would be read as SOPs
    next time, or emptied with it)."""
    for folder, role_id, role_en in ((site_dir, "situs", "site"), (cache_dir, "cache", "cache")):
        if overlaps(folder, sops_dir):
            problem = OUTPUT_IN_CORPUS.at(
                "", role_id=role_id, role_en=role_en, folder=str(folder), sops=str(sops_dir))
            raise PluginError(plain_text(problem, lang))


def refuse_collisions(
    files: Files, generated: dict[str, str], lang: str, show: Callable[[Path], str]
) -> None:
    """A generated page never silently replaces a file the user wrote (``generated``: every
    URI the plugin is about to write -> what it is)."""
    user = {
        f.src_uri: show(Path(f.abs_src_path))
        for f in files
        if f.abs_src_path and getattr(f, "generated_by", None) is None
    }
    problems = collisions(user, generated, lang)
    if problems:
        raise PluginError("\n".join(problems))


def generated_uris(
    fixed: dict[str, str], lists: Iterable[str], sop_pages: Iterable[tuple[str, str]]
) -> dict[str, str]:
    """Every URI a build generates: the fixed pages, each list page (all, per body, per unit),
    each SOP page and its published source (``sop_pages``: page URI, source URI)."""
    found = dict(fixed)
    found.update({uri: "index" for uri in lists})
    for page, source in sop_pages:
        found[page] = "sop"
        found[source] = "source"
    return found
