"""Validation of a loaded SOP document against `schema/sop.schema.json`, as diagnostics.

The loader keeps every scalar as its source text, so before validating, values are converted to
integers, numbers or booleans exactly where the schema asks for those types (text stays text
everywhere else). A check compiled from the schema (`schema_accept`) accepts valid documents
quickly; only a document that fails is walked again by `jsonschema` to say precisely where and
why, so `jsonschema` is imported only when some document has a schema error.
"""

from __future__ import annotations

import functools
import json
from collections.abc import Callable, Iterator, Mapping
from importlib import resources
from pathlib import Path
from typing import TYPE_CHECKING, Any

from ..diagnostics import Diagnostic, Message
from ..read.loader import typed
from .accept import Check, UnsupportedSchema, compile_check
from .schema_messages import (
    BAD_FORMAT,
    EMPTY_TEXT,
    FORMS,
    MISSING_KEY,
    NOT_ALLOWED,
    ONE_OF_KEYS,
    OTHER,
    OUT_OF_RANGE,
    TOO_FEW,
    TYPE_WORDS,
    UNKNOWN_KEY,
    WRONG_TYPE,
)
from .suggest import did_you_mean

if TYPE_CHECKING:
    import jsonschema
    from jsonschema.exceptions import ValidationError

    from ..model import PathKey
    from ..read.loader import LoadedDocument

# Editors and the published site read the schema from the repository's top level, so the
# package reads the same file rather than a copy that could drift.
SCHEMA_FILE = Path(str(resources.files("sopgen.schema") / "sop.schema.json"))


@functools.cache
def load_schema() -> dict[str, Any]:
    """The SOP JSON Schema, read once per process."""
    return json.loads(SCHEMA_FILE.read_text(encoding="utf-8"))


@functools.cache
def _accepts() -> Check:
    """Whether data is valid, answered quickly (the common case)."""
    try:
        return compile_check(load_schema())
    except UnsupportedSchema:  # a keyword the quick check does not know: ask jsonschema
        return _precise_validator().is_valid


@functools.cache
def _precise_validator() -> jsonschema.Draft202012Validator:
    import jsonschema  # ~0.2 s to import: only when a document has a schema error

    return jsonschema.Draft202012Validator(load_schema())


def check_schema(doc: LoadedDocument) -> Iterator[Diagnostic]:
    """Diagnostics (SOP2xx) for every place where the document breaks the schema."""
    data = coerce(doc.data, doc.is_quoted)
    if _accepts()(data):
        return
    seen: set[tuple[PathKey, str, str]] = set()
    errors = sorted(_precise_validator().iter_errors(data), key=lambda e: list(map(str, e.path)))
    for error in errors:
        for diagnostic, path in _explain(doc, error):
            marker = (path, diagnostic.code, diagnostic.message["en"])
            if marker not in seen:
                seen.add(marker)
                yield diagnostic


def coerce(data: Any, quoted: Callable[[PathKey], bool] = lambda path: False) -> Any:
    """The data with text turned into integers/numbers/booleans where the schema expects them.

    Text written in quotes (``quoted(path)``) stays text, as a YAML 1.2 editor would read it.
    """
    convert = _root_coercer()
    return data if convert is None else convert(data, (), quoted)


_TYPED = ("integer", "number", "boolean")


@functools.cache
def _typed_below() -> dict[int, bool]:
    """For each schema node (by identity): whether a non-text scalar type occurs in or below it.

    Lets the conversion skip the large text-only parts of a document.
    """
    root = load_schema()
    found: dict[int, bool] = {}

    def visit(node: Any) -> bool:
        if not isinstance(node, Mapping):
            return False
        if id(node) in found:
            return found[id(node)]
        found[id(node)] = False  # guards against reference cycles
        children: list[Any] = [node.get("items"), node.get("additionalProperties")]
        children += list(node.get("properties", {}).values())
        children += list(node.get("anyOf", [])) + list(node.get("oneOf", []))
        if "$ref" in node:
            children.append(_resolve(root, node))
        result = node.get("type") in _TYPED
        for child in children:
            result = visit(child) or result
        found[id(node)] = result
        return result

    visit(root)
    return found


def _resolve(root: Mapping[str, Any], node: Mapping[str, Any]) -> Mapping[str, Any]:
    while "$ref" in node:
        ref = node["$ref"]
        if not ref.startswith("#/"):
            break
        target: Any = root
        for part in ref[2:].split("/"):
            target = target[part]
        node = target
    return node


def _shape(data: Any) -> str:
    if isinstance(data, dict):
        return "object"
    if isinstance(data, list):
        return "array"
    return "scalar"


