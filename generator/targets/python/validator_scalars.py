"""The fast path's conditions for keywords that need no subschema (``type``, ``enum``, ``const``,
counts, ``uniqueItems``, ``pattern``, bounds, ``multipleOf``, ``format``): one expression each,
true when the value fails the keyword.

None of them looks into a subschema, so :mod:`.validator_ok` may write a small definition made
only of these keywords in place of a call to its function (``SCALAR_CHECKS`` tells which).
"""

from __future__ import annotations

from typing import TypeAlias, assert_never

from ...validation.checks import (
    BoundCheck,
    ConstCheck,
    CountCheck,
    EnumCheck,
    FormatCheck,
    MultipleOfCheck,
    PatternCheck,
    TypeCheck,
    UniqueItemsCheck,
)
from .validator_emit import Emitter, type_test
from .validator_lines import negate
from .validator_values import const_fails, enum_test, integer_value_fails, multiple_fails

__all__ = ["SCALAR_CHECKS", "ScalarCheck", "scalar_fails"]

SCALAR_CHECKS = (
    TypeCheck,
    EnumCheck,
    ConstCheck,
    CountCheck,
    UniqueItemsCheck,
    PatternCheck,
    BoundCheck,
    MultipleOfCheck,
    FormatCheck,
)
ScalarCheck: TypeAlias = (
    TypeCheck
    | EnumCheck
    | ConstCheck
    | CountCheck
    | UniqueItemsCheck
    | PatternCheck
    | BoundCheck
    | MultipleOfCheck
    | FormatCheck
)
_BOUND_FAILS = {(True, True): ">=", (True, False): ">", (False, True): "<=", (False, False): "<"}


def scalar_fails(em: Emitter, check: ScalarCheck, v: str, known: frozenset[str] | None) -> str:
    """The condition under which ``v`` fails a keyword that needs no subschema."""
    match check:
        case TypeCheck():
            return negate(type_test(check.types, v))
        case EnumCheck() | ConstCheck() if check.integer_bits is not None:
            return integer_value_fails(em, check, v)
        case EnumCheck():
            return negate(enum_test(em, check.values, v, known))
        case ConstCheck():
            return const_fails(em, check.value, v)
        case CountCheck():
            return f"len({v}) {'>' if check.is_max else '<'} {check.limit}"
        case UniqueItemsCheck():
            return f"not _unique({v})"
        case PatternCheck():
            return f"{em.regex(check.pattern)}.search({v}) is None"
        case BoundCheck():
            return f"{v} {_BOUND_FAILS[check.is_max, check.exclusive]} {check.limit!r}"
        case MultipleOfCheck():
            return multiple_fails(em, check, v)
        case FormatCheck():
            return f"not _format_{check.format.replace('-', '_')}({v})"
        case _:
            assert_never(check)
