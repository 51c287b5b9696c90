"""The intermediate model: what an API *is*, with no trace of any target language.

Everything is frozen and built from tuples, so stages can share it freely. Names are the spec's
own names (wire names, component names, name parts of inline schemas); each target decides its
casing. Every node carries a :class:`~generator.diagnostics.Location` so any later stage can report
a problem at its place in the user's document.

Type expressions form a closed union, :data:`TypeExpr`. Code that consumes them dispatches with
``match`` and ends in ``typing.assert_never``, so adding a variant makes mypy list every place
that has to learn about it.
"""

from __future__ import annotations

from dataclasses import dataclass
from enum import Enum
from typing import Literal, TypeAlias

from .diagnostics import Location

__all__ = [
    "MISSING",
    "AnyValue",
    "Api",
    "ArrayOf",
    "Const",
    "Definition",
    "Discriminator",
    "EnumDef",
    "EnumValue",
    "JsonObject",
    "JsonValue",
    "MapOf",
    "Missing",
    "ObjectDef",
    "Operation",
    "Parameter",
    "Primitive",
    "Property",
    "Ref",
    "RequestBody",
    "Response",
    "ResponseHeader",
    "SecurityScheme",
    "Server",
    "ServerVariable",
    "TypeDef",
    "TypeExpr",
    "UnionOf",
]

JsonValue: TypeAlias = "None | bool | int | float | str | tuple[JsonValue, ...] | JsonObject"
"""JSON data frozen: arrays become tuples, objects become :class:`JsonObject`."""


@dataclass(frozen=True, slots=True)
class JsonObject:
    """A frozen JSON object: its ``(key, value)`` pairs in document order."""

    items: tuple[tuple[str, JsonValue], ...]


class Missing(Enum):
    """The type of :data:`MISSING`: a default or example that the spec does not give."""

    MISSING = "MISSING"


MISSING = Missing.MISSING

PrimitiveKind = Literal["string", "integer", "number", "boolean", "null"]


@dataclass(frozen=True, slots=True, kw_only=True)
class Primitive:
    """A JSON scalar. ``wire_string`` marks ProtoJSON int64: an integer that may arrive as a string."""

    kind: PrimitiveKind
    format: str | None = None
    wire_string: bool = False


@dataclass(frozen=True, slots=True, kw_only=True)
class ArrayOf:
    items: TypeExpr


@dataclass(frozen=True, slots=True, kw_only=True)
class MapOf:
    """A JSON object used as a dictionary from string keys to ``values``."""

    values: TypeExpr


@dataclass(frozen=True, slots=True, kw_only=True)
class Ref:
    """A use of a named type; ``key`` is the :attr:`Definition.key` of its definition."""

    key: str


@dataclass(frozen=True, slots=True, kw_only=True)
class Discriminator:
    """``property`` tells the variants apart; ``mapping`` is wire value -> definition key."""

    property: str
    mapping: tuple[tuple[str, str], ...]


@dataclass(frozen=True, slots=True, kw_only=True)
class UnionOf:
    """One of ``variants`` (``oneOf``/``anyOf``, type arrays, nullable). ``null`` is a variant."""

    variants: tuple[TypeExpr, ...]
    discriminator: Discriminator | None = None


@dataclass(frozen=True, slots=True, kw_only=True)
class Const:
    value: JsonValue


@dataclass(frozen=True, slots=True, kw_only=True)
class AnyValue:
    """Any JSON value: the spec places no constraint on the type (``{}`` or ``true``)."""


TypeExpr: TypeAlias = Primitive | ArrayOf | MapOf | Ref | UnionOf | Const | AnyValue


@dataclass(frozen=True, slots=True, kw_only=True)
class Property:
    name: str
    type: TypeExpr
    required: bool
    nullable: bool
    description: str | None
    default: JsonValue | Missing
    read_only: bool
    write_only: bool
    deprecated: bool
    location: Location


