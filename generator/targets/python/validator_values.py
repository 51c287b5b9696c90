"""Expressions for keywords that compare with JSON values: ``enum``, ``const``, ``multipleOf``.

JSON equality differs from Python's: ``true != 1`` but ``1 == 1.0``. Fast forms are used when the
values make Python's ``==`` and ``in`` agree with JSON; otherwise the generated ``_json_eq`` runs.
"""

from __future__ import annotations

from ...validation.checks import ConstCheck, EnumCheck, MultipleOfCheck
from .validator_emit import Emitter

__all__ = ["const_fails", "enum_test", "integer_value_fails", "multiple_fails"]


def enum_test(em: Emitter, values: tuple[object, ...], v: str, known: frozenset[str] | None) -> str:
    """An expression true when ``v`` is one of ``values``."""
    strings = [x for x in values if isinstance(x, str)]
    rest = [x for x in values if not isinstance(x, str) and x is not None]
    if rest:
        table = em.constant("_VALUES_", f"{values!r}")
        return f"_json_in({v}, {table})"
    tests = []
    if None in values:
        tests.append(f"{v} is None")
    if strings:
        names = em.constant("_ENUM_", f"frozenset({_unique(strings)!r})")
        tests.append(
            f"{v} in {names}"
            if known == frozenset({"string"})
            else f"(type({v}) is str and {v} in {names})" if tests
            else f"type({v}) is str and {v} in {names}"
        )
    return " or ".join(tests) or "False"


def _unique(strings: list[str]) -> list[str]:
    return sorted(set(strings))


def const_fails(em: Emitter, value: object, v: str) -> str:
    """An expression true when ``v`` differs from ``value`` under JSON equality."""
    if value is None:
        return f"{v} is not None"
    if isinstance(value, bool):
        return f"{v} is not {value!r}"
    if isinstance(value, str):
        return f"{v} != {value!r}"
    if isinstance(value, (int, float)):
        return f"not (type({v}) in (int, float) and {v} == {value!r})"
    return f"not _json_eq({v}, {em.constant('_VALUE_', repr(value))})"


def multiple_fails(em: Emitter, check: MultipleOfCheck, v: str) -> str:
    """Exact ``multipleOf``: integer divisors use ``%`` (exact on floats too), others fractions."""
    if isinstance(check.divisor, int):
        return f"{v} % {check.divisor}"
    divisor = em.constant("_DIVISOR_", f"Fraction({check.divisor_text!r})")
    return f"not _multiple_of({v}, {divisor})"


def integer_value_fails(em: Emitter, check: EnumCheck | ConstCheck, v: str) -> str:
    """``enum``/``const`` of an integer that may be sent as text (the int64 rule): integer text
    is compared as the integer it denotes (``_as_integer``), any other value as it is."""
    value = f"_as_integer({v}, {check.integer_bits})"
    if isinstance(check, EnumCheck):
        return f"not _json_in({value}, {em.constant('_VALUES_', repr(check.values))})"
    return f"not _json_eq({value}, {em.constant('_VALUE_', repr(check.value))})"
