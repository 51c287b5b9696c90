"""Which JSON type each check applies to: a keyword is checked only on values of its type (a
``pattern`` only on strings), so every target's validators group checks under the same guards.
"""

from __future__ import annotations

from .checks import (
    BoundCheck,
    Check,
    ContainsCheck,
    CountCheck,
    DependentRequiredCheck,
    DependentSchemasCheck,
    FormatCheck,
    IntegerTextCheck,
    ItemsCheck,
    MultipleOfCheck,
    PatternCheck,
    PrefixItemsCheck,
    PropertiesCheck,
    PropertyNamesCheck,
    RequiredCheck,
    UniqueItemsCheck,
)

__all__ = ["INTEGER_BITS", "group_of"]

INTEGER_BITS = {"int32": 31, "int64": 63}
"""The integer formats: format -> bits after the sign (they bound numbers, not strings)."""


def group_of(check: Check) -> str | None:
    """The JSON type ``check`` applies to (``None``: every value)."""
    match check:
        case CountCheck():
            return check.applies_to
        case PatternCheck() | IntegerTextCheck():
            return "string"
        case FormatCheck():
            return "number" if check.format in INTEGER_BITS else "string"
        case BoundCheck() | MultipleOfCheck():
            return "number"
        case PrefixItemsCheck() | ItemsCheck() | ContainsCheck() | UniqueItemsCheck():
            return "array"
        case (RequiredCheck() | PropertiesCheck() | PropertyNamesCheck()
              | DependentRequiredCheck() | DependentSchemasCheck()):
            return "object"
        case _:
            return None
