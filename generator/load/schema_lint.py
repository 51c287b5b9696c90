"""The structural lint's Schema Objects, checked one node at a time by a flat walk.

jsonschema checks a nested Schema Object by recursion through the meta-schema, one nest of
generators per level. On CPython 3.11 each generator started that deep costs time in proportion
to the depth (the interpreter walks the suspended generators' exception states), and 2020-12's
``$dynamicRef`` walks the dynamic scope at every level: an ``allOf`` nested 800 deep took 3 s,
four times 400's. Here the meta-schema is cut at its subschemas (:func:`shallow_30`,
:func:`shallow_2020_12`): each node is checked against the meta-schema with its subschemas taken
as they are, and :meth:`Shallow.errors` visits the nodes with an explicit stack, each against
what its place demands (in 3.0: a Schema or a Reference Object, whose subschemas are not read).
The problems are the recursive check's, at the same pointers.
"""

from __future__ import annotations

import copy
from collections.abc import Callable, Iterator, Mapping
from dataclasses import dataclass
from typing import TYPE_CHECKING, Any, Literal
from urllib.parse import urljoin

if TYPE_CHECKING:
    from jsonschema.exceptions import ValidationError
    from jsonschema.protocols import Validator

__all__ = ["Shallow", "shallow_30", "shallow_2020_12"]

Kind = Literal["one", "array", "map"]
"""What a keyword holds: one subschema, an array of them, or an object whose values are."""
Link = tuple["Link", str | int] | None
"""A node's place below the walk's root: its parent's link and its key (``None``: the root)."""
Json = dict[str, Any]

_DRAFT = "https://json-schema.org/draft/2020-12/schema"
_NODE = "specgen-schema-node"  # the cut meta-schema's name among the definitions


@dataclass(frozen=True, slots=True)
class Shallow:
    """How to lint a tree of Schema Objects node by node. ``node`` checks one Schema Object (its
    subschemas not looked into); ``positions`` maps each keyword that holds subschemas to what it
    holds and the check of each subschema there. ``reference`` (3.0): an object with ``$ref``
    below the root is a Reference Object, checked by it, nothing below it a subschema, and any
    other object a Schema Object (what "a Schema or a Reference Object" comes to for an object;
    the explanation of a failure is then the one the object's kind calls for)."""

    node: Validator
    positions: Mapping[str, tuple[Kind, Validator]]
    reference: Validator | None = None

    def errors(self, root: Any) -> Iterator[ValidationError]:
        """Every error of ``root`` (checked by ``node``) and of each subschema below it, each
        with its path from ``root``; one node at a time, in no particular order."""
        stack: list[tuple[Link, Any, Validator]] = [(None, root, self.node)]
        while stack:
            link, value, lint = stack.pop()
            for error in lint.iter_errors(value):
                error.path.extendleft(reversed(_path(link)))
                yield error
            if isinstance(value, dict) and not (self.reference and "$ref" in value):
                stack.extend(self._children(link, value))

    def _children(self, link: Link, value: Json) -> Iterator[tuple[Link, Any, Validator]]:
        for key, child in value.items():
            kind, lint = self.positions.get(key, (None, self.node))
            here: Link = (link, key)
            match kind:
                case "one":
                    yield here, child, self._check(child, lint)
                case "array" if isinstance(child, list):
                    yield from (((here, i), item, self._check(item, lint))
                                for i, item in enumerate(child))
                case "map" if isinstance(child, dict):
                    yield from (((here, k), item, self._check(item, lint))
                                for k, item in child.items())

    def _check(self, child: Any, lint: Validator) -> Validator:
        if self.reference is None or not isinstance(child, dict):
            return lint
        return self.reference if "$ref" in child else self.node


def _path(link: Link) -> list[str | int]:
    """The keys from the walk's root to ``link``."""
    out: list[str | int] = []
    while link is not None:
        link, key = link
        out.append(key)
    return out[::-1]


def _classify(schema: Any, is_self: Callable[[Any], bool]) -> tuple[Kind, Any] | None:
    """What a meta-schema keyword's ``schema`` holds and the schema of each subschema there
    (``is_self``: whether a schema is the meta-schema's reference to itself)."""
    def names_self(s: Any) -> bool:
        alternatives: list[Any] = (s.get("oneOf") or s.get("anyOf") or []
                                   if isinstance(s, dict) else [])
        return is_self(s) or any(is_self(a) for a in alternatives)

    if not isinstance(schema, dict):
        return None
    if names_self(schema):
        return "one", schema
    if names_self(schema.get("items")):
        return "array", schema["items"]
    if names_self(schema.get("additionalProperties")):
        return "map", schema["additionalProperties"]
    return None


