"""The first call of the package README: a five-line script the tests compile and run against
Prism. Its arguments are built from the types (required fields only, the first enum value,
placeholders for scalars), so spec prose never becomes code.
"""

from __future__ import annotations

from typing import assert_never

from ...analysis import Analysis
from ...analysis.media import media_kind
from ...ir import (
    AnyValue,
    ArrayOf,
    Const,
    EnumDef,
    MapOf,
    ObjectDef,
    Operation,
    Primitive,
    Ref,
    TypeDef,
    TypeExpr,
    UnionOf,
)
from .literals import literal, property_key
from .operations import OperationView

__all__ = ["example_call"]

_SCALARS = {"string": '"string"', "integer": "1", "number": "1", "boolean": "true", "null": "null"}
_DEPTH = 6
_RAW = {"multipart": "new FormData()", "text": '"text"', "binary": "new Uint8Array()",
        "ndjson": "new Uint8Array()", "sse": "new Uint8Array()"}


def _value(t: TypeExpr, analysis: Analysis, depth: int) -> str:
    match t:
        case Primitive():
            return _SCALARS[t.kind]
        case ArrayOf():
            return "[]" if depth > _DEPTH else f"[{_value(t.items, analysis, depth + 1)}]"
        case MapOf() | AnyValue():
            return "{}"
        case Const():
            return literal(t.value)
        case UnionOf():
            return _value(t.variants[0], analysis, depth) if t.variants else "null"
        case Ref():
            return _definition(t.key, analysis, depth)
        case _:
            assert_never(t)


def _definition(key: str, analysis: Analysis, depth: int) -> str:
    d = analysis.defs[key]
    match d:
        case EnumDef():
            return literal(next((v.value for v in d.values if v.value is not None), None))
        case TypeDef():
            return _value(d.type, analysis, depth)
        case ObjectDef():
            if depth > _DEPTH:
                return "{}"
            fields = [f"{property_key(p.name)}: {_value(p.type, analysis, depth + 1)}"
                      for p in d.properties if p.required and not p.read_only]
            return "{ " + ", ".join(fields) + " }" if fields else "{}"
        case _:
            assert_never(d)


def example_call(op: Operation, view: OperationView, analysis: Analysis) -> list[str]:
    """The arguments of a first call of ``op``: the required parameters, a minimal body."""
    args = []
    if op.parameters:
        required = [(p, k) for p, k in zip(op.parameters, view.params) if p.required]
        args.append("{ " + ", ".join(f"{property_key(k)}: {_value(p.type, analysis, 0)}"
                                     for p, k in required) + " }" if required else "{}")
    if op.request_body is not None:
        kind = media_kind(op.request_body.media_type)
        args.append(_RAW.get(kind) or _value(op.request_body.type, analysis, 0))
    return args
