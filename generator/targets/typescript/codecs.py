"""``src/codecs.ts``: ``decodeX`` and ``encodeX`` for every definition, from one table of shapes.

The models are plain JSON objects, so decoding has little to do: the table (the runtime's
``Codec`` data, see ``templates/typescript/codec.ts.jinja``) describes only the definitions that
reach a ProtoJSON int64 (decoded from a number or its decimal text to a ``number``, or a
``bigint`` beyond 2^53) or a ``readOnly`` property (left out of what is sent, at any depth,
from the shared reach analysis), and the arrays, maps and unions on the way to them. Unions
follow the shared dispatch rule (:mod:`generator.analysis.dispatch`), printed as data.
"""

from __future__ import annotations

from collections.abc import Iterator
from typing import assert_never

from ...analysis import Analysis
from ...analysis.dispatch import AnyCase, ArrayCase, Dispatch, ShapeCase
from ...analysis.graph import reference_graph, type_exprs
from ...analysis.reach import users_of
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
from .literals import doc, string

__all__ = ["Codecs", "codecs_source", "shapes_source"]


def _has_int64(t: TypeExpr) -> bool:
    match t:
        case Primitive():
            return t.wire_string
        case ArrayOf(items=inner) | MapOf(values=inner):
            return _has_int64(inner)
        case UnionOf():
            return any(_has_int64(v) for v in t.variants)
        case Ref() | Const() | AnyValue():
            return False
        case _:
            assert_never(t)


class Codecs:
    """The codec of every type expression of one API, as TypeScript source (``null``: none)."""

    def __init__(self, analysis: Analysis) -> None:
        self.analysis = analysis
        defs = analysis.defs
        graph = reference_graph(defs.values())
        seeds = {k for k, d in defs.items() if any(_has_int64(t) for t in type_exprs(d))}
        working = users_of(seeds, graph) | analysis.read_only
        self.index = {k: i for i, k in enumerate(k for k in defs if k in working)}

    def of(self, t: TypeExpr) -> str | None:
        """The codec of ``t``, or ``None`` when its JSON is kept as it is."""
        match t:
            case Primitive():
                return string("i64") if t.wire_string else None
            case ArrayOf():
                inner = self.of(t.items)
                return None if inner is None else f"{{ a: {inner} }}"
            case MapOf():
                inner = self.of(t.values)
                return None if inner is None else f"{{ m: {inner} }}"
            case Ref():
                found = self.index.get(t.key)
                return None if found is None else str(found)
            case UnionOf():
                return self._union(t)
            case Const() | AnyValue():
                return None
            case _:
                assert_never(t)

    def definition(self, key: str) -> str:
        """The table entry of a definition that needs work."""
        d = self.analysis.defs[key]
        match d:
            case ObjectDef():
                props = [f"[{string(p.name)}, {self.of(p.type) or 'null'}, {int(p.read_only)}]"
                         for p in d.properties if p.read_only or self.of(p.type) is not None]
                extra = self.of(d.additional) if d.additional is not None else None
                tail = f", x: {extra}" if extra is not None else ""
                return f"{{ o: [{', '.join(props)}]{tail} }}"
            case TypeDef():
                return self.of(d.type) or "{ o: [] }"
            case EnumDef():
                return "{ o: [] }"
            case _:
                assert_never(d)

    def _union(self, t: UnionOf) -> str | None:
        codecs = [self.of(v) for v in t.variants]
        if all(c is None for c in codecs):
            return None
        rule = self.analysis.dispatch(t)
        return "{ u: { " + ", ".join(_rule(rule, codecs, self.index)) + " } }"


def _rule(rule: Dispatch, codecs: list[str | None], index: dict[str, int]) -> Iterator[str]:
    def at(i: int | None) -> str:
        return "null" if i is None else codecs[i] or "null"

    def by_key(key: str) -> str:
        return str(index[key]) if key in index else "null"

    objects = rule.objects
    if objects is not None and objects.property is not None:
        yield f"p: {string(objects.property)}"
        yield "t: [" + ", ".join(f"[{string(w)}, {by_key(k)}]" for w, k in objects.tags) + "]"
    elif objects is not None:
        yield "k: [" + ", ".join(f"[[{', '.join(map(string, k.required))}], {by_key(k.key)}]"
                                 for k in objects.keyed) + "]"
    if objects is not None:
        yield f"r: {at(objects.rest)}"
    shapes: list[str] = []
    for case in rule.cases:
        match case:
            case ShapeCase():
                shapes.append(f"[{string(case.shape)}, {at(case.variant)}]")
            case AnyCase():
                shapes.append(f"[\"any\", {at(case.variant)}]")
            case ArrayCase():
                shapes.append(f"[\"array\", {at(case.rest)}]")
                if len(case.variants) > 1:
                    yield "a: [" + ", ".join(
                        f"[{string(x.shape)}, [{', '.join(map(string, x.required))}], "
                        f"{at(x.variant)}]" for x in case.tests) + "]"
            case _:
                assert_never(case)
    yield "s: [" + ", ".join(shapes) + "]"


def shapes_source(codecs: Codecs) -> list[str]:
    """``SHAPES``: the table entry of every definition that needs work, by its index."""
    table = [f"  {codecs.definition(k)}," for k in codecs.index]
    return ["export const SHAPES: readonly Codec[] = [", *table, "];"] if table else [
        "export const SHAPES: readonly Codec[] = [];"]


def codecs_source(codecs: Codecs, names: dict[str, str],
                  request_names: dict[str, str]) -> list[str]:
    """The ``decodeX``/``encodeX`` functions of every definition but enums."""
    analysis = codecs.analysis
    out: list[str] = []
    for key, name in names.items():
        if isinstance(analysis.defs[key], EnumDef):
            continue  # a scalar: nothing to decode
        found = codecs.index.get(key)
        entry = "null" if found is None else str(found)
        sent = request_names.get(key, name)
        accepted = f"m.{name}" if sent == name else f"m.{name} | m.{sent}"
        out += [
            "",
            *doc(f"Parsed JSON (`parseJson`) as a `{name}`: int64 values as numbers (`bigint` "
                 "beyond 2^53),\neverything else as it came. It does not validate."),
            f"export function decode{name}(value: unknown): m.{name} {{",
            f"  return decode(SHAPES, {entry}, value) as m.{name};",
            "}",
            "",
            *doc(f"A `{name}` as it is sent (`stringifyJson` writes it): `readOnly` "
                 "properties\nleft out at any depth."),
            f"export function encode{name}(value: {accepted}): unknown {{",
            f"  return encodeRequest(SHAPES, {entry}, value);",
            "}",
        ]
    return out
