"""The validation IR: JSON Schema keywords as a frozen, language-neutral tree.

A :class:`Schema` is a list of keyword checks, each keeping the place of its keyword in the user's
document and the error code the API reports when it fails (``x-error-codes``, else the keyword).
``$ref`` targets are compiled once into named :class:`Definition` values; a :class:`RefCheck` names
its target, so recursion needs no cycles in the tree. Targets dispatch on :data:`Check` with
``match`` + ``assert_never``.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Literal, TypeAlias

from ..diagnostics import Diagnostic, Location

__all__ = [
    "AllOfCheck",
    "AnyOfCheck",
    "BooleanSchema",
    "BoundCheck",
    "Check",
    "ConstCheck",
    "ContainsCheck",
    "CountCheck",
    "Definition",
    "DependentRequiredCheck",
    "DependentSchemasCheck",
    "EnumCheck",
    "FormatCheck",
    "IfCheck",
    "ItemsCheck",
    "JsonType",
    "MultipleOfCheck",
    "NotCheck",
    "OneOfCheck",
    "PatternCheck",
    "PrefixItemsCheck",
    "PropertiesCheck",
    "PropertyNamesCheck",
    "RefCheck",
    "RequiredCheck",
    "Root",
    "Schema",
    "SchemaNode",
    "Site",
    "TypeCheck",
    "UniqueItemsCheck",
    "ValidationModel",
]

JsonType = Literal["null", "boolean", "object", "array", "number", "integer", "string"]
Counted = Literal["array", "string", "object"]


@dataclass(frozen=True, slots=True, kw_only=True)
class Site:
    """Where a keyword is written (``location``), its name as written, and the code it reports."""

    keyword: str
    location: Location
    code: str


@dataclass(frozen=True, slots=True, kw_only=True)
class BooleanSchema:
    """``true`` accepts everything, ``false`` nothing."""

    value: bool
    location: Location


@dataclass(frozen=True, slots=True, kw_only=True)
class Schema:
    location: Location
    checks: tuple[Check, ...]


SchemaNode: TypeAlias = Schema | BooleanSchema


@dataclass(frozen=True, slots=True, kw_only=True)
class TypeCheck:
    site: Site
    types: tuple[JsonType, ...]


@dataclass(frozen=True, slots=True, kw_only=True)
class EnumCheck:
    """``values`` are JSON data as decoded by ``json`` (dicts, lists, str, int, float, bool, None)."""

    site: Site
    values: tuple[object, ...]


@dataclass(frozen=True, slots=True, kw_only=True)
class ConstCheck:
    site: Site
    value: object


@dataclass(frozen=True, slots=True, kw_only=True)
class RequiredCheck:
    site: Site
    names: tuple[str, ...]


@dataclass(frozen=True, slots=True, kw_only=True)
class PropertiesCheck:
    """``properties``, ``patternProperties`` and ``additionalProperties`` of one schema together.

    ``additional`` applies to keys that neither ``named`` nor ``patterns`` (ECMA-262 sources) cover.
    """

    named: tuple[tuple[str, SchemaNode], ...]
    patterns: tuple[tuple[str, SchemaNode], ...]
    additional: SchemaNode | None
    additional_site: Site | None


@dataclass(frozen=True, slots=True, kw_only=True)
class PropertyNamesCheck:
    site: Site
    schema: SchemaNode


@dataclass(frozen=True, slots=True, kw_only=True)
class PrefixItemsCheck:
    """Positional item schemas (2020-12 ``prefixItems``, draft4 array-form ``items``)."""

    site: Site
    schemas: tuple[SchemaNode, ...]


@dataclass(frozen=True, slots=True, kw_only=True)
class ItemsCheck:
    """``schema`` applies to every item from index ``start`` (``items``/``additionalItems``)."""

    site: Site
    schema: SchemaNode
    start: int


@dataclass(frozen=True, slots=True, kw_only=True)
class ContainsCheck:
    """At least ``minimum`` (and at most ``maximum``) items match ``schema``."""

    site: Site
    schema: SchemaNode
    minimum: int
    maximum: int | None


@dataclass(frozen=True, slots=True, kw_only=True)
class CountCheck:
    """``minItems``/``maxItems``/``minLength``/``maxLength``/``minProperties``/``maxProperties``."""

    site: Site
    applies_to: Counted
    limit: int
    is_max: bool


@dataclass(frozen=True, slots=True, kw_only=True)
class UniqueItemsCheck:
    site: Site


@dataclass(frozen=True, slots=True, kw_only=True)
class PatternCheck:
    """``pattern`` is the ECMA-262 source as written in the spec."""

    site: Site
    pattern: str


@dataclass(frozen=True, slots=True, kw_only=True)
class BoundCheck:
    site: Site
    limit: int | float
    is_max: bool
    exclusive: bool


@dataclass(frozen=True, slots=True, kw_only=True)
class MultipleOfCheck:
    """``divisor_text`` is the shortest decimal text of the divisor, for exact arithmetic."""

    site: Site
    divisor: int | float
    divisor_text: str


@dataclass(frozen=True, slots=True, kw_only=True)
class FormatCheck:
    site: Site
    format: str


@dataclass(frozen=True, slots=True, kw_only=True)
class AllOfCheck:
    site: Site
    schemas: tuple[SchemaNode, ...]


@dataclass(frozen=True, slots=True, kw_only=True)
class AnyOfCheck:
    site: Site
    schemas: tuple[SchemaNode, ...]
    discriminator: Discriminated | None = None


@dataclass(frozen=True, slots=True, kw_only=True)
class OneOfCheck:
    site: Site
    schemas: tuple[SchemaNode, ...]
    discriminator: Discriminated | None = None


@dataclass(frozen=True, slots=True, kw_only=True)
class Discriminated:
    """OpenAPI ``discriminator``: wire value of ``property`` -> index of the variant it selects.

    It only sharpens error reports (the errors of the selected variant); validity stays JSON
    Schema's ``oneOf``/``anyOf``.
    """

    property: str
    mapping: tuple[tuple[str, int], ...]


@dataclass(frozen=True, slots=True, kw_only=True)
class NotCheck:
    site: Site
    schema: SchemaNode


@dataclass(frozen=True, slots=True, kw_only=True)
class RefCheck:
    site: Site
    target: str


@dataclass(frozen=True, slots=True, kw_only=True)
class DependentRequiredCheck:
    site: Site
    pairs: tuple[tuple[str, tuple[str, ...]], ...]


@dataclass(frozen=True, slots=True, kw_only=True)
class DependentSchemasCheck:
    site: Site
    pairs: tuple[tuple[str, SchemaNode], ...]


@dataclass(frozen=True, slots=True, kw_only=True)
class IfCheck:
    site: Site
    condition: SchemaNode
    then: SchemaNode | None
    otherwise: SchemaNode | None


Check: TypeAlias = (
    TypeCheck
    | EnumCheck
    | ConstCheck
    | RequiredCheck
    | PropertiesCheck
    | PropertyNamesCheck
    | PrefixItemsCheck
    | ItemsCheck
    | ContainsCheck
    | CountCheck
    | UniqueItemsCheck
    | PatternCheck
    | BoundCheck
    | MultipleOfCheck
    | FormatCheck
    | AllOfCheck
    | AnyOfCheck
    | OneOfCheck
    | NotCheck
    | RefCheck
    | DependentRequiredCheck
    | DependentSchemasCheck
    | IfCheck
)


@dataclass(frozen=True, slots=True, kw_only=True)
class Definition:
    """A schema compiled once; ``name`` is a stable key (``file#pointer``), not an identifier."""

    name: str
    schema: SchemaNode
    recursive: bool


@dataclass(frozen=True, slots=True, kw_only=True)
class Root:
    """A public entry point: ``name`` is the identifier the caller chose, ``target`` a definition."""

    name: str
    target: str


@dataclass(frozen=True, slots=True, kw_only=True)
class ValidationModel:
    source_name: str
    roots: tuple[Root, ...]
    definitions: tuple[Definition, ...]
    warnings: tuple[Diagnostic, ...]