Coercer = Callable[[Any, "PathKey", Callable[["PathKey"], bool]], Any]
"""Converts one value found at a path (given whether a path was quoted)."""


@functools.cache
def _root_coercer() -> Coercer | None:
    schema = load_schema()
    return _Coercers(schema).of(schema)


class _Coercers:
    """The conversion compiled once per schema node, so that documents only pay for walking
    the parts of their data where a number or boolean can occur."""

    def __init__(self, root: Mapping[str, Any]) -> None:
        self.root = root
        self.typed_below = _typed_below()
        self.done: dict[int, Coercer | None] = {}

    def of(self, node: Mapping[str, Any]) -> Coercer | None:
        """The conversion for values under ``node``; None where nothing is ever converted."""
        if not self.typed_below.get(id(node), True):
            return None
        if id(node) in self.done:
            return self.done[id(node)]
        cell: list[Coercer] = []  # a reference cycle reaches this node while it compiles
        self.done[id(node)] = lambda data, path, quoted: cell[0](data, path, quoted)
        convert = self._compile(_resolve(self.root, node))
        cell.append(convert)
        self.done[id(node)] = convert
        return convert

    def _compile(self, node: Mapping[str, Any]) -> Coercer:
        branches = node.get("anyOf") or node.get("oneOf")
        if not branches:
            return self._shaped(node)
        # Which branch a value takes depends only on its shape: decide each shape once.
        resolved = [_resolve(self.root, b) for b in branches]
        plans: dict[str, tuple[Coercer | None, bool]] = {}
        for shape, sample in (("none", None), ("object", {}), ("array", []), ("scalar", "")):
            fitting = [b for b in resolved if _fits(b, sample)]
            text_fits = any(b.get("type") == "string" for b in fitting)
            plans[shape] = (self._shaped(fitting[0]) if fitting else None, text_fits)

        def choose(data: Any, path: PathKey, quoted: Callable[[PathKey], bool]) -> Any:
            convert, text_fits = plans["none" if data is None else _shape(data)]
            if convert is None:
                return data
            if text_fits and isinstance(data, str):
                return data  # text is a valid reading: keep it as written
            return convert(data, path, quoted)

        return choose

    def _shaped(self, node: Mapping[str, Any]) -> Coercer:
        """The conversion by a node once any anyOf/oneOf branch is chosen."""
        kind = node.get("type")
        kind = kind if kind in _TYPED else None
        properties = {k: self.of(v) for k, v in node.get("properties", {}).items()}
        extra = node.get("additionalProperties")
        other = self.of(extra) if isinstance(extra, dict) else None
        items = node.get("items")
        each = self.of(items) if isinstance(items, dict) else None
        has_items = isinstance(items, dict)

        def convert(data: Any, path: PathKey, quoted: Callable[[PathKey], bool]) -> Any:
            if isinstance(data, str):
                if kind is not None and not quoted(path):
                    converted = typed(data, kind)  # type: ignore[arg-type]
                    return data if converted is None else converted
                return data
            if isinstance(data, dict):
                out = dict(data)
                for key, value in data.items():
                    child = properties.get(key, other)
                    if child is not None:
                        out[key] = child(value, (*path, key), quoted)
                return out
            if isinstance(data, list) and has_items:
                if each is None:
                    return list(data)
                return [each(item, (*path, i), quoted) for i, item in enumerate(data)]
            return data

        return convert


def _fits(node: Mapping[str, Any], data: Any) -> bool:
    """Whether a schema branch is meant for this shape of value (mapping, list or scalar)."""
    if data is None:
        return False  # an empty value fits no branch: the message then lists them all
    kind = node.get("type")
    if kind in ("object", "array"):
        return _shape(data) == kind
    if kind is not None or "enum" in node or "const" in node:
        return _shape(data) == "scalar"
    return True


# --- error explanation -------------------------------------------------------------------------


def describe_path(path: PathKey, lang: str) -> str:
    """A path for people, list positions 1-based: `langkah` ke-3 › `waktu`."""
    if not path:
        return "berkas SOP" if lang == "id" else "the SOP file"
    parts: list[str] = []
    for part in path:
        if isinstance(part, int):
            number = f"ke-{part + 1}" if lang == "id" else f"#{part + 1}"
            parts[-1:] = [f"{parts[-1]} {number}" if parts else number]
        else:
            parts.append(f"`{part}`")
    return " › ".join(parts)


def _example(schema: Mapping[str, Any]) -> dict[str, str]:
    examples = schema.get("examples")
    if not examples:
        return {"example_id": "", "example_en": ""}
    sample = examples[0]
    text = sample if isinstance(sample, str) else json.dumps(sample, ensure_ascii=False)
    return {"example_id": f" Contoh: `{text}`.", "example_en": f" Example: `{text}`."}


