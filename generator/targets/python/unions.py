"""The body of a generated union decoder: dispatch on the discriminator, or on the JSON shape.

Never "try each variant until one does not raise". The rule, documented in the README:

- a discriminator dispatches on its property; an unknown tag keeps the raw object;
- without one, the JSON shape (object / array / scalar) decides; among object variants, the one
  with the most required properties that are all present wins (ties: spec order);
- several array variants: the first element decides by the same rule (an empty array is the
  first array variant's), so ``list[StarredRepository] | list[Repository]`` is not decided by
  spec order alone;
- a value that fits no variant raises ``TypeError``.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from ...code import Code
from ...ir import (
    AnyValue,
    ArrayOf,
    Const,
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

if TYPE_CHECKING:
    from .types import TypeMapper

__all__ = ["dispatch_body", "enum_base", "objects_of", "raw_fallback"]

_NOT_BOOL = " and not isinstance({v}, bool)"
# The JSON shape test of each scalar kind, of the value ``{v}``; ``bool`` is an ``int`` in Python.
_GUARD = {
    "string": "isinstance({v}, str)",
    "integer": "isinstance({v}, int)" + _NOT_BOOL,
    "number": "isinstance({v}, (int, float))" + _NOT_BOOL,
    "boolean": "isinstance({v}, bool)",
    "null": "{v} is None",
    "int64": "isinstance({v}, (int, str))" + _NOT_BOOL,
}
_ENUM_GUARD = {"str": "string", "int": "integer", "float": "number", "bool": "boolean"}


def enum_base(definition: EnumDef) -> str:
    """The Python types of an enum's values (``null`` is a separate union variant)."""
    kinds = [type(v.value).__name__ for v in definition.values if v.value is not None]
    return " | ".join(dict.fromkeys(kinds))


def objects_of(m: TypeMapper, t: UnionOf) -> list[ObjectDef]:
    out = []
    for v in t.variants:
        definition = m.defs[v.key] if isinstance(v, Ref) else None
        if isinstance(definition, ObjectDef):
            out.append(definition)
    return out


def raw_fallback(m: TypeMapper, t: UnionOf) -> bool:
    """Whether an object may fit no variant and is then kept as the raw ``dict``."""
    objects = objects_of(m, t)
    if not objects:
        return False
    if t.discriminator is not None:
        return True
    has_map = any(isinstance(v, (MapOf, AnyValue)) for v in t.variants)
    return not has_map and all(any(p.required for p in o.properties) for o in objects)


def dispatch_body(m: TypeMapper, t: UnionOf) -> list[Code]:
    """Objects by tag or by required keys; everything else by its JSON shape; else raise."""
    lines: list[Code] = []
    objects = objects_of(m, t)
    if objects or any(isinstance(v, MapOf) for v in t.variants):
        lines.append(Code("if isinstance(value, dict):"))
        lines.extend(Code(f"    {line}") for line in _object_dispatch(m, t, objects))
    for guard, body in _shapes(m, t):
        if guard is None:
            return [*lines, *(Code(line) for line in body)]
        lines += [Code(f"if {guard}:"), *(Code(f"    {line}") for line in body)]
    # the function's annotation names the variants; a message repeating them can pass
    # any line length (Stripe's unions of 60-character class names)
    message = literal("no variant of the union fits a value of type ")
    return [*lines, Code(f"raise TypeError({message} + type(value).__name__)")]


def _object_dispatch(m: TypeMapper, t: UnionOf, objects: list[ObjectDef]) -> list[str]:
    lines = []
    if t.discriminator is not None:
        lines.append(f"tag = value.get({literal(t.discriminator.property)})")
        for wire, key in t.discriminator.mapping:
            target = m.defs[key]
            if isinstance(target, ObjectDef):
                expr = f"{m.runtime(key)}.from_dict(value)"
            elif isinstance(target, TypeDef) and not isinstance(target.type, (ArrayOf, Primitive)):
                expr = m.decode(Ref(key=key), "value") or "value"
            else:  # an array or a scalar carries no tag: its shape decides, below
                continue
            lines += [f"if tag == {literal(wire)}:", f"    return {expr}"]
    else:
        for obj in _ranked(objects):
            test = _required_test(obj, "value")
            call = f"return {m.runtime(obj.key)}.from_dict(value)"
            if test is None:
                return [*lines, call]
            lines += [f"if {test}:", f"    {call}"]
    for v in t.variants:
        if isinstance(v, MapOf):
            return [*lines, f"return {m.decode(v, 'value') or 'value'}"]
    return [*lines, "return value"]