def _cut(properties: Json, positions: dict[str, tuple[Kind, Any]], anything: Any,
         resolve: Callable[[Any], Any], is_self: Callable[[Any], bool]) -> Json:
    """``properties`` of a meta-schema with each keyword's subschemas taken as they are
    (``anything``); the keywords holding them are added to ``positions``."""
    out = dict(properties)
    for key, schema in properties.items():
        found = _classify(resolve(schema), is_self)
        if found is None:
            continue
        kind, each = found
        positions[key] = (kind, each)
        match kind:
            case "one":
                out[key] = anything
            case "array":
                out[key] = {**resolve(schema), "items": anything}
            case "map":
                out[key] = {**resolve(schema), "additionalProperties": anything}
    return out


def _replace(value: Any, is_self: Callable[[Any], bool], by: Any) -> Any:
    """A copy of a (small) schema with every self-reference replaced by ``by``."""
    if is_self(value):
        return copy.deepcopy(by)
    if isinstance(value, dict):
        return {k: _replace(v, is_self, by) for k, v in value.items()}
    if isinstance(value, list):
        return [_replace(v, is_self, by) for v in value]
    return value


def shallow_30(oas: Json) -> Shallow:
    """The node-by-node lint of OpenAPI 3.0's Schema Objects (``oas``: the 3.0 schema)."""
    from jsonschema import Draft4Validator

    definitions = oas["definitions"]
    mine = {"$ref": "#/definitions/Schema"}

    def is_self(s: Any) -> bool:
        return bool(s == mine)

    positions: dict[str, tuple[Kind, Any]] = {}
    schema = dict(definitions["Schema"])
    schema["properties"] = _cut(schema["properties"], positions, {}, lambda s: s, is_self)
    defs = {**definitions, "Schema": schema}
    checks = {key: (kind, Draft4Validator({**each, "definitions": defs}))
              for key, (kind, each) in positions.items()}
    return Shallow(node=Draft4Validator({**schema, "definitions": defs}), positions=checks,
                   reference=Draft4Validator({**defs["Reference"], "definitions": defs}))


def shallow_2020_12() -> Shallow:
    """The node-by-node lint of JSON Schema 2020-12 Schema Objects (OpenAPI 3.1's default
    dialect): the meta-schema and its vocabularies folded into one document, ``$dynamicRef:
    #meta`` (the meta-schema itself) cut out."""
    from jsonschema import Draft202012Validator
    from jsonschema_specifications import REGISTRY  # type: ignore[import-untyped]

    root = REGISTRY.contents(_DRAFT)
    parts = [root, *(REGISTRY.contents(urljoin(_DRAFT, p["$ref"])) for p in root["allOf"])]
    defs: Json = {name: d for part in parts for name, d in part.get("$defs", {}).items()}
    assert len(defs) == sum(len(p.get("$defs", {})) for p in parts), "one name, one definition"

    def is_self(s: Any) -> bool:
        return bool(s == {"$dynamicRef": "#meta"})

    def local(s: Any) -> Any:  # "meta/validation#/$defs/x" -> "#/$defs/x", throughout
        if isinstance(s, dict):
            return {k: "#" + v.partition("#")[2] if k == "$ref" and isinstance(v, str)
                    else local(v) for k, v in s.items()}
        return [local(v) for v in s] if isinstance(s, list) else s

    defs = local(defs)

    def resolve(s: Any) -> Any:  # a keyword's schema, when it is a reference to a definition
        return defs[s["$ref"][len("#/$defs/"):]] if isinstance(s, dict) and "$ref" in s else s

    positions: dict[str, tuple[Kind, Any]] = {}
    folded = []
    for part in parts:
        kept = {k: v for k, v in local(part).items()
                if k not in ("$schema", "$id", "$vocabulary", "$dynamicAnchor", "$defs", "allOf")}
        kept["properties"] = _cut(kept.get("properties", {}), positions, True, resolve, is_self)
        folded.append(kept)
    node: Json = {"allOf": folded}
    named = {**_replace(defs, is_self, True), _NODE: node}
    checks = {key: (kind, Draft202012Validator(
                        {**_replace(each, is_self, {"$ref": f"#/$defs/{_NODE}"}), "$defs": named}))
              for key, (kind, each) in positions.items()}
    return Shallow(node=Draft202012Validator({**node, "$defs": named}), positions=checks)
