"""Which named types hold a ``readOnly`` property, at any depth.

A request must never carry what the server sets (``readOnly``). Only the ``to_dict`` of a class
that holds such a property itself, or reaches one through a field (a nested model, a list, a
map, a union, an alias), forwards ``request=`` to what it encodes; every other class encodes
exactly as before, so the common case pays nothing for the feature.
"""

from __future__ import annotations

from collections.abc import Iterator, Mapping
from typing import assert_never

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

__all__ = ["read_only_keys"]


def read_only_keys(defs: Mapping[str, Definition]) -> frozenset[str]:
    """Keys of the definitions whose wire form may contain a ``readOnly`` property.

    A fixpoint over the reference graph: start from the objects with a ``readOnly`` property of
    their own, then add every definition that refers to one already found (cycles terminate).
    """
    found = {k for k, d in defs.items()
             if isinstance(d, ObjectDef) and any(p.read_only for p in d.properties)}
    edges = {k: frozenset(_refs_of(d)) for k, d in defs.items()}
    changed = True
    while changed:
        changed = False
        for key in defs:
            if key not in found and not edges[key].isdisjoint(found):
                found.add(key)
                changed = True
    return frozenset(found)


def _refs_of(d: Definition) -> Iterator[str]:
    if isinstance(d, ObjectDef):
        for p in d.properties:
            yield from refs(p.type)
        if d.additional is not None:
            yield from refs(d.additional)
    elif isinstance(d, TypeDef):
        yield from refs(d.type)
    elif not isinstance(d, EnumDef):
        assert_never(d)


def refs(t: TypeExpr) -> Iterator[str]:
    """The definition keys ``t`` names directly (not through other definitions)."""
    match t:
        case Primitive() | Const() | AnyValue():
            return
        case ArrayOf(items=inner) | MapOf(values=inner):
            yield from refs(inner)
        case Ref(key=key):
            yield key
        case UnionOf(variants=variants):
            for v in variants:
                yield from refs(v)
        case _:
            assert_never(t)
