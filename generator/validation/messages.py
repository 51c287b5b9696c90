"""One table of validation messages, so every target reports a problem in the same words.

A problem is reported with four facts, all fixed at generation time except the instance path:

- ``code``: the check's :class:`~.checks.Site` ``code`` (the spec's ``x-error-codes`` entry for
  the keyword, else the keyword itself);
- schema path: the site's ``location`` (where the keyword is written in the user's spec);
- instance path: the path of the value the keyword applies to (an object's, for the keywords
  about its properties), computed at run time;
- message: :data:`WORDINGS`, a template per check kind with named parameters, filled by
  :func:`message`. A wording with a ``detail`` ends in a space: at run time the target appends
  that detail (see :data:`Detail`).

Values inside messages are rendered one way for every target (:func:`_show`: Python ``repr``
text, cut at 40 characters), so the words do not depend on the language that prints them.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
from typing import Literal

from .checks import (
    AllOfCheck,
    AnyOfCheck,
    BoundCheck,
    Check,
    ConstCheck,
    ContainsCheck,
    CountCheck,
    DependentRequiredCheck,
    EnumCheck,
    FormatCheck,
    IntegerTextCheck,
    ItemsCheck,
    MultipleOfCheck,
    NotCheck,
    OneOfCheck,
    PatternCheck,
    PropertyNamesCheck,
    RequiredCheck,
    TypeCheck,
    UniqueItemsCheck,
)

__all__ = ["WORDINGS", "Detail", "Wording", "message", "wording"]

Detail = Literal["name", "name-requires-name"]
"""What the runtime appends: ``name``, the offending property name quoted (``'x'``);
``name-requires-name``: the present property and the missing one (``'a' requires 'b'``).
Names are quoted as Python's ``repr`` quotes a ``str`` (single quotes unless the name holds one
and no double quote; backslash escapes), which a target other than Python must reproduce."""


@dataclass(frozen=True, slots=True)
class Wording:
    """A message template (``str.format`` fields) and the run-time detail it ends with, if any."""

    text: str
    detail: Detail | None = None


WORDINGS: Mapping[str, Wording] = {
    "type": Wording("must be of type {types}"),
    "enum": Wording("must be one of {values}"),
    "const": Wording("must be {value}"),
    "required": Wording("is missing the required property ", "name"),
    "dependentRequired": Wording("has a property that requires another: ", "name-requires-name"),
    "count": Wording("must have {comparison} {limit} {units}"),
    "uniqueItems": Wording("must not contain equal items"),
    "pattern": Wording("must match the pattern {pattern}"),
    "bound": Wording("must be {operator} {limit}"),
    "multipleOf": Wording("must be a multiple of {divisor}"),
    "format": Wording("must be a valid {format}"),
    "anyOf": Wording("must match at least one of {count} schemas (anyOf)"),
    "oneOf": Wording("must match exactly one of {count} schemas (oneOf)"),
    "allOf": Wording("must match all schemas (allOf)"),
    "not": Wording("must not match the schema in not"),
    "contains": Wording("must contain at least {minimum} matching item(s)"),
    "containsBetween": Wording("must contain {minimum} to {maximum} matching items"),
    "propertyNames": Wording("has an invalid property name: ", "name"),
    "items": Wording("must have at most {start} items"),
    "additionalProperties": Wording("has an unexpected property ", "name"),
    "false": Wording("no value is allowed here"),
    "other": Wording("fails {check}"),
}
"""Check kind -> its wording. ``false``: a ``false`` schema; ``additionalProperties``: a key
that ``additionalProperties: false`` forbids; ``other``: a check no message was written for."""

_UNITS = {"array": "items", "string": "characters", "object": "properties"}
_OPERATORS = {(True, True): "<", (True, False): "<=", (False, True): ">", (False, False): ">="}
_MAX_SHOWN = 8


def wording(kind: str, **parameters: object) -> str:
    """The text of the wording ``kind`` with its named ``parameters`` filled in."""
    return WORDINGS[kind].text.format(**parameters)


def message(check: Check) -> str:
    """The message of a failed check (a wording with a detail ends in a space)."""
    match check:
        case TypeCheck():
            return wording("type", types=" or ".join(check.types))
        case EnumCheck():
            shown = ", ".join(_show(v) for v in check.values[:_MAX_SHOWN])
            more = ", ..." if len(check.values) > _MAX_SHOWN else ""
            return wording("enum", values=shown + more)
        case ConstCheck():
            return wording("const", value=_show(check.value))
        case RequiredCheck():
            return wording("required")
        case DependentRequiredCheck():
            return wording("dependentRequired")
        case CountCheck():
            comparison = "at most" if check.is_max else "at least"
            units = _UNITS[check.applies_to]
            return wording("count", comparison=comparison, limit=check.limit, units=units)
        case UniqueItemsCheck():
            return wording("uniqueItems")
        case PatternCheck():
            return wording("pattern", pattern=repr(check.pattern))
        case BoundCheck():
            operator = _OPERATORS[check.is_max, check.exclusive]
            return wording("bound", operator=operator, limit=repr(check.limit))
        case MultipleOfCheck():
            return wording("multipleOf", divisor=check.divisor_text)
        case FormatCheck() | IntegerTextCheck():
            return wording("format", format=check.format)
        case _:
            return _applicator_message(check)


def _applicator_message(check: Check) -> str:
    """The message of a keyword that applies subschemas (``anyOf``, ``oneOf``, ``allOf``,
    ``not``, ``contains``...)."""
    match check:
        case AnyOfCheck():
            return wording("anyOf", count=len(check.schemas))
        case OneOfCheck():
            return wording("oneOf", count=len(check.schemas))
        case AllOfCheck():
            return wording("allOf")
        case NotCheck():
            return wording("not")
        case ContainsCheck() if check.maximum is None:
            return wording("contains", minimum=check.minimum)
        case ContainsCheck():
            return wording("containsBetween", minimum=check.minimum, maximum=check.maximum)
        case PropertyNamesCheck():
            return wording("propertyNames")
        case ItemsCheck():
            return wording("items", start=check.start)
        case _:
            return wording("other", check=type(check).__name__)


def _show(value: object) -> str:
    """``value`` as a message quotes it: its ``repr``, cut to 40 characters."""
    text = repr(value)
    return text if len(text) <= 40 else text[:37] + "..."
