"""The Go models: a type per definition, with exact wire names and lossless decoding.

- An object is a struct: a field per property with its wire name in the ``json`` tag. An
  optional property is a pointer (``nil``: absent); a nullable one is ``Nullable[T]`` (``Null``
  tells JSON ``null`` apart), so an optional nullable property is ``*Nullable[T]`` and absent,
  ``null`` and a value stay three states. Keys the spec does not name are kept in
  ``AdditionalProperties`` where the schema allows them, and written back.
- Pointers, not a generic ``Opt[T]``: ``encoding/json`` and every Go reader know them, a
  ``nil`` costs nothing, and Go 1.22's ``omitempty`` cannot omit a struct-valued ``Opt``.
- An enum of strings is a named ``string`` type with a constant per member and ``Known()``;
  an unlisted value decodes as itself and never fails. Integer enums are named ``int64``s.
- ProtoJSON int64 (an integer that may arrive as text) is ``Int64``: both wire forms decode,
  and it is written as a number, exactly.
- A union is a struct with a pointer per variant and ``Raw`` (a value no variant takes); which
  variant a JSON value decodes to follows the shared dispatch rule
  (:mod:`generator.analysis.dispatch`), never trial decoding.
- A struct whose wire form may hold a ``readOnly`` property (the shared reach analysis) has
  ``RequestJSON()``, the JSON a client sends: ``readOnly`` properties left out at any depth.
"""

from __future__ import annotations

import json
from collections.abc import Mapping
from dataclasses import dataclass
from types import MappingProxyType

