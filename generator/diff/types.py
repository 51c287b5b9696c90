"""Type relations for ``diff``: does one version of a type accept every value of the other?

Everything here reads the language-neutral IR only. A type expression is judged together with the
:class:`~generator.ir.Api` it belongs to, because a :class:`~generator.ir.Ref` means nothing
without its definitions. Definitions are matched across versions by their spec name (the name the
SDK's class is made from), never by file name, so ``old.yaml`` and ``new.yaml`` compare cleanly.
"""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass
from typing import Literal, assert_never

from ..ir import (
    AnyValue,
    Api,
    ArrayOf,
    Const,
    Definition,
    EnumDef,
    MapOf,
    ObjectDef,
    Primitive,
    Property,
    Ref,
    TypeDef,
    TypeExpr,
    UnionOf,
)

__all__ = [
    "BOTH", "Direction", "Relation", "Typed", "describe", "directions_of", "full_type", "relation",
    "usage",
]

Relation = Literal["same", "narrowed", "widened", "changed"]
Direction = Literal["request", "response"]
NULL = Primitive(kind="null")
BOTH: frozenset[Direction] = frozenset({"request", "response"})


def directions_of(p: Property, dirs: frozenset[Direction]) -> frozenset[Direction]:
    """Where a field travels: readOnly fields in responses only, writeOnly in requests only."""
    only: frozenset[Direction] = (
        frozenset({"response"}) if p.read_only else frozenset({"request"}) if p.write_only else BOTH
    )
    return (dirs & only) or only


def full_type(p: Property) -> TypeExpr:
    """The field's type with ``null`` back in it when the field is nullable."""
    return UnionOf(variants=(p.type, NULL)) if p.nullable else p.type


@dataclass(frozen=True, slots=True)
class Typed:
    """A type expression and the API that gives its references a meaning."""

    type: TypeExpr
    api: Api


def relation(old: Typed, new: Typed) -> Relation:
    """How ``new`` relates to ``old``: accepts fewer values (narrowed), more (widened), the same,
    or a different set (changed)."""
    old_covers = _covers(old, new, set())
    new_covers = _covers(new, old, set())
    if old_covers and new_covers:
        return "same"
    if old_covers:
        return "narrowed"
    return "widened" if new_covers else "changed"


def _definition(api: Api, key: str) -> Definition | None:
    """The definition of ``api`` with ``key``, if any."""
    return next((d for d in api.definitions if d.key == key), None)


def _resolve(t: Typed) -> Typed | Definition:
    """A reference to a type alias is its aliased type; to an object or enum, its definition."""
    seen: set[str] = set()
    while isinstance(t.type, Ref) and t.type.key not in seen:
        seen.add(t.type.key)
        found = _definition(t.api, t.type.key)
        if found is None:
            return Typed(AnyValue(), t.api)
        if not isinstance(found, TypeDef):
            return found
        t = Typed(found.type, t.api)
    return t


def _covers(a: Typed, b: Typed, seen: set[tuple[str, str]]) -> bool:
    """Whether every value of ``b`` is a value of ``a`` (conservative: unsure means no)."""
    if isinstance(a.type, Ref) and isinstance(b.type, Ref):
        pair = (a.type.key, b.type.key)
        if pair in seen:  # recursive types: assume what is being proved (coinduction)
            return True
        seen = seen | {pair}
    ra, rb = _resolve(a), _resolve(b)
    if isinstance(ra, Typed) and isinstance(ra.type, AnyValue):
        return True
    if isinstance(rb, Typed) and isinstance(rb.type, UnionOf):
        return all(_covers(a, Typed(v, rb.api), seen) for v in rb.type.variants)
    if isinstance(ra, Typed) and isinstance(ra.type, UnionOf):
        return any(_covers(Typed(v, ra.api), b, seen) for v in ra.type.variants)
    if not isinstance(ra, Typed) or not isinstance(rb, Typed):
        return _covers_definition(ra, rb, seen)
    return _covers_expr(ra, rb, seen)


def _covers_definition(a: Typed | Definition, b: Typed | Definition, seen: set[tuple[str, str]]) -> bool:
    """Whether ``b``'s values are ``a``'s where one side is a definition: the same named object
    or enum (its own changes are reported on it), an enum's values within another's, or a
    type and an enum whose values it admits."""
    if isinstance(a, (ObjectDef, EnumDef)) and type(a) is type(b) and a.name == b.name:
        return True  # one type in two versions: its own changes are reported on it, once
    if isinstance(a, EnumDef) and isinstance(b, EnumDef):
        return {v.value for v in b.values} <= {v.value for v in a.values}
    if isinstance(a, Typed) and isinstance(b, EnumDef):
        return all(_covers(a, Typed(Const(value=v.value), a.api), seen) for v in b.values)
    if isinstance(a, EnumDef) and isinstance(b, Typed) and isinstance(b.type, Const):
        return b.type.value in {v.value for v in a.values}
    return False


