"""Shared state of the validator emitter: module constants, function names, guards, messages.

Also the JSON type tables the fast and collecting paths agree on (type tests, guard groups, the
integer formats). Helpers that only shape generated source lines are in :mod:`.validator_lines`.

Generated code is built from fixed snippets, identifiers made here (``_ok3``, ``_RE_2``...) and
``repr()`` literals; spec text never reaches the output any other way.
"""

from __future__ import annotations

import re
from collections.abc import Callable

from ...validation.checks import (
    RefCheck,
    TypeCheck,
)
from ...validation.model import BooleanSchema, Schema, SchemaNode, ValidationModel
from .ecma_regex import translate
from .literals import literal, wrapped_literal

__all__ = [
    "GUARDS",
    "TYPE_GROUPS",
    "Emitter",
    "PredicateBody",
    "comment",
    "known_types",
    "type_test",
]

_TYPE_TESTS = {
    "null": "{v} is None",
    "boolean": "type({v}) is bool",
    "object": "isinstance({v}, dict)",
    "array": "isinstance({v}, list)",
    "string": "isinstance({v}, str)",
    "number": "type({v}) is int or type({v}) is float",
    "integer": "type({v}) is int or (type({v}) is float and {v}.is_integer())",
}
GUARDS = {k: _TYPE_TESTS[k] for k in ("string", "number", "array", "object")}
# a JSON type whose keywords sit under another type's guard (``integer`` is a ``number``)
TYPE_GROUPS = {"integer": "number"}
_COMMENT_SAFE = re.compile(r"[^A-Za-z0-9_#/.~-]")
_WIDTH = 88
_LINK = 8
"""Segments of a pointer a site or a ``_Place`` link writes at most where it is chained (the
real-world specs' sites hold 6 at most: none is chained)."""


def type_test(types: tuple[str, ...], v: str) -> str:
    """A Python expression true when ``v`` has one of the JSON ``types``."""
    names = [t for t in types if not (t == "integer" and "number" in types)]
    return " or ".join(_TYPE_TESTS[t].format(v=v) for t in names)


def known_types(node: Schema) -> frozenset[str] | None:
    """The guard groups a value is known to be in after the node's type check, if any."""
    for check in node.checks:
        if isinstance(check, TypeCheck):
            return frozenset(TYPE_GROUPS.get(t, t) for t in check.types)
    return None


PredicateBody = Callable[["Emitter", str, SchemaNode, str], str]
"""``(emitter, name, node, where) -> source`` of ``def name(v0) -> bool`` for ``node``."""


