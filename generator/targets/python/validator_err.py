"""The collecting path: code that appends a ``ValidationError`` for every problem of a value.

It runs only after the fast path said "invalid", so it may spend time on paths and messages; it
skips subtrees the fast path accepts (``if not _ok3(v): _err3(v, ...)``).
"""

from __future__ import annotations

import re

from ...diagnostics import pointer_token
from ...validation.checks import (
    AllOfCheck,
    AnyOfCheck,
    Check,
    DependentRequiredCheck,
    DependentSchemasCheck,
    IfCheck,
    IntegerTextCheck,
    ItemsCheck,
    OneOfCheck,
    PrefixItemsCheck,
    PropertiesCheck,
    PropertyNamesCheck,
    RefCheck,
    RequiredCheck,
    Site,
)
from ...validation.groups import group_of
from ...validation.messages import message, wording
from ...validation.model import BooleanSchema, Schema, SchemaNode
from .validator_emit import GUARDS, Emitter
from .validator_lines import function, indent, nest
from .validator_ok import ok_check
from .validator_types import integer_of

__all__ = ["err_block", "err_function", "unasked"]


def err_function(em: Emitter, name: str, node: SchemaNode, where: str, *,
                 deep: bool = False) -> str:
    """Source of ``def name(v0, p0, e) -> None`` appending every problem of ``v0``; ``deep``
    (a schema that holds itself): where the stack runs out below it, it drops what it had
    appended and does ``v0`` again on a fresh one (the runtime's ``_again``)."""
    em.base = str(node.location)  # its sites' places are written relative to the node's
    em.deep = deep
    body = err_block(em, node, "v0", "p0", 0) or ["pass"]
    em.deep = False
    if deep:
        body = ["n = len(e)", "try:", *indent(body), "except RecursionError:",
                f"    _again({name}, v0, p0, e, n)"]
    lines = [f"def {name}(v0: Any, p0: str, e: list[ValidationError]) -> None:", f"    # {where}"]
    return function(lines, body)


def unasked(em: Emitter, target: str) -> bool:
    """Whether the collecting path calls ``target``'s collecting function without asking its
    fast path first: when it has none of its own (its ``is_valid`` asks that same function:
    ask once, not twice a level), and when it holds itself (asked at every level, the fast
    path would walk the levels below each again: the square of the depth)."""
    return target in em.cold or em.definitions[target].recursive


def err_block(em: Emitter, node: SchemaNode, v: str, p: str, d: int) -> list[str]:
    """Statements appending to ``e`` an error for each problem of ``v`` (at path ``p``)."""
    if isinstance(node, BooleanSchema):
        if node.value:
            return []
        site = em.site("false", str(node.location), wording("false"), "false")
        return [f"e.append({site}.at({p}))"]
    # unlike the fast path, a failed type check does not stop here: keep every type guard
    out: list[str] = []
    groups: dict[str, list[str]] = {}
    for check in node.checks:
        group = group_of(check)
        lines = _check(em, check, v, p, d)
        if group is None:
            out += lines
        else:
            groups.setdefault(group, []).extend(lines)
    for group, lines in groups.items():
        out += nest(GUARDS[group].format(v=v), lines)
    return out


def _site(em: Emitter, site: Site, check: Check) -> str:
    return em.site(site.keyword, str(site.location), message(check), site.code)


def _check(em: Emitter, check: Check, v: str, p: str, d: int) -> list[str]:
    """Errors of one keyword: reuse the fast test, then report (or descend)."""
    match check:
        case PropertiesCheck():
            return _properties(em, check, v, p, d)
        case RequiredCheck() | DependentRequiredCheck():
            return _required(em, check, v, p, d)
        case PrefixItemsCheck():
            return _prefix(em, check, v, p, d)
        case ItemsCheck() if not isinstance(check.schema, BooleanSchema):
            return _items(em, check, v, p, d)
        case AllOfCheck():
            return [x for s in check.schemas for x in err_block(em, s, v, p, d)]
        case AnyOfCheck() | OneOfCheck():
            return _union(em, check, v, p, d)
        case RefCheck() if unasked(em, check.target):
            return [f"{em.err_names[check.target]}({v}, {p}, e)"]
        case RefCheck():
            ok, err = em.ok_names[check.target], em.err_names[check.target]
            return [f"if not {ok}({v}):", f"    {err}({v}, {p}, e)"]
        case DependentSchemasCheck():
            out = []
            for key, schema in check.pairs:
                body = err_block(em, schema, v, p, d)
                out += nest(f"{key!r} in {v}", body)
            return out
        case IfCheck():
            return _if_then(em, check, v, p, d)
        case IntegerTextCheck():
            return _integer_text(em, check, v, p, d)
        case PropertyNamesCheck():
            site = _site(em, check.site, check)
            test = em.predicate(check.schema)
            return [
                f"for k{d} in {v}:",
                f"    if not {test}(k{d}):",
                f"        e.append({site}.at({p}, repr(k{d})))",
            ]
        case _:
            return _simple(em, check, v, p, d)


