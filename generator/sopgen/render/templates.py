"""Where the default site templates are, and the template search path with a body's overrides."""

from __future__ import annotations

from importlib import resources
from pathlib import Path


def default_template_dir() -> Path:
    """The folder of the default templates and assets (``site_templates/`` of the project)."""
    return Path(str(resources.files("sopgen.site_templates")))


def template_search_path(override: Path | None = None) -> list[Path]:
    """Folders searched for a template, a body's own folder first."""
    folders = [override] if override is not None else []
    return [*folders, default_template_dir()]


PDF_SLOT = "<!--sopgen:pdf-->"
"""Where `sop_print_tools.html.j2` leaves room for the PDF download link (plugin option `pdf`)."""
