"""The fast path: straight-line ``(value) -> bool`` code that returns ``False`` at the first problem.

Small subschemas are inlined; keywords are grouped under one type guard per JSON type; nothing is
allocated for a valid value beyond the loop variables.
"""

from __future__ import annotations

from typing import assert_never

from ...validation.checks import (
    AllOfCheck,
    AnyOfCheck,
    Check,
    ContainsCheck,
    DependentRequiredCheck,
    DependentSchemasCheck,
    FormatCheck,
    IfCheck,
    IntegerTextCheck,
    ItemsCheck,
    NotCheck,
    OneOfCheck,
    PrefixItemsCheck,
    PropertiesCheck,
    PropertyNamesCheck,
    RefCheck,
    RequiredCheck,
    TypeCheck,
)
from ...validation.groups import INTEGER_BITS, group_of
from ...validation.model import BooleanSchema, Schema, SchemaNode
from .validator_emit import GUARDS, Emitter, known_types
from .validator_lines import function, indent, negate, nest
from .validator_scalars import SCALAR_CHECKS, scalar_fails
from .validator_types import dispatch, int_range_fails, integer_text_ok

__all__ = ["ok_block", "ok_check", "ok_function"]

_FAIL = "    return False"


def ok_function(em: Emitter, name: str, node: SchemaNode, where: str, *,
                deep: bool = False) -> str:
    """Source of ``def name(v0: Any) -> bool`` for ``node``; ``deep`` (a schema that holds
    itself): where the stack runs out below it, it does ``v0`` again on a fresh one (the
    runtime's ``_deeper``)."""
    body = ok_block(em, node, "v0", 0)
    lines = [f"def {name}(v0: Any) -> bool:", f"    # {where}"]
    if len(body) >= 2 and body[-2].startswith("if ") and body[-1] == _FAIL:
        # the last test decides: ``return not (...)`` instead of ``if ...: return False``
        body = [*body[:-2], f"return {negate(body[-2][3:-1])}"]
    elif _all_loop(body):
        # a last loop of one test: ``return all(...)`` (ruff SIM110)
        loop, test = body[-3][4:-1], negate(body[-2][7:-1])
        body = [*body[:-3], f"return all({test} for {loop})"]
    else:
        body.append("return True")
    if deep:  # free until it is raised (3.11's exception tables)
        body = ["try:", *indent(body), "except RecursionError:",
                f"    return _deeper({name}, v0)"]
    return function(lines, body)


def _all_loop(body: list[str]) -> bool:
    """Whether ``body`` ends with ``for x in y:`` / ``if test:`` / ``return False``."""
    return (len(body) >= 3 and body[-3].startswith("for ") and body[-3].endswith(":")
            and body[-2].startswith("    if ") and body[-1] == "    " + _FAIL)


def ok_block(em: Emitter, node: SchemaNode, v: str, d: int) -> list[str]:
    """Statements that ``return False`` when ``v`` is invalid against ``node``."""
    if isinstance(node, BooleanSchema):
        return [] if node.value else ["return False"]
    known = known_types(node)
    typed = next((c for c in node.checks if isinstance(c, TypeCheck)), None)
    integral = typed is not None and "integer" in typed.types and "number" not in typed.types
    out: list[str] = []
    groups: dict[str, list[str]] = {}
    present: set[str] = set()  # required names checked above: ``v[name]`` cannot fail
    at = None  # where the type check was (a dispatch on the type replaces it)
    for check in node.checks:
        group = group_of(check)
        if check is typed and known is not None and len(known) > 1:
            at = len(out)
            continue
        if isinstance(check, PropertiesCheck):
            lines = _properties(em, check, v, d, frozenset(present))
        elif integral and isinstance(check, FormatCheck) and check.format in INTEGER_BITS:
            lines = _if_fail(int_range_fails(node, check.format, v))
        else:
            lines = ok_check(em, check, v, d, known)
        if isinstance(check, RequiredCheck):
            present.update(check.names)
        if group is None:
            out += lines
        else:
            groups.setdefault(group, []).extend(lines)
    if typed is not None and at is not None:
        return out[:at] + dispatch(typed, groups, v) + out[at:]
    for group, lines in groups.items():
        if known is not None and known <= {group}:
            out += lines
        elif known is None or group in known:
            out += nest(GUARDS[group].format(v=v), lines)
    return out


def _if_fail(condition: str) -> list[str]:
    return [f"if {condition}:", _FAIL] if condition else []


_INLINE_LINES = 4  # a definition's fast path of at most this many lines is written in place


def ok_check(em: Emitter, check: Check, v: str, d: int, known: frozenset[str] | None) -> list[str]:
    """Statements that ``return False`` when ``v`` fails this one keyword (no type guard)."""
    if isinstance(check, SCALAR_CHECKS):
        return _if_fail(scalar_fails(em, check, v, known))
    match check:
        case RequiredCheck():
            return _if_fail(_required_missing(em, check.names, v))
        case PropertiesCheck():
            return _properties(em, check, v, d, frozenset())
        case PropertyNamesCheck():
            return [f"for k{d} in {v}:", *indent(ok_block(em, check.schema, f"k{d}", d + 1))]
        case IntegerTextCheck():
            return integer_text_ok(em, check, v, d)
        case PrefixItemsCheck():
            return _prefix(em, check, v, d)
        case ItemsCheck():
            return _items(em, check, v, d)
        case ContainsCheck():
            return _if_fail(negate(_contains(em, check, v)))
        case DependentRequiredCheck():
            return [
                line
                for key, names in check.pairs
                if names
                for line in _if_fail(f"{key!r} in {v} and ({_required_missing(em, names, v)})")
            ]
        case DependentSchemasCheck():
            return [x for k, s in check.pairs for x in nest(f"{k!r} in {v}", ok_block(em, s, v, d))]
        case _:
            return _applicator(em, check, v, d)


