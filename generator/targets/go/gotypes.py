"""Go spellings of IR types shared by the models and the client: scalars, constants, null.

:func:`wire_type` is the Go type the client uses for a parameter, body or response (an inline
union is kept as ``json.RawMessage``: lossless, and no type is declared for it).
"""

from __future__ import annotations

from collections.abc import Mapping

from ...ir import AnyValue, ArrayOf, Const, MapOf, Primitive, Ref, TypeExpr, UnionOf
from .capabilities import MODEL_INTEGERS

__all__ = ["const_type", "primitive_type", "strip_null", "wire_type"]


def wire_type(t: TypeExpr, names: Mapping[str, str], prefix: str = "") -> str:
    """The Go type of a value of ``t``; ``prefix`` qualifies the package's own type names
    (``credits.``, for code outside the package)."""
    inner, null = strip_null(t)
    go = _plain(inner, names, prefix)
    return f"{prefix}Nullable[{go}]" if null else go


def _plain(t: TypeExpr, names: Mapping[str, str], prefix: str) -> str:
    match t:
        case Primitive():
            go = primitive_type(t)
            return prefix + go if go == "Int64" else go
        case ArrayOf():
            return "[]" + wire_type(t.items, names, prefix)
        case MapOf():
            return "map[string]" + wire_type(t.values, names, prefix)
        case Ref():
            return prefix + names[t.key]
        case Const():
            return const_type(t.value)
        case AnyValue() | UnionOf():
            return "json.RawMessage"


def strip_null(t: TypeExpr) -> tuple[TypeExpr, bool]:
    if isinstance(t, UnionOf):
        rest = tuple(v for v in t.variants if not (isinstance(v, Primitive) and v.kind == "null"))
        if len(rest) != len(t.variants):
            if len(rest) == 1:
                return rest[0], True
            return UnionOf(variants=rest, discriminator=t.discriminator), True
    return t, False


def primitive_type(t: Primitive) -> str:
    if t.wire_string:
        return "Int64"
    match t.kind:
        case "string":
            return "string"  # formatted strings are kept as sent: lossless
        case "integer":
            return "int32" if t.format == "int32" else "int64"
        case "number":
            return "float32" if t.format == "float" else "float64"
        case "boolean":
            return "bool"
        case _:
            return "json.RawMessage"


def const_type(value: object) -> str:
    if isinstance(value, bool):
        return "bool"
    if isinstance(value, str):
        return "string"
    if isinstance(value, int):
        return "int64" if MODEL_INTEGERS.holds(value) else "json.RawMessage"
    if isinstance(value, float):
        return "float64"
    return "json.RawMessage"
