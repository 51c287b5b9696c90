"""The body of a generated union decoder: the shared dispatch rule, printed in Python.

The rule itself (discriminator, JSON shape, required keys, first array item; never "try each
variant until one does not raise") is :mod:`generator.analysis.dispatch`; this module prints one
:class:`~generator.analysis.dispatch.Dispatch` as the statements of ``def f(value: Any)``. A
value that fits no variant raises ``TypeError``.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import assert_never

from ...analysis.dispatch import (
    AnyCase,
    ArrayCase,
    Dispatch,
    ItemTest,
    ObjectRule,
    Shape,
    ShapeCase,
)
from ...code import Code
from ...ir import Ref, TypeExpr, UnionOf
from .literals import literal

__all__ = ["dispatch_body"]

_NOT_BOOL = " and not isinstance({v}, bool)"
# The JSON shape test of each shape, of the value ``{v}``; ``bool`` is an ``int`` in Python.
_GUARD: dict[Shape, str] = {
    "object": "isinstance({v}, dict)",
    "array": "isinstance({v}, list)",
    "string": "isinstance({v}, str)",
    "integer": "isinstance({v}, int)" + _NOT_BOOL,
    "number": "isinstance({v}, (int, float))" + _NOT_BOOL,
    "boolean": "isinstance({v}, bool)",
    "null": "{v} is None",
    "int64": "isinstance({v}, (int, str))" + _NOT_BOOL,
}

Decode = Callable[[TypeExpr], str]
"""The expression decoding ``value`` as a type (``value`` itself when it needs no work)."""


def dispatch_body(t: UnionOf, rule: Dispatch, decode: Decode) -> list[Code]:
    """Objects by tag or by required keys; everything else by its JSON shape; else raise.

    ``decode`` is called for the object rule's variants first, then for every variant of
    ``t`` in order: the decoders it creates are named in that order.
    """
    lines: list[Code] = []
    if rule.objects is not None:
        lines.append(Code("if isinstance(value, dict):"))
        lines.extend(Code(f"    {line}") for line in _object_lines(t, rule.objects, decode))
    exprs = [decode(v) for v in t.variants]
    for case in rule.cases:
        match case:
            case ArrayCase():
                lines += [Code(f"if {_GUARD['array'].format(v='value')}:"),
                          *(Code(f"    {line}") for line in _array_lines(case, exprs))]
            case AnyCase(variant=variant):  # the last case
                return [*lines, Code(f"return {exprs[variant]}")]
            case ShapeCase(shape=shape, variant=variant):
                lines += [Code(f"if {_GUARD[shape].format(v='value')}:"),
                          Code(f"    return {exprs[variant]}")]
            case _:
                assert_never(case)
    # the function's annotation names the variants; a message repeating them can pass
    # any line length (Stripe's unions of 60-character class names)
    message = literal("no variant of the union fits a value of type ")
    return [*lines, Code(f"raise TypeError({message} + type(value).__name__)")]


def _object_lines(t: UnionOf, rule: ObjectRule, decode: Decode) -> list[str]:
    lines = []
    if rule.property is not None:
        lines.append(f"tag = value.get({literal(rule.property)})")
        for wire, key in rule.tags:
            lines += [f"if tag == {literal(wire)}:", f"    return {decode(Ref(key=key))}"]
    for test in rule.keyed:
        call = f"return {decode(Ref(key=test.key))}"
        if not test.required:
            return [*lines, call]
        lines += [f"if {_keys_test(test.required, 'value')}:", f"    {call}"]
    if rule.rest is not None:
        return [*lines, f"return {decode(t.variants[rule.rest])}"]
    return [*lines, "return value"]


def _keys_test(required: tuple[str, ...], value: str) -> str:
    return "{" + ", ".join(literal(n) for n in required) + f"}} <= {value}.keys()"  # spec order


def _array_lines(case: ArrayCase, exprs: list[str]) -> list[str]:
    """One array variant: it. Several: the first element decides (see the rule)."""
    if len(case.variants) == 1:
        return [f"return {exprs[case.variants[0]]}"]
    lines = ["if not value:", f"    return {exprs[case.variants[0]]}"]
    for test in case.tests:
        lines += [f"if {_item_test(test)}:", f"    return {exprs[test.variant]}"]
    if case.rest is not None:
        return [*lines, f"return {exprs[case.rest]}"]
    message = literal("no variant of the union fits the first item of the array")
    return [*lines, f"raise TypeError({message})"]


def _item_test(test: ItemTest) -> str:
    first = "value[0]"
    guard = _GUARD[test.shape].format(v=first)
    return f"{guard} and {_keys_test(test.required, first)}" if test.required else guard

