"""Editors show each key's own description on hover, not a shared `$defs` title.

yaml-language-server collects the schemas matching a value with the alternatives of an
`anyOf`/`oneOf` *before* the property's own schema, and shows the first title and the first
description it meets; a `$ref` is merged into the property without replacing its keys. This
test replays that order for every property of the SOP schema.
"""

from __future__ import annotations

import json
from collections.abc import Iterator
from pathlib import Path
from typing import Any

REPO = Path(__file__).resolve().parents[1]
SCHEMA = json.loads((REPO / "schema" / "sop.schema.json").read_text("utf-8"))


def resolve(node: dict[str, Any]) -> dict[str, Any]:
    """The node with its `$ref` merged in the way the language server merges it."""
    if "$ref" not in node:
        return node
    target = SCHEMA
    for part in node["$ref"].removeprefix("#/").split("/"):
        target = target[part]
    merged = dict(resolve(target))
    merged.update({k: v for k, v in node.items() if k != "$ref"})
    return merged


def alternatives(node: dict[str, Any]) -> Iterator[dict[str, Any]]:
    for keyword in ("anyOf", "oneOf"):
        for option in node.get(keyword, ()):
            option = resolve(option)
            yield from alternatives(option)
            yield option


def hover(node: dict[str, Any]) -> tuple[str | None, str | None]:
    """(title, description) as the hover shows them for a value of this property."""
    node = resolve(node)
    title = description = None
    for schema in [*alternatives(node), node]:
        title = title or schema.get("title")
        description = description or schema.get("description")
    return title, description


def properties(node: Any, path: str = "") -> Iterator[tuple[str, dict[str, Any]]]:
    if isinstance(node, dict):
        for name, prop in node.get("properties", {}).items():
            yield f"{path}/{name}", prop
        for key, value in node.items():
            yield from properties(value, f"{path}/{key}")
    elif isinstance(node, list):
        for value in node:
            yield from properties(value, path)


def test_every_property_hovers_with_its_own_title_and_description() -> None:
    checked = 0
    for path, prop in properties(SCHEMA):
        assert hover(prop) == (prop["title"], prop["description"]), path
        checked += 1
    assert checked > 40


def test_the_keys_the_issue_named_show_their_own_text() -> None:
    step = SCHEMA["$defs"]["langkah"]["properties"]
    for key in ("kegiatan", "output", "pelaksana"):
        title, description = hover(step[key])
        assert title not in ("Teks", "Pengenal", None), key
        assert description == step[key]["description"]