def _required(
    em: Emitter, check: RequiredCheck | DependentRequiredCheck, v: str, p: str, d: int
) -> list[str]:
    """One error per missing name (``required``) or per missing dependent name."""
    site = _site(em, check.site, check)
    if isinstance(check, RequiredCheck):
        return [
            f"for k{d} in {check.names!r}:",
            f"    if k{d} not in {v}:",
            f"        e.append({site}.at({p}, repr(k{d})))",
        ]
    return [
        f"for k{d}, n{d} in {check.pairs!r}:",
        f"    for x in n{d}:",
        f"        if k{d} in {v} and x not in {v}:",
        f"            e.append({site}.at({p}, repr(k{d}) + ' requires ' + repr(x)))",
    ]


def _simple(em: Emitter, check: Check, v: str, p: str, d: int) -> list[str]:
    """A keyword with one verdict: run its fast-path test, report one error when it fails."""
    site = getattr(check, "site", None)
    if not isinstance(site, Site):
        raise TypeError(f"keyword without a site: {check!r}")
    tests = ok_check(em, check, v, d, None)
    report = f"e.append({_site(em, site, check)}.at({p}))"
    return [line.replace("return False", report) for line in tests]


def _integer_text(em: Emitter, check: IntegerTextCheck, v: str, p: str, d: int) -> list[str]:
    """The int64 rule's problems of a string: not integer text in range (the ``format`` site),
    else each numeric keyword its integer fails."""
    z, assign = integer_of(check, v, d)
    tests = [line for c in check.checks for line in _simple(em, c, z, p, d)]
    if check.site is None:
        return [assign, *nest(f"{z} is not None", tests)]
    report = f"e.append({_site(em, check.site, check)}.at({p}))"
    if not tests:
        return [f"if _integer_text({v}, {check.bits}) is None:", f"    {report}"]
    return [assign, f"if {z} is None:", f"    {report}", "else:", *indent(tests)]


def _properties(em: Emitter, check: PropertiesCheck, v: str, p: str, d: int) -> list[str]:
    w, q = f"v{d + 1}", f"p{d + 1}"
    out: list[str] = []
    for name, schema in check.named:
        body = err_block(em, schema, w, q, d + 1)
        if body:
            body = _with_path(q, f"{p} + {'/' + pointer_token(name)!r}", body)
            out += nest(f"({w} := {v}.get({name!r}, _MISSING)) is not _MISSING", body)
    return out + _other_keys(em, check, v, p, d)


def _other_keys(em: Emitter, check: PropertiesCheck, v: str, p: str, d: int) -> list[str]:
    """The loop over every key for ``patternProperties`` and ``additionalProperties``."""
    w, q = f"v{d + 1}", f"p{d + 1}"
    extra = _additional(em, check, w, q, p, d)
    if not check.patterns and not extra:
        return []
    known = em.constant("_KEYS_", f"frozenset({sorted(n for n, _ in check.named)!r})")
    body: list[str] = []
    if check.additional is not None and check.patterns:
        body += [f"m{d} = k{d} in {known}"]
    for pattern, schema in check.patterns:
        inner = err_block(em, schema, w, q, d + 1)
        flag = [f"m{d} = True"] if check.additional is not None else []
        body += nest(f"{em.regex(pattern)}.search(k{d})", flag + inner)
    if check.additional is not None:
        test = f"not m{d}" if check.patterns else f"k{d} not in {known}"
        body += nest(test, extra)
    body = _with_path(q, f"{p} + '/' + _escape(k{d})", body)
    uses_value = any(re.search(rf"\b{w}\b", line) for line in body)
    head = f"for k{d}, {w} in {v}.items():" if uses_value else f"for k{d} in {v}:"
    return [head, *indent(body)]


def _with_path(q: str, expression: str, body: list[str]) -> list[str]:
    """Prefix ``q = expression`` when the body uses the path variable ``q``; where it is used
    once and not in a loop (an error reported, a definition's errors collected), the
    expression goes there instead: the path is built only when that line runs, and a line is
    saved."""
    word = re.compile(rf"\b{q}\b")
    uses = [line for line in body if word.search(line)]
    if not uses:
        return body
    loops = any(line.lstrip().startswith("for ") for line in body)
    if len(uses) == 1 and len(word.findall(uses[0])) == 1 and not loops:
        return [word.sub(lambda _: expression, line) for line in body]
    return [f"{q} = {expression}", *body]


