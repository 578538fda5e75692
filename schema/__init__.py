"""The JSON Schemas of the SOP and calendar files (installed as ``sopgen.schema``).

Kept at the top of the repository so editors and SOP files can point at them
(``# yaml-language-server: $schema=../../schema/sop.schema.json``); shipped inside the package so
an installed `sopgen` (pre-commit, CI of an SOP repository) validates without this checkout.
"""
