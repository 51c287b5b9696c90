"""The data from which the runtime writes a model's ``from_dict`` and ``to_dict``
(``_runtime._Model``): each field's shape and flags, the wire names that differ.

A shape names what the wire value becomes, in the runtime's small vocabulary: a model's class
name, ``enum:<name>``, ``int64``, ``format:<format>``, ``union:<decoding function>``,
``alias:<decoding function>:<shape of what it names>`` and ``list:``/``dict:`` of one. The
runtime turns it into the same expressions :meth:`TypeMapper.decode` and
:meth:`TypeMapper.encode` write. A type outside that vocabulary (an alias on a reference
cycle) raises :class:`Unshaped`: its class keeps written methods.
"""

from __future__ import annotations

from typing import assert_never

from ...ir import (
    AnyValue,
    ArrayOf,
    Const,
    EnumDef,
    MapOf,
    ObjectDef,
    Primitive,
    Ref,
    TypeExpr,
    UnionOf,
)
from .types import TypeMapper

__all__ = ["Unshaped", "field_flags", "shape"]


class Unshaped(Exception):
    """A type the runtime's shapes do not describe."""


def shape(mapper: TypeMapper, t: TypeExpr, decoding: bool = True) -> str:
    """The shape of ``t`` (empty: its wire value is the Python value). ``decoding=False``: only
    what encoding reads (no decoding function is named, so none is claimed)."""
    if not mapper.needs_work(t):
        return ""
    match t:
        case Primitive(wire_string=True):
            return "int64"
        case Primitive(format=fmt):
            return f"format:{fmt}"
        case ArrayOf(items=inner):
            return f"list:{shape(mapper, inner, decoding)}"
        case MapOf(values=inner):
            return f"dict:{shape(mapper, inner, decoding)}"
        case Ref(key=key):
            definition = mapper.defs[key]
            if isinstance(definition, ObjectDef):
                return mapper.names[key]
            if isinstance(definition, EnumDef):
                return f"enum:{mapper.names[key]}"
            if key in mapper.analysis.order.recursive:
                raise Unshaped(key)
            return f"alias:{_function(mapper, t) if decoding else ''}:" + shape(
                mapper, definition.type, decoding=False)
        case UnionOf():
            return f"union:{_function(mapper, t) if decoding else ''}"
        case Const() | AnyValue():
            return ""
        case _:
            assert_never(t)


def _function(mapper: TypeMapper, t: TypeExpr) -> str:
    """The module's function that decodes ``t`` (claimed on first use)."""
    call = mapper.decode(t, "value")  # ``_decode_union3(value)``
    assert call is not None and call.endswith("(value)")
    return call.removesuffix("(value)")


def field_flags(kind: str, fixed: bool, nullable: bool, read_only: bool, shaped: bool) -> str:
    """The flags before a field's shape: its kind where a fixed default hides it, ``?`` when
    null is a value to keep apart from the shape's, ``^`` when it is read-only."""
    flags = {"required": "!", "optional": "-", "unset": "~"}[kind] if fixed else ""
    return flags + "?" * (nullable and shaped) + "^" * read_only
