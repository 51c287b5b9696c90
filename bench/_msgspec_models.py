"""msgspec Structs equivalent to the credits request schema (benchmark only).

Built from the spec's components like ``_pydantic_models``: wire names through ``rename``-free
``msgspec.field(name=...)``, constraints as ``msgspec.Meta``, ``[integer, string]`` as a union,
enums as ``Literal``, ``nullable`` as ``| None``, ``format: date-time`` as ``datetime``. Unknown
fields are ignored (msgspec has no "keep extras" mode).
"""

from __future__ import annotations

from datetime import datetime
from typing import Annotated, Any, Literal, Optional, Union

import msgspec


class StructBuilder:
    def __init__(self, schemas: dict[str, Any]) -> None:
        self.schemas = schemas
        self.built: dict[str, Any] = {}

    def ref(self, ref: str) -> Any:
        name = ref.rsplit("/", 1)[-1]
        if name not in self.built:
            self.built[name] = self.annotation(self.schemas[name], name)
        return self.built[name]

    def annotation(self, schema: dict[str, Any], name: str) -> Any:
        if "$ref" in schema:
            return self.ref(schema["$ref"])
        if schema.get("nullable"):
            rest = {k: v for k, v in schema.items() if k != "nullable"}
            return Optional[self.annotation(rest, name)]  # noqa: UP045 - a computed annotation
        kinds = schema.get("type")
        if isinstance(kinds, list):
            arms = tuple(self.annotation({**schema, "type": k}, name) for k in kinds)
            return Union[arms]  # noqa: UP007 - a runtime union of computed arms
        if "enum" in schema:
            return Literal[tuple(schema["enum"])]
        return self._typed(schema, kinds, name)

    def _typed(self, schema: dict[str, Any], kind: Any, name: str) -> Any:
        if kind == "integer":
            return _meta(int, _numeric(schema))
        if kind == "number":
            return _meta(float, _numeric(schema))
        if kind == "string" and schema.get("format") == "date-time":
            return datetime
        if kind == "string":
            limits = {"pattern": schema.get("pattern"), "min_length": schema.get("minLength")}
            return _meta(str, {k: v for k, v in limits.items() if v is not None})
        if kind == "boolean":
            return bool
        if kind == "array":
            return list[self.annotation(schema.get("items", {}), name + "Item")]  # type: ignore[misc]
        if kind == "object" or "properties" in schema:
            return self._struct(schema, name)
        return Any

    def _struct(self, schema: dict[str, Any], name: str) -> type[msgspec.Struct]:
        required = set(schema.get("required", ()))
        fields: list[tuple[str, Any, Any]] = []
        for index, (prop, sub) in enumerate(schema.get("properties", {}).items()):
            annotation = self.annotation(sub, name + prop[:1].upper() + prop[1:])
            if prop in required:
                fields.append((f"f{index}", annotation, msgspec.field(name=prop)))
            else:
                fields.append((f"f{index}", annotation | None,
                               msgspec.field(default=None, name=prop)))
        return msgspec.defstruct(name, fields, kw_only=True, omit_defaults=True)


def _meta(kind: type, limits: dict[str, Any]) -> Any:
    return Annotated[kind, msgspec.Meta(**limits)] if limits else kind


def _numeric(schema: dict[str, Any]) -> dict[str, Any]:
    names = {"minimum": "ge", "maximum": "le", "multipleOf": "multiple_of"}
    return {names[k]: v for k, v in schema.items() if k in names}


def credits_request_struct(schemas: dict[str, Any]) -> type[msgspec.Struct]:
    struct = StructBuilder(schemas).ref("#/components/schemas/CreditsRequest")
    assert isinstance(struct, type) and issubclass(struct, msgspec.Struct)
    return struct
