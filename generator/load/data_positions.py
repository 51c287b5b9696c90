"""Which parts of an OpenAPI document are data, never references.

A ``"$ref"`` key inside an example, a default, a ``const`` or ``enum`` value, or an extension
(``x-...``) is part of a value the API author wrote down, not a reference: it is never followed,
never checked, never loaded. Whether a key is such a data keyword depends on where it stands:
``default`` is data in a schema but a status code under ``responses`` and a property name under
``properties``. :func:`children` tells the two apart by the kind of object being walked.

An ``examples`` map is not data itself: its entries are Example Objects (or real ``$ref``s to
``#/components/examples/...``); only an Example Object's ``value`` is data.
"""

from __future__ import annotations

from collections.abc import Iterator
from enum import Enum
from typing import Any, assert_never

__all__ = ["DATA_KEYWORDS", "Kind", "children", "item_kind"]


class Kind(Enum):
    """What the keys of a JSON object are, for :func:`children`."""

    KEYWORDS = "keywords"          # an OpenAPI or JSON Schema object: keys are keywords
    EXAMPLE = "example"            # an Example Object: its ``value`` is data
    COMPONENTS = "components"      # the Components Object: each key holds a map of names
    NAMES = "names"                # a map of names (properties, schemas...) to objects
    EXAMPLE_NAMES = "example-names"  # a map of names to Example Objects (``examples``)
    EXTENSIBLE_NAMES = "extensible-names"  # names, and ``x-`` extensions (paths, responses)
    CALLBACKS = "callbacks"        # names of Callback Objects (expressions -> path items)


DATA_KEYWORDS = frozenset({"example", "default", "const", "enum"})

# keyword -> the kind of the map of names it holds (in an object of keywords)
_NAME_MAPS = {
    "properties": Kind.NAMES, "patternProperties": Kind.NAMES, "$defs": Kind.NAMES,
    "definitions": Kind.NAMES, "dependentSchemas": Kind.NAMES, "dependencies": Kind.NAMES,
    "headers": Kind.NAMES, "content": Kind.NAMES, "encoding": Kind.NAMES, "links": Kind.NAMES,
    "variables": Kind.NAMES, "webhooks": Kind.NAMES, "paths": Kind.EXTENSIBLE_NAMES,
    "responses": Kind.EXTENSIBLE_NAMES, "callbacks": Kind.CALLBACKS,
    "examples": Kind.EXAMPLE_NAMES, "components": Kind.COMPONENTS,
}

# the entries of a map of names of this kind
_ENTRIES = {
    Kind.NAMES: Kind.KEYWORDS, Kind.EXAMPLE_NAMES: Kind.EXAMPLE,
    Kind.EXTENSIBLE_NAMES: Kind.KEYWORDS, Kind.CALLBACKS: Kind.EXTENSIBLE_NAMES,
}


def children(node: dict[str, Any], kind: Kind | None) -> Iterator[tuple[str, Any, Kind | None]]:
    """Yield ``(key, value, kind of value)`` for each child of ``node`` (a ``kind`` object).

    The kind is ``None`` for data, whatever it holds: an example, a default, ``const``, ``enum``,
    an extension, a schema's ``examples`` list, an Example Object's ``value``, and everything
    inside data (``kind`` ``None``). A list's items are objects of keywords (``allOf``,
    ``parameters``...) unless the list is data: see :func:`item_kind`.
    """
    for key, value in node.items():
        yield key, value, None if kind is None else _child_kind(key, value, kind)


def item_kind(kind: Kind | None) -> Kind | None:
    """The kind of the items of a list of kind ``kind``."""
    return None if kind is None else Kind.KEYWORDS


def _child_kind(key: str, value: Any, kind: Kind) -> Kind | None:
    """The kind of ``node[key]`` in a ``kind`` object, or ``None`` when it is data."""
    match kind:
        case Kind.KEYWORDS | Kind.EXAMPLE:
            if key in DATA_KEYWORDS or key.startswith("x-"):
                return None
            if kind is Kind.EXAMPLE and key == "value":
                return None
            if key == "examples" and isinstance(value, list):  # a schema's examples (3.1)
                return None
            return _NAME_MAPS.get(key, Kind.KEYWORDS) if isinstance(value, dict) else Kind.KEYWORDS
        case Kind.COMPONENTS:
            if key.startswith("x-"):
                return None
            named = {"examples": Kind.EXAMPLE_NAMES, "callbacks": Kind.CALLBACKS}
            return named.get(key, Kind.NAMES)
        case Kind.EXTENSIBLE_NAMES:
            return None if key.startswith("x-") else _ENTRIES[kind]
        case Kind.NAMES | Kind.EXAMPLE_NAMES | Kind.CALLBACKS:
            return _ENTRIES[kind]
        case _:
            assert_never(kind)