def _ranked(objects: list[ObjectDef]) -> list[ObjectDef]:
    """The most specific first: one whose required keys are a superset of another's must be
    tried before it. Ties keep spec order."""
    return sorted(objects, key=lambda o: -sum(p.required for p in o.properties))


def _required_test(obj: ObjectDef, value: str) -> str | None:
    needed = [p.name for p in obj.properties if p.required]
    if not needed:
        return None
    return "{" + ", ".join(literal(n) for n in needed) + f"}} <= {value}.keys()"  # spec order


def _shapes(m: TypeMapper, t: UnionOf) -> list[tuple[str | None, list[str]]]:
    """``(guard, body)`` of each non-object variant; a ``None`` guard matches all. Array
    variants share one guard, where the first of them is."""
    out: list[tuple[str | None, list[str]]] = []
    arrays: list[tuple[ArrayOf, str]] = []
    for v in t.variants:
        expr = m.decode(v, "value") or "value"
        target = m.defs[v.key] if isinstance(v, Ref) else None
        shape = target.type if isinstance(target, TypeDef) else v
        if isinstance(shape, ArrayOf):
            if not arrays:
                out.append(("isinstance(value, list)", []))  # its body is filled in below
            arrays.append((shape, expr))
        elif isinstance(target, TypeDef):
            out.append((_alias_guard(target.type), [f"return {expr}"]))
        elif isinstance(target, EnumDef):
            kind = _ENUM_GUARD.get(enum_base(target))
            out.append((_GUARD[kind].format(v="value") if kind else None, [f"return {expr}"]))
        elif isinstance(v, Primitive):
            out.append((_scalar_guard(v, "value"), [f"return {expr}"]))
        elif isinstance(v, (Const, AnyValue)):
            out.append((None, [f"return {expr}"]))
    if arrays:
        out = [(g, b or _array_dispatch(m, arrays)) for g, b in out]
    # Exact shapes before catch-alls, so ``return value`` for ``Any`` does not hide the rest.
    return sorted(out, key=lambda g: g[0] is None)


def _array_dispatch(m: TypeMapper, arrays: list[tuple[ArrayOf, str]]) -> list[str]:
    """One array variant: it. Several: the first element decides (see the module docstring)."""
    if len(arrays) == 1:
        return [f"return {arrays[0][1]}"]
    tested = [(*_item_test(m, a.items), expr) for a, expr in arrays]
    specific = sorted([(test, rank, expr) for test, rank, expr in tested if test is not None],
                      key=lambda tre: -tre[1])  # objects with more required keys first
    lines = ["if not value:", f"    return {arrays[0][1]}"]
    for test, _, expr in specific:
        lines += [f"if {test}:", f"    return {expr}"]
    if rest := [expr for test, _, expr in tested if test is None]:
        return [*lines, f"return {rest[0]}"]
    message = literal("no variant of the union fits the first item of the array")
    return [*lines, f"raise TypeError({message})"]


def _item_test(m: TypeMapper, items: TypeExpr) -> tuple[str | None, int]:
    """The test of ``value[0]`` for an array of ``items`` (``None`` when anything fits), and
    its rank: how many required keys it checks."""
    first = "value[0]"
    target = m.defs[items.key] if isinstance(items, Ref) else None
    if isinstance(target, ObjectDef):
        test = _required_test(target, first)
        is_dict = f"isinstance({first}, dict)"
        rank = sum(p.required for p in target.properties)
        return (is_dict if test is None else f"{is_dict} and {test}"), rank
    if isinstance(target, EnumDef):
        kind = _ENUM_GUARD.get(enum_base(target))
        return (_GUARD[kind].format(v=first) if kind else None), 0
    if isinstance(items, Primitive):
        return _scalar_guard(items, first), 0
    if isinstance(items, (ArrayOf, MapOf)):
        return f"isinstance({first}, {'list' if isinstance(items, ArrayOf) else 'dict'})", 0
    return None, 0


def _scalar_guard(p: Primitive, value: str) -> str:
    return _GUARD["int64" if p.wire_string else p.kind].format(v=value)


def _alias_guard(t: TypeExpr) -> str | None:
    if isinstance(t, MapOf):
        return "isinstance(value, dict)"
    if isinstance(t, Primitive):
        return _scalar_guard(t, "value")
    return None
