"""sopgen: SOP Administrasi Pemerintahan as code."""

__version__ = "0.1.0"
