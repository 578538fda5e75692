"""A quick yes or no to "does this data satisfy the JSON Schema?", compiled into closures.

Almost every file in a corpus is valid, and for those a yes is all that is needed; `jsonschema`
is only asked (slowly, precisely) to explain a no. The check understands the keywords the SOP
schema uses, with `jsonschema`'s meaning (draft 2020-12: `$ref` beside other keywords, booleans
are not numbers, `1 == 1.0` but `true != 1`). A schema with any other keyword is refused with
`UnsupportedSchema`, so that a change to the schema can make checking slower but never wrong.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Mapping, Sequence
from typing import Any

Check = Callable[[Any], bool]

__all__ = ["Check", "UnsupportedSchema", "compile_check"]

# Keywords that never reject anything.
_ANNOTATIONS = frozenset({
    "$schema", "$id", "$defs", "$comment", "title", "description", "examples", "default",
})
_ASSERTIONS = frozenset({
    "type", "enum", "const", "anyOf", "oneOf", "$ref", "minLength", "pattern", "minimum",
    "maximum", "minItems", "items", "properties", "additionalProperties", "required",
    "propertyNames",
})


class UnsupportedSchema(ValueError):
    """The schema uses a keyword or a reference this compiler does not know."""


def compile_check(schema: Mapping[str, Any] | bool) -> Check:
    """A function telling whether an instance is valid against ``schema`` (its root)."""
    return _Compiler(schema).node(schema)


def _accept(instance: Any) -> bool:
    return True


def _reject(instance: Any) -> bool:
    return False


def _is_number(value: Any) -> bool:
    return isinstance(value, int | float) and not isinstance(value, bool)


_TYPES: dict[str, Check] = {
    "string": lambda v: isinstance(v, str),
    "object": lambda v: isinstance(v, dict),
    "array": lambda v: isinstance(v, list),
    "boolean": lambda v: isinstance(v, bool),
    "null": lambda v: v is None,
    "number": _is_number,
    "integer": lambda v: _is_number(v) and (isinstance(v, int) or v.is_integer()),
}


def _equal(one: Any, two: Any) -> bool:
    """JSON equality as `jsonschema` has it: booleans equal only booleans."""
    if isinstance(one, str) or isinstance(two, str):
        return bool(one == two)
    if isinstance(one, bool) or isinstance(two, bool):
        return isinstance(one, bool) and isinstance(two, bool) and one is two
    if isinstance(one, list) and isinstance(two, list):
        return len(one) == len(two) and all(_equal(a, b) for a, b in zip(one, two, strict=True))
    if isinstance(one, dict) and isinstance(two, dict):
        return one.keys() == two.keys() and all(_equal(one[k], two[k]) for k in one)
    if isinstance(one, list | dict) or isinstance(two, list | dict):
        return False
    return bool(one == two)


def _all(checks: Sequence[Check]) -> Check:
    if not checks:
        return _accept
    if len(checks) == 1:
        return checks[0]
    if len(checks) == 2:
        first, second = checks
        return lambda v: first(v) and second(v)
    frozen = tuple(checks)

    return lambda v: all(check(v) for check in frozen)


class _Compiler:
    def __init__(self, root: Mapping[str, Any] | bool) -> None:
        self.root = root
        self.base = root.get("$id", "") if isinstance(root, Mapping) else ""
        self.done: dict[int, Check] = {}

    def node(self, node: Any) -> Check:
        if node is True:
            return _accept
        if node is False:
            return _reject
        if not isinstance(node, Mapping):
            raise UnsupportedSchema(f"not a schema: {node!r}")
        known = self.done.get(id(node))
        if known is not None:
            return known
        # A reference cycle reaches this node again while it compiles: go through a cell.
        cell: list[Check] = []
        self.done[id(node)] = lambda v: cell[0](v)
        check = self._compile(node)
        cell.append(check)
        self.done[id(node)] = check
        return check

    def _compile(self, node: Mapping[str, Any]) -> Check:
        unknown = set(node) - _ANNOTATIONS - _ASSERTIONS
        if unknown:
            raise UnsupportedSchema(f"keywords {sorted(unknown)}")
        kind = node.get("type")
        kinds = set(kind) if isinstance(kind, list) else {kind} if kind is not None else set()
        if not kinds <= set(_TYPES):
            raise UnsupportedSchema(f"type {kind!r}")
        checks: list[Check] = []
        # The type is folded into the shape checks below when it names that one shape.
        if kinds and not (len(kinds) == 1 and kinds & {"string", "object", "array"}):
            tests = tuple(_TYPES[k] for k in sorted(kinds))
            checks.append(lambda v: any(test(v) for test in tests))
        only = next(iter(kinds)) if len(kinds) == 1 else None
        checks.extend(self._string(node, required=only == "string"))
        checks.extend(self._array(node, required=only == "array"))
        checks.extend(self._object(node, required=only == "object"))
        checks.extend(self._number(node))
        checks.extend(self._values(node))
        checks.extend(self._combinations(node))
        return _all(checks)

    def _string(self, node: Mapping[str, Any], *, required: bool) -> list[Check]:
        shortest = node.get("minLength", 0)
        pattern = node.get("pattern")
        if not required and not shortest and pattern is None:
            return []
        search = re.compile(pattern).search if pattern is not None else None

        def string(value: Any) -> bool:
            if not isinstance(value, str):
                return not required
            if len(value) < shortest:
                return False
            return search is None or search(value) is not None

        return [string]

    def _array(self, node: Mapping[str, Any], *, required: bool) -> list[Check]:
        fewest = node.get("minItems", 0)
        items = self.node(node["items"]) if "items" in node else None
        if not required and not fewest and items is None:
            return []

        def array(value: Any) -> bool:
            if not isinstance(value, list):
                return not required
            if len(value) < fewest:
                return False
            if items is not None:
                for item in value:
                    if not items(item):
                        return False
            return True

        return [array]

    def _object(self, node: Mapping[str, Any], *, required: bool) -> list[Check]:
        needed = tuple(node.get("required", ()))
        properties = {k: self.node(s) for k, s in node.get("properties", {}).items()}
        extra = self.node(node["additionalProperties"]) if "additionalProperties" in node else None
        names = self.node(node["propertyNames"]) if "propertyNames" in node else None
        if not (required or needed or properties or extra is not None or names is not None):
            return []
        lookup = properties.get

        def mapping(value: Any) -> bool:
            if not isinstance(value, dict):
                return not required
            for key in needed:
                if key not in value:
                    return False
            for key, item in value.items():
                check = lookup(key, extra)
                if check is not None and not check(item):
                    return False
                if names is not None and not names(key):
                    return False
            return True

        return [mapping]

    def _number(self, node: Mapping[str, Any]) -> list[Check]:
        checks: list[Check] = []
        if "minimum" in node:
            low = node["minimum"]
            checks.append(lambda v: not _is_number(v) or v >= low)
        if "maximum" in node:
            high = node["maximum"]
            checks.append(lambda v: not _is_number(v) or v <= high)
        return checks

    def _values(self, node: Mapping[str, Any]) -> list[Check]:
        checks: list[Check] = []
        for allowed in ([node["const"]] if "const" in node else None, node.get("enum")):
            if allowed is None:
                continue
            choices = tuple(allowed)
            texts = frozenset(c for c in choices if isinstance(c, str))

            def one_of(value: Any, choices: tuple[Any, ...] = choices,
                       texts: frozenset[str] = texts) -> bool:
                if isinstance(value, str):
                    return value in texts
                return any(_equal(value, choice) for choice in choices)

            checks.append(one_of)
        return checks

    def _combinations(self, node: Mapping[str, Any]) -> list[Check]:
        checks: list[Check] = []
        if "$ref" in node:
            checks.append(self.node(self._resolve(node["$ref"])))
        if "anyOf" in node:
            branches = tuple(self.node(b) for b in node["anyOf"])
            if len(branches) == 2:  # the usual "text or list of texts"
                first, second = branches
                checks.append(lambda v: first(v) or second(v))
            else:
                checks.append(lambda v: any(branch(v) for branch in branches))
        if "oneOf" in node:
            options = tuple(self.node(b) for b in node["oneOf"])
            checks.append(lambda v: sum(1 for option in options if option(v)) == 1)
        return checks

    def _resolve(self, ref: str) -> Any:
        if self.base and ref.startswith(self.base + "#"):
            ref = ref[len(self.base):]
        if not ref.startswith("#"):
            raise UnsupportedSchema(f"reference {ref!r}")
        target: Any = self.root
        for part in ref[1:].split("/")[1:]:
            part = part.replace("~1", "/").replace("~0", "~")
            if isinstance(target, Mapping) and part in target:
                target = target[part]
            elif isinstance(target, list) and part.isdigit() and int(part) < len(target):
                target = target[int(part)]
            else:
                raise UnsupportedSchema(f"reference {ref!r}")
        return target
