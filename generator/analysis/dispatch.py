"""The union dispatch rule, one for every language: which variant a JSON value decodes as.

Never "try each variant until one does not raise". The rule, documented in the README:

- a discriminator dispatches an object on its property; an unknown tag keeps the raw object;
- without one, the JSON shape (object / array / scalar) decides; among object variants, the one
  with the most required properties that are all present wins (ties: spec order);
- several array variants: the first element decides by the same rule (an empty array is the
  first array variant's), so ``list[StarredRepository] | list[Repository]`` is not decided by
  spec order alone;
- a value that fits no variant is an error.

:func:`dispatch` states the rule for one union as data (:class:`Dispatch`); each target prints
it in its own language. Variants are named by their index in :attr:`UnionOf.variants`.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
from typing import Literal

from ..ir import (
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

__all__ = [
    "AnyCase", "ArrayCase", "Case", "Dispatch", "ItemTest", "KeyTest", "ObjectRule", "Shape", "ShapeCase",
    "dispatch", "enum_shape", "object_variants",
]

Shape = Literal["object", "array", "string", "integer", "number", "boolean", "null", "int64"]
"""A JSON shape a value is tested for. ``integer`` and ``number`` exclude booleans, ``number``
includes integers; ``int64`` is an integer or a string (ProtoJSON int64)."""


@dataclass(frozen=True, slots=True, kw_only=True)
class KeyTest:
    """An object variant (definition ``key``) takes an object that has every ``required``
    key. With no required key it takes any object, and no later test is reached."""

    key: str
    required: tuple[str, ...]


@dataclass(frozen=True, slots=True, kw_only=True)
class ObjectRule:
    """What a JSON object decodes as. With a discriminator (``property``), its value picks a
    definition through ``tags`` (wire value -> definition key; only the definitions an object
    can be); without one, ``keyed`` is tried in order. An object nothing took decodes as the
    map variant ``rest`` (an index), or, with none, is kept as it is (the raw object)."""

    property: str | None
    tags: tuple[tuple[str, str], ...]
    keyed: tuple[KeyTest, ...]
    rest: int | None


@dataclass(frozen=True, slots=True, kw_only=True)
class ShapeCase:
    """A value of ``shape`` decodes as ``variant``."""

    shape: Shape
    variant: int


@dataclass(frozen=True, slots=True, kw_only=True)
class AnyCase:
    """Any value decodes as ``variant`` (an untyped or constant variant, an alias of a union):
    the last case, as nothing after it is reached."""

    variant: int


@dataclass(frozen=True, slots=True, kw_only=True)
class ItemTest:
    """An array whose first item has ``shape`` (and, an object, every ``required`` key)
    decodes as ``variant``."""

    variant: int
    shape: Shape
    required: tuple[str, ...] = ()


@dataclass(frozen=True, slots=True, kw_only=True)
class ArrayCase:
    """What a JSON array decodes as. ``variants``: the array variants in spec order. One
    takes every array; of several, the first takes an empty array, else the first item picks
    by ``tests`` in order, else ``rest`` (the first variant whose items are not tested), else
    the array is an error."""

    variants: tuple[int, ...]
    tests: tuple[ItemTest, ...]
    rest: int | None


Case = ShapeCase | ArrayCase | AnyCase


@dataclass(frozen=True, slots=True, kw_only=True)
class Dispatch:
    """The rule for one union. An object goes to ``objects`` when it is set; every value (an
    object too, if ``objects`` is not set) is tried against ``cases`` in order (an
    :class:`AnyCase` can only be last); a value none took is an error. ``raw_fallback``: whether an object may be kept as it is (the union's type must
    then admit a plain JSON object beside its variants)."""

    objects: ObjectRule | None
    cases: tuple[Case, ...]
    raw_fallback: bool


def dispatch(defs: Mapping[str, Definition], t: UnionOf) -> Dispatch:
    """The dispatch rule of ``t``, whose references are keys of ``defs``."""
    objects = object_variants(defs, t)
    has_map = any(isinstance(v, MapOf) for v in t.variants)
    rule = _object_rule(defs, t, objects) if objects or has_map else None
    return Dispatch(objects=rule, cases=_cases(defs, t), raw_fallback=_raw_fallback(t, objects))


def object_variants(defs: Mapping[str, Definition], t: UnionOf) -> list[ObjectDef]:
    """The variants of ``t`` that name an object definition, in spec order."""
    found = (defs[v.key] for v in t.variants if isinstance(v, Ref))
    return [d for d in found if isinstance(d, ObjectDef)]


def enum_shape(d: EnumDef) -> Shape | None:
    """The shape of every value of an enum (``null`` aside), or ``None`` when they differ."""
    kinds = {_kind(v.value) for v in d.values if v.value is not None}
    return kinds.pop() if len(kinds) == 1 else None


def _kind(value: str | float) -> Shape:
    if isinstance(value, bool):
        return "boolean"
    if isinstance(value, int):
        return "integer"
    return "number" if isinstance(value, float) else "string"


def _raw_fallback(t: UnionOf, objects: list[ObjectDef]) -> bool:
    if not objects:
        return False
    if t.discriminator is not None:
        return True
    has_map = any(isinstance(v, (MapOf, AnyValue)) for v in t.variants)
    return not has_map and all(any(p.required for p in o.properties) for o in objects)


def _object_rule(defs: Mapping[str, Definition], t: UnionOf, objects: list[ObjectDef]) -> ObjectRule:
    rest = next((i for i, v in enumerate(t.variants) if isinstance(v, MapOf)), None)
    if t.discriminator is not None:
        tags = tuple((wire, key) for wire, key in t.discriminator.mapping
                     if _may_be_object(defs[key]))
        return ObjectRule(property=t.discriminator.property, tags=tags, keyed=(), rest=rest)
    keyed: list[KeyTest] = []
    for obj in sorted(objects, key=lambda o: -sum(p.required for p in o.properties)):
        keyed.append(KeyTest(key=obj.key, required=_required(obj)))
        if not keyed[-1].required:
            return ObjectRule(property=None, tags=(), keyed=tuple(keyed), rest=None)
    return ObjectRule(property=None, tags=(), keyed=tuple(keyed), rest=rest)


def _may_be_object(d: Definition) -> bool:
    """Whether a discriminator's tag can name ``d``: an array or a scalar carries no tag (its
    shape decides)."""
    if isinstance(d, TypeDef):
        return not isinstance(d.type, (ArrayOf, Primitive))
    return isinstance(d, ObjectDef)


def _required(obj: ObjectDef) -> tuple[str, ...]:
    return tuple(p.name for p in obj.properties if p.required)


def _cases(defs: Mapping[str, Definition], t: UnionOf) -> tuple[Case, ...]:
    """Each non-object variant by its shape; the array variants share one case, where the
    first of them is. Shaped cases before catch-alls, which end the list."""
    out: list[ShapeCase | AnyCase | None] = []  # None: where the array case goes
    arrays: list[tuple[int, ArrayOf]] = []
    for i, v in enumerate(t.variants):
        target = defs[v.key] if isinstance(v, Ref) else None
        shape = target.type if isinstance(target, TypeDef) else v
        if isinstance(shape, ArrayOf):
            if not arrays:
                out.append(None)
            arrays.append((i, shape))
        elif isinstance(target, TypeDef):
            out.append(_case(_alias_shape(target.type), i))
        elif isinstance(target, EnumDef):
            out.append(_case(enum_shape(target), i))
        elif isinstance(v, Primitive):
            out.append(_case(_scalar_shape(v), i))
        elif isinstance(v, (Const, AnyValue)):
            out.append(AnyCase(variant=i))
    cases = [c if c is not None else _array_case(defs, arrays) for c in out]
    ordered = sorted(cases, key=lambda c: isinstance(c, AnyCase))  # stable
    ends = next((n for n, c in enumerate(ordered) if isinstance(c, AnyCase)), len(ordered) - 1)
    return tuple(ordered[:ends + 1])


def _case(shape: Shape | None, variant: int) -> ShapeCase | AnyCase:
    return AnyCase(variant=variant) if shape is None else ShapeCase(shape=shape, variant=variant)


def _array_case(defs: Mapping[str, Definition], arrays: list[tuple[int, ArrayOf]]) -> ArrayCase:
    variants = tuple(i for i, _ in arrays)
    if len(arrays) == 1:
        return ArrayCase(variants=variants, tests=(), rest=variants[0])
    tests: list[ItemTest] = []
    untested: list[int] = []
    for i, a in arrays:
        test = _item_test(defs, i, a.items)
        if test is None:
            untested.append(i)
        else:
            tests.append(test)
    tests.sort(key=lambda test: -len(test.required))  # more required keys first; stable
    return ArrayCase(variants=variants, tests=tuple(tests), rest=next(iter(untested), None))


def _item_test(defs: Mapping[str, Definition], variant: int, items: TypeExpr) -> ItemTest | None:
    """The test of the first item of an array of ``items`` (``None`` when anything fits)."""
    target = defs[items.key] if isinstance(items, Ref) else None
    shape: Shape | None = None
    if isinstance(target, ObjectDef):
        return ItemTest(variant=variant, shape="object", required=_required(target))
    if isinstance(target, EnumDef):
        shape = enum_shape(target)
    elif isinstance(items, Primitive):
        shape = _scalar_shape(items)
    elif isinstance(items, (ArrayOf, MapOf)):
        shape = "array" if isinstance(items, ArrayOf) else "object"
    return None if shape is None else ItemTest(variant=variant, shape=shape)


def _scalar_shape(p: Primitive) -> Shape:
    return "int64" if p.wire_string else p.kind


def _alias_shape(t: TypeExpr) -> Shape | None:
    if isinstance(t, MapOf):
        return "object"
    if isinstance(t, Primitive):
        return _scalar_shape(t)
    return None
