"""Printing SOP pages to PDF with headless Chromium (``sopgen pdf`` and the plugin's downloads).

The page prints itself: its print stylesheet shows only the official form and
``swimlane_print.js`` paginates the procedure table for the chosen paper. This package only opens
the built pages in Debian's Chromium through Playwright, asks for the PDF, and sets its metadata;
``book`` puts a work unit's SOPs together as one Buku SOP. Nothing here imports MkDocs.
"""
