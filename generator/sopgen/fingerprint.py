"""What sopgen's output depends on besides its inputs: its own code and a few libraries.

Every cache (checks, pages, finished pages) keys its entries with `code_digest`, so an upgrade or
a developer's edit of any sopgen module invalidates them; the version number alone would not.
"""

from __future__ import annotations

import functools
import hashlib
from importlib import metadata, resources
from pathlib import Path

from . import __version__

LIBRARIES = ("jinja2", "markupsafe", "holidays", "pyyaml", "jsonschema")


@functools.lru_cache(maxsize=1)
def code_digest() -> str:
    """sopgen's version, a digest of its Python sources and schema, and the
    versions of the libraries that shape its output (computed once per process)."""
    root = Path(__file__).resolve().parent
    digest = hashlib.sha256(__version__.encode())
    for path in sorted(root.rglob("*.py")):
        digest.update(path.relative_to(root).as_posix().encode())
        digest.update(path.read_bytes())
    for schema in sorted(resources.files("sopgen.schema").iterdir(), key=lambda p: p.name):
        if schema.name.endswith(".json"):
            digest.update(schema.name.encode() + schema.read_bytes())
    for package in LIBRARIES:
        try:
            digest.update(f"{package}={metadata.version(package)}".encode())
        except metadata.PackageNotFoundError:  # pragma: no cover - they are dependencies
            digest.update(package.encode())
    return digest.hexdigest()
