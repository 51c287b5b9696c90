"""Readable error messages, fixed at generation time (printed into the module with ``repr``)."""

from __future__ import annotations

from ...validation.checks import (
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

__all__ = ["message"]

_UNITS = {"array": "items", "string": "characters", "object": "properties"}
_MAX_SHOWN = 8


def message(check: Check) -> str:
    """The message of a failed keyword; messages ending in a space get a detail at run time."""
    match check:
        case TypeCheck():
            return "must be of type " + " or ".join(check.types)
        case EnumCheck():
            shown = ", ".join(_short(v) for v in check.values[:_MAX_SHOWN])
            more = ", ..." if len(check.values) > _MAX_SHOWN else ""
            return f"must be one of {shown}{more}"
        case ConstCheck():
            return f"must be {_short(check.value)}"
        case RequiredCheck():
            return "is missing the required property "
        case DependentRequiredCheck():
            return "has a property that requires another: "
        case CountCheck():
            word = "at most" if check.is_max else "at least"
            return f"must have {word} {check.limit} {_UNITS[check.applies_to]}"
        case UniqueItemsCheck():
            return "must not contain equal items"
        case PatternCheck():
            return f"must match the pattern {check.pattern!r}"
        case BoundCheck():
            op = {(True, True): "<", (True, False): "<=", (False, True): ">", (False, False): ">="}
            return f"must be {op[check.is_max, check.exclusive]} {check.limit!r}"
        case MultipleOfCheck():
            return f"must be a multiple of {check.divisor_text}"
        case FormatCheck() | IntegerTextCheck():
            return f"must be a valid {check.format}"
        case _:
            return _applicator_message(check)


def _applicator_message(check: Check) -> str:
    match check:
        case AnyOfCheck():
            return f"must match at least one of {len(check.schemas)} schemas (anyOf)"
        case OneOfCheck():
            return f"must match exactly one of {len(check.schemas)} schemas (oneOf)"
        case AllOfCheck():
            return "must match all schemas (allOf)"
        case NotCheck():
            return "must not match the schema in not"
        case ContainsCheck():
            return _contains(check)
        case PropertyNamesCheck():
            return "has an invalid property name: "
        case ItemsCheck():
            return f"must have at most {check.start} items"
        case _:
            return f"fails {type(check).__name__}"


def _contains(check: ContainsCheck) -> str:
    if check.maximum is None:
        return f"must contain at least {check.minimum} matching item(s)"
    return f"must contain {check.minimum} to {check.maximum} matching items"


def _short(value: object) -> str:
    text = repr(value)
    return text if len(text) <= 40 else text[:37] + "..."
