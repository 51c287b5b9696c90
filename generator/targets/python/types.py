"""IR type expressions -> Python annotations and the expressions that decode/encode wire data.

``decode``/``encode`` return ``None`` when the wire value *is* the Python value (strings, numbers,
lists of them…), so the generated ``from_dict``/``to_dict`` do no work they do not need to.
Unions that need work get a small generated function (:class:`UnionDecoder`) that dispatches on
the discriminator, or on the JSON shape — never by trying variants until one does not raise.
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
from .literals import literal

__all__ = ["TypeMapper", "UnionDecoder"]

_SCALAR = {"string": "str", "integer": "int", "number": "float", "boolean": "bool", "null": "None"}


@dataclass(frozen=True, slots=True, kw_only=True)
class UnionDecoder:
    """A generated ``def name(value: Any) -> annotation`` with a precomputed body."""

    name: Code
    annotation: Code
    body: tuple[Code, ...]


class TypeMapper:
    """Maps types for one generated module; ``decoders`` collects the union functions it needs."""

    def __init__(
        self, defs: dict[str, Definition], names: dict[str, str], claim: Callable[[str], str]
    ) -> None:
        self.defs = defs
        self.names = names
        self.decoders: list[UnionDecoder] = []
        self._claim = claim
        self._typedefs: dict[str, Code | None] = {}

    def annotation(self, t: TypeExpr) -> str:
        match t:
            case Primitive(kind=kind):
                return _SCALAR[kind]
            case ArrayOf(items=items):
                return f"list[{self.annotation(items)}]"
            case MapOf(values=values):
                return f"dict[str, {self.annotation(values)}]"
            case Ref(key=key):
                definition = self.defs[key]
                name = self.names[key]
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

    def decode(self, t: TypeExpr, src: str, depth: int = 0) -> str | None:
        """Expression turning wire value ``src`` into the Python value (``None``: as is)."""
        match t:
            case Primitive(wire_string=True):
                return f"_int64({src})"
            case Primitive() | Const() | AnyValue():
                return None
            case ArrayOf(items=items):
                inner = self.decode(items, f"v{depth}", depth + 1)
                return None if inner is None else f"[{inner} for v{depth} in {src}]"
            case MapOf(values=values):
                inner = self.decode(values, f"v{depth}", depth + 1)
                k, v = f"k{depth}", f"v{depth}"
                return None if inner is None else f"{{{k}: {inner} for {k}, {v} in {src}.items()}}"
            case Ref(key=key):
                return self._decode_ref(key, src)
            case UnionOf():
                fn = self._union_decoder(t)
                return None if fn is None else f"{fn}({src})"
            case _:
                assert_never(t)

    def encode(self, t: TypeExpr, src: str, depth: int = 0) -> str | None:
        """Expression turning Python value ``src`` into plain JSON data (``None``: as is)."""
        match t:
            case Primitive() | Const() | AnyValue():
                return None
            case ArrayOf(items=items):
                inner = self.encode(items, f"v{depth}", depth + 1)
                return None if inner is None else f"[{inner} for v{depth} in {src}]"
            case MapOf(values=values):
                inner = self.encode(values, f"v{depth}", depth + 1)
                k, v = f"k{depth}", f"v{depth}"
                return None if inner is None else f"{{{k}: {inner} for {k}, {v} in {src}.items()}}"
            case Ref(key=key):
                definition = self.defs[key]
                if isinstance(definition, ObjectDef):
                    return f"{src}.to_dict()"
                if isinstance(definition, EnumDef):
                    return f"_enum_value({src})"
                return self.encode(definition.type, src, depth)
            case UnionOf():
                return None if self.decode(t, src) is None else f"_to_wire({src})"
            case _:
                assert_never(t)

    def _decode_ref(self, key: str, src: str) -> str | None:
        definition = self.defs[key]
        name = self.names[key]
        if isinstance(definition, ObjectDef):
            return f"{name}.from_dict({src})"
        if isinstance(definition, EnumDef):
            return f"_enum({name}, {src})"
        if key not in self._typedefs:  # recursion through an alias: decode in a function
            self._typedefs[key] = None
            body = self.decode(definition.type, "value")
            fn = None if body is None else self._claim(f"_decode_{name}")
            if fn is not None:
                ann = Code(self.annotation(definition.type))
                self.decoders.append(UnionDecoder(
                    name=Code(fn), annotation=ann, body=(Code(f"return {body}"),)))
            self._typedefs[key] = Code(fn) if fn else None
        fn_name = self._typedefs[key]
        return None if fn_name is None else f"{fn_name}({src})"

    def _objects(self, t: UnionOf) -> list[ObjectDef]:
        out = []
        for v in t.variants:
            if isinstance(v, Ref) and isinstance(self.defs[v.key], ObjectDef):
                out.append(self.defs[v.key])
        return out  # type: ignore[return-value]

    def _raw_fallback(self, t: UnionOf) -> bool:
        objects = self._objects(t)
        if not objects:
            return False
        if t.discriminator is not None:
            return True
        has_map = any(isinstance(v, (MapOf, AnyValue)) for v in t.variants)
        return not has_map and all(any(p.required for p in o.properties) for o in objects)

    def _union_decoder(self, t: UnionOf) -> str | None:
        decoded = [(v, self.decode(v, "value")) for v in t.variants]
        if all(d is None for _, d in decoded):
            return None
        fn = self._claim("_decode_union")
        body = self._dispatch_body(t, decoded)
        self.decoders.append(
            UnionDecoder(name=Code(fn), annotation=Code(self.annotation(t)), body=tuple(body))
        )
        return fn

    def _dispatch_body(self, t: UnionOf, decoded: list[tuple[TypeExpr, str | None]]) -> list[Code]:
        lines: list[Code] = [Code("if isinstance(value, dict):")]
        if t.discriminator is not None:
            prop = literal(t.discriminator.property)
            lines.append(Code(f"    tag = value.get({prop})"))
            for wire, key in t.discriminator.mapping:
                lines.append(Code(f"    if tag == {literal(wire)}:"))
                lines.append(Code(f"        return {self.names[key]}.from_dict(value)"))
        else:
            for obj in sorted(self._objects(t), key=lambda o: not any(p.required for p in o.properties)):
                needed = [p.name for p in obj.properties if p.required]
                test = f"{literal(frozenset(needed))} <= value.keys()" if needed else "True"
                lines.append(Code(f"    if {test}:"))
                lines.append(Code(f"        return {self.names[obj.key]}.from_dict(value)"))
            for v, d in decoded:
                if isinstance(v, MapOf) and d is not None:
                    lines.append(Code(f"    return {d}"))
        lines.append(Code("    return value"))
        for v, d in decoded:
            if isinstance(v, ArrayOf) and d is not None:
                lines.append(Code("if isinstance(value, list):"))
                lines.append(Code(f"    return {d}"))
                break
        for v, d in decoded:
            if isinstance(v, Primitive) and v.wire_string:
                lines.append(Code(f"if isinstance(value, (int, str)) and not isinstance(value, bool):"))
                lines.append(Code(f"    return {d}"))
            elif isinstance(v, Ref) and isinstance(self.defs[v.key], EnumDef):
                lines.append(Code(f"return {d}"))
                return lines
        lines.append(Code("return value"))
        return lines


def _enum_base(definition: EnumDef) -> str:
    kinds = []
    for v in definition.values:
        kind = "None" if v.value is None else type(v.value).__name__
        if kind not in kinds:
            kinds.append(kind)
    return " | ".join(kinds)


__all__ += ["TypeDef"]
