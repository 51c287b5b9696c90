"""IR type expressions -> Python annotations and the expressions that decode/encode wire data.

``decode``/``encode`` return ``None`` when the wire value *is* the Python value (strings, numbers,
lists of them…), so the generated ``from_dict``/``to_dict`` do no work they do not need to.
Unions that need work get a small generated function (:class:`UnionDecoder`) that dispatches on
the discriminator, or on the JSON shape — never by trying variants until one does not raise.
One function per distinct union (and one per named alias that needs work), claimed before its
body is built so that recursive aliases call themselves.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from typing import assert_never

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
from .readonly import read_only_keys, refs

__all__ = ["TypeMapper", "UnionDecoder"]

_SCALAR = {"string": "str", "integer": "int", "number": "float", "boolean": "bool", "null": "None"}
_NOT_BOOL = " and not isinstance(value, bool)"
# The JSON shape test of each scalar kind; ``bool`` is a subclass of ``int`` in Python.
_GUARD = {
    "string": "isinstance(value, str)",
    "integer": "isinstance(value, int)" + _NOT_BOOL,
    "number": "isinstance(value, (int, float))" + _NOT_BOOL,
    "boolean": "isinstance(value, bool)",
    "null": "value is None",
    "int64": "isinstance(value, (int, str))" + _NOT_BOOL,
}
_ENUM_GUARD = {"str": _GUARD["string"], "int": _GUARD["integer"], "float": _GUARD["number"],
               "bool": _GUARD["boolean"]}


@dataclass(frozen=True, slots=True, kw_only=True)
class UnionDecoder:
    """A generated ``def name(value: Any) -> annotation`` with a precomputed body."""

    name: Code
    annotation: Code
    body: tuple[Code, ...]


class TypeMapper:
    """Maps types for one generated module; ``decoders`` collects the functions it needs."""

    def __init__(
        self, defs: dict[str, Definition], names: dict[str, str], claim: Callable[[str], str],
        *, qualify: str = "", local: frozenset[str] = frozenset(),
        read_only: frozenset[str] | None = None,
    ) -> None:
        self.defs = defs
        self.names = names
        self.qualify = qualify  # runtime references to models: ``models.Pet.from_dict(v)``
        self.qualified = False  # whether code refers to ``qualify`` (the module is imported)
        self.local = local  # keys of definitions in this module: named without ``qualify``
        self.decoders: list[UnionDecoder] = []
        self._claim = claim
        self._functions: dict[TypeExpr | str, str] = {}  # a union, or an alias key -> function
        self._encoding: set[str] = set()
        # ``read_only_keys(defs)``: a fixpoint over every definition, so a caller that makes a
        # mapper per module computes it once and passes it (else it is computed on first use)
        self._read_only = read_only

    def carries_read_only(self, t: TypeExpr) -> bool:
        """Whether the wire form of ``t`` may hold a ``readOnly`` property (at any depth)."""
        if self._read_only is None:
            self._read_only = read_only_keys(self.defs)
        return not self._read_only.isdisjoint(refs(t))

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
                    return f"{name} | {_enum_base(definition)}"
                return name
            case UnionOf(variants=variants):
                parts = [self.annotation(v) for v in variants]
                if self._raw_fallback(t):
                    parts.append("dict[str, Any]")
                return " | ".join(dict.fromkeys(p for a in parts for p in a.split(" | ")))
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
                    return f"_enum_value({src})"
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
            if isinstance(t, UnionOf) and t not in self._functions:
                self._functions[t] = fn
                body = self._dispatch_body(t)
            else:
                body = [Code(f"return {self.decode(t, 'value')}")]
            self._add(fn, t, body)
        return f"{self._functions[key]}({src})"

    def _union_decoder(self, t: UnionOf) -> str:
        if t not in self._functions:
            fn = self._claim("_decode_union")
            self._functions[t] = fn
            self._add(fn, t, self._dispatch_body(t))
        return self._functions[t]

    def _add(self, fn: str, t: TypeExpr, body: list[Code]) -> None:
        ann = Code(self.annotation(t))
        self.decoders.append(UnionDecoder(name=Code(fn), annotation=ann, body=tuple(body)))

    def _objects(self, t: UnionOf) -> list[ObjectDef]:
        out = []
        for v in t.variants:
            definition = self.defs[v.key] if isinstance(v, Ref) else None
            if isinstance(definition, ObjectDef):
                out.append(definition)
        return out

    def _raw_fallback(self, t: UnionOf) -> bool:
        objects = self._objects(t)
        if not objects:
            return False
        if t.discriminator is not None:
            return True
        has_map = any(isinstance(v, (MapOf, AnyValue)) for v in t.variants)
        return not has_map and all(any(p.required for p in o.properties) for o in objects)

    def _dispatch_body(self, t: UnionOf) -> list[Code]:
        """Objects by tag or by required keys; everything else by its JSON shape; else raise."""
        lines: list[Code] = []
        objects = self._objects(t)
        if objects or any(isinstance(v, MapOf) for v in t.variants):
            lines.append(Code("if isinstance(value, dict):"))
            lines.extend(Code(f"    {line}") for line in self._object_dispatch(t, objects))
        for guard, expr in self._shapes(t):
            if guard is None:
                return [*lines, Code(f"return {expr}")]
            lines += [Code(f"if {guard}:"), Code(f"    return {expr}")]
        # the function's annotation names the variants; a message repeating them can pass
        # any line length (Stripe's unions of 60-character class names)
        message = literal("no variant of the union fits a value of type ")
        return [*lines, Code(f"raise TypeError({message} + type(value).__name__)")]

    def _object_dispatch(self, t: UnionOf, objects: list[ObjectDef]) -> list[str]:
        lines = []
        if t.discriminator is not None:
            lines.append(f"tag = value.get({literal(t.discriminator.property)})")
            for wire, key in t.discriminator.mapping:
                target = self.defs[key]
                if isinstance(target, ObjectDef):
                    expr = f"{self.runtime(key)}.from_dict(value)"
                elif isinstance(target, TypeDef) and not isinstance(target.type,
                                                                      (ArrayOf, Primitive)):
                    expr = self.decode(Ref(key=key), "value") or "value"
                else:  # an array or a scalar carries no tag: its shape decides, below
                    continue
                lines += [f"if tag == {literal(wire)}:", f"    return {expr}"]
        else:
            # The most specific variant first: one whose required keys are a superset of
            # another's must be tried before it. Ties keep spec order.
            ranked = sorted(objects, key=lambda o: -sum(p.required for p in o.properties))
            for obj in ranked:
                needed = [p.name for p in obj.properties if p.required]
                call = f"return {self.runtime(obj.key)}.from_dict(value)"
                if not needed:
                    return [*lines, call]
                keys = "{" + ", ".join(literal(n) for n in needed) + "}"  # spec order, not hash
                lines += [f"if {keys} <= value.keys():", f"    {call}"]
        for v in t.variants:
            if isinstance(v, MapOf):
                return [*lines, f"return {self.decode(v, 'value') or 'value'}"]
        return [*lines, "return value"]

    def _shapes(self, t: UnionOf) -> list[tuple[str | None, str]]:
        """``(guard, expression)`` of each non-object variant; a ``None`` guard matches all."""
        out: list[tuple[str | None, str]] = []
        for v in t.variants:
            expr = self.decode(v, "value") or "value"
            target = self.defs[v.key] if isinstance(v, Ref) else None
            if isinstance(target, TypeDef):
                out.append((self._alias_guard(target.type), expr))
            elif isinstance(target, EnumDef):
                out.append((_ENUM_GUARD.get(_enum_base(target)), expr))
            elif isinstance(v, Primitive):
                out.append((_GUARD["int64" if v.wire_string else v.kind], expr))
            elif isinstance(v, ArrayOf):
                out.append(("isinstance(value, list)", expr))
            elif isinstance(v, (Const, AnyValue)):
                out.append((None, expr))
        # Exact shapes before catch-alls, so ``return value`` for ``Any`` does not hide the rest.
        return sorted(out, key=lambda g: g[0] is None)

    def _alias_guard(self, t: TypeExpr) -> str | None:
        if isinstance(t, ArrayOf):
            return "isinstance(value, list)"
        if isinstance(t, MapOf):
            return "isinstance(value, dict)"
        if isinstance(t, Primitive):
            return _GUARD["int64" if t.wire_string else t.kind]
        return None


def _enum_base(definition: EnumDef) -> str:
    """The Python types of an enum's values (``null`` is a separate union variant)."""
    kinds = [type(v.value).__name__ for v in definition.values if v.value is not None]
    return " | ".join(dict.fromkeys(kinds))