def _applicator(
    em: Emitter,
    check: AllOfCheck | AnyOfCheck | OneOfCheck | NotCheck | RefCheck | IfCheck,
    v: str,
    d: int,
) -> list[str]:
    match check:
        case AllOfCheck():
            return [line for s in check.schemas for line in ok_block(em, s, v, d)]
        case AnyOfCheck():
            return _if_fail(negate(" or ".join(f"{em.predicate(s)}({v})" for s in check.schemas)))
        case OneOfCheck():
            calls = " + ".join(f"{em.predicate(s)}({v})" for s in check.schemas)
            return _if_fail(f"({calls}) != 1")
        case NotCheck():
            return _if_fail(f"{em.predicate(check.schema)}({v})")
        case RefCheck():
            return _inlined(em, check.target, v, d) or _if_fail(
                f"not {em.ok_names[check.target]}({v})"
            )
        case IfCheck():
            return _if_then(em, check, v, d)
        case _:
            assert_never(check)


def _inlined(em: Emitter, target: str, v: str, d: int) -> list[str]:
    """The checks of a small scalar definition (an enum, say) in place of a call to its function
    (a call costs as much as the checks); ``[]`` for any other definition."""
    schema = em.definitions[target].schema
    scalar = isinstance(schema, Schema) and all(isinstance(c, SCALAR_CHECKS) for c in schema.checks)
    if not scalar:
        return []
    lines = ok_block(em, schema, v, d)
    return lines if len(lines) <= _INLINE_LINES else []


def _required_missing(em: Emitter, names: tuple[str, ...], v: str) -> str:
    if len(names) <= 3:
        return " or ".join(f"{n!r} not in {v}" for n in names)
    keys = em.constant("_KEYS_", f"frozenset({sorted(names)!r})")
    return f"not {v}.keys() >= {keys}"  # the value on the left (ruff SIM300)


def _properties(
    em: Emitter, check: PropertiesCheck, v: str, d: int, present: frozenset[str]
) -> list[str]:
    w = f"v{d + 1}"
    out: list[str] = []
    for name, schema in check.named:
        body = ok_block(em, schema, w, d + 1)
        if body and name in present:
            out += [f"{w} = {v}[{name!r}]", *body]
        elif body:  # ``in`` then ``[]``: an absent key costs half of ``.get(name, _MISSING)``
            out += [f"if {name!r} in {v}:", f"    {w} = {v}[{name!r}]", *indent(body)]
    extra = check.additional
    if not check.patterns and isinstance(extra, BooleanSchema) and not extra.value:
        known = em.constant("_KEYS_", f"frozenset({sorted(n for n, _ in check.named)!r})")
        return out + _if_fail(f"not {v}.keys() <= {known}")
    extra_body = ok_block(em, extra, w, d + 1) if extra is not None else []
    if not check.patterns and not extra_body:
        return out
    loop = [f"for k{d}, {w} in {v}.items():"]
    known = em.constant("_KEYS_", f"frozenset({sorted(n for n, _ in check.named)!r})")
    matched = f"m{d}"
    if extra is not None and check.patterns:
        loop.append(f"    {matched} = k{d} in {known}")
    elif extra is not None:
        loop += [f"    if k{d} in {known}:", "        continue"]
    for pattern, schema in check.patterns:
        body = ok_block(em, schema, w, d + 1)
        flag = [f"{matched} = True"] if extra is not None else []
        loop += indent(nest(f"{em.regex(pattern)}.search(k{d})", flag + body))
    if extra_body and check.patterns:
        loop += indent(nest(f"not {matched}", extra_body))
    elif extra_body:
        loop += indent(extra_body)
    return out + loop


def _prefix(em: Emitter, check: PrefixItemsCheck, v: str, d: int) -> list[str]:
    out: list[str] = []
    for index, schema in enumerate(check.schemas):
        body = ok_block(em, schema, f"v{d + 1}", d + 1)
        if body:
            out += [f"if len({v}) > {index}:", f"    v{d + 1} = {v}[{index}]", *indent(body)]
    return out


def _items(em: Emitter, check: ItemsCheck, v: str, d: int) -> list[str]:
    schema = check.schema
    if isinstance(schema, BooleanSchema):
        return [] if schema.value else _if_fail(f"len({v}) > {check.start}")
    body = ok_block(em, schema, f"v{d + 1}", d + 1)
    if not body:
        return []
    source = f"{v}[{check.start}:]" if check.start else v
    return [f"for v{d + 1} in {source}:", *indent(body)]


def _contains(em: Emitter, check: ContainsCheck, v: str) -> str:
    test = em.predicate(check.schema)
    if check.minimum == 1 and check.maximum is None:
        return f"any({test}(x) for x in {v})"
    count = f"sum(1 for x in {v} if {test}(x))"
    if check.maximum is None:
        return f"{count} >= {check.minimum}"
    return f"{check.minimum} <= {count} <= {check.maximum}"


def _if_then(em: Emitter, check: IfCheck, v: str, d: int) -> list[str]:
    then = ok_block(em, check.then, v, d) if check.then is not None else []
    otherwise = ok_block(em, check.otherwise, v, d) if check.otherwise is not None else []
    if not then and not otherwise:
        return []
    test = f"{em.predicate(check.condition)}({v})"
    if not otherwise:
        return nest(test, then)
    if not then:
        return nest(f"not {test}", otherwise)
    return [f"if {test}:", *indent(then), "else:", *indent(otherwise)]
