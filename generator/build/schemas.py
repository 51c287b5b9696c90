"""Schemas -> type expressions and named definitions.

Rules (the "why" behind each is in the README's "How schemas map" section):
- every ``components/schemas`` entry and every ``$ref`` target is a named definition;
- an inline object with properties, or an inline enum, becomes a definition named after its place
  (owner name + property name), so names are deterministic and readable;
- ``nullable`` (3.0), ``type: [..., "null"]`` and ``anyOf: [X, {type: null}]`` (3.1) all become a
  ``null`` variant; ``type: [integer, string]`` with ``format: int64`` is ProtoJSON int64;
- ``allOf`` of objects is merged (properties in order, ``required`` united).

This module makes the named definitions; the type expressions of everything else are made by its
base classes, :mod:`.schema_types` (on top of :mod:`.schema_reader`'s questions about raw schemas).
"""

from __future__ import annotations

from dataclasses import replace
from typing import Any

from ..diagnostics import Location
from ..ir import (
    MISSING,
    AnyValue,
    Definition,
    EnumDef,
    EnumValue,
    JsonValue,
    Missing,
    ObjectDef,
    Property,
    Ref,
    TypeDef,
    TypeExpr,
    UnionOf,
)
from ..load.loader import Document
from .schema_reader import freeze
from .schema_types import NULL, StructuralTypes, union_with

__all__ = ["SchemaBuilder"]