def _covers_expr(a: Typed, b: Typed, seen: set[tuple[str, str]]) -> bool:
    """Whether every value of the type expression ``b`` is a value of ``a`` (neither a
    reference nor a union, both resolved): the same kind (an integer is a number), a constant
    of that kind, or containers whose contents cover."""
    x, y = a.type, b.type
    match x:
        case Primitive():
            if isinstance(y, Const):
                return _kind_of(y.value) in (x.kind, "integer" if x.kind == "number" else "-")
            return isinstance(y, Primitive) and (
                x.kind == y.kind or (x.kind, y.kind) == ("number", "integer"))
        case ArrayOf():
            return isinstance(y, ArrayOf) and _covers(Typed(x.items, a.api), Typed(y.items, b.api), seen)
        case MapOf():
            return isinstance(y, MapOf) and _covers(Typed(x.values, a.api), Typed(y.values, b.api), seen)
        case Const():
            return isinstance(y, Const) and x.value == y.value
        case Ref() | UnionOf() | AnyValue():
            return False  # resolved or handled by the caller
        case _:
            assert_never(x)


def _kind_of(value: object) -> str:
    """The JSON type of a constant's value (``-`` for none)."""
    if value is None:
        return "null"
    if isinstance(value, bool):
        return "boolean"
    if isinstance(value, int):
        return "integer"
    return "number" if isinstance(value, float) else "string" if isinstance(value, str) else "-"


def describe(t: Typed) -> str:
    """A short, language-neutral spelling of a type for messages (``array of Pet``)."""
    x = t.type
    match x:
        case Primitive():
            return x.kind
        case ArrayOf():
            return f"array of {describe(Typed(x.items, t.api))}"
        case MapOf():
            return f"map of {describe(Typed(x.values, t.api))}"
        case Ref():
            found = _definition(t.api, x.key)
            name = ".".join(found.name) if found else x.key
            return f"enum {name}" if isinstance(found, EnumDef) else name
        case UnionOf():
            return " | ".join(describe(Typed(v, t.api)) for v in x.variants)
        case Const():
            return f"const {x.value!r}"
        case AnyValue():
            return "any"
        case _:
            assert_never(x)


def usage(api: Api) -> dict[tuple[str, ...], set[Direction]]:
    """Which definitions (by name) requests and responses reach, through any nesting."""
    found: dict[tuple[str, ...], set[Direction]] = {}
    by_key = {d.key: d for d in api.definitions}
    for op in api.operations:
        inputs = [p.type for p in op.parameters]
        inputs += [op.request_body.type] if op.request_body else []
        outputs = [r.type for r in op.responses if r.type is not None]
        for direction, roots in (("request", inputs), ("response", outputs)):
            for key in _reached(roots, by_key):
                found.setdefault(by_key[key].name, set()).add(direction)  # type: ignore[arg-type]
    return found


def _reached(roots: list[TypeExpr], by_key: dict[str, Definition]) -> set[str]:
    """The definitions ``roots`` reach through references (each once)."""
    seen: set[str] = set()
    stack = list(roots)
    while stack:
        for key in _refs(stack.pop()):
            if key in seen or key not in by_key:
                continue
            seen.add(key)
            stack.extend(_children(by_key[key]))
    return seen


def _children(d: Definition) -> Iterator[TypeExpr]:
    """The type expressions a definition holds: its fields' and additional values' types, or
    the type it aliases."""
    if isinstance(d, ObjectDef):
        yield from (p.type for p in d.properties)
        if d.additional is not None:
            yield d.additional
    elif isinstance(d, TypeDef):
        yield d.type


def _refs(t: TypeExpr) -> Iterator[str]:
    """The definition keys a type expression refers to directly (not through a definition)."""
    match t:
        case Ref():
            yield t.key
        case ArrayOf():
            yield from _refs(t.items)
        case MapOf():
            yield from _refs(t.values)
        case UnionOf():
            for v in t.variants:
                yield from _refs(v)
        case Primitive() | Const() | AnyValue():
            return
        case _:
            assert_never(t)
