"""One walk of a parsed file: every ``$ref`` string with its place, the bounds checked on the way.

:func:`scan_refs` visits every object and array once, by an explicit stack (a document may be
nested thousands deep), counting nodes and levels against the :class:`~.document.Limits`, and
reports text no UTF-8 file can hold (E108). Data positions (examples, defaults, ``const``,
``enum``, extensions: :mod:`.data_positions`) are walked but hold no references.
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from typing import Any

from ..diagnostics import Diagnostic, Location, pointer_token
from .data_positions import Kind, children, item_kind
from .document import Limits
from .reader import file_diagnostic

__all__ = ["LONE_SURROGATE", "scan_refs"]


_Entry = tuple[Any, str, int, Kind | None]  # a node, its pointer, depth and kind


def scan_refs(
    data: Any, name: str, limits: Limits, problems: list[Diagnostic], *, entry: bool = True,
    text: bool = True,
) -> Iterator[tuple[str, Location]]:
    """Yield every ``$ref`` string with its location; check depth and node count on the way.

    Data positions (examples, defaults, ``const``, ``enum``, extensions: see
    :mod:`.data_positions`) are counted and bounded but hold no references. ``entry``: the file
    is the spec itself (an OpenAPI object); another file's top level is read as a map of names.
    ``text``: also report each key or string holding a lone surrogate (E108), on the first walk.
    """
    root = Kind.KEYWORDS if entry else Kind.NAMES
    stack: list[_Entry] = [(data, "", 0, root)]
    count = 0
    while stack:
        node, pointer, depth, kind = stack.pop()
        count += 1
        if count > limits.max_nodes:
            problems.append(file_diagnostic("E105", f"more than {limits.max_nodes} nodes", name))
            return
        if depth > limits.max_depth:
            msg = f"nesting deeper than {limits.max_depth} levels"
            problems.append(file_diagnostic("E106", msg, name, pointer))
            return
        stack.extend(reversed(_inner(node, pointer, depth, kind)))  # pops the first child first
        lone = _lone_surrogate(node, pointer) if text else None
        if lone is not None:
            problems.append(file_diagnostic(
                "E108", "a string holds a lone surrogate (a \\u escape of half a UTF-16 pair): "
                "no UTF-8 file can hold it; write the character itself, or its full pair",
                name, lone))
        if kind is not None:
            ref = node.get("$ref") if isinstance(node, dict) else None
            if isinstance(ref, str):
                yield ref, Location(file=name, pointer=pointer + "/$ref")


def _lone_surrogate(node: Any, pointer: str) -> str | None:
    """The pointer of the first key or string in ``node`` (not below) that holds a lone
    surrogate, else ``None``. ASCII strings, nearly all of them, cost one ``isascii``."""
    if isinstance(node, dict):
        for key, value in node.items():
            here = f"{pointer}/{pointer_token(str(key))}"
            for text in (key, value):
                if isinstance(text, str) and not text.isascii() and LONE_SURROGATE.search(text):
                    return here
    elif isinstance(node, list):
        for i, value in enumerate(node):
            if isinstance(value, str) and not value.isascii() and LONE_SURROGATE.search(value):
                return f"{pointer}/{i}"
    return None


LONE_SURROGATE = re.compile("[\ud800-\udfff]")
"""A UTF-16 surrogate alone: no UTF-8 text (a file, a file name) can hold it."""


def _inner(node: Any, pointer: str, depth: int, kind: Kind | None) -> list[_Entry]:
    """The collections inside ``node``, each with its kind (``None``: data, no references)."""
    if isinstance(node, dict):
        return [(value, f"{pointer}/{pointer_token(key)}", depth + 1, child)
                for key, value, child in children(node, kind) if isinstance(value, (dict, list))]
    if isinstance(node, list):
        item = item_kind(kind)
        return [(value, f"{pointer}/{i}", depth + 1, item)
                for i, value in enumerate(node) if isinstance(value, (dict, list))]
    return []
