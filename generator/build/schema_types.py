"""Type expressions of schemas that are not named definitions: scalars, arrays, maps, ``const``,
``oneOf``/``anyOf`` unions with their discriminator, an ``allOf`` of one member, ProtoJSON int64.

:class:`StructuralTypes` is the base of :class:`~.schemas.SchemaBuilder`, which supplies the way
back into named definitions (``type_of`` and ``define``) for the members of these types.
"""

from __future__ import annotations

from abc import ABC, abstractmethod
from typing import Any

from ..diagnostics import Location
from ..ir import (
    AnyValue,
    ArrayOf,
    Const,
    Definition,
    Discriminator,
    MapOf,
    Primitive,
    PrimitiveKind,
    Ref,
    TypeExpr,
    UnionOf,
)
from .schema_reader import OBJECT_HINTS, SchemaReader, freeze

__all__ = ["NULL", "StructuralTypes", "union_with"]

NULL = Primitive(kind="null")
_SCALARS: dict[str, PrimitiveKind] = {
    "string": "string",
    "integer": "integer",
    "number": "number",
    "boolean": "boolean",
    "null": "null",
}


class StructuralTypes(SchemaReader, ABC):
    """Builds the type expression of a schema that is not a named definition."""

    definitions: dict[str, Definition]  # the named definitions made so far, by key

    @abstractmethod
    def define(self, loc: Location, name: tuple[str, ...]) -> str:
        """Make sure the schema at ``loc`` is a named definition; return its key."""

    @abstractmethod
    def type_of(self, loc: Location, name: tuple[str, ...]) -> TypeExpr:
        """The type expression of the schema at ``loc``; inline objects/enums get ``name``."""

    def _additional(self, loc: Location, value: Any, owner: tuple[str, ...]) -> TypeExpr | None:
        """The type of an object's extra values: ``None`` when ``additionalProperties`` is
        ``false``, any value when it is ``true`` or ``{}``, else its schema's type (named
        ``<owner> value``)."""
        if value is False:
            return None
        if value is True or value == {}:
            return AnyValue()
        return self.type_of(loc.child("additionalProperties"), (*owner, "value"))

    def _structural(self, loc: Location, name: tuple[str, ...]) -> TypeExpr:
        """The type a schema's own keywords give it: a boolean or empty schema is any
        value (any other non-object E301), then ``const``, ``oneOf``/``anyOf``, ``allOf``
        (``null`` added when the schema is nullable), its ``type`` (one, or a union of several),
        else what its keywords suggest."""
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
            return union_with(merged, NULL) if self._nullable(schema) else merged
        variants = [self._of_type(loc, schema, t, name) for t in self._types(schema)]
        if not variants:
            return self._untyped(loc, schema, name)
        return variants[0] if len(variants) == 1 else self._int64_or_union(schema, variants)

    def _untyped(self, loc: Location, schema: dict[str, Any], name: tuple[str, ...]) -> TypeExpr:
        """The type of a schema without ``type``: an object or an array when its keywords say so,
        else any value."""
        if any(k in schema for k in OBJECT_HINTS):
            return self._of_type(loc, schema, "object", name)
        if "items" in schema or "prefixItems" in schema:
            return self._of_type(loc, schema, "array", name)
        return AnyValue()

    def _int64_or_union(self, schema: dict[str, Any], variants: list[TypeExpr]) -> TypeExpr:
        """The union of a schema's ``type`` list; ``[integer, string]`` with ``format: int64`` is
        one int64 that travels as a string (ProtoJSON), nullable when ``null`` is listed."""
        kinds = {v.kind for v in variants if isinstance(v, Primitive)}
        if schema.get("format") == "int64" and kinds - {"null"} == {"integer", "string"}:
            int64 = Primitive(kind="integer", format="int64", wire_string=True)
            return union_with(int64, NULL) if "null" in kinds else int64
        return UnionOf(variants=tuple(variants))

    def _of_type(
        self, loc: Location, schema: dict[str, Any], kind: str, name: tuple[str, ...]
    ) -> TypeExpr:
        """The type of a schema read as one JSON ``kind``: an array of its items (a tuple array is a
        list of any value, W302), a map of its extra values, a scalar with its format; an unknown
        kind is E302 at its place in ``type``."""
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
        """The union of a ``oneOf``/``anyOf`` (``word``): its members' types, once each, ``null``
        when the schema is nullable, and its discriminator; one member without a discriminator is
        that member's type. An empty list is any value (W304)."""
        members = schema[word]
        if not members:  # invalid OpenAPI (the lint says so); as a type it constrains nothing
            self._warn("W304", f"empty {word} is typed as any value", loc.child(word))
            return AnyValue()
        variants = tuple(
            self.type_of(loc.child(word, i), (*name, f"option{i + 1}")) for i in range(len(members))
        )
        if self._nullable(schema) and NULL not in variants:
            variants = (*variants, NULL)
        disc = self._discriminator(loc, schema, variants)
        unique = tuple(dict.fromkeys(variants))
        return unique[0] if len(unique) == 1 and disc is None else UnionOf(
            variants=unique, discriminator=disc
        )

    def _discriminator(
        self, loc: Location, schema: dict[str, Any], variants: tuple[TypeExpr, ...]
    ) -> Discriminator | None:
        """The union's discriminator, if it names a property: its mapping's wire values, then each
        named variant the mapping leaves out under its schema's name."""
        raw = schema.get("discriminator")
        if not isinstance(raw, dict) or not isinstance(raw.get("propertyName"), str):
            return None
        mapping = self._mapping(loc, raw.get("mapping"), variants)
        for v in variants:
            if isinstance(v, Ref) and v.key not in mapping.values():
                definition = self.definitions.get(v.key)
                if definition is not None:
                    mapping.setdefault(definition.name[-1], v.key)
        return Discriminator(property=raw["propertyName"], mapping=tuple(mapping.items()))

    def _mapping(self, loc: Location, raw: Any,
                 variants: tuple[TypeExpr, ...]) -> dict[str, str]:
        """The mapping's wire values and the definitions they name. A name that is not one of
        the union's variants is E318 (dispatch would decode a type the union does not admit);
        two values for one variant are W308 (both decode to it; which one it is sent with is the
        targets' choice, so the document should not leave it open)."""
        allowed = {r.key for v in variants for r in _refs(v)}
        mapping: dict[str, str] = {}
        # OAS 3.1's own schema does not look inside Schema Objects, so the lint cannot be relied
        # on for a malformed mapping: a target that does not resolve is dropped here
        for value, target in (raw.items() if isinstance(raw, dict) else ()):
            at = loc.child("discriminator", "mapping", value)
            where = self._mapping_target(target, at)
            if where is None:  # the validators stage reports it (E402) at the same pointer
                continue
            key = self.define(where, self._name_for(where, (value,)))
            if key not in allowed:
                self._error("E318", f"discriminator mapping {value!r} names {target!r}, which "
                            "is not one of the union's variants", at)
                continue
            if key in mapping.values():
                first = next(k for k, v in mapping.items() if v == key)
                self._warn("W308", f"discriminator mapping {value!r} names the schema "
                           f"{first!r} names too: both decode to it, which one it is sent "
                           "with is ambiguous", at)
            mapping.setdefault(str(value), key)
        return mapping

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
        """An ``allOf`` that is no object: its one member's type, else any value (W303)."""
        if len(members) == 1:
            return self.type_of(loc.child("allOf", 0), name)
        self._warn("W303", "allOf with non-object members is typed as any value", loc)
        return AnyValue()


def _refs(t: TypeExpr) -> list[Ref]:
    """The named definitions a union's variant stands for (``X`` and ``X | null`` alike)."""
    if isinstance(t, Ref):
        return [t]
    return [v for v in t.variants if isinstance(v, Ref)] if isinstance(t, UnionOf) else []


def union_with(a: TypeExpr, b: TypeExpr) -> UnionOf:
    """``a | b`` as one union: a plain union ``a`` gets ``b`` as one more variant."""
    if isinstance(a, UnionOf) and a.discriminator is None:  # flat: (X | null) | null
        return a if b in a.variants else UnionOf(variants=(*a.variants, b))
    return UnionOf(variants=(a, b))
