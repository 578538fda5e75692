"""Rendering a validated `Sop` into the pieces of its published page."""