class SchemaBuilder(StructuralTypes):
    """Builds definitions on demand; ``definitions`` keeps them in discovery order."""

    def __init__(self, document: Document, openapi: str) -> None:
        super().__init__(document, openapi)
        self.definitions: dict[str, Definition] = {}
        self._building: set[str] = set()

    def define(self, loc: Location, name: tuple[str, ...]) -> str:
        """Make sure the schema at ``loc`` is a named definition; return its key."""
        loc = self._final(loc)
        key = str(loc)
        if key in self.definitions or key in self._building:
            return key
        self._building.add(key)
        schema = self._schema(loc)
        description = _text(schema.get("description")) if isinstance(schema, dict) else None
        definition: Definition
        if self._is_enum(schema):
            definition = self._enum(key, name, description, schema, loc)
        elif self._is_object(schema, loc):
            definition = self._object(key, name, description, loc)
        else:
            definition = TypeDef(
                key=key, name=name, description=description,
                type=self._structural(loc, name), location=loc,
            )
        self._building.discard(key)
        self.definitions[key] = definition
        return key

    def type_of(self, loc: Location, name: tuple[str, ...]) -> TypeExpr:
        """The type expression of the schema at ``loc``; inline objects/enums get ``name``."""
        schema = self._schema(loc)
        if isinstance(schema, dict) and isinstance(schema.get("$ref"), str) \
                and not self._merges(schema, loc):
            target = self._final(loc)
            ref = Ref(key=self.define(target, self._name_for(target, name)))
            # 3.0 ignores a $ref's siblings (W309), ``nullable`` too, as the validators do
            own = not self.v30 and self._nullable(schema)
            nullable = own or self._named_nullable(self._schema(target), target)
            return union_with(ref, NULL) if nullable else ref
        if self._is_enum(schema) or self._is_object(schema, loc):
            ref = Ref(key=self.define(loc, name))
            return union_with(ref, NULL) if self._named_nullable(schema, loc) else ref
        return self._structural(loc, name)

    def split_null(self, t: TypeExpr) -> tuple[TypeExpr, bool]:
        """Separate a ``null`` variant from ``t``: ``(X | null) -> (X, True)``."""
        if isinstance(t, UnionOf) and NULL in t.variants and t.discriminator is None:
            rest = tuple(v for v in t.variants if v != NULL)
            if not rest:
                return NULL, True
            return (rest[0] if len(rest) == 1 else UnionOf(variants=rest)), True
        return t, t == NULL

    # -- internals ---------------------------------------------------------------------------

    def _enum(
        self, key: str, name: tuple[str, ...], description: str | None,
        schema: dict[str, Any], loc: Location,
    ) -> EnumDef:
        """A named enum of the schema's scalar values, each once (JSON equality); non-scalar values
        are dropped (W301) and repeated ones listed once (W306)."""
        scalars = [v for v in schema["enum"] if v is None or isinstance(v, (str, int, float, bool))]
        if len(scalars) != len(schema["enum"]):
            self._warn("W301", "non-scalar enum values are not supported and were dropped", loc)
        seen: set[tuple[bool, JsonValue]] = set()
        unique: list[EnumValue] = []
        for i, v in enumerate(schema["enum"]):
            if v is not None and not isinstance(v, (str, int, float, bool)):
                continue
            if (isinstance(v, bool), v) in seen:  # JSON equality: 1 == 1.0, true != 1
                self._warn("W306", f"enum value {v!r} is listed twice; it is generated once",
                           loc.child("enum", i))
                continue
            seen.add((isinstance(v, bool), v))
            unique.append(EnumValue(value=v))
        values = tuple(unique)
        return EnumDef(key=key, name=name, description=description, values=values, location=loc)

    def _object(
        self, key: str, name: tuple[str, ...], description: str | None, loc: Location
    ) -> ObjectDef:
        """A named object: the properties of all its parts (``allOf`` members flattened, later
        parts winning), required where any part requires them (never readOnly or writeOnly ones),
        and the ``additionalProperties`` of the last part that has one."""
        props: dict[str, Property] = {}
        required: set[str] = set()
        additional: TypeExpr | None = AnyValue()
        for part in self._parts(loc):
            schema = self._schema(part)
            required.update(r for r in schema.get("required", ()) if isinstance(r, str))
            for pname in schema.get("properties", {}) or {}:
                props[pname] = self._property(part.child("properties", pname), pname, name)
            if "additionalProperties" in schema:
                additional = self._additional(part, schema["additionalProperties"], name)
        fixed = tuple(
            # readOnly/writeOnly properties are required in one direction only.
            _with_required(p, p.name in required and not (p.read_only or p.write_only))
            for p in props.values()
        )
        return ObjectDef(
            key=key, name=name, description=description, properties=fixed,
            additional=additional, location=loc,
        )

    def _parts(self, loc: Location) -> list[Location]:
        """The object schemas an object is made of: its ``allOf`` members (flattened), then
        itself. A member already being flattened (``A: allOf [B]``, ``B: allOf [A]``) adds
        nothing more: its parts are there already."""
        out: list[Location] = []
        self._add_parts(loc, set(), out)
        return out

    def _add_parts(self, loc: Location, within: set[Location], out: list[Location]) -> None:
        """Append the parts of ``loc`` to ``out``; ``within``: the members being flattened
        (``loc``'s own path, restored on return). One list and one set for the whole walk: a
        copy of each per level was quadratic in the depth of an ``allOf`` nest."""
        schema = self._schema(loc)
        within.add(loc)
        members: list[Location] = []
        if self._merges(schema, loc):  # 3.1: the $ref's target first, as an allOf member
            members.append(self._final(self.doc.follow(schema["$ref"], loc.child("$ref"))))
        members += [self._final(loc.child("allOf", i))
                    for i in range(len(schema.get("allOf", ()) or ()))]
        for member in members:
            # a boolean member (``true``/``false``) has no properties to contribute
            if member not in within and isinstance(self._schema(member), dict):
                self._add_parts(member, within, out)
        within.discard(loc)
        out.append(loc)

    def _property(self, loc: Location, pname: str, owner: tuple[str, ...]) -> Property:
        """The property ``pname`` at ``loc``: its type (``null`` split off as nullable), default,
        description and flags."""
        schema = self._schema(loc)
        raw = schema if isinstance(schema, dict) else {}
        t, nullable = self.split_null(self.type_of(loc, (*owner, pname)))
        nullable = nullable or self._alias_admits_null(t)
        default: JsonValue | Missing = freeze(raw["default"]) if "default" in raw else MISSING
        return Property(
            name=pname, type=t, required=False, nullable=nullable,
            description=_text(raw.get("description")), default=default,
            read_only=raw.get("readOnly") is True, write_only=raw.get("writeOnly") is True,
            deprecated=raw.get("deprecated") is True, location=loc,
        )

    def _alias_admits_null(self, t: TypeExpr) -> bool:
        """Whether ``t`` names an alias whose type admits ``null`` (``$ref`` to a nullable
        string): a property of it may be ``null`` or absent, and the two stay distinct."""
        for _ in range(64):  # a chain of aliases; the loader refused cycles of pure $refs
            definition = self.definitions.get(t.key) if isinstance(t, Ref) else None
            if not isinstance(definition, TypeDef):
                return False
            t = definition.type
            if isinstance(t, UnionOf) and t.discriminator is None and NULL in t.variants:
                return True
        return False



def _with_required(p: Property, required: bool) -> Property:
    """``p``, required or not."""
    return replace(p, required=required)


def _text(value: Any) -> str | None:
    """``value`` if it is a string with something in it, else ``None``."""
    return value if isinstance(value, str) and value.strip() else None
