"""Questions about a document's raw schemas, asked while its IR is built.

Where a chain of pure ``$ref``s ends, the name a ``components/schemas`` (or ``definitions``,
``$defs``) entry gives, which JSON types a schema admits (OpenAPI 3.0's ``nullable`` included),
and whether it becomes a named enum or object definition. :class:`SchemaReader` is the base of
:class:`~.schemas.SchemaBuilder`; it also collects the build's diagnostics.
"""

from __future__ import annotations

from typing import Any

from ..diagnostics import Diagnostic, Location
from ..ir import JsonObject, JsonValue
from ..load.loader import Document

__all__ = ["OBJECT_HINTS", "SchemaReader", "freeze"]

OBJECT_HINTS = ("properties", "additionalProperties", "patternProperties", "required")


def freeze(value: Any) -> JsonValue:
    """Turn decoded JSON into hashable, immutable :data:`~generator.ir.JsonValue`."""
    if isinstance(value, dict):
        return JsonObject(tuple((str(k), freeze(v)) for k, v in value.items()))
    if isinstance(value, list):
        return tuple(freeze(v) for v in value)
    if value is None or isinstance(value, (bool, int, float, str)):
        return value
    return str(value)


class SchemaReader:
    """Reads the schemas of ``document`` (an OpenAPI ``openapi`` version, or a JSON Schema
    dialect); ``problems`` collects the diagnostics of the build."""

    def __init__(self, document: Document, openapi: str) -> None:
        self.doc = document
        self.v30 = openapi.startswith("3.0")
        self.problems: list[Diagnostic] = []

    def _schema(self, loc: Location) -> Any:
        """The schema (or boolean) at ``loc``."""
        return self.doc.get(loc)

    def _final(self, loc: Location) -> Location:
        """Follow a chain of pure ``$ref`` schemas to the schema that holds content (a 3.1
        ``$ref`` beside object keywords holds content of its own: see :meth:`_merges`)."""
        for _ in range(64):  # the loader already refused cycles; this only bounds the walk
            schema = self._schema(loc)
            if not (isinstance(schema, dict) and isinstance(schema.get("$ref"), str)):
                return loc
            if self._merges(schema, loc):
                return loc
            loc = self.doc.follow(schema["$ref"], loc.child("$ref"))
        return loc

    def _merges(self, schema: Any, loc: Location) -> bool:
        """A 3.1 ``$ref`` to an object beside object keywords (``properties``, ``required``...):
        both apply, as ``allOf`` would, so the model is the target's object with the siblings
        merged in. In 3.0 the siblings are ignored (W309); beside a ``$ref`` to a scalar they
        are left to the validators, which check them."""
        if self.v30 or not isinstance(schema, dict) or not isinstance(schema.get("$ref"), str) \
                or not any(k in schema for k in OBJECT_HINTS):
            return False
        target = self.doc.follow(schema["$ref"], loc.child("$ref"))
        for _ in range(64):  # through every $ref (siblings or not) to what it names at last
            found = self._schema(target)
            if not (isinstance(found, dict) and isinstance(found.get("$ref"), str)):
                return isinstance(found, dict) and self._objectish(found)
            target = self.doc.follow(found["$ref"], target.child("$ref"))
        return False

    def _name_for(self, target: Location, fallback: tuple[str, ...]) -> tuple[str, ...]:
        """The name of the schema at ``target``: its key under ``components/schemas``,
        ``definitions`` or ``$defs``, a whole file's stem, else ``fallback`` (the name of its place)."""
        parts = target.pointer.split("/")
        if len(parts) == 4 and parts[1] == "components" and parts[2] == "schemas":
            return (parts[3].replace("~1", "/").replace("~0", "~"),)
        if len(parts) == 3 and parts[1] in ("definitions", "$defs"):
            return (parts[2].replace("~1", "/").replace("~0", "~"),)
        if target.pointer == "":
            return (target.file.rsplit("/", 1)[-1].split(".", 1)[0],)
        return fallback

    def _types(self, schema: dict[str, Any]) -> list[str]:
        """The schema's ``type`` as a list (none when absent); 3.0's ``nullable: true`` adds
        ``null``."""
        raw = schema.get("type")
        types = [raw] if isinstance(raw, str) else list(raw) if isinstance(raw, list) else []
        if self.v30 and schema.get("nullable") is True and "null" not in types:
            types.append("null")
        return types

    def _nullable(self, schema: dict[str, Any]) -> bool:
        """Whether the schema's types admit ``null``."""
        return "null" in self._types(schema)

    def _named_nullable(self, schema: Any, loc: Location) -> bool:
        """An enum or object schema that admits ``null``: its definition cannot say so, so
        every use of it gets a ``null`` variant (``type: [object, "null"]``, ``enum: [a, null]``).
        """
        if not (self._is_enum(schema) or self._is_object(schema, loc)):
            return False
        return self._nullable(schema) or None in (schema.get("enum") or ())

    def _is_enum(self, schema: Any) -> bool:
        """Whether the schema is an enum with at least one scalar value."""
        return isinstance(schema, dict) and isinstance(schema.get("enum"), list) and any(
            isinstance(v, (str, int, float, bool)) for v in schema["enum"]
        )

    def _is_object(self, schema: Any, loc: Location) -> bool:
        """An object with properties, or an ``allOf`` of two or more object schemas."""
        if not isinstance(schema, dict):
            return False
        if "$ref" in schema:
            return self._merges(schema, loc)
        if isinstance(schema.get("properties"), dict) and schema["properties"]:
            return True
        members = schema.get("allOf")
        if not (isinstance(members, list) and len(members) > 1):
            return False
        finals = [self._schema(self._final(loc.child("allOf", i))) for i in range(len(members))]
        return all(isinstance(m, dict) and self._objectish(m) for m in finals)

    def _objectish(self, schema: dict[str, Any]) -> bool:
        """Whether the schema reads as an object: typed so, with an object keyword or ``allOf``, or
        untyped with nothing that says otherwise."""
        types = self._types(schema)
        return "object" in types or any(k in schema for k in (*OBJECT_HINTS, "allOf")) or (
            not types and not any(k in schema for k in ("enum", "const", "items", "oneOf", "anyOf"))
        )

    def _error(self, code: str, message: str, loc: Location) -> None:
        """Record the error ``code`` at ``loc``."""
        self.problems.append(Diagnostic(code=code, message=message, location=loc))

    def _warn(self, code: str, message: str, loc: Location) -> None:
        """Record the warning ``code`` at ``loc``."""
        self.problems.append(
            Diagnostic(code=code, message=message, location=loc, severity="warning")
        )
