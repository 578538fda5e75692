"""The quick schema check says yes exactly when jsonschema finds no error."""

from __future__ import annotations

import copy
from pathlib import Path
from typing import Any

import jsonschema
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from sopgen.check import schema as schema_check
from sopgen.check.accept import UnsupportedSchema, compile_check
from sopgen.check.schema import check_schema, coerce, load_schema
from sopgen.read.loader import load_bytes

REPO = Path(__file__).resolve().parents[1]
SOP_FILES = sorted(
    p for folder in (REPO / "sops", REPO / "tests" / "fixtures") for p in folder.rglob("*.y*ml")
)


def documents() -> list[Any]:
    """The schema's view of every repository and fixture file that loads."""
    found = []
    for path in SOP_FILES:
        doc, _ = load_bytes(path.read_bytes(), path.name)
        if doc is not None:
            found.append(coerce(doc.data, doc.is_quoted))
    return found


DOCUMENTS = documents()
SOP_CHECK = compile_check(load_schema())
PRECISE = jsonschema.Draft202012Validator(load_schema())


def test_agrees_on_every_repository_and_fixture_file() -> None:
    assert len(DOCUMENTS) > 20
    verdicts = [SOP_CHECK(data) for data in DOCUMENTS]
    assert verdicts == [PRECISE.is_valid(data) for data in DOCUMENTS]
    assert True in verdicts and False in verdicts


scalars = st.one_of(
    st.none(), st.booleans(), st.integers(-3, 3), st.sampled_from([0.5, 1.0, 2.5, -1.0]),
    st.sampled_from(["", "x", "ya", "tidak", "l1", "selesai", "2024-01-15", "Ab c", "A B",
                     "2026-11-20 15:30", "15 menit", "199003", "1"]),
)
values = st.recursive(
    scalars,
    lambda inner: st.one_of(
        st.lists(inner, max_size=3),
        st.dictionaries(st.sampled_from(["id", "nama", "sop", "ya", "x", "Bad Key"]), inner,
                        max_size=3),
    ),
    max_leaves=6,
)


def paths(data: Any, prefix: tuple[Any, ...] = ()) -> list[tuple[Any, ...]]:
    found = [prefix]
    if isinstance(data, dict):
        for key, value in data.items():
            found += paths(value, (*prefix, key))
    elif isinstance(data, list):
        for index, value in enumerate(data):
            found += paths(value, (*prefix, index))
    return found


@settings(max_examples=400, deadline=None)
@given(st.data())
def test_agrees_on_mutated_documents(data: st.DataObject) -> None:
    document = copy.deepcopy(data.draw(st.sampled_from(DOCUMENTS)))
    for _ in range(data.draw(st.integers(1, 3))):
        path = data.draw(st.sampled_from(paths(document)))
        if not path:
            continue
        *parents, last = path
        parent = document
        for part in parents:
            parent = parent[part]
        action = data.draw(st.sampled_from(["replace", "delete", "add"]))
        if action == "replace":
            parent[last] = data.draw(values)
        elif action == "delete":
            del parent[last]
        elif isinstance(parent, dict):
            parent[data.draw(st.sampled_from(["id", "lanjut", "asing", "sop"]))] = data.draw(values)
        else:
            parent.append(data.draw(values))
    assert SOP_CHECK(document) == PRECISE.is_valid(document)


