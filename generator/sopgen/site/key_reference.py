"""The key reference page of the drafting guide, generated from the JSON Schema.

The schema is the single source of the keys' Indonesian descriptions: editors show them as hints
while typing, and this page prints them as tables, one per kind of mapping (top level,
``identitas``, a step, ``keputusan`` ...), so the two can never disagree.
"""

from __future__ import annotations

import json
from typing import Any

Schema = dict[str, Any]

_TYPE_NAMES = {
    "string": "teks",
    "integer": "bilangan bulat",
    "number": "angka",
    "boolean": "ya/tidak (`true`/`false`)",
    "array": "daftar",
    "object": "pemetaan",
    "null": "kosong",
}


def key_reference_page(schema: Schema, *, schema_link: str, title: str) -> str:
    """Markdown of the reference page: a table of keys for every mapping of the format."""
    resolver = _Resolver(schema)
    sections: list[tuple[str, Schema]] = []
    seen: set[str] = set()
    _collect("Tingkat teratas", schema, resolver, sections, seen)
    lines = [
        f"# {_cell(title)}",
        "",
        "Halaman ini dibuat otomatis dari skema berkas SOP "
        f"([`sop.schema.json`]({schema_link})). Kunci bertanda **wajib** harus ada; kunci lain "
        "boleh dihilangkan. Editor yang memahami JSON Schema (misalnya VS Code dengan ekstensi "
        "YAML) menampilkan keterangan yang sama saat mengetik.",
        "",
    ]
    for heading, node in sections:
        required = set(node.get("required", ()))
        lines += [
            f"## {_cell(heading)}",
            "",
            "| Kunci | Wajib | Jenis | Keterangan |",
            "|---|---|---|---|",
        ]
        for key, prop in node.get("properties", {}).items():
            prop = resolver.resolve(prop)
            lines.append(
                f"| `{_cell(key)}` | {'wajib' if key in required else 'tidak'} "
                f"| {_cell(_type_name(prop, resolver))} | {_cell(_description(prop))} |"
            )
        lines.append("")
    return "\n".join(lines)


class _Resolver:
    """Follows local ``$ref`` pointers (``#/$defs/step``) inside one schema document."""

    def __init__(self, root: Schema) -> None:
        self.root = root

    def resolve(self, node: Any) -> Schema:
        hops = 0
        while isinstance(node, dict) and isinstance(node.get("$ref"), str) and hops < 32:
            target: Any = self.root
            for part in node["$ref"].removeprefix("#").strip("/").split("/"):
                if not part:
                    continue
                part = part.replace("~1", "/").replace("~0", "~")
                target = target.get(part, {}) if isinstance(target, dict) else {}
            # Keywords written beside a $ref (e.g. its own description) win over the target's.
            node = {**target, **{k: v for k, v in node.items() if k != "$ref"}}
            hops += 1
        return node if isinstance(node, dict) else {}


def _alternatives(node: Schema, resolver: _Resolver) -> list[Schema]:
    options = [node]
    for keyword in ("oneOf", "anyOf", "allOf"):
        for option in node.get(keyword, ()):
            options.append(resolver.resolve(option))
    if isinstance(node.get("items"), dict):
        options.append(resolver.resolve(node["items"]))
    return options


def _collect(
    heading: str,
    node: Schema,
    resolver: _Resolver,
    sections: list[tuple[str, Schema]],
    seen: set[str],
    path: str = "",
) -> None:
    """Depth-first: every object schema with properties becomes one section, once."""
    for option in _alternatives(resolver.resolve(node), resolver):
        # Resolving a $ref builds a new dict each time, so identity cannot tell repeats apart.
        fingerprint = json.dumps(option, sort_keys=True, ensure_ascii=False)
        if fingerprint in seen:
            continue
        seen.add(fingerprint)
        if option.get("properties"):
            sections.append((heading, option))
            for key, prop in option["properties"].items():
                child = f"{path} › {key}" if path else key
                _collect(child, prop, resolver, sections, seen, child)
        elif option is not node:
            _collect(heading, option, resolver, sections, seen, path)


def _type_name(node: Schema, resolver: _Resolver) -> str:
    names: list[str] = []
    types = node.get("type")
    for kind in [types] if isinstance(types, str) else list(types or ()):
        name = _TYPE_NAMES.get(kind, kind)
        if kind == "string" and node.get("format") == "date":
            name = "tanggal (`YYYY-MM-DD`)"
        if kind == "array" and isinstance(node.get("items"), dict):
            inner = _type_name(resolver.resolve(node["items"]), resolver)
            name = f"daftar {inner}" if inner else name
        names.append(name)
    if "const" in node:
        names.append(f"`{node['const']}`")
    if "enum" in node:
        names.append(" / ".join(f"`{value}`" for value in node["enum"]))
    for keyword in ("oneOf", "anyOf"):
        for option in node.get(keyword, ()):
            name = _type_name(resolver.resolve(option), resolver)
            if name and name not in names:
                names.append(name)
    return " atau ".join(names)


def _description(node: Schema) -> str:
    for key in ("description", "title", "markdownDescription"):
        text = node.get(key)
        if isinstance(text, str) and text.strip():
            return text
    return ""


def _cell(text: str) -> str:
    """Text for one table cell: one line, no raw HTML, no column break."""
    flat = " ".join(str(text).split())
    return flat.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;").replace("|", "\\|")