def _form(pattern: str) -> dict[str, str]:
    form_id, form_en, fix_id, fix_en = FORMS[pattern]
    return {"form_id": form_id, "form_en": form_en, "fix_id": fix_id, "fix_en": fix_en}


def _explain(doc: LoadedDocument, error: ValidationError) -> Iterator[tuple[Diagnostic, PathKey]]:
    path: PathKey = tuple(error.absolute_path)
    validator = error.validator
    schema = error.schema if isinstance(error.schema, Mapping) else {}
    instance = error.instance

    def at(message: Message, place: PathKey = path, *, at_key: bool | None = None, **args: Any):
        if at_key is None:
            # A whole mapping or list is shown by its key line rather than its first item.
            at_key = bool(place) and isinstance(place[-1], str) and isinstance(
                instance, dict | list)
        line, column = doc.locate(place, key=at_key)
        where = {"where_id": describe_path(path, "id"), "where_en": describe_path(path, "en")}
        return message.at(doc.file, line, column, **where, **args), place

    if validator == "additionalProperties" and isinstance(instance, dict):
        allowed = list(schema.get("properties", {}))
        for key in instance:
            if key not in allowed:
                hint_id, hint_en = did_you_mean(str(key), allowed)
                yield at(UNKNOWN_KEY, (*path, key), at_key=True, key=key,
                         hint_id=hint_id, hint_en=hint_en)
    elif validator == "required" and isinstance(instance, dict):
        properties = schema.get("properties", {})
        for key in error.validator_value:
            if key not in instance:
                example = _example(_resolve(load_schema(), properties.get(key, {})))
                yield at(MISSING_KEY, key=key, **example)
    elif validator == "type":
        yield at(WRONG_TYPE, **_expected([error.validator_value], instance), **_example(schema))
    elif validator == "pattern" and error.validator_value in FORMS:
        yield at(BAD_FORMAT, value=instance, **_form(error.validator_value))
    elif validator == "propertyNames":
        yield at(BAD_FORMAT, value=instance, **_form("^[a-z0-9_-]+$"))
    elif validator == "minItems":
        yield at(TOO_FEW, count=error.validator_value, **_example(schema))
    elif validator == "minLength":
        yield at(EMPTY_TEXT)
    elif validator in ("const", "enum"):
        values = error.validator_value if validator == "enum" else [error.validator_value]
        yield at(NOT_ALLOWED, value=instance, allowed=", ".join(f"`{v}`" for v in values))
    elif validator in ("minimum", "maximum"):
        yield at(OUT_OF_RANGE, value=instance, low=schema.get("minimum", "-"),
                 high=schema.get("maximum", "-"))
    elif validator in ("oneOf", "anyOf"):
        yield from _explain_choice(doc, error, at)
    else:
        yield at(OTHER, detail=error.message)


def _expected(kinds: list[Any], instance: Any) -> dict[str, str]:
    flat: list[str] = []
    for kind in kinds:
        for k in kind if isinstance(kind, list) else [kind]:
            if k not in flat:
                flat.append(k)
    expected_id = " atau ".join(TYPE_WORDS.get(k, (k, k))[0] for k in flat)
    expected_en = " or ".join(TYPE_WORDS.get(k, (k, k))[1] for k in flat)
    if instance is None:
        expected_id += " (saat ini kosong)"
        expected_en += " (it is empty now)"
    return {"expected_id": expected_id, "expected_en": expected_en}


def _explain_choice(
    doc: LoadedDocument, error: ValidationError, at: Any
) -> Iterator[tuple[Diagnostic, PathKey]]:
    """One clear message for a failed anyOf/oneOf instead of one per branch."""
    instance = error.instance
    branches = [_resolve(load_schema(), b) for b in error.validator_value]
    if branches and all(set(b) == {"required"} for b in branches):
        keys = ", ".join(f"`{k}`" for b in branches for k in b["required"])
        yield at(ONE_OF_KEYS, keys=keys)
        return
    fitting = [i for i, b in enumerate(branches) if _fits(b, instance)]
    if not fitting:
        yield at(WRONG_TYPE, **_expected([b.get("type", "string") for b in branches], instance),
                 **_example(error.schema))
        return
    # The first branch made for this shape of value holds the errors worth reporting.
    chosen = fitting[0]
    found = False
    for sub in error.context:
        if sub.relative_schema_path and sub.relative_schema_path[0] == chosen:
            found = True
            yield from _explain(doc, sub)
    if not found:
        yield at(OTHER, detail=error.message)
