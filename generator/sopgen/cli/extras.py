"""The `site` extra: commands that publish need MkDocs and Jinja2, which a CI job that only
validates does not install. Without them the command says what to install instead of failing
with a traceback."""

from __future__ import annotations

import importlib.util
import sys

EXIT_MISSING = 3
SITE_MODULES = ("mkdocs", "material", "jinja2", "markupsafe")


def missing_site_packages(modules: tuple[str, ...] = SITE_MODULES) -> list[str]:
    return [name for name in modules if importlib.util.find_spec(name) is None]


def require_site(command: str, modules: tuple[str, ...] = SITE_MODULES) -> int | None:
    """None when the site packages are installed, else the exit code after saying so."""
    missing = missing_site_packages(modules)
    if not missing:
        return None
    print(
        f"sopgen {command}: paket situs belum terpasang ({', '.join(missing)}). Pasang dengan: "
        'pip install "sopgen[site]"\n'
        f"sopgen {command}: the site packages are not installed ({', '.join(missing)}). "
        'Install them with: pip install "sopgen[site]"',
        file=sys.stderr,
    )
    return EXIT_MISSING
