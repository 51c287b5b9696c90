"""Conditions for the keywords that need no subschema (``type``, ``enum``, ``const``, counts,
``uniqueItems``, ``pattern``, bounds, ``multipleOf``, ``format``): one TypeScript expression each,
true when the value fails the keyword. Numbers may be ``number`` or ``bigint``: comparisons mix
them exactly, and ``multipleOf`` goes through the runtime's exact helpers."""

from __future__ import annotations

import re
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
from ...validation.groups import INTEGER_BITS
from .literals import SAFE_INTEGER, number, string
from .validator_emit import TYPE_TESTS, Emitter

__all__ = ["ScalarCheck", "fails"]

# patterns the runtime tests without a regex, with the same answer on every string: the int64
# rule's integer text (ECMAScript: `$` ends the input, `[0-9]` is ASCII)
_PATTERN_TESTS = {"^-?[0-9]+$": "isDigits({v})"}

_BOUND_FAILS = {(True, True): ">=", (True, False): ">", (False, True): "<=", (False, False): "<"}

ScalarCheck: TypeAlias = (TypeCheck | EnumCheck | ConstCheck | CountCheck | UniqueItemsCheck | PatternCheck
               | BoundCheck | MultipleOfCheck | FormatCheck)


def fails(em: Emitter, check: ScalarCheck, v: str) -> str:
    """A condition true when ``v`` fails a keyword that needs no subschema."""
    match check:
        case TypeCheck():
            names = [t for t in check.types if not (t == "integer" and "number" in check.types)]
            if len(names) == 1:
                return _negate(TYPE_TESTS[names[0]].format(v=v))
            return "!(" + " || ".join(TYPE_TESTS[t].format(v=v) for t in names) + ")"
        case EnumCheck() | ConstCheck() if check.integer_bits is not None:
            value = f"asInteger({v}, {check.integer_bits})"
            table = check.values if isinstance(check, EnumCheck) else [check.value]
            return f"!jsonIn({value}, {em.values(list(table))})"
        case EnumCheck():
            return _enum_fails(em, check.values, v)
        case ConstCheck():
            return _const_fails(em, check.value, v)
        case CountCheck():
            size = {"array": f"{v}.length", "string": f"codePoints({v})",
                    "object": f"Object.keys({v}).length"}[check.applies_to]
            return f"{size} {'>' if check.is_max else '<'} {check.limit}"
        case UniqueItemsCheck():
            return f"!unique({v})"
        case PatternCheck() if check.pattern in _PATTERN_TESTS:
            return "!" + _PATTERN_TESTS[check.pattern].format(v=v)
        case PatternCheck():
            return f"!{em.regex(check.pattern)}.test({v})"
        case BoundCheck():
            return f"{v} {_BOUND_FAILS[check.is_max, check.exclusive]} {number(check.limit)}"
        case MultipleOfCheck():
            return _multiple_fails(em, check, v)
        case FormatCheck() if check.format in INTEGER_BITS:
            return f"!isIntegerIn({v}, {INTEGER_BITS[check.format]})"
        case FormatCheck():
            name = "".join(w.capitalize() for w in re.split("[^A-Za-z0-9]+", check.format))
            return f"!format{name}({v})"
        case _:
            assert_never(check)


def _negate(test: str) -> str:
    """``!test`` without needless parentheses: ``x !== null``, ``typeof x !== "string"``,
    ``!isObject(x)``."""
    if " === " in test and test.count(" === ") == 1 and "&&" not in test and "||" not in test:
        return test.replace(" === ", " !== ")
    return f"!{test}" if re.fullmatch(r"[A-Za-z.]+\([a-z0-9]+\)", test) else f"!({test})"


def _enum_fails(em: Emitter, values: tuple[object, ...], v: str) -> str:
    if any(not isinstance(x, str) and x is not None for x in values):
        return f"!jsonIn({v}, {em.values(list(values))})"
    tests = [f"{v} === null"] if None in values else []
    strings = sorted({x for x in values if isinstance(x, str)})
    if strings:
        table = em.strings(strings)
        tests.append(f"(typeof {v} === \"string\" && {table}.has({v}))")
    return "!(" + (" || ".join(tests) or "false") + ")"


def _const_fails(em: Emitter, value: object, v: str) -> str:
    if value is None or isinstance(value, (bool, str)):
        return f"{v} !== {_scalar(value)}"
    if isinstance(value, (int, float)):
        return f"!(isNumber({v}) && {v} == {number(value)})"
    return f"!jsonEqual({v}, {em.values(value)})"


def _scalar(value: object) -> str:
    if value is None:
        return "null"
    if isinstance(value, bool):
        return "true" if value else "false"
    assert isinstance(value, str)
    return string(value)


def _multiple_fails(em: Emitter, check: MultipleOfCheck, v: str) -> str:
    divisor = check.divisor
    if isinstance(divisor, int) and abs(divisor) <= SAFE_INTEGER:
        return f"!multipleOfInteger({v}, {divisor}, {divisor}n)"
    return f"!multipleOfDecimal({v}, {em.constant('DEC', f'decimal({string(check.divisor_text)})')})"