class Emitter:
    """Collects module-level constants and functions while bodies are emitted.

    ``predicate_body`` writes the predicates of :meth:`predicate` (the fast path's
    ``ok_function``): passed in by the module's composer, so this module imports no emitter of
    function bodies and the bodies' modules import it without a circle.
    """

    def __init__(self, model: ValidationModel, predicate_body: PredicateBody) -> None:
        self.model = model
        self._predicate_body = predicate_body
        self.definitions = {d.name: d for d in model.definitions}
        self.constants: dict[str, str] = {}
        self._shared: dict[tuple[str, str], str] = {}  # (prefix, source) -> its constant
        self._counts: dict[str, int] = {}  # prefix -> the number of its last constant
        self._fresh: list[tuple[str, str]] = []  # made since the last ``fresh()``
        self.functions: list[str] = []
        self._predicates: dict[str, str] = {}
        self.base = ""  # the place of the schema whose collecting function is being emitted
        self._places: dict[str, str] = {}  # a schema's place -> its ``_AT_n`` constant
        self._links: dict[str, str] = {}  # a place -> its ``_AT_n = _Place(...)`` link
        self.linked = False  # whether a site is written below a ``_Place`` link (see ``_near``)
        self._definition_places = frozenset(str(d.schema.location) for d in model.definitions)
        self.ok_names: dict[str, str] = {}
        self.cold: frozenset[str] = frozenset()  # definitions without a fast path of their own
        self.deep = False  # whether the definition being emitted holds itself
        self.err_names: dict[str, str] = {}
        for root in model.roots:
            self.ok_names.setdefault(root.target, f"is_valid_{root.name}")
            self.err_names.setdefault(root.target, f"_errors_{root.name}")
        for index, d in enumerate(model.definitions):
            self.ok_names.setdefault(d.name, f"_ok{index}")
            self.err_names.setdefault(d.name, f"_err{index}")

    def constant(self, prefix: str, source: str) -> str:
        """Name a module-level constant with the given (trusted) source; shared when equal."""
        name = self._shared.get((prefix, source))  # a scan of every constant was quadratic
        if name is None:
            # numbered per prefix: the 54k sites of a large spec refer to a few thousand bases
            number = self._counts[prefix] = self._counts.get(prefix, -1) + 1
            name = self._shared[prefix, source] = f"{prefix}{number}"
            self.constants[name] = source
            self._fresh.append((name, source))
        return name

    def fresh(self) -> list[tuple[str, str]]:
        """The constants (name, source) made since the last call, in the order they were made."""
        made, self._fresh = self._fresh, []
        return made

    def regex(self, pattern: str) -> str:
        return self.constant("_RE_", f"re.compile({translate(pattern)!r})")

    def site(self, keyword: str, location: str, message: str, code: str) -> str:
        """``_Site(_AT_n, suffix, _MSG_n)``: one line, mostly. ``_AT_n`` is the place of the
        schema being compiled; ``_MSG_n`` the message (a constant: a few hundred messages serve
        tens of thousands of sites); keyword and code are written only where they differ from
        their defaults (the place's last segment, the keyword)."""
        inside = location == self.base or location.startswith(self.base + "/")
        base = self.base if inside else location[:location.find("#") + 1]  # else: the file's
        said = self.constant("_MSG_", wrapped_literal(message, width=80, after=0))
        place, suffix, linked = self._near(base, location)
        args = [place, wrapped_literal(suffix), said]
        if keyword != location[location.rfind("/") + 1:]:
            args.append(f"keyword={wrapped_literal(keyword, column=12)}")
        if code != keyword:
            args.append(f"code={wrapped_literal(code, column=9)}")
        kind = "_DeepSite" if linked else "_Site"
        return self.constant("_SITE_", f"{kind}({', '.join(args)})")

    def _near(self, base: str, location: str) -> tuple[str, str, bool]:
        """``(constant, suffix, linked)``: the place a site at ``location`` is written below,
        the rest of its pointer, and whether that place is a ``_Place`` link.

        Mostly ``base``'s ``_AT_n`` and the whole rest. A site more than :data:`_LINK` segments
        below ``base`` (``allOf`` in ``allOf`` a thousand deep) is written below a chain of
        ``_AT_n = _Place(_AT_m, "/allOf/0/...")`` links of :data:`_LINK` segments each, shared
        by every site that passes through them: each pointer written whole made the module
        grow with the square of the depth. The runtime joins a link's pointer only when a site
        below it first reports, so nothing is built at import.
        """
        rest = location[len(base):]
        segments = rest.split("/")[1:]  # ``rest`` is empty or starts with ``/``
        if len(segments) <= _LINK:
            return self.place(base), rest, False
        cut = (len(segments) - 1) // _LINK * _LINK  # 1 to ``_LINK`` segments stay in the site
        self.linked = True
        return self._link(base, segments, cut), "/" + "/".join(segments[cut:]), True

    def _link(self, base: str, segments: list[str], count: int) -> str:
        """The ``_AT_n`` constant of the place ``count`` segments below ``base`` (a multiple of
        :data:`_LINK`), made with the links above it that are not made yet."""
        start = count
        while start and f"{base}/{'/'.join(segments[:start])}" not in self._links:
            start -= _LINK  # the longest link made already (a loop: chains are thousands long)
        name = self._links[f"{base}/{'/'.join(segments[:start])}"] if start else self.place(base)
        for end in range(start + _LINK, count + 1, _LINK):
            piece = wrapped_literal("/" + "/".join(segments[end - _LINK:end]), column=18)
            name = self.constant("_AT_", f"_Place({name}, {piece})")
            self._links[f"{base}/{'/'.join(segments[:end])}"] = name
        return name

    def place(self, location: str) -> str:
        """The ``_AT_n`` constant of a schema's place: relative to the nearest enclosing
        definition's (``_AT_4 + '/properties/x'``) where that fits on one line, else in full."""
        name = self._places.get(location)
        if name is None:
            # ``_AT_n = (`` / pieces at column 4, nothing after them / ``)``: the widest pieces
            source: str = wrapped_literal(location, width=80, after=0)
            parent = _enclosing(location, self._definition_places)
            if parent is not None and location.isascii():
                relative = f"{self.place(parent)} + {literal(location[len(parent):])}"
                if len(f"_AT_{self._counts.get('_AT_', -1) + 1} = {relative}") <= _WIDTH:
                    source = relative
            name = self._places[location] = self.constant("_AT_", source)
        return name

    def predicate(self, node: SchemaNode) -> str:
        """Name of a ``(value) -> bool`` function for ``node`` (emitted once)."""
        if isinstance(node, Schema) and len(node.checks) == 1:
            only = node.checks[0]
            if isinstance(only, RefCheck):
                return self.ok_names[only.target]
        if isinstance(node, BooleanSchema):
            return "_true" if node.value else "_false"
        key = str(node.location)
        if key not in self._predicates:
            name = f"_ok_{len(self._predicates)}"
            self._predicates[key] = name
            self.functions.append(self._predicate_body(self, name, node, comment(key)))
        return self._predicates[key]


def _enclosing(place: str, places: frozenset[str]) -> str | None:
    """The longest of ``places`` that holds ``place`` (a parent in its JSON pointer), if any."""
    cut, file_end = place, place.find("#")
    while cut.rfind("/") > file_end:
        cut = cut[:cut.rfind("/")]
        if cut in places:
            return cut
    return None


def comment(text: str) -> str:
    """A comment-safe rendering of a spec location (allow-listed characters only).

    Long locations keep their end (the most specific part), so lines stay within 100 columns.
    """
    safe = _COMMENT_SAFE.sub("?", text)
    return safe if len(safe) <= _COMMENT_MAX else "..." + safe[-(_COMMENT_MAX - 3):]


_COMMENT_MAX = 88
