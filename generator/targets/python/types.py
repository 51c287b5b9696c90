"""IR type expressions -> Python annotations and the expressions that decode/encode wire data.

``decode``/``encode`` return ``None`` when the wire value *is* the Python value (strings, numbers,
lists of them…), so the generated ``from_dict``/``to_dict`` do no work they do not need to.
Unions that need work get a small generated function (:class:`UnionDecoder`) that dispatches on
the discriminator, or on the JSON shape — never by trying variants until one does not raise.
One function per distinct union (and one per named alias that needs work), claimed before its
body is built so that recursive aliases call themselves.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Mapping
from dataclasses import dataclass
from typing import assert_never

from ...analysis import Analysis
from ...code import Code
from ...ir import (
    AnyValue,
    ArrayOf,
    Const,
    Definition,
    EnumDef,
    MapOf,
    ObjectDef,
    Primitive,
    Ref,
    TypeDef,
    TypeExpr,
    UnionOf,
)
from .formats import annotation_of, format_of
from .literals import literal
from .unions import dispatch_body

__all__ = ["DEEP_HELPERS", "TypeMapper", "UnionDecoder", "enum_base", "union"]

DEEP_HELPERS = ("_defer_items", "_defer_entries")
"""The runtime's helpers that decode a list or dict of a schema on a reference cycle from a
work list (``_runtime._defer``), not by recursion."""
_CALL = re.compile(r"[\w.]+\(v0\)")  # ``f(v0)``: ``f`` decodes an item by itself

_SCALAR = {"string": "str", "integer": "int", "number": "float", "boolean": "bool", "null": "None"}


def union(*parts: str) -> str:
    """The annotation ``A | B | ...`` of ``parts`` (each an annotation, maybe a union itself):
    every member once and ``None`` last, as a person writes it (ruff PYI016, RUF036)."""
    members: dict[str, None] = {}
    for part in parts:
        depth, start = 0, 0
        for at, char in enumerate(part):
            depth += (char in "[(") - (char in "])")
            if depth == 0 and part.startswith(" | ", at):
                members[part[start:at]] = None
                start = at + 3
        members[part[start:]] = None
    last = ["None"] if "None" in members else []
    return " | ".join([m for m in members if m != "None"] + last)


def enum_base(definition: EnumDef) -> str:
    """The Python types of an enum's values (``null`` is a separate union variant)."""
    kinds = [type(v.value).__name__ for v in definition.values if v.value is not None]
    return " | ".join(dict.fromkeys(kinds))


@dataclass(frozen=True, slots=True, kw_only=True)
class UnionDecoder:
    """A generated ``def name(value: Any) -> annotation`` with a precomputed body."""

    name: Code
    annotation: Code
    body: tuple[Code, ...]


