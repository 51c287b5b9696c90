"""Schemas -> type expressions and named definitions.

Rules (the "why" behind each is in the README's "How schemas map" section):
- every ``components/schemas`` entry and every ``$ref`` target is a named definition;
- an inline object with properties, or an inline enum, becomes a definition named after its place
  (owner name + property name), so names are deterministic and readable;
- ``nullable`` (3.0), ``type: [..., "null"]`` and ``anyOf: [X, {type: null}]`` (3.1) all become a
  ``null`` variant; ``type: [integer, string]`` with ``format: int64`` is ProtoJSON int64;
- ``allOf`` of objects is merged (properties in order, ``required`` united).
"""

from __future__ import annotations

from dataclasses import replace
from typing import Any

from ..diagnostics import Diagnostic, Location
from ..ir import (
    MISSING,
    AnyValue,
    ArrayOf,
    Const,
    Definition,
    Discriminator,
    EnumDef,
    EnumValue,
    JsonObject,
    JsonValue,
    MapOf,
    Missing,
    ObjectDef,
    Primitive,
    PrimitiveKind,
    Property,
    Ref,
    TypeDef,
    TypeExpr,
    UnionOf,
)
from ..loader import Document

__all__ = ["SchemaBuilder", "freeze"]

_NULL = Primitive(kind="null")
_SCALARS: dict[str, PrimitiveKind] = {
    "string": "string",
    "integer": "integer",
    "number": "number",
    "boolean": "boolean",
    "null": "null",
}
_OBJECT_HINTS = ("properties", "additionalProperties", "patternProperties", "required")


def freeze(value: Any) -> JsonValue:
    """Turn decoded JSON into hashable, immutable :data:`~generator.ir.JsonValue`."""
    if isinstance(value, dict):
        return JsonObject(tuple((str(k), freeze(v)) for k, v in value.items()))
    if isinstance(value, list):
        return tuple(freeze(v) for v in value)
    if value is None or isinstance(value, (bool, int, float, str)):
        return value
    return str(value)


