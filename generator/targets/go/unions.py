"""The Go models' unions: a struct with a pointer per variant and ``Raw``, decoded by the
shared dispatch rule (:mod:`generator.analysis.dispatch`, written out as data for the runtime's
``pickVariant``), never by trial decoding."""

from __future__ import annotations

from collections.abc import Mapping
from typing import Protocol

from ...analysis import Analysis
from ...analysis.dispatch import AnyCase, ArrayCase, Dispatch, ShapeCase
from ...analysis.naming import Scope
from ...ir import ArrayOf, MapOf, Primitive, Ref, TypeExpr, UnionOf
from .literals import KEYWORDS, go_string, pascal

__all__ = ["Typing", "union_type"]


class Typing(Protocol):
    """What a union asks of the models being written: the analysis, the definitions' Go
    names and the Go type of a variant."""

    @property
    def analysis(self) -> Analysis: ...

    @property
    def names(self) -> Mapping[str, str]: ...

    def plain(self, t: TypeExpr, owner: str = "", hint: str = "") -> str: ...


def union_type(m: Typing, t: UnionOf, name: str) -> str:
    """The struct of union ``t`` (a pointer per variant, and ``Raw``) and its JSON methods."""
    fields = Scope(frozenset({"Raw"}), keywords=KEYWORDS, sep="")
    variants = []
    for v in t.variants:
        field = fields.claim(_variant_name(m, v))
        variants.append((field, m.plain(v, hint=name + field)))
    rule = m.analysis.dispatch(t)
    tagged = rule.objects is not None and rule.objects.property is not None
    lines = [f"type {name} struct {{"]
    lines += [f"{field} *{go}" for field, go in variants]
    lines += ["// Raw holds a value no variant takes (an unknown tag), as sent." if tagged else
              "// Raw holds a value of a shape no variant takes, as sent.",
              "Raw json.RawMessage", "}", ""]
    objects, shapes = _rule(rule, t)
    # the rule is built once, at package initialisation, not on every decode
    if objects != "nil":
        lines += [f"var objects{name} = {objects}", ""]
        objects = f"objects{name}"
    lines += [f"var shapes{name} = {shapes}", "",
              "// UnmarshalJSON decodes the variant the shared dispatch rule picks.",
              f"func (u *{name}) UnmarshalJSON(data []byte) error {{",
              "return unmarshalModel(data, u)", "}", "",
              f"func (u *{name}) decodeNode(d *decoder, at int) error {{", f"*u = {name}{{}}",
              f"switch d.pickVariant(at, {objects}, shapes{name}) {{"]
    for index, (field, go) in enumerate(variants):
        lines += [f"case {index}:", f"u.{field} = new({go})", f"return d.into(at, u.{field})"]
    lines += ["}", "u.Raw = d.raw(at)", "return nil", "}", ""]
    lines += _encode(name, [field for field, _ in variants], m.analysis.carries_read_only(t))
    return "\n".join(lines) + "\n"


def _encode(name: str, fields: list[str], request: bool) -> list[str]:
    """``MarshalJSON`` (and ``RequestJSON`` where readOnly is reached), both through
    ``encodeNode``: the variant that is set, else ``Raw``, else null."""
    lines = ["// MarshalJSON encodes the variant that is set (else Raw, else null).",
             f"func (u {name}) MarshalJSON() ([]byte, error) {{", "return marshalModel(u, false)",
             "}", ""]
    if request:
        lines += ["// RequestJSON is the JSON a client sends: readOnly properties left out.",
                  f"func (u {name}) RequestJSON() ([]byte, error) {{",
                  "return marshalModel(u, true)", "}", ""]
    lines += [f"func (u {name}) encodeNode(e *encoder, request bool) error {{", "switch {"]
    for field in fields:
        lines += [f"case u.{field} != nil:",
                  f"return e.write(u.{field}, {'request' if request else 'false'})"]
    return [*lines, "case u.Raw != nil:", "e.buf.Write(u.Raw)", "return nil", "}",
            'e.buf.WriteString("null")', "return nil", "}"]


def _variant_name(m: Typing, t: TypeExpr) -> str:
    match t:
        case Ref():
            return m.names[t.key]
        case Primitive():
            return pascal(t.kind)
        case ArrayOf():
            return "Array"
        case MapOf():
            return "Map"
        case _:
            return "Value"


def _rule(rule: Dispatch, t: UnionOf) -> tuple[str, str]:
    """Go expressions of the union's dispatch rule, for ``pickVariant``: the object rule (a
    ``*objectRule``, or ``nil``) and the shape cases (a ``[]shapeCase``)."""
    index_of = {v.key: i for i, v in enumerate(t.variants) if isinstance(v, Ref)}
    objects = rule.objects
    args = ["nil"]
    if objects is not None:
        tags = ", ".join(f"{go_string(v)}: {index_of.get(k, -1)}" for v, k in objects.tags)
        keyed = ", ".join(
            "{" + str(index_of.get(k.key, -1)) + ", []string{"
            + ", ".join(go_string(r) for r in k.required) + "}}" for k in objects.keyed)
        args = ["&objectRule{" + ", ".join([
            f"property: {go_string(objects.property or '')}",
            f"tags: map[string]int{{{tags}}}", f"keyed: []keyTest{{{keyed}}}",
            f"rest: {-1 if objects.rest is None else objects.rest}"]) + "}"]
    cases = []
    for case in rule.cases:
        match case:
            case ShapeCase():
                cases.append(f"{{{go_string(case.shape)}, {case.variant}}}")
            case AnyCase():
                cases.append(f'{{"any", {case.variant}}}')
            case ArrayCase():
                index = case.variants[0] if len(case.variants) == 1 else -1
                cases.append(f'{{"array", {index}}}')
    return args[0], "[]shapeCase{" + ", ".join(cases) + "}"
