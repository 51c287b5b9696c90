"""``src/models.ts``: a type for every definition of the spec, with its wire names exact.

- Objects are interfaces: a required property is ``name: T``, an optional one ``name?: T`` (it
  may be left out), a nullable one ``T | null``: the two stay apart (``exactOptionalPropertyTypes``
  holds). Unknown keys are kept: ``[key: string]: unknown`` unless ``additionalProperties: false``.
- ``readOnly`` properties are left out of request types and ``writeOnly`` ones out of response
  types (``name?: never``, so the index signature of unknown keys cannot let them back in).
- Enums are ``as const`` objects and a closed type of their values (``Color``): a field of a
  request type is closed, a field of a response type open (``Color | (string & {})``), so a
  value the spec does not list is kept.
- A definition that reaches a ``readOnly`` or ``writeOnly`` property or an enum (the shared
  analysis' reach) has a response type ``X`` and a request type ``XRequest``; every other type
  serves both directions.
- A union with a discriminator is a tagged union: each variant intersected with its tag's
  literal type, as the shared dispatch rule maps tags to variants.
- int64 (ProtoJSON: a number or a decimal string) is ``Int64``: ``number | bigint | string``.
"""

from __future__ import annotations

from typing import assert_never

from ...analysis import Analysis
from ...analysis.naming import Scope
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
from .literals import doc, is_identifier, literal, number, property_key, string
from .names import pascal

__all__ = ["Models", "models_source"]


class Models:
    """Type expressions of one API in one direction each (``request``: the types sent)."""

    def __init__(self, analysis: Analysis, names: dict[str, str],
                 request_names: dict[str, str]) -> None:
        self.analysis = analysis
        self.names = names
        self.request_names = request_names  # keys with a request type of their own -> its name

    def type(self, t: TypeExpr, request: bool) -> str:
        match t:
            case Primitive():
                return _primitive(t)
            case ArrayOf():
                inner = self.type(t.items, request)
                return f"({inner})[]" if "|" in inner or "&" in inner else f"{inner}[]"
            case MapOf():
                return f"{{ [key: string]: {self.type(t.values, request)} }}"
            case Ref():
                return self.ref(t.key, request)
            case UnionOf():
                return self._union(t, request)
            case Const():
                return _const(t.value)
            case AnyValue():
                return "unknown"
            case _:
                assert_never(t)

    def ref(self, key: str, request: bool) -> str:
        if request and key in self.request_names:
            return self.request_names[key]
        target = self.analysis.defs[key]
        if isinstance(target, EnumDef) and not request:
            return _open_enum(self.names[key], target)
        return self.names[key]

    def _union(self, t: UnionOf, request: bool) -> str:
        rule = self.analysis.dispatch(t).objects
        tagged: dict[str, list[str]] = {}
        if rule is not None and rule.property is not None:
            for wire, key in rule.tags:
                tagged.setdefault(key, []).append(wire)
        parts: list[str] = []
        for v in t.variants:
            text = self.type(v, request)
            if isinstance(v, Ref) and v.key in tagged and rule is not None and rule.property:
                tags = " | ".join(string(w) for w in tagged.pop(v.key))
                text = f"({text} & {{ {property_key(rule.property)}: {tags} }})"
            if text not in parts:
                parts.append(text)
        return " | ".join(parts) if parts else "never"


def _admits_null(t: TypeExpr) -> bool:
    """Whether the type already has a ``null`` variant (``T | null`` is then written once)."""
    null = Primitive(kind="null")
    return t == null or (isinstance(t, UnionOf) and null in t.variants)


def _primitive(t: Primitive) -> str:
    if t.kind == "integer" and t.wire_string:
        return "Int64"
    if t.kind == "integer" and t.format == "int64":
        return "number | bigint"
    return {"string": "string", "integer": "number", "number": "number", "boolean": "boolean",
            "null": "null"}[t.kind]


def _const(value: object) -> str:
    if value is None or isinstance(value, (bool, str)):
        return literal(value)
    if isinstance(value, (int, float)):
        return number(value)  # a negative literal type is valid TypeScript
    return "unknown"


def _open_enum(name: str, d: EnumDef) -> str:
    kinds = {type(v.value) for v in d.values if v.value is not None}
    extra = {str: "(string & {})", int: "(number & {})", float: "(number & {})"}
    opens = sorted({extra[k] for k in kinds if k in extra})
    return " | ".join([name, *opens])


def models_source(analysis: Analysis, names: dict[str, str],
                  request_names: dict[str, str]) -> list[str]:
    """The declarations of every definition, in the shared emission order."""
    models = Models(analysis, names, request_names)
    out: list[str] = []
    for group in analysis.order.groups:
        for key in group.keys:
            d = analysis.defs[key]
            out += ["", *_definition(models, d, request=False, name=names[key])]
            if key in request_names:
                out += ["", *_definition(models, d, request=True, name=request_names[key])]
    return out


def _definition(models: Models, d: Definition, request: bool, name: str) -> list[str]:
    match d:
        case ObjectDef():
            return _interface(models, d, request, name)
        case EnumDef():
            return _enum(d, name)
        case TypeDef():
            return [*doc(d.description), f"export type {name} = {models.type(d.type, request)};"]
        case _:
            assert_never(d)


def _interface(models: Models, d: ObjectDef, request: bool, name: str) -> list[str]:
    lines = [*doc(d.description), f"export interface {name} {{"]
    for p in d.properties:
        if (p.read_only and request) or (p.write_only and not request):
            # ``never``: the unknown keys' index signature must not let it back in
            lines.append(f"  {property_key(p.name)}?: never;")
            continue
        mark = "" if p.required else "?"
        text = models.type(p.type, request)
        if p.nullable and not _admits_null(p.type):
            text += " | null"
        lines += [*doc(p.description, "  "), f"  {property_key(p.name)}{mark}: {text};"]
    if d.additional is not None:
        lines.append("  [key: string]: unknown;")
    return [*lines, "}"]


def _enum(d: EnumDef, name: str) -> list[str]:
    """``export const Name = {...} as const`` and the closed type of its values."""
    scope = Scope(sep="")
    members: list[str] = []
    for v in d.values:
        if v.value is None:
            continue
        text = str(v.value).lower() if isinstance(v.value, bool) else str(v.value)
        wanted = text if is_identifier(text) else pascal(text, fallback="Value")
        member = scope.claim(wanted if is_identifier(wanted) and wanted != "__proto__" else "Value")
        members += [*doc(v.description, "  "), f"  {member}: {literal(v.value)},"]
    values = f"(typeof {name})[keyof typeof {name}]" if members else "never"
    nullable = " | null" if any(v.value is None for v in d.values) else ""
    return [*doc(d.description), f"export const {name} = {{", *members, "} as const;",
            f"export type {name} = {values}{nullable};"]