class SchemaBuilder:
    """Builds definitions on demand; ``definitions`` keeps them in discovery order."""

    def __init__(self, document: Document, openapi: str) -> None:
        self.doc = document
        self.v30 = openapi.startswith("3.0")
        self.definitions: dict[str, Definition] = {}
        self.problems: list[Diagnostic] = []
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
        if isinstance(schema, dict) and isinstance(schema.get("$ref"), str):
            target = self._final(loc)
            ref = Ref(key=self.define(target, self._name_for(target, name)))
            nullable = self._nullable(schema) or self._named_nullable(self._schema(target), target)
            return _union(ref, _NULL) if nullable else ref
        if self._is_enum(schema) or self._is_object(schema, loc):
            ref = Ref(key=self.define(loc, name))
            return _union(ref, _NULL) if self._named_nullable(schema, loc) else ref
        return self._structural(loc, name)

    def split_null(self, t: TypeExpr) -> tuple[TypeExpr, bool]:
        """Separate a ``null`` variant from ``t``: ``(X | null) -> (X, True)``."""
        if isinstance(t, UnionOf) and _NULL in t.variants and t.discriminator is None:
            rest = tuple(v for v in t.variants if v != _NULL)
            if not rest:
                return _NULL, True
            return (rest[0] if len(rest) == 1 else UnionOf(variants=rest)), True
        return t, t == _NULL

    # -- internals ---------------------------------------------------------------------------

    def _schema(self, loc: Location) -> Any:
        return self.doc.get(loc)

    def _final(self, loc: Location) -> Location:
        """Follow a chain of pure ``$ref`` schemas to the schema that holds content."""
        for _ in range(64):  # the loader already refused cycles; this only bounds the walk
            schema = self._schema(loc)
            if not (isinstance(schema, dict) and isinstance(schema.get("$ref"), str)):
                return loc
            loc = self.doc.follow(schema["$ref"], loc.child("$ref"))
        return loc

    def _name_for(self, target: Location, fallback: tuple[str, ...]) -> tuple[str, ...]:
        parts = target.pointer.split("/")
        if len(parts) == 4 and parts[1] == "components" and parts[2] == "schemas":
            return (parts[3].replace("~1", "/").replace("~0", "~"),)
        if len(parts) == 3 and parts[1] in ("definitions", "$defs"):
            return (parts[2].replace("~1", "/").replace("~0", "~"),)
        if target.pointer == "":
            return (target.file.rsplit("/", 1)[-1].split(".", 1)[0],)
        return fallback

    def _types(self, schema: dict[str, Any]) -> list[str]:
        raw = schema.get("type")
        types = [raw] if isinstance(raw, str) else list(raw) if isinstance(raw, list) else []
        if self.v30 and schema.get("nullable") is True and "null" not in types:
            types.append("null")
        return types

    def _nullable(self, schema: dict[str, Any]) -> bool:
        return "null" in self._types(schema)

    def _named_nullable(self, schema: Any, loc: Location) -> bool:
        """An enum or object schema that admits ``null``: its definition cannot say so, so
        every use of it gets a ``null`` variant (``type: [object, "null"]``, ``enum: [a, null]``).
        """
        if not (self._is_enum(schema) or self._is_object(schema, loc)):
            return False
        return self._nullable(schema) or None in (schema.get("enum") or ())

    def _is_enum(self, schema: Any) -> bool:
        return isinstance(schema, dict) and isinstance(schema.get("enum"), list) and any(
            isinstance(v, (str, int, float, bool)) for v in schema["enum"]
        )

    def _is_object(self, schema: Any, loc: Location) -> bool:
        """An object with properties, or an ``allOf`` of two or more object schemas."""
        if not isinstance(schema, dict) or "$ref" in schema:
            return False
        if isinstance(schema.get("properties"), dict) and schema["properties"]:
            return True
        members = schema.get("allOf")
        if not (isinstance(members, list) and len(members) > 1):
            return False
        finals = [self._schema(self._final(loc.child("allOf", i))) for i in range(len(members))]
        return all(isinstance(m, dict) and self._objectish(m) for m in finals)

    def _objectish(self, schema: dict[str, Any]) -> bool:
        types = self._types(schema)
        return "object" in types or any(k in schema for k in (*_OBJECT_HINTS, "allOf")) or (
            not types and not any(k in schema for k in ("enum", "const", "items", "oneOf", "anyOf"))
        )

    def _enum(
        self, key: str, name: tuple[str, ...], description: str | None,
        schema: dict[str, Any], loc: Location,
    ) -> EnumDef:
        values = tuple(
            EnumValue(value=v) for v in schema["enum"]
            if v is None or isinstance(v, (str, int, float, bool))
        )
        if len(values) != len(schema["enum"]):
            self._warn("W301", "non-scalar enum values are not supported and were dropped", loc)
        return EnumDef(key=key, name=name, description=description, values=values, location=loc)

    def _object(
        self, key: str, name: tuple[str, ...], description: str | None, loc: Location
    ) -> ObjectDef:
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
        """The object schemas an object is made of: its ``allOf`` members (flattened), then itself."""
        schema = self._schema(loc)
        out: list[Location] = []
        for i, _member in enumerate(schema.get("allOf", ()) or ()):
            member = self._final(loc.child("allOf", i))
            # a boolean member (``true``/``false``) has no properties to contribute
            if member != loc and isinstance(self._schema(member), dict):
                out.extend(self._parts(member))
        return [*out, loc]

    def _additional(self, loc: Location, value: Any, owner: tuple[str, ...]) -> TypeExpr | None:
        if value is False:
            return None
        if value is True or value == {}:
            return AnyValue()
        return self.type_of(loc.child("additionalProperties"), (*owner, "value"))

    def _property(self, loc: Location, pname: str, owner: tuple[str, ...]) -> Property:
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
            if isinstance(t, UnionOf) and t.discriminator is None and _NULL in t.variants:
                return True
        return False

    def _structural(self, loc: Location, name: tuple[str, ...]) -> TypeExpr:
        schema = self._schema(loc)
        if schema is True or schema is False or schema == {}:
            return AnyValue()
        if not isinstance(schema, dict):
            self._error("E301", "a schema must be an object or a boolean", loc)
            return AnyValue()
        if "const" in schema:
            return Const(value=freeze(schema["const"]))
        for word in ("oneOf", "anyOf"):
            if isinstance(schema.get(word), list):
                return self._union(loc, schema, word, name)
        members = schema.get("allOf")
        if isinstance(members, list) and members:
            merged = self._all_of(loc, members, name)  # 3.0: {nullable: true, allOf: [$ref]}
            return _union(merged, _NULL) if self._nullable(schema) else merged
        variants = [self._of_type(loc, schema, t, name) for t in self._types(schema)]
        if not variants:
            return self._untyped(loc, schema, name)
        return variants[0] if len(variants) == 1 else self._int64_or_union(schema, variants)

    def _untyped(self, loc: Location, schema: dict[str, Any], name: tuple[str, ...]) -> TypeExpr:
        if any(k in schema for k in _OBJECT_HINTS):
            return self._of_type(loc, schema, "object", name)
        if "items" in schema or "prefixItems" in schema:
            return self._of_type(loc, schema, "array", name)
        return AnyValue()

    def _int64_or_union(self, schema: dict[str, Any], variants: list[TypeExpr]) -> TypeExpr:
        kinds = {v.kind for v in variants if isinstance(v, Primitive)}
        if schema.get("format") == "int64" and kinds - {"null"} == {"integer", "string"}:
            int64 = Primitive(kind="integer", format="int64", wire_string=True)
            return _union(int64, _NULL) if "null" in kinds else int64
        return UnionOf(variants=tuple(variants))

    def _of_type(
        self, loc: Location, schema: dict[str, Any], kind: str, name: tuple[str, ...]
    ) -> TypeExpr:
        if kind == "array":
            items = schema.get("items")
            if isinstance(items, (dict, bool)):
                return ArrayOf(items=self.type_of(loc.child("items"), (*name, "item")))
            if "prefixItems" in schema or isinstance(items, list):
                self._warn("W302", "tuple arrays are typed as lists of any value", loc)
            elif items is not None:
                self._error("E301", "a schema must be an object or a boolean", loc.child("items"))
            return ArrayOf(items=AnyValue())
        if kind == "object":
            extra = self._additional(loc, schema.get("additionalProperties", True), name)
            return MapOf(values=extra if extra is not None else AnyValue())
        if kind in _SCALARS:
            fmt = schema.get("format")  # never on ``null``: ``[string, null]`` stays nullable
            keep = isinstance(fmt, str) and kind != "null"
            return Primitive(kind=_SCALARS[kind], format=fmt if keep else None)
        raw = schema.get("type")
        where = loc.child("type", raw.index(kind)) if isinstance(raw, list) else loc.child("type")
        self._error("E302", f"unknown type {kind!r}", where)
        return AnyValue()

    def _union(
        self, loc: Location, schema: dict[str, Any], word: str, name: tuple[str, ...]
    ) -> TypeExpr:
        members = schema[word]
        if not members:  # invalid OpenAPI (the lint says so); as a type it constrains nothing
            self._warn("W304", f"empty {word} is typed as any value", loc.child(word))
            return AnyValue()
        variants = tuple(
            self.type_of(loc.child(word, i), (*name, f"option{i + 1}")) for i in range(len(members))
        )
        if self._nullable(schema) and _NULL not in variants:
            variants = (*variants, _NULL)
        disc = self._discriminator(loc, schema, variants)
        unique = tuple(dict.fromkeys(variants))
        return unique[0] if len(unique) == 1 and disc is None else UnionOf(
            variants=unique, discriminator=disc
        )

    def _discriminator(
        self, loc: Location, schema: dict[str, Any], variants: tuple[TypeExpr, ...]
    ) -> Discriminator | None:
        raw = schema.get("discriminator")
        if not isinstance(raw, dict) or not isinstance(raw.get("propertyName"), str):
            return None
        mapping: dict[str, str] = {}
        # OAS 3.1's own schema does not look inside Schema Objects, so the lint cannot be relied
        # on for a malformed mapping: a target that does not resolve is dropped here
        raw_mapping = raw.get("mapping")
        for value, target in (raw_mapping.items() if isinstance(raw_mapping, dict) else ()):
            where = self._mapping_target(target, loc.child("discriminator", "mapping", value))
            if where is None:  # the validators stage reports it (E402) at the same pointer
                continue
            mapping[str(value)] = self.define(where, self._name_for(where, (value,)))
        for v in variants:
            if isinstance(v, Ref) and v.key not in mapping.values():
                definition = self.definitions.get(v.key)
                if definition is not None:
                    mapping.setdefault(definition.name[-1], v.key)
        return Discriminator(property=raw["propertyName"], mapping=tuple(mapping.items()))

    def _mapping_target(self, target: Any, at: Location) -> Location | None:
        """Where a mapping target points; ``None`` when it does not resolve (the loader checks
        ``$ref``s, not mapping values, and OAS 3.1's schema does not look inside schemas)."""
        if not isinstance(target, str) or not target:
            return None
        ref = target if "#" in target or "/" in target else f"#/components/schemas/{target}"
        try:
            return self._final(self.doc.follow(ref, at))
        except (KeyError, IndexError, TypeError, ValueError):
            return None

    def _all_of(self, loc: Location, members: list[Any], name: tuple[str, ...]) -> TypeExpr:
        if len(members) == 1:
            return self.type_of(loc.child("allOf", 0), name)
        self._warn("W303", "allOf with non-object members is typed as any value", loc)
        return AnyValue()

    def _error(self, code: str, message: str, loc: Location) -> None:
        self.problems.append(Diagnostic(code=code, message=message, location=loc))

    def _warn(self, code: str, message: str, loc: Location) -> None:
        self.problems.append(
            Diagnostic(code=code, message=message, location=loc, severity="warning")
        )


def _union(a: TypeExpr, b: TypeExpr) -> UnionOf:
    if isinstance(a, UnionOf) and a.discriminator is None:  # flat: (X | null) | null
        return a if b in a.variants else UnionOf(variants=(*a.variants, b))
    return UnionOf(variants=(a, b))


def _with_required(p: Property, required: bool) -> Property:
    return replace(p, required=required)


def _text(value: Any) -> str | None:
    return value if isinstance(value, str) and value.strip() else None
