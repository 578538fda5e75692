"""sopgen: SOP Administrasi Pemerintahan as code."""

__version__ = "0.1.0"

REPOSITORY = "https://github.com/sopgen/sopgen"
"""Where sopgen's source is published; `sopgen init` pins installs to a tag of it."""
