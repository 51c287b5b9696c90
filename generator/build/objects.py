"""What kind of OpenAPI object stands where: every Schema, Parameter, Response... of a document.

The OpenAPI specification fixes the kind of object each position holds (``parameters`` items are
Parameter Objects, ``content/*/schema`` a Schema Object...), and a ``$ref`` stands for an object
of the kind its position expects. :func:`walk` visits the spec from its root, following each
``$ref`` once into the file and place it names, and returns every object with its kind and every
``$ref`` with the kind it must reach. Data (examples, defaults, extensions) is never walked.
"""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass, field
from typing import Any

from ..diagnostics import Location
from ..load.loader import Document

__all__ = ["Objects", "Reference", "kind_name", "resolved", "walk"]

_METHODS = ("get", "put", "post", "delete", "options", "head", "patch", "trace")
_COMPONENTS = {
    "schemas": "schema", "responses": "response", "parameters": "parameter",
    "examples": "example", "requestBodies": "requestBody", "headers": "header",
    "securitySchemes": "securityScheme", "links": "link", "callbacks": "callback",
    "pathItems": "pathItem",
}
# kind -> (keyword, kind of its value) / (keyword, kind of each entry of its map or list)
_ONE = {
    "operation": (("requestBody", "requestBody"), ("responses", "responses")),
    "parameter": (("schema", "schema"),),
    "header": (("schema", "schema"),),
    "mediaType": (("schema", "schema"),),
}
_MAP = {
    "pathItem": (("servers", "server"), ("parameters", "parameter")),
    "operation": (("parameters", "parameter"), ("callbacks", "callback"), ("servers", "server")),
    "response": (("headers", "header"), ("content", "mediaType"), ("links", "link")),
    "parameter": (("content", "mediaType"), ("examples", "example")),
    "header": (("content", "mediaType"), ("examples", "example")),
    "requestBody": (("content", "mediaType"),),
    "mediaType": (("examples", "example"), ("encoding", "encoding")),
    "encoding": (("headers", "header"),),
}
_SCHEMA_ONE = ("additionalProperties", "additionalItems", "not", "if", "then", "else",
               "contains", "propertyNames", "unevaluatedItems", "unevaluatedProperties",
               "contentSchema", "items")
_SCHEMA_MAP = ("properties", "patternProperties", "$defs", "definitions", "dependentSchemas")
_SCHEMA_LIST = ("prefixItems", "allOf", "anyOf", "oneOf", "items")
_NAMES = {"schema": "Schema", "parameter": "Parameter", "response": "Response",
          "requestBody": "Request Body", "header": "Header", "example": "Example",
          "securityScheme": "Security Scheme", "link": "Link", "callback": "Callback",
          "pathItem": "Path Item", "operation": "Operation", "responses": "Responses",
          "mediaType": "Media Type", "encoding": "Encoding", "server": "Server"}


@dataclass(frozen=True, slots=True, kw_only=True)
class Reference:
    """A ``$ref`` (its own place ``where``) that must reach an object of ``kind``."""

    where: Location
    kind: str
    target: Location


@dataclass(slots=True)
class Objects:
    """Every object found, by place: ``kinds`` (place -> kind, a ``$ref`` standing for one
    included), ``references`` in the order met."""

    kinds: dict[Location, str] = field(default_factory=dict)
    references: list[Reference] = field(default_factory=list)

    def of_kind(self, kind: str) -> Iterator[Location]:
        """The places of every object of ``kind``, in the order met."""
        return (loc for loc, k in self.kinds.items() if k == kind)


def kind_name(kind: str) -> str:
    """The specification's name of a kind (``requestBody`` -> ``Request Body``)."""
    return _NAMES.get(kind, kind)


def walk(document: Document) -> Objects:
    """Every object of ``document`` reachable from its OpenAPI object, and every ``$ref``.

    Every place the document holds by its own structure is given its kind first; only then are
    the places ``$ref``s reach (in other files, or outside those structures) walked, each with
    the kind of its first ``$ref``: a component is the kind of its section, whatever refers to it.
    """
    found = Objects()
    todo: list[tuple[Location, str]] = [(Location(file=document.entry), "openapi")]
    referred: list[tuple[Location, str]] = []
    while todo or referred:
        loc, kind = todo.pop() if todo else referred.pop(0)
        if loc in found.kinds:
            continue
        try:
            node = document.get(loc)
        except (KeyError, IndexError, TypeError):
            continue
        found.kinds[loc] = kind
        ref = node.get("$ref") if isinstance(node, dict) else None
        if isinstance(ref, str) and kind != "openapi":
            target = _follow(document, ref, loc)
            if target is not None:
                found.references.append(Reference(where=loc.child("$ref"), kind=kind, target=target))
                referred.append((target, kind))
            if kind not in ("schema", "pathItem"):  # a Reference Object's siblings are ignored
                continue
        if isinstance(node, dict):
            todo.extend(reversed(list(_inside(node, loc, kind))))
    return found


