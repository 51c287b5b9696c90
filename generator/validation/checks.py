"""The keyword checks of the validation IR: one frozen dataclass per JSON Schema keyword (or
keyword group), and :data:`Check`, their closed union.

Every check keeps its :class:`Site`: where its keyword is written and the error code it reports.
Checks that apply subschemas hold :data:`SchemaNode` values, and a :class:`Schema` holds checks: the
two are one recursive type, so both are defined here (:mod:`.model` re-exports the tree's nodes and
adds the definitions and roots that name them).
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Literal, TypeAlias

from ..diagnostics import Location

__all__ = [
    "AllOfCheck",
    "AnyOfCheck",
    "BooleanSchema",
    "BoundCheck",
    "Check",
    "ConstCheck",
    "ContainsCheck",
    "CountCheck",
    "DependentRequiredCheck",
    "DependentSchemasCheck",
    "Discriminated",
    "EnumCheck",
    "FormatCheck",
    "IfCheck",
    "IntegerTextCheck",
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
    "Schema",
    "SchemaNode",
    "Site",
    "TypeCheck",
    "UniqueItemsCheck",
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
class TypeCheck:
    site: Site
    types: tuple[JsonType, ...]


@dataclass(frozen=True, slots=True, kw_only=True)
class EnumCheck:
    """``values`` are JSON data as decoded by ``json`` (dicts, lists, str, int, float, bool, None).

    ``integer_bits``: the schema is an integer that may be sent as text (see
    :class:`IntegerTextCheck`); a string that is the decimal text of an integer within
    ``-2**bits .. 2**bits - 1`` is compared as that integer.
    """

    site: Site
    values: tuple[object, ...]
    integer_bits: int | None = None


@dataclass(frozen=True, slots=True, kw_only=True)
class ConstCheck:
    """``integer_bits``: as :class:`EnumCheck`'s."""

    site: Site
    value: object
    integer_bits: int | None = None


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
class IntegerTextCheck:
    """The int64 rule: an integer that may be sent as a decimal string (ProtoJSON's int64).

    Built for a schema whose ``type`` lists both ``integer`` and ``string`` and whose ``format``
    is ``int32`` or ``int64`` (``bits``: 31 or 63). It applies to string values only: a string
    is *integer text* when it is ``-?[0-9]+`` (ASCII digits, no ``+``, spaces, fraction or
    exponent) and the integer it denotes lies within ``-2**bits .. 2**bits - 1``. Integer text
    is judged by that integer: each of ``checks`` (the schema's bounds and ``multipleOf``, with
    their own sites) applies to it exactly as to the number. Any other string fails ``site``
    (the ``format`` keyword's), so a value beyond the range is a problem in both wire forms;
    ``site`` is ``None`` when formats are not asserted, and such a string is then not judged.
    """

    site: Site | None
    format: str
    bits: int
    checks: tuple[BoundCheck | MultipleOfCheck, ...]


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
    | IntegerTextCheck
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
class BooleanSchema:
    """``true`` accepts everything, ``false`` nothing."""

    value: bool
    location: Location


@dataclass(frozen=True, slots=True, kw_only=True)
class Schema:
    location: Location
    checks: tuple[Check, ...]


SchemaNode: TypeAlias = Schema | BooleanSchema