def _additional(em: Emitter, check: PropertiesCheck, w: str, q: str, p: str, d: int) -> list[str]:
    extra, site = check.additional, check.additional_site
    if isinstance(extra, BooleanSchema) and not extra.value and site is not None:
        text = wording("additionalProperties")
        name = em.site(site.keyword, str(site.location), text, site.code)
        return [f"e.append({name}.at({p}, repr(k{d})))"]
    return err_block(em, extra, w, q, d + 1) if extra is not None else []


def _prefix(em: Emitter, check: PrefixItemsCheck, v: str, p: str, d: int) -> list[str]:
    out: list[str] = []
    w, q = f"v{d + 1}", f"p{d + 1}"
    for index, schema in enumerate(check.schemas):
        body = err_block(em, schema, w, q, d + 1)
        if body:
            out += [f"if len({v}) > {index}:", f"    {w} = {v}[{index}]"]
            out += indent(_with_path(q, f"{p} + '/{index}'", body))
    return out


def _items(em: Emitter, check: ItemsCheck, v: str, p: str, d: int) -> list[str]:
    w, q = f"v{d + 1}", f"p{d + 1}"
    body = err_block(em, check.schema, w, q, d + 1)
    if not body:
        return []
    source = f"enumerate({v}[{check.start}:], {check.start})" if check.start else f"enumerate({v})"
    head = f"for i{d}, {w} in {source}:"
    return [head, *indent(_with_path(q, f"{p} + '/' + str(i{d})", body))]


def _union(em: Emitter, check: AnyOfCheck | OneOfCheck, v: str, p: str, d: int) -> list[str]:
    site = _site(em, check.site, check)
    tests = [f"{em.predicate(s)}({v})" for s in check.schemas]
    if isinstance(check, AnyOfCheck):
        fails = f"not ({' or '.join(tests)})"
    else:
        fails = f"({' + '.join(tests)}) != 1"
    report = [f"e.append({site}.at({p}))"]
    chosen = check.discriminator
    if chosen is None or not chosen.mapping:
        return nest(fails, report)
    targets = [_target(s) for s in check.schemas]
    named = [t for t in targets if t is not None]
    if em.deep and len(named) == len(targets):  # every variant a definition: indexes agree
        return _picked(em, check, named, v, p, d)
    t = f"t{d}"
    lines = [f"{t} = {v}.get({chosen.property!r}) if isinstance({v}, dict) else None"]
    for n, (value, index) in enumerate(chosen.mapping):
        keyword = "if" if n == 0 else "elif"
        variant = err_block(em, check.schemas[index], v, p, d)
        lines += [f"{keyword} {t} == {value!r} and not {tests[index]}:", *indent(variant)]
    lines += ["else:", *indent(report)]
    return nest(fails, lines)


def _target(node: SchemaNode) -> str | None:
    """The definition a schema only refers to, if that is all it is."""
    only = node.checks[0] if isinstance(node, Schema) and len(node.checks) == 1 else None
    return only.target if isinstance(only, RefCheck) else None


def _picked(em: Emitter, check: AnyOfCheck | OneOfCheck, targets: list[str], v: str, p: str,
            d: int) -> list[str]:
    """A tagged union of a schema that holds itself: the variant its tag names is walked once
    (the runtime's ``_picked``), not asked whether it fits and then walked (at every level of
    the data: a power of the depth)."""
    site = _site(em, check.site, check)
    assert check.discriminator is not None
    t = f"t{d}"
    lines = [f"{t} = {v}.get({check.discriminator.property!r}) if isinstance({v}, dict) else None"]
    one = isinstance(check, OneOfCheck)
    for n, (value, index) in enumerate(check.discriminator.mapping):
        others = "".join(f"{em.ok_names[x]}, " for i, x in enumerate(targets) if i != index)
        call = f"_picked({em.err_names[targets[index]]}, ({others}), {one}, {site}, {v}, {p}, e)"
        lines += [f"{'if' if n == 0 else 'elif'} {t} == {value!r}:", "    " + call]
    tests = [f"{em.ok_names[x]}({v})" for x in targets]
    fails = f"({' + '.join(tests)}) != 1" if one else f"not ({' or '.join(tests)})"
    return [*lines, f"elif {fails}:", f"    e.append({site}.at({p}))"]


def _if_then(em: Emitter, check: IfCheck, v: str, p: str, d: int) -> list[str]:
    then = err_block(em, check.then, v, p, d) if check.then is not None else []
    otherwise = err_block(em, check.otherwise, v, p, d) if check.otherwise is not None else []
    if not then and not otherwise:
        return []
    test = f"{em.predicate(check.condition)}({v})"
    return [f"if {test}:", *indent(then), "else:", *indent(otherwise)]