class TypeMapper:
    """Maps types for one generated module; ``decoders`` collects the functions it needs."""

    def __init__(
        self, analysis: Analysis, names: dict[str, str], claim: Callable[[str], str],
        *, qualify: str = "", local: frozenset[str] = frozenset(),
    ) -> None:
        self.analysis = analysis  # the API's facts: readOnly reach, each union's dispatch
        self.defs: Mapping[str, Definition] = analysis.defs
        self.names = names
        self.qualify = qualify  # runtime references to models: ``models.Pet.from_dict(v)``
        self.qualified = False  # whether code refers to ``qualify`` (the module is imported)
        self.local = local  # keys of definitions in this module: named without ``qualify``
        self.decoders: list[UnionDecoder] = []
        self._claim = claim
        self._functions: dict[TypeExpr | str, str] = {}  # a union, or an alias key -> function
        self._encoding: set[str] = set()

    def carries_read_only(self, t: TypeExpr) -> bool:
        """Whether the wire form of ``t`` may hold a ``readOnly`` property (at any depth)."""
        return self.analysis.carries_read_only(t)

    def runtime(self, key: str) -> str:
        """The expression naming the class (or enum) of definition ``key`` at run time.

        Code that runs goes through the lazily loaded ``models`` package (``models.Pet``), so
        loading a module loads no other model module.
        """
        self.qualified = self.qualified or bool(self.qualify)
        return f"{self.qualify}{self.names[key]}"

    def _named(self, key: str) -> str:
        """The name of definition ``key`` in an annotation: bare in its own module, else through
        ``models`` like code, so ``typing.get_type_hints`` resolves it (lazily) at run time."""
        return self.names[key] if key in self.local else self.runtime(key)

    def annotation(self, t: TypeExpr) -> str:
        match t:
            case Primitive(kind=kind):
                return annotation_of(t) or _SCALAR[kind]
            case ArrayOf(items=items):
                return f"list[{self.annotation(items)}]"
            case MapOf(values=values):
                return f"dict[str, {self.annotation(values)}]"
            case Ref(key=key):
                definition = self.defs[key]
                name = self._named(key)
                if isinstance(definition, EnumDef):
                    return f"{name} | {enum_base(definition)}"
                return name
            case UnionOf(variants=variants):
                parts = [self.annotation(v) for v in variants]
                if self.analysis.dispatch(t).raw_fallback:
                    parts.append("dict[str, Any]")
                return union(*parts)
            case Const() | AnyValue():
                return "Any"
            case _:
                assert_never(t)

    def decode(
        self, t: TypeExpr, src: str, depth: int = 0, field: str | None = None
    ) -> str | None:
        """Expression turning wire value ``src`` into the Python value (``None``: as is).

        ``field`` (a wire name) is what a malformed formatted string is reported as.
        """
        match t:
            case Primitive(wire_string=True):
                return f"_int64({src})"
            case Primitive():
                fmt = format_of(t)
                if fmt is None:
                    return None
                return f"{fmt.decoder}({src}{', ' + literal(field) if field else ''})"
            case Const() | AnyValue():
                return None
            case ArrayOf(items=items):
                inner = self.decode(items, f"v{depth}", depth + 1, field)
                return None if inner is None else f"[{inner} for v{depth} in {src}]"
            case MapOf(values=values):
                inner = self.decode(values, f"v{depth}", depth + 1, field)
                k, v = f"k{depth}", f"v{depth}"
                return None if inner is None else f"{{{k}: {inner} for {k}, {v} in {src}.items()}}"
            case Ref(key=key):
                return self._decode_ref(key, src)
            case UnionOf():
                fn = self._union_decoder(t) if self.needs_work(t) else None
                return None if fn is None else f"{fn}({src})"
            case _:
                assert_never(t)

    def encode(self, t: TypeExpr, src: str, depth: int = 0, request: str | None = None) -> str | None:
        """Expression turning Python value ``src`` into plain JSON data (``None``: as is).

        ``request`` is the source of the flag that leaves ``readOnly`` properties out; it is
        forwarded only to values whose type may hold one.
        """
        match t:
            case Primitive():
                fmt = format_of(t)
                return fmt.encoder.format(src) if fmt else None
            case Const() | AnyValue():
                return None
            case ArrayOf(items=items):
                inner = self.encode(items, f"v{depth}", depth + 1, request)
                return None if inner is None else f"[{inner} for v{depth} in {src}]"
            case MapOf(values=values):
                inner = self.encode(values, f"v{depth}", depth + 1, request)
                k, v = f"k{depth}", f"v{depth}"
                return None if inner is None else f"{{{k}: {inner} for {k}, {v} in {src}.items()}}"
            case Ref(key=key):
                definition = self.defs[key]
                flag = self._flag(t, request)
                if isinstance(definition, ObjectDef):
                    return f"{src}.to_dict({flag})"
                if isinstance(definition, EnumDef):
                    # a member's value, or a value the spec does not list as it is (written
                    # in place: a helper's call cost ~4% of a typical to_dict)
                    return f'getattr({src}, "_value_", {src})'
                if key in self._encoding:  # a recursive alias: encode generically
                    return f"_to_wire({src}{flag and ', ' + flag})" if self.needs_work(t) else None
                self._encoding.add(key)
                try:
                    return self.encode(definition.type, src, depth, request)
                finally:
                    self._encoding.discard(key)
            case UnionOf():
                flag = self._flag(t, request)
                return f"_to_wire({src}{flag and ', ' + flag})" if self.needs_work(t) else None
            case _:
                assert_never(t)

    def _flag(self, t: TypeExpr, request: str | None) -> str:
        """``request=<flag>`` when ``t`` may hold a ``readOnly`` property, else nothing."""
        return f"request={request}" if request and self.carries_read_only(t) else ""

    def needs_work(self, t: TypeExpr, seen: frozenset[str] = frozenset()) -> bool:
        """Whether the wire value of ``t`` differs from its Python value (pure; no output)."""
        match t:
            case Primitive(wire_string=wire_string):
                return wire_string or format_of(t) is not None
            case Const() | AnyValue():
                return False
            case ArrayOf(items=inner) | MapOf(values=inner):
                return self.needs_work(inner, seen)
            case Ref(key=key):
                definition = self.defs[key]
                if not isinstance(definition, TypeDef):
                    return True
                return key not in seen and self.needs_work(definition.type, seen | {key})
            case UnionOf(variants=variants):
                return any(self.needs_work(v, seen) for v in variants)
            case _:
                assert_never(t)

    def _decode_ref(self, key: str, src: str) -> str | None:
        definition = self.defs[key]
        name = self.names[key]
        if isinstance(definition, ObjectDef):
            return f"{self.runtime(key)}.from_dict({src})"
        if isinstance(definition, EnumDef):
            return f"_enum({self.runtime(key)}, {src})"
        if not self.needs_work(definition.type):
            return None
        if key not in self._functions:  # claim first: a recursive alias calls itself
            fn = self._claim(f"_decode_{name}")
            self._functions[key] = fn
            t = definition.type
            # on a cycle, its lists and dicts are filled from the runtime's work list
            value = self._deep_value if key in self.analysis.order.recursive else self._value
            if isinstance(t, UnionOf) and t not in self._functions:
                self._functions[t] = fn
                body = dispatch_body(t, self.analysis.dispatch(t), value)
            else:
                body = [Code(f"return {value(t)}")]
            self._add(fn, t, body)
        return f"{self._functions[key]}({src})"

    def _union_decoder(self, t: UnionOf) -> str:
        if t not in self._functions:
            fn = self._claim("_decode_union")
            self._functions[t] = fn
            self._add(fn, t, dispatch_body(t, self.analysis.dispatch(t), self._value))
        return self._functions[t]

    def _value(self, t: TypeExpr) -> str:
        """The expression decoding ``value`` as ``t`` (``value`` itself: no work)."""
        return self.decode(t, "value") or "value"

    def _deep_value(self, t: TypeExpr) -> str:
        """:meth:`_value`, but a list or dict decoded from the runtime's work list, so data
        nested through it takes no frame per level (``_runtime._defer``)."""
        match t:
            case ArrayOf(items=inner) | MapOf(values=inner):
                conv = self.decode(inner, "v0", 1)
                if conv is None:
                    return "value"
                helper = DEEP_HELPERS[isinstance(t, MapOf)]
                decode = conv[:-4] if _CALL.fullmatch(conv) else f"lambda v0: {conv}"
                return f"{helper}({decode}, value)"
            case _:
                return self._value(t)

    def _add(self, fn: str, t: TypeExpr, body: list[Code]) -> None:
        ann = Code(self.annotation(t))
        self.decoders.append(UnionDecoder(name=Code(fn), annotation=ann, body=tuple(body)))