def _follow(document: Document, ref: str, loc: Location) -> Location | None:
    """Where the ``$ref`` ``ref`` at ``loc`` points, or ``None`` when it cannot be followed."""
    try:
        return document.follow(ref, loc.child("$ref"))
    except (KeyError, ValueError):
        return None


def _inside(node: dict[str, Any], loc: Location, kind: str) -> Iterator[tuple[Location, str]]:
    """The objects directly inside ``node`` (an object of ``kind``), each with its kind."""
    if kind == "openapi":
        yield from _named(node.get("paths"), loc.child("paths"), "pathItem")
        yield from _named(node.get("webhooks"), loc.child("webhooks"), "pathItem")
        yield from _listed(node.get("servers"), loc.child("servers"), "server")
        components = node.get("components")
        for section, of in _COMPONENTS.items():
            if isinstance(components, dict):
                yield from _named(components.get(section), loc.child("components", section), of)
        return
    if kind == "schema":
        yield from _subschemas(node, loc)
        return
    if kind == "pathItem":
        yield from ((loc.child(m), "operation") for m in _METHODS if isinstance(node.get(m), dict))
    if kind in ("responses", "callback"):
        yield from _named(node, loc, "response" if kind == "responses" else "pathItem")
    for key, of in _ONE.get(kind, ()):
        if key in node:
            yield loc.child(key), of
    for key, of in _MAP.get(kind, ()):
        value = node.get(key)
        if isinstance(value, (list, dict)):
            yield from (_listed if isinstance(value, list) else _named)(value, loc.child(key), of)


def _named(value: Any, loc: Location, kind: str) -> Iterator[tuple[Location, str]]:
    """Each entry of a map of ``kind`` objects (extensions left out), with its kind."""
    if isinstance(value, dict):
        yield from ((loc.child(k), kind) for k in value if not str(k).startswith("x-"))


def _listed(value: Any, loc: Location, kind: str) -> Iterator[tuple[Location, str]]:
    """Each item of a list of ``kind`` objects, with its kind."""
    if isinstance(value, list):
        yield from ((loc.child(i), kind) for i in range(len(value)))


def _subschemas(node: dict[str, Any], loc: Location) -> Iterator[tuple[Location, str]]:
    # only the keywords present: a Location is made for each (GitHub: 85,000 schemas)
    """The subschemas a Schema Object holds, each as ``schema``: only the keywords present."""
    for key, value in node.items():
        if key not in _SUBSCHEMA_KEYS:
            continue
        if key in _SCHEMA_ONE and isinstance(value, (dict, bool)):
            yield loc.child(key), "schema"
        elif (key in _SCHEMA_MAP or key == "dependencies") and isinstance(value, dict):
            here = loc.child(key)
            yield from ((here.child(k), "schema") for k, v in value.items()
                        if key != "dependencies" or isinstance(v, dict))
        elif key in _SCHEMA_LIST and isinstance(value, list):
            here = loc.child(key)
            yield from ((here.child(i), "schema") for i in range(len(value)))


_SUBSCHEMA_KEYS = frozenset({*_SCHEMA_ONE, *_SCHEMA_MAP, *_SCHEMA_LIST, "dependencies"})


def resolved(document: Document, loc: Location) -> tuple[Location, Any]:
    """The object at ``loc``, its ``$ref``s followed (a bounded chain; cycles are E204's)."""
    for _ in range(64):
        try:
            node = document.get(loc)
        except (KeyError, IndexError, TypeError):
            return loc, None
        if not (isinstance(node, dict) and isinstance(node.get("$ref"), str)):
            return loc, node
        try:
            loc = document.follow(node["$ref"], loc.child("$ref"))
        except (KeyError, ValueError):
            return loc, None
    return loc, None
