"""Hypothesis strategies for the differential tests: schema-shaped JSON, valid-leaning and mutated.

``json_values`` draws arbitrary JSON whose leaves and keys favour the literals a schema mentions
(limits and their neighbours, enum values, property names), so boundaries get exercised.
``schema_instances`` draws instances that follow a schema's shape (types, required properties,
enums, bounds, multiples, patterns of digits) for valid-leaning data; ``mutated`` perturbs them.
"""

from __future__ import annotations

import copy
from typing import Any

from hypothesis import strategies as st

Resolve = Any  # (ref string) -> schema dict


def literals(schema: Any) -> tuple[list[Any], list[str]]:
    """Scalars (numbers with neighbours, strings) and property names found in ``schema``."""
    atoms: list[Any] = [None, True, False, 0, 1, -1, 1.5, "", "0", "-1"]
    keys: list[str] = []
    stack = [schema]
    while stack:
        node = stack.pop()
        if isinstance(node, dict):
            for key, value in node.items():
                if key in ("properties", "patternProperties", "dependentRequired"):
                    keys.extend(value)
                stack.append(value)
        elif isinstance(node, list):
            stack.extend(node)
        elif isinstance(node, bool) or node is None:
            continue
        elif isinstance(node, (int, float)):
            atoms += [node, node - 1, node + 1, node * 2, float(node)]
        elif isinstance(node, str):
            atoms.append(node)
            keys.append(node)
    return atoms, keys + ["x-a", "zz"]


def json_values(schema: Any) -> st.SearchStrategy[Any]:
    atoms, keys = literals(schema)
    leaves = st.sampled_from(atoms) | st.integers(-100, 3000) | st.text(max_size=5)
    return st.recursive(
        leaves,
        lambda inner: (
            st.lists(inner, max_size=4)
            | st.dictionaries(st.sampled_from(keys) | st.text(max_size=3), inner, max_size=4)
        ),
        max_leaves=12,
    )


def schema_instances(schema: Any, resolve: Resolve, depth: int = 0) -> st.SearchStrategy[Any]:
    """Instances shaped like ``schema`` (valid-leaning, not guaranteed valid)."""
    if not isinstance(schema, dict):
        return st.none()
    if "$ref" in schema:
        if depth > 6:
            return st.none()
        return st.deferred(lambda: schema_instances(resolve(schema["$ref"]), resolve, depth + 1))
    if "enum" in schema:
        return st.sampled_from(schema["enum"])
    variants = schema.get("oneOf", schema.get("anyOf"))
    if variants and "type" not in schema:
        return st.one_of([schema_instances(v, resolve, depth + 1) for v in variants])
    kinds = schema.get("type", "object")
    kinds = kinds if isinstance(kinds, list) else [kinds]
    return st.one_of([_typed(schema, kind, resolve, depth) for kind in kinds])


def _typed(schema: dict[str, Any], kind: str, resolve: Resolve, depth: int) -> Any:
    if kind in ("integer", "number"):
        bound = 2**31 - 1 if schema.get("format") == "int32" else 2**40
        low, high = schema.get("minimum", -bound), schema.get("maximum", bound)
        step = schema.get("multipleOf", 1)
        ints = st.integers(int(low // step) - 1, int(high // step) + 1).map(lambda n: n * step)
        return ints if kind == "integer" else ints | st.floats(low, high)
    if kind == "string":
        if schema.get("pattern") == "^-?[0-9]+$":
            return st.integers(-(2**63), 2**63).map(str)
        return st.text(max_size=8)
    if kind == "boolean":
        return st.booleans()
    if kind == "array":
        items = schema_instances(schema.get("items", {}), resolve, depth + 1)
        prefix = [schema_instances(p, resolve, depth + 1) for p in schema.get("prefixItems", ())]
        rest = st.lists(items, max_size=3)
        return st.tuples(*prefix, rest).map(lambda t: [*t[:-1], *t[-1]]) if prefix else rest
    if kind == "null":
        return st.none()
    return _object(schema, resolve, depth)


def _object(schema: dict[str, Any], resolve: Resolve, depth: int) -> Any:
    properties = schema.get("properties", {})
    required = set(schema.get("required", ()))
    fixed = {
        k: schema_instances(v, resolve, depth + 1) for k, v in properties.items() if k in required
    }
    optional = {
        k: schema_instances(v, resolve, depth + 1)
        for k, v in properties.items()
        if k not in required
    }
    return st.fixed_dictionaries(fixed, optional=optional)


@st.composite
def mutated(draw: st.DrawFn, base: st.SearchStrategy[Any], noise: st.SearchStrategy[Any]) -> Any:
    """A drawn instance with one node replaced, removed or extended (or left alone)."""
    value = copy.deepcopy(draw(base))
    paths = list(_paths(value))
    path = draw(st.sampled_from(paths))
    action = draw(st.sampled_from(["replace", "delete", "add", "keep"]))
    if action == "keep":
        return value
    if not path:
        return draw(noise) if action == "replace" else value
    parent = value
    for token in path[:-1]:
        parent = parent[token]
    last = path[-1]
    if action == "replace":
        parent[last] = draw(noise)
    elif action == "delete" and isinstance(parent, dict):
        del parent[last]
    elif action == "add" and isinstance(parent[last], dict):
        parent[last][draw(st.sampled_from(["zz", "x-a", "type"]))] = draw(noise)
    return value


def _paths(value: Any, prefix: tuple[Any, ...] = ()) -> Any:
    yield prefix
    if isinstance(value, dict):
        for key, child in value.items():
            yield from _paths(child, (*prefix, key))
    elif isinstance(value, list):
        for index, child in enumerate(value):
            yield from _paths(child, (*prefix, index))
