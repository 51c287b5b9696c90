"""``$ref`` resolution with JSON Schema base URIs: ``$id``/``id`` and ``$anchor`` are honoured.

The loader only knows files and pointers; schemas embedded in a spec (and the JSON Schema Test
Suite) also name resources with ``$id`` and places with ``$anchor``. Only schema positions are
scanned, so an ``$id`` inside ``enum`` or ``const`` data is not mistaken for an identifier.
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from typing import Any
from urllib.parse import unquote, urldefrag, urljoin

from ..diagnostics import Location
from ..load.loader import Document

__all__ = ["Resolver", "subschema_positions"]

_BASE = "file:///spec/"
_SCHEME = re.compile(r"^[A-Za-z][A-Za-z0-9+.-]*:")
_MAPS = ("properties", "patternProperties", "$defs", "definitions", "dependentSchemas")
_LISTS = ("prefixItems", "allOf", "anyOf", "oneOf")
_SINGLE = (
    "additionalProperties",
    "additionalItems",
    "not",
    "if",
    "then",
    "else",
    "contains",
    "propertyNames",
    "unevaluatedItems",
    "unevaluatedProperties",
    "contentSchema",
)


def subschema_positions(raw: dict[str, Any]) -> Iterator[tuple[str, ...]]:
    """Yield the relative pointer tokens of every direct subschema of ``raw``."""
    for key in _SINGLE:
        if key in raw:
            yield (key,)
    for key in _MAPS:
        if isinstance(raw.get(key), dict):
            yield from ((key, name) for name in raw[key])
    for key in _LISTS:
        if isinstance(raw.get(key), list):
            yield from ((key, str(i)) for i in range(len(raw[key])))
    items = raw.get("items")
    if isinstance(items, list):
        yield from (("items", str(i)) for i in range(len(items)))
    elif items is not None:
        yield ("items",)
    deps = raw.get("dependencies")
    if isinstance(deps, dict):
        yield from (("dependencies", k) for k, v in deps.items() if not isinstance(v, list))


def _join(base: str, ref: str) -> str:
    """RFC 3986 reference resolution; ``urljoin`` ignores schemes it does not know (``urn:``)."""
    if _SCHEME.match(ref):
        return ref
    if ref.startswith("#") or not ref:
        return urldefrag(base)[0] + ref
    return urljoin(base, ref)


class Resolver:
    """Index every file's resources and anchors; resolve ``$ref`` strings to locations."""

    def __init__(self, document: Document, id_keyword: str) -> None:
        self._document = document
        self._id = id_keyword
        self._resources: dict[str, Location] = {}
        self._anchors: dict[str, Location] = {}
        self._bases: dict[Location, str] = {}
        self._dynamic: dict[str, dict[str, Location]] = {}
        for name, data in document.files.items():
            # a file may be named by an absolute URI: a bundled resource such as a metaschema
            uri = name if _SCHEME.match(name) else _BASE + name
            self._resources[uri] = Location(file=name)
            self._scan(data, Location(file=name), uri)

    def base(self, location: Location) -> str:
        """The base URI in force at the schema at ``location``."""
        return self._bases.get(location, _BASE + location.file)

    def dynamic_anchors(self, location: Location) -> dict[str, Location]:
        """The ``$dynamicAnchor`` names the resource around ``location`` declares, and where."""
        if not self._dynamic:  # no $dynamicAnchor anywhere: every OpenAPI 3.0 document
            return {}
        return self._dynamic.get(self.base(location), {})

    def resolve(self, ref: str, at: Location) -> Location | None:
        """Resolve ``ref`` written in the schema at ``at``; ``None`` if it names nothing loaded."""
        uri, fragment = urldefrag(_join(self.base(at), ref))
        if fragment and not fragment.startswith("/"):
            return self._anchors.get(f"{uri}#{fragment}")
        root = self._resources.get(uri)
        if root is None:
            return None
        target = Location(file=root.file, pointer=root.pointer + unquote(fragment))
        try:
            self._document.get(target)
        except KeyError:
            return None
        return target

    def _scan(self, node: Any, at: Location, base: str) -> None:
        """Walk the subschemas under ``node`` (a loop, not recursion), registering each one's
        identifiers and remembering the base URI its relative references resolve against."""
        stack = [(node, at, base)]
        while stack:
            raw, loc, base = stack.pop()
            if not isinstance(raw, dict):
                continue
            # draft4 ignores every sibling of ``$ref``, ``id`` included
            if self._id == "$id" or "$ref" not in raw:
                base = self._register(raw, loc, base)
            self._bases[loc] = base
            for tokens in subschema_positions(raw):
                child = raw
                for token in tokens:
                    child = child[int(token)] if isinstance(child, list) else child[token]
                stack.append((child, loc.child(*tokens), base))

    def _register(self, raw: dict[str, Any], loc: Location, base: str) -> str:
        """Register the identifiers ``raw`` declares (``$id``/``id``, ``$anchor``,
        ``$dynamicAnchor``) at ``loc``; returns the base URI inside it."""
        ident = raw.get(self._id)
        if isinstance(ident, str):
            uri, fragment = urldefrag(_join(base, ident))
            if fragment:
                self._anchors[f"{uri}#{fragment}"] = loc
            else:
                base = uri
                self._resources.setdefault(uri, loc)
        for key in ("$anchor", "$dynamicAnchor"):
            anchor = raw.get(key)
            if isinstance(anchor, str):
                self._anchors.setdefault(f"{base}#{anchor}", loc)
        dynamic = raw.get("$dynamicAnchor")
        if isinstance(dynamic, str):
            self._dynamic.setdefault(base, {}).setdefault(dynamic, loc)
        return base
