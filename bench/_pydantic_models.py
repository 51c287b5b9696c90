"""Pydantic v2 models equivalent to the credits request schema (benchmark only).

Built from the spec's components with ``create_model`` so they cannot drift from the schema by
hand: strict mode (no coercion, ``true`` is not an integer), unknown keys allowed as in JSON
Schema, ``[integer, string]`` as a union whose arms carry the number and the pattern constraints.
Enough of OpenAPI 3.0 for the GitHub payloads too: ``nullable`` as ``| None``, ``format:
date-time`` as a ``datetime`` parsed from its string (the one lax field: strict mode refuses
strings for datetimes, and specgen parses them too).
"""

from __future__ import annotations

from datetime import datetime
from typing import Annotated, Any, Literal, Optional, Union

from pydantic import BaseModel, ConfigDict, Field, Strict, create_model

_CONFIG = ConfigDict(strict=True, extra="allow")


class ModelBuilder:
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
            return Annotated[int, Field(**_numeric(schema))]
        if kind == "number":
            return Annotated[float, Field(**_numeric(schema))]
        if kind == "string" and schema.get("format") == "date-time":
            return Annotated[datetime, Strict(False)]
        if kind == "string":
            limits = {"pattern": schema.get("pattern"), "min_length": schema.get("minLength")}
            return Annotated[str, Field(**{k: v for k, v in limits.items() if v is not None})]
        if kind == "boolean":
            return bool
        if kind == "array":
            return list[self.annotation(schema.get("items", {}), name + "Item")]  # type: ignore[misc]
        if kind == "object" or "properties" in schema:
            return self._model(schema, name)
        return Any

    def _model(self, schema: dict[str, Any], name: str) -> type[BaseModel]:
        required = set(schema.get("required", ()))
        fields: dict[str, Any] = {}
        for index, (prop, sub) in enumerate(schema.get("properties", {}).items()):
            annotation = self.annotation(sub, name + prop[:1].upper() + prop[1:])
            if prop in required:
                fields[f"f{index}"] = (annotation, Field(alias=prop))
            else:
                fields[f"f{index}"] = (annotation | None, Field(default=None, alias=prop))
        return create_model(name, __config__=_CONFIG, **fields)


def _numeric(schema: dict[str, Any]) -> dict[str, Any]:
    names = {"minimum": "ge", "maximum": "le", "multipleOf": "multiple_of"}
    return {names[k]: v for k, v in schema.items() if k in names}


def credits_request_model(schemas: dict[str, Any]) -> type[BaseModel]:
    model = ModelBuilder(schemas).ref("#/components/schemas/CreditsRequest")
    assert isinstance(model, type) and issubclass(model, BaseModel)
    return model
