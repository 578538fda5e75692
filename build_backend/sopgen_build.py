"""PEP 517 backend: setuptools, run on a copy of the sources in a temporary folder.

setuptools writes ``build/`` and ``*.egg-info`` next to the sources while it builds, and pip
builds in place. Copying the few folders a wheel needs first keeps the checkout untouched for
``pip install .``, ``pip wheel .`` and ``python -m build``. An editable install (``pip install -e``)
must map the package to the checkout itself, so only its metadata steps run on a copy.
"""

from __future__ import annotations

import contextlib
import os
import shutil
import tempfile
from collections.abc import Iterator
from pathlib import Path
from typing import Any

from setuptools import build_meta as _setuptools

ROOT = Path(__file__).resolve().parent.parent
SOURCES = ("pyproject.toml", "README.md", "MANIFEST.in", "LICENSE", "build_backend",
           "generator", "schema", "site_templates")
_JUNK = shutil.ignore_patterns("__pycache__", "*.pyc", "*.egg-info", "build")


@contextlib.contextmanager
def _in_copy() -> Iterator[None]:
    here = Path.cwd()
    with tempfile.TemporaryDirectory(prefix="sopgen-build-") as tmp:
        copy = Path(tmp) / "src"
        copy.mkdir()
        for name in SOURCES:
            source = here / name
            if source.is_dir():
                shutil.copytree(source, copy / name, ignore=_JUNK)
            elif source.is_file():
                shutil.copy2(source, copy / name)
        os.chdir(copy)
        try:
            yield
        finally:
            os.chdir(here)


def _absolute(directory: str) -> str:
    return str(Path(directory).absolute())


def get_requires_for_build_wheel(config_settings: Any = None) -> list[str]:
    with _in_copy():
        return _setuptools.get_requires_for_build_wheel(config_settings)


def get_requires_for_build_sdist(config_settings: Any = None) -> list[str]:
    with _in_copy():
        return _setuptools.get_requires_for_build_sdist(config_settings)


def get_requires_for_build_editable(config_settings: Any = None) -> list[str]:
    with _in_copy():
        return _setuptools.get_requires_for_build_editable(config_settings)


def prepare_metadata_for_build_wheel(metadata_directory: str, config_settings: Any = None) -> str:
    target = _absolute(metadata_directory)
    with _in_copy():
        return _setuptools.prepare_metadata_for_build_wheel(target, config_settings)


def prepare_metadata_for_build_editable(
    metadata_directory: str, config_settings: Any = None
) -> str:
    target = _absolute(metadata_directory)
    with _in_copy():
        return _setuptools.prepare_metadata_for_build_editable(target, config_settings)


def build_wheel(
    wheel_directory: str, config_settings: Any = None, metadata_directory: str | None = None
) -> str:
    target = _absolute(wheel_directory)
    metadata = _absolute(metadata_directory) if metadata_directory else None
    with _in_copy():
        return _setuptools.build_wheel(target, config_settings, metadata)


def build_sdist(sdist_directory: str, config_settings: Any = None) -> str:
    target = _absolute(sdist_directory)
    with _in_copy():
        return _setuptools.build_sdist(target, config_settings)


def build_editable(
    wheel_directory: str, config_settings: Any = None, metadata_directory: str | None = None
) -> str:
    # In place (the install points at this checkout); egg_info goes to a temporary folder.
    target = _absolute(wheel_directory)
    metadata = _absolute(metadata_directory) if metadata_directory else None
    return _setuptools.build_editable(target, config_settings, metadata)
