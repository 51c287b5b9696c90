"""The fast path's tests of JSON types: a dispatch on the type of a value that may have several,
``int32``/``int64`` of a value the type check already proved an integer, and the int64 rule's
integer text (a string judged by the integer it denotes)."""

from __future__ import annotations

from ...validation.checks import BoundCheck, IntegerTextCheck, TypeCheck
from ...validation.groups import INTEGER_BITS
from ...validation.model import Schema
from .validator_emit import TYPE_GROUPS, Emitter, type_test
from .validator_lines import indent, negate, nest
from .validator_scalars import scalar_fails

__all__ = ["dispatch", "int_range_fails", "integer_of", "integer_text_ok"]

_FAIL = "    return False"


def dispatch(typed: TypeCheck, groups: dict[str, list[str]], v: str) -> list[str]:
    """The type check of a value that may have several JSON types, as one ``if``/``elif``
    chain: each type's keywords under its own test, so no type is tested twice."""
    out: list[str] = []
    rest = list(typed.types)
    for group, lines in groups.items():
        kinds = tuple(t for t in typed.types if TYPE_GROUPS.get(t, t) == group)
        if not kinds or not lines:
            continue  # keywords for a type the value cannot have, or nothing left to check
        rest = [t for t in rest if t not in kinds]
        out += [f"{'elif' if out else 'if'} {type_test(kinds, v)}:", *indent(lines)]
    if not out:
        return [f"if {negate(type_test(typed.types, v))}:", _FAIL]
    if rest:
        return [*out, f"elif {negate(type_test(tuple(rest), v))}:", _FAIL]
    return [*out, "else:", _FAIL]


def int_range_fails(node: Schema, name: str, v: str) -> str:
    """``format: int32``/``int64`` of an integer: the ends of its range that no bound holds."""
    bits = INTEGER_BITS[name]
    bounds = [c for c in node.checks if isinstance(c, BoundCheck)]
    fails = []
    if not any(not c.is_max and c.limit >= -(2**bits) for c in bounds):
        fails.append(f"{v} < -(2**{bits})")
    if not any(c.is_max and c.limit <= 2**bits - 1 for c in bounds):
        fails.append(f"{v} > 2**{bits} - 1")
    return " or ".join(fails)


def integer_of(check: IntegerTextCheck, v: str, d: int) -> tuple[str, str]:
    """``(name, statement)``: ``z{d} = _integer_text(v, bits)``, the integer a string ``v``
    denotes (``None``: not integer text, or out of range)."""
    name = f"z{d}"
    return name, f"{name} = _integer_text({v}, {check.bits})"


def integer_text_ok(em: Emitter, check: IntegerTextCheck, v: str, d: int) -> list[str]:
    """Statements that ``return False`` when the string ``v`` fails the int64 rule."""
    if not check.checks:  # only the range: no integer to keep
        return [f"if _integer_text({v}, {check.bits}) is None:", _FAIL]
    z, assign = integer_of(check, v, d)
    tests = [line for c in check.checks for line in (f"if {scalar_fails(em, c, z, None)}:", _FAIL)]
    if check.site is None:
        return [assign, *nest(f"{z} is not None", tests)]
    return [assign, f"if {z} is None:", _FAIL, *tests]