from ...analysis import Analysis
from ...analysis.naming import Scope
from ...ir import (
    AnyValue,
    Api,
    ArrayOf,
    Const,
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
from .capabilities import MODEL_INTEGERS
from .gotypes import const_type, primitive_type, strip_null
from .literals import KEYWORDS, comment_lines, comment_text, go_string, pascal, uses_package
from .names import RESERVED
from .unions import union_type

__all__ = ["ModelsView", "field_names", "models_view"]


@dataclass(frozen=True, slots=True, kw_only=True)
class ModelsView:
    """``declarations``: Go source of each definition's types and methods, in spec order;
    ``imports``: the packages they use; ``roots``: the type names, for the README."""

    declarations: tuple[str, ...]
    imports: tuple[str, ...]
    roots: tuple[str, ...]
    first_constants: Mapping[str, str]
    """Enum definition key -> the Go name of its first constant (for examples)."""


def models_view(api: Api, analysis: Analysis, names: dict[str, str],
                scope: Scope | None = None) -> ModelsView:
    """The models of ``api``; ``names`` maps definition keys to Go type names. The package-level
    names the models claim (enum constants, inline unions) are claimed in ``scope`` (by default
    one reserved with ``names`` and the runtime's names), so later claims there avoid them."""
    if scope is None:
        scope = Scope(frozenset(names.values()) | RESERVED, keywords=KEYWORDS, sep="")
    m = _Models(analysis, names, scope)
    decls = tuple(m.definition(d) for d in api.definitions)
    body = "\n".join(decls)
    imports = tuple(i for i in ("encoding/json",) if uses_package(body, "json"))
    return ModelsView(declarations=decls, imports=imports, roots=tuple(names.values()),
                      first_constants=MappingProxyType(dict(m.first_constants)))


_OBJECT_MEMBERS = frozenset({"AdditionalProperties", "MarshalJSON", "UnmarshalJSON", "RequestJSON"})
"""What a model struct has besides its properties' fields (a field may not share a method's
name)."""


def field_names(d: ObjectDef) -> list[str]:
    """The Go field name of each property of ``d``, in order."""
    fields = Scope(_OBJECT_MEMBERS, keywords=KEYWORDS, sep="")
    return [fields.claim(pascal(p.name, fallback="Field")) for p in d.properties]


class _Models:
    def __init__(self, analysis: Analysis, names: dict[str, str], scope: Scope) -> None:
        self.analysis = analysis
        self.names = names
        self.scope = scope
        cyclic = {k for group in analysis.order.components for k in group if len(group) > 1}
        self.cyclic = frozenset(cyclic)
        self.pending: list[str] = []  # union types of inline ``oneOf``s, after their owner
        self.first_constants: dict[str, str] = {}

    def definition(self, d: ObjectDef | EnumDef | TypeDef) -> str:
        """The declarations of ``d``, then those of the unions written inline in it."""
        text = self._declaration(d)
        extra, self.pending = self.pending, []
        return "\n".join([text, *extra])

    def _declaration(self, d: ObjectDef | EnumDef | TypeDef) -> str:
        name = self.names[d.key]
        doc = _doc(name, d.description, f"is the schema {d.key.split('#')[-1] or d.key.rstrip('#')}.")
        match d:
            case ObjectDef():
                return doc + self._object(d, name)
            case EnumDef():
                return doc + self._enum(d, name)
            case TypeDef():
                inner, null = strip_null(d.type)
                if isinstance(inner, UnionOf):
                    return doc + union_type(self, inner, name)
                # a defined type (recursion allowed), but an alias of a named type keeps its
                # methods (MarshalJSON, Known)
                alias = " = " if isinstance(inner, Ref) and not null else " "
                go = self.go_type(d.type, required=True, hint=name)
                return doc + f"type {name}{alias}{go}\n" + _lent_methods(name, go, alias)

    # -- types ------------------------------------------------------------------------------

    def go_type(self, t: TypeExpr, *, required: bool, owner: str = "", hint: str = "",
                nullable: bool = False) -> str:
        inner, null = strip_null(t)
        go = self.plain(inner, owner, hint)
        if null or nullable:
            go = f"Nullable[{go}]"
        return go if required else f"*{go}"

    def plain(self, t: TypeExpr, owner: str = "", hint: str = "") -> str:
        match t:
            case Primitive():
                return primitive_type(t)
            case ArrayOf():
                return "[]" + self.go_type(t.items, required=True, hint=hint + "Item")
            case MapOf():
                return "map[string]" + self.go_type(t.values, required=True, hint=hint + "Value")
            case Ref():
                name = self.names[t.key]
                return f"*{name}" if t.key == owner or (owner and t.key in self.cyclic
                                                           and owner in self.cyclic) else name
            case Const():
                return const_type(t.value)
            case UnionOf() if hint:
                name = self.scope.claim(hint)
                self.pending.append(f"// {name} is one of the types of a property.\n"
                                    + union_type(self, t, name))
                return name
            case AnyValue() | UnionOf():
                return "json.RawMessage"

    # -- objects ----------------------------------------------------------------------------

    def _object(self, d: ObjectDef, name: str) -> str:
        lines = [f"type {name} struct {{"]
        rows: list[tuple[Property, str, str]] = []
        for p, field in zip(d.properties, field_names(d), strict=True):
            go = self.go_type(p.type, required=p.required, owner=d.key, hint=name + field,
                              nullable=p.nullable)
            rows.append((p, field, go))
            if p.description:
                lines += comment_lines(f"{field}: {p.description}")
            if p.read_only:
                lines.append("// Read-only: sent by the server, left out of RequestJSON.")
            lines.append(f"{field} {go} `json:{go_string(_tag(p))}`")
        keep = d.additional is not None
        if keep:
            lines += ["// AdditionalProperties holds the keys the spec does not name, as sent.",
                      "AdditionalProperties map[string]json.RawMessage `json:\"-\"`"]
        lines.append("}")
        lines += self._decode(name, rows, keep)
        lines += self._encode(name, rows, keep, self.analysis.read_only.__contains__(d.key))
        return "\n".join(lines) + "\n"

    def _decode(self, name: str, rows: list[tuple[Property, str, str]], keep: bool) -> list[str]:
        """``UnmarshalJSON`` (the bytes read once: :func:`unmarshalModel`) and ``decodeNode``,
        which builds ``m`` from the decoder's index, a field at a time."""
        out = ["", "// UnmarshalJSON decodes a JSON object into m, keeping absent and null apart.",
               f"func (m *{name}) UnmarshalJSON(data []byte) error {{",
               "return unmarshalModel(data, m)", "}", "",
               f"func (m *{name}) decodeNode(d *decoder, at int) error {{",
               "fields, err := d.fields(at)", "if err != nil {", "return err", "}",
               f"*m = {name}{{}}"]
        for p, field, go in rows:
            key = go_string(p.name)
            target = f"&m.{field}"
            alloc = []
            if go.startswith("*Nullable["):
                alloc, target = [f"m.{field} = new({go[1:]})"], f"m.{field}"
            out += [f"if i, ok := fields[{key}]; ok {{", *alloc,
                    f"if err := d.into(i, {target}); err != nil {{",
                    f"return fieldError({key}, err)", "}", f"delete(fields, {key})", "}"]
        if keep:
            out += ["if len(fields) > 0 {", "m.AdditionalProperties = d.raws(fields)", "}"]
        return [*out, "return nil", "}"]

    def _encode(self, name: str, rows: list[tuple[Property, str, str]], keep: bool,
                read_only: bool) -> list[str]:
        """``MarshalJSON`` (and ``RequestJSON`` where readOnly is reached), both through
        ``encodeNode``: properties in spec order, then the kept unknown keys, into one buffer."""
        out = ["", "// MarshalJSON encodes m as the server sends it." if read_only else
               "// MarshalJSON encodes m as a JSON object.",
               f"func (m {name}) MarshalJSON() ([]byte, error) {{",
               "return marshalModel(m, false)", "}", ""]
        if read_only:
            out += ["// RequestJSON is the JSON a client sends: readOnly properties out.",
                    f"func (m {name}) RequestJSON() ([]byte, error) {{",
                    "return marshalModel(m, true)", "}", ""]
        out += [f"func (m {name}) encodeNode(e *encoder, request bool) error {{",
                "w := e.object()"]
        for p, field, _ in rows:
            value = f"m.{field}"
            request = "request" if read_only and self._carries(p.type) else "false"
            put = f"w.put({go_string(p.name)}, {value}, {request})"
            test = None if p.required else f"{value} != nil"
            if p.read_only:
                test = "!request" if test is None else f"!request && {test}"
            out += [put] if test is None else [f"if {test} {{", put, "}"]
        if keep:
            out.append("w.extra(m.AdditionalProperties)")
        return [*out, "return w.finish()", "}"]

    def _carries(self, t: TypeExpr) -> bool:
        return self.analysis.carries_read_only(t)

    # -- enums ------------------------------------------------------------------------------

    def _enum(self, d: EnumDef, name: str) -> str:
        values = [v.value for v in d.values if v.value is not None]
        if values and all(isinstance(v, str) for v in values):
            base = "string"
        elif values and all(isinstance(v, int) and not isinstance(v, bool)
                            and MODEL_INTEGERS.holds(v) for v in values):
            base = "int64"  # beyond int64: kept as JSON text (lossless), below
        else:
            return self._mixed_enum(d, name)
        lines = [f"type {name} {base}", "", "const ("]
        for v in d.values:
            if v.value is None:
                continue
            const = self.scope.claim(name + pascal(str(v.value), fallback="Value"))
            self.first_constants.setdefault(d.key, const)
            if v.description:
                lines += comment_lines(f"{const}: {v.description}")
            literal = go_string(str(v.value)) if base == "string" else str(v.value)
            lines.append(f"{const} {name} = {literal}")
        lines += [")", "", ("// Known reports whether v is one of the values the spec lists; a "
                  "value it does not list"), "// still decodes, as itself.",
                  f"func (v {name}) Known() bool {{", "switch v {"]
        members = [go_string(str(v.value)) if base == "string" else str(v.value)
                   for v in d.values if v.value is not None]
        lines += [f"case {', '.join(members)}:", "return true", "}", "return false", "}"]
        return "\n".join(lines) + "\n"

    def _mixed_enum(self, d: EnumDef, name: str) -> str:
        texts = sorted({json.dumps(v.value, ensure_ascii=False, separators=(",", ":"))
                        for v in d.values})
        cases = ", ".join(go_string(t) for t in texts)
        return "\n".join([
            f"type {name} json.RawMessage", "",
            "// Known reports whether v is one of the values the spec lists (as compact JSON).",
            f"func (v {name}) Known() bool {{", "switch string(compactJSON(v)) {",
            f"case {cases}:", "return true", "}", "return false", "}",
            "", "// MarshalJSON writes the value as it was decoded.",
            f"func (v {name}) MarshalJSON() ([]byte, error) {{", "if v == nil {",
            'return []byte("null"), nil', "}", "return v, nil", "}", "",
            "// UnmarshalJSON keeps any JSON value, listed or not.",
            f"func (v *{name}) UnmarshalJSON(data []byte) error {{",
            f"*v = {name}(compactJSON(data))", "return nil", "}"]) + "\n"


def _tag(p: Property) -> str:
    return p.name if p.required else p.name + ",omitempty"


def _lent_methods(name: str, go: str, alias: str) -> str:
    """A defined type has none of the methods of the type it is made of: those of
    ``Nullable[T]``, ``Int64`` and ``json.RawMessage`` are lent back, so the schema's type
    decodes and encodes as they do (a value or null; a number or its text; any JSON)."""
    if alias != " " or not (go.startswith("Nullable[") or go in ("Int64", "json.RawMessage")):
        return ""
    out = (f"\n// UnmarshalJSON decodes v as {go} does.\n"
           f"func (v *{name}) UnmarshalJSON(data []byte) error {{\n"
           f"return (*{go})(v).UnmarshalJSON(data)\n}}\n\n"
           f"// MarshalJSON encodes v as {go} does.\n"
           f"func (v {name}) MarshalJSON() ([]byte, error) {{\nreturn {go}(v).MarshalJSON()\n}}\n")
    if go.startswith("Nullable["):
        out += (f"\n// RequestJSON encodes v as a client sends it.\n"
                f"func (v {name}) RequestJSON() ([]byte, error) {{\n"
                f"return {go}(v).RequestJSON()\n}}\n\n"
                f"func (v *{name}) decodeNode(d *decoder, at int) error {{\n"
                f"return (*{go})(v).decodeNode(d, at)\n}}\n\n"
                f"func (v {name}) encodeNode(e *encoder, request bool) error {{\n"
                f"return {go}(v).encodeNode(e, request)\n}}\n")
    return out


def _doc(name: str, description: str | None, fallback: str) -> str:
    """A type's doc comment: a first sentence that begins with its name (as Go doc comments
    do, and linters ask), then the spec's description as a paragraph of its own."""
    lines = comment_lines(f"{name} {fallback}")
    text = comment_text(description) if description else ""
    if text:
        lines += ["//", *comment_lines(text)]
    return "\n".join(lines) + "\n"
