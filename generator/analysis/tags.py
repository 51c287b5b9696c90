"""Discriminator values a variant's constructor fills in: see ``docs/client-contract.md`` §5.

A discriminated union's variant whose discriminator property allows exactly one value (a
``const``, or an enum of one value) needs no caller to spell that value: every target fills it
in (Python: a field default; TypeScript: the literal type; Go: set when encoding).
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from types import MappingProxyType

from ..ir import Const, Definition, EnumDef, JsonValue, ObjectDef, Ref, TypeExpr, UnionOf

__all__ = ["fixed_tags", "single_value"]


def single_value(defs: Mapping[str, Definition], t: TypeExpr) -> tuple[JsonValue] | None:
    """The one value ``t`` allows, in a 1-tuple (so ``null`` is a value), or ``None`` when it
    allows more (or none): a ``const``, or a reference to an enum of one value."""
    if isinstance(t, Const):
        return (t.value,)
    if isinstance(t, Ref):
        d = defs[t.key]
        if isinstance(d, EnumDef) and len(d.values) == 1:
            return (d.values[0].value,)
    return None


def fixed_tags(
    defs: Mapping[str, Definition], unions: Iterable[UnionOf]
) -> Mapping[tuple[str, str], str]:
    """(variant definition key, property name) -> the value its constructor fills in, for each
    variant of a discriminated union whose required discriminator property allows one value."""
    out: dict[tuple[str, str], str] = {}
    for u in unions:
        if u.discriminator is None:
            continue
        name = u.discriminator.property
        for _, key in u.discriminator.mapping:
            d = defs.get(key)
            if not isinstance(d, ObjectDef):
                continue
            for p in d.properties:
                value = single_value(defs, p.type) if p.name == name and p.required else None
                if value is not None and isinstance(value[0], str) and not p.nullable:
                    out[key, name] = value[0]  # a tag is a string (OpenAPI's discriminator)
    return MappingProxyType(out)
