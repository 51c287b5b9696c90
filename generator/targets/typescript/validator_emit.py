"""The TypeScript validators: one function per schema, ``(v0, p0, e) => boolean``.

With ``e === null`` a function answers yes or no and stops at the first problem; with an array
it pushes every problem (code, instance path, schema path, keyword, message: the message from
:mod:`generator.validation.messages`, so every target prints the same words) and carries on,
which is what Python's collecting path reports, check for check. One emitter serves both, so
the two answers cannot drift apart. Generated code is built from fixed snippets, names made
here and literals printed by :mod:`.literals`; spec text reaches it no other way.
"""

from __future__ import annotations

from ...diagnostics import pointer_token
from ...validation.checks import (
    Check,
    RefCheck,
    Site,
)
from ...validation.messages import message, wording
from ...validation.model import BooleanSchema, Schema, SchemaNode, ValidationModel
from .literals import literal, string

__all__ = ["GUARDS", "Emitter", "fail", "indent", "nest", "sub"]

GUARDS = {
    "string": 'typeof {v} === "string"',
    "number": "isNumber({v})",
    "array": "Array.isArray({v})",
    "object": "isObject({v})",
}
TYPE_TESTS = {
    "null": "{v} === null",
    "boolean": 'typeof {v} === "boolean"',
    "object": "isObject({v})",
    "array": "Array.isArray({v})",
    "string": 'typeof {v} === "string"',
    "number": "isNumber({v})",
    "integer": "isInteger({v})",
}


def indent(lines: list[str]) -> list[str]:
    return ["  " + line if line else line for line in lines]


def nest(head: str, body: list[str]) -> list[str]:
    """``if (head) { body }`` (nothing when the body is empty)."""
    return [f"if ({head}) {{", *indent(body), "}"] if body else []


def fail(site: str, p: str, detail: str | None = None) -> list[str]:
    """Report a problem at ``site``: stop in yes/no mode, else record it and carry on."""
    args = f"{site}, {p}" if detail is None else f"{site}, {p}, {detail}"
    return ["if (e === null) return false;", "ok = false;", f"e.push(at({args}));"]


def sub(call: str) -> list[str]:
    """A call that reports its own problems: note that it failed."""
    return [f"if (!{call}) {{", "  if (e === null) return false;", "  ok = false;", "}"]


class Emitter:
    """Module constants (sites, patterns, value tables) and the functions of subschemas."""

    def __init__(self, model: ValidationModel) -> None:
        self.definitions = {d.name: d for d in model.definitions}
        self.def_names = {d.name: f"d{i}" for i, d in enumerate(model.definitions)}
        self.constants: list[str] = []
        self._shared: dict[tuple[str, str], str] = {}
        self.functions: list[str] = []
        self._nodes: dict[str, str] = {}
        self._pending: list[tuple[str, SchemaNode]] = []
        self.current = ""
        """The function being written: the caller of the calls :meth:`depth` records."""
        self.calls: dict[str, set[str]] = {}

    def constant(self, prefix: str, source: str, annotation: str = "") -> str:
        """A module constant with the given (trusted) source, shared when equal."""
        name = self._shared.get((prefix + annotation, source))
        if name is None:
            name = self._shared[prefix + annotation, source] = f"{prefix}{len(self._shared)}"
            typed = f": {annotation}" if annotation else ""
            self.constants.append(f"const {name}{typed} = {source};")
        return name

    def site(self, keyword: str, location: str, text: str, code: str) -> str:
        args = ", ".join(string(x) for x in (keyword, location, text, code))
        return self.constant("S", f"site({args})")

    def check_site(self, site: Site, check: Check) -> str:
        return self.site(site.keyword, str(site.location), message(check), site.code)

    def false_site(self, node: BooleanSchema) -> str:
        return self.site("false", str(node.location), wording("false"), "false")

    def regex(self, pattern: str) -> str:
        return self.constant("RE", f"new RegExp({string(pattern)}, \"u\")")

    def values(self, values: object) -> str:
        """A JSON value (a list: a table of values) as a module constant."""
        annotation = "readonly unknown[]" if isinstance(values, list) else "unknown"
        return self.constant("V", literal(values), annotation)

    def strings(self, values: list[str]) -> str:
        """A ``Set`` of strings as a module constant."""
        return self.constant("SET", f"new Set<string>({literal(values)})")

    def node(self, node: SchemaNode) -> str:
        """The function of a subschema (a definition's when it is only a ``$ref``)."""
        if isinstance(node, BooleanSchema):
            return "alwaysTrue" if node.value else "alwaysFalse"
        if len(node.checks) == 1 and isinstance(node.checks[0], RefCheck):
            return self.def_names[node.checks[0].target]
        key = str(node.location)
        if key not in self._nodes:
            self._nodes[key] = f"n{len(self._nodes)}"
            self._pending.append((self._nodes[key], node))
        return self._nodes[key]

    def depth(self, *callees: str) -> str:
        """Where a call to ``callees`` passes its depth: a marker, which
        :func:`~.validators.settle` makes ``, d + 1`` when one of them can recurse, else
        nothing (a schema with no cycle of references pays nothing for deep data)."""
        self.calls.setdefault(self.current, set()).update(callees)
        return f"\0{','.join(callees)}\0"

    def pending(self) -> list[tuple[str, SchemaNode]]:
        """Subschema functions named but not written yet (each is written once)."""
        made, self._pending = self._pending, []
        return made


def child_path(p: str, q: str, token: str) -> str:
    """``const q = ...`` the path of a child with a fixed name (built only when reporting)."""
    return f"const {q} = e === null ? \"\" : {p} + {string('/' + pointer_token(token))};"


def is_schema(node: SchemaNode | None) -> bool:
    return isinstance(node, Schema)