@dataclass(frozen=True, slots=True, kw_only=True)
class ObjectDef:
    """An object with known properties; ``additional`` types unknown keys (``None``: not allowed)."""

    key: str
    name: tuple[str, ...]
    description: str | None
    properties: tuple[Property, ...]
    additional: TypeExpr | None
    location: Location


@dataclass(frozen=True, slots=True, kw_only=True)
class EnumValue:
    value: str | int | float | bool | None
    description: str | None = None


@dataclass(frozen=True, slots=True, kw_only=True)
class EnumDef:
    """A closed set of scalar values; clients must still accept values not listed."""

    key: str
    name: tuple[str, ...]
    description: str | None
    values: tuple[EnumValue, ...]
    location: Location


@dataclass(frozen=True, slots=True, kw_only=True)
class TypeDef:
    """A named schema that is not an object or an enum: a union, an array, a scalar alias."""

    key: str
    name: tuple[str, ...]
    description: str | None
    type: TypeExpr
    location: Location


Definition: TypeAlias = ObjectDef | EnumDef | TypeDef


@dataclass(frozen=True, slots=True, kw_only=True)
class Parameter:
    name: str
    location_in: Literal["path", "query", "header", "cookie"]
    type: TypeExpr
    required: bool
    description: str | None
    style: str
    explode: bool
    location: Location


@dataclass(frozen=True, slots=True, kw_only=True)
class RequestBody:
    """``media_type`` is the one the body is typed for (JSON first); ``media_types`` every
    media type the spec declares for it, in spec order (the others are sent raw)."""

    media_type: str
    type: TypeExpr
    required: bool
    description: str | None
    location: Location
    media_types: tuple[str, ...] = ()


@dataclass(frozen=True, slots=True, kw_only=True)
class ResponseHeader:
    """A header a response declares (``Content-Type`` never is one: OpenAPI ignores it)."""

    name: str
    type: TypeExpr
    required: bool
    description: str | None
    location: Location


@dataclass(frozen=True, slots=True, kw_only=True)
class Response:
    """``status`` is ``"200"``, ``"4XX"`` or ``"default"``; ``type`` is ``None`` without a body;
    ``headers``: the response headers it declares, in spec order."""

    status: str
    description: str | None
    media_type: str | None
    type: TypeExpr | None
    location: Location
    headers: tuple[ResponseHeader, ...] = ()


@dataclass(frozen=True, slots=True, kw_only=True)
class Operation:
    operation_id: str
    method: str
    path: str
    summary: str | None
    description: str | None
    tags: tuple[str, ...]
    parameters: tuple[Parameter, ...]
    request_body: RequestBody | None
    responses: tuple[Response, ...]
    security: tuple[tuple[str, ...], ...] | None
    idempotent: bool
    deprecated: bool
    location: Location
    derived_id: bool = False
    """Whether specgen derived ``operation_id`` from the method and path (the spec gives none):
    such a name yields to every ``operationId`` the spec gives (:func:`~.analysis.naming.operation_claim_order`)."""


@dataclass(frozen=True, slots=True, kw_only=True)
class ServerVariable:
    name: str
    default: str
    enum: tuple[str, ...]
    description: str | None


@dataclass(frozen=True, slots=True, kw_only=True)
class Server:
    url: str
    description: str | None
    variables: tuple[ServerVariable, ...]


@dataclass(frozen=True, slots=True, kw_only=True)
class SecurityScheme:
    """``kind`` is the OpenAPI ``type``; ``scheme`` for http, ``name``/``location_in`` for apiKey."""

    name: str
    kind: str
    scheme: str | None
    param_name: str | None
    location_in: str | None
    description: str | None
    location: Location


@dataclass(frozen=True, slots=True, kw_only=True)
class Api:
    """The whole API. ``definitions`` are in a deterministic order (spec order, then discovery)."""

    title: str
    version: str
    description: str | None
    openapi: str
    source_name: str
    definitions: tuple[Definition, ...]
    operations: tuple[Operation, ...]
    servers: tuple[Server, ...]
    security_schemes: tuple[SecurityScheme, ...]
    security: tuple[tuple[str, ...], ...]