PATTERNS = ["^[a-z0-9_-]+$", r"^\d{4}$", "b", "^$"]
leaf_schemas = st.one_of(
    st.booleans(),
    st.fixed_dictionaries({}, optional={
        "type": st.one_of(
            st.sampled_from(["string", "integer", "number", "boolean", "null", "object", "array"]),
            st.lists(st.sampled_from(["string", "integer", "null", "array"]), min_size=1,
                     max_size=2, unique=True),
        ),
        "minLength": st.integers(0, 2), "pattern": st.sampled_from(PATTERNS),
        "minimum": st.sampled_from([0, 0.5, 1]), "maximum": st.sampled_from([0, 1, 2.5]),
        "minItems": st.integers(0, 2), "required": st.lists(st.sampled_from(["a", "b"]),
                                                            unique=True, max_size=2),
        "enum": st.lists(scalars, min_size=1, max_size=3), "const": scalars,
        "title": st.just("diabaikan"),
    }),
)
schemas = st.recursive(
    leaf_schemas,
    lambda inner: st.one_of(
        st.fixed_dictionaries({}, optional={
            "type": st.sampled_from(["object", "array"]),
            "items": inner,
            "properties": st.dictionaries(st.sampled_from(["a", "b", "c"]), inner, max_size=2),
            "additionalProperties": inner,
            "propertyNames": st.fixed_dictionaries({"pattern": st.sampled_from(PATTERNS)}),
            "required": st.lists(st.sampled_from(["a", "b"]), unique=True, max_size=2),
        }),
        st.fixed_dictionaries({"anyOf": st.lists(inner, min_size=1, max_size=3)}),
        st.fixed_dictionaries({"oneOf": st.lists(inner, min_size=1, max_size=3)}),
    ),
    max_leaves=5,
)
instances = st.recursive(
    scalars,
    lambda inner: st.one_of(
        st.lists(inner, max_size=3),
        st.dictionaries(st.sampled_from(["a", "b", "c", "A", "2020"]), inner, max_size=3),
    ),
    max_leaves=6,
)


@settings(max_examples=600, deadline=None)
@given(schemas, instances)
def test_agrees_with_jsonschema_on_any_schema_it_compiles(schema: Any, instance: Any) -> None:
    expected = jsonschema.Draft202012Validator(schema).is_valid(instance)
    assert compile_check(schema)(instance) == expected


@pytest.mark.parametrize(("schema", "instance", "valid"), [
    ({"type": "integer"}, True, False),
    ({"type": "integer"}, 1.0, True),
    ({"type": "number"}, False, False),
    ({"enum": [1]}, True, False),
    ({"const": False}, 0, False),
    ({"enum": [1]}, 1.0, True),
    ({"oneOf": [{"type": "string"}, {"minLength": 1}]}, "x", False),
    ({"oneOf": [{"type": "string"}, {"minLength": 1}]}, "", True),
    ({"$defs": {"a": {"minimum": 2}}, "$ref": "#/$defs/a", "maximum": 3}, 4, False),
    ({"$id": "https://x.test/s.json", "$defs": {"a": {"type": "null"}},
      "$ref": "https://x.test/s.json#/$defs/a"}, None, True),
    ({"propertyNames": {"pattern": "^[a-z]+$"}}, {"Bad": 1}, False),
    ({"properties": {"a": {"type": "string"}}, "additionalProperties": False}, {"a": 1}, False),
    ({"properties": {"a": {"type": "string"}}, "additionalProperties": False}, {"b": ""}, False),
])
def test_json_meaning(schema: dict[str, Any], instance: Any, valid: bool) -> None:
    assert jsonschema.Draft202012Validator(schema).is_valid(instance) is valid
    assert compile_check(schema)(instance) is valid


def test_recursive_schema() -> None:
    tree = {"$defs": {"node": {"type": "array", "items": {"$ref": "#/$defs/node"}}},
            "$ref": "#/$defs/node"}
    check = compile_check(tree)
    assert check([[], [[]]]) and not check([[], [1]])


@pytest.mark.parametrize("schema", [
    {"format": "date"}, {"patternProperties": {}}, {"$ref": "other.json#/a"},
    {"$ref": "#/$defs/missing"}, {"type": "date"},
])
def test_unknown_keywords_are_refused(schema: dict[str, Any]) -> None:
    with pytest.raises(UnsupportedSchema):
        compile_check(schema)


def test_schema_check_falls_back_to_jsonschema(monkeypatch: pytest.MonkeyPatch) -> None:
    def refuse(schema: Any) -> Any:
        raise UnsupportedSchema("pretend a new keyword")

    monkeypatch.setattr(schema_check, "compile_check", refuse)
    schema_check._accepts.cache_clear()
    try:
        good = (REPO / "tests" / "fixtures" / "rules" / "valid_minimal.yaml").read_bytes()
        doc, _ = load_bytes(good, "a.yaml")
        bad, _ = load_bytes(good.replace(b"versi_format: 1", b"versi_format: 2"), "b.yaml")
        assert doc is not None and bad is not None
        assert list(check_schema(doc)) == []
        assert [d.code for d in check_schema(bad)] != []
    finally:
        schema_check._accepts.cache_clear()
