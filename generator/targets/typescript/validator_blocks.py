"""Statements of one schema's function: every keyword check of the validation model.

Checks without a JSON type run first, in the model's order; the others run under one guard per
JSON type (``typeof v0 === "string"``), in the order their first keyword appears, as the Python
target's collecting path does: a failed ``type`` does not stop the other checks.
"""

from __future__ import annotations

import re

from ...validation.checks import (
    AllOfCheck,
    AnyOfCheck,
    Check,
    ContainsCheck,
    DependentRequiredCheck,
    DependentSchemasCheck,
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
)
from ...validation.groups import group_of
from ...validation.messages import wording
from ...validation.model import BooleanSchema, SchemaNode
from .literals import literal, string
from .validator_emit import (
    GUARDS,
    Emitter,
    child_path,
    fail,
    indent,
    nest,
    sub,
)
from .validator_scalars import fails

__all__ = ["block"]

# what every plain object inherits: a property of one of these names is looked up as an own one
_INHERITED = frozenset(["__defineGetter__", "__defineSetter__", "__lookupGetter__",
                        "__lookupSetter__", "__proto__", "constructor", "hasOwnProperty",
                        "isPrototypeOf", "propertyIsEnumerable", "toLocaleString", "toString",
                        "valueOf"])


def _present(v: str, name: str) -> str:
    """Whether object ``v`` has property ``name``: its value is not ``undefined`` (what
    ``JSON.stringify`` sends; one property load, where an own-property call costs several times
    as much), or, for a name every object inherits, it is an own property."""
    return f"has({v}, {string(name)})" if name in _INHERITED else f"{v}[{string(name)}] !== undefined"


def _absent(v: str, name: str) -> str:
    """The negation of :func:`_present`."""
    return f"!has({v}, {string(name)})" if name in _INHERITED else f"{v}[{string(name)}] === undefined"


def block(em: Emitter, node: SchemaNode, v: str, p: str, d: int) -> list[str]:
    """Statements that check ``v`` (at path ``p``) against ``node``."""
    if isinstance(node, BooleanSchema):
        return [] if node.value else fail(em.false_site(node), p)
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


def _check(em: Emitter, check: Check, v: str, p: str, d: int) -> list[str]:
    match check:
        case PropertiesCheck():
            return _properties(em, check, v, p, d)
        case RequiredCheck():
            site = em.check_site(check.site, check)
            return [x for n in check.names
                    for x in nest(_absent(v, n), fail(site, p, string(repr(n))))]
        case DependentRequiredCheck():
            return _dependent_required(em, check, v, p)
        case PrefixItemsCheck():
            return _prefix(em, check, v, p, d)
        case ItemsCheck():
            return _items(em, check, v, p, d)
        case AllOfCheck():
            return [x for s in check.schemas for x in block(em, s, v, p, d)]
        case AnyOfCheck() | OneOfCheck():
            return _union(em, check, v, p, d)
        case RefCheck():
            callee = em.def_names[check.target]
            return sub(f"{callee}({v}, {p}, e{em.depth(callee)})")
        case NotCheck():
            return nest(_test(em, check.schema, v), fail(em.check_site(check.site, check), p))
        case DependentSchemasCheck():
            return [x for key, s in check.pairs
                    for x in nest(f"has({v}, {string(key)})", block(em, s, v, p, d))]
        case IfCheck():
            return _if_then(em, check, v, p, d)
        case IntegerTextCheck():
            return _integer_text(em, check, v, p, d)
        case PropertyNamesCheck():
            test = f"!{_test(em, check.schema, f'k{d}')}"
            body = nest(test, fail(em.check_site(check.site, check), p, f"pyRepr(k{d})"))
            return [f"for (const k{d} of Object.keys({v})) {{", *indent(body), "}"]
        case ContainsCheck():
            maximum = "undefined" if check.maximum is None else str(check.maximum)
            f = em.node(check.schema)
            test = f"!contains({v}, {f}, {check.minimum}, {maximum}{em.depth(f)})"
            return nest(test, fail(em.check_site(check.site, check), p))
        case _:
            return nest(fails(em, check, v), fail(em.check_site(check.site, check), p))


def _dependent_required(em: Emitter, check: DependentRequiredCheck, v: str, p: str) -> list[str]:
    site = em.check_site(check.site, check)
    out: list[str] = []
    for key, names in check.pairs:
        body = [x for n in names for x in nest(
            f"!has({v}, {string(n)})", fail(site, p, string(f"{key!r} requires {n!r}")))]
        out += nest(f"has({v}, {string(key)})", body)
    return out


def _integer_text(em: Emitter, check: IntegerTextCheck, v: str, p: str, d: int) -> list[str]:
    """The int64 rule: a string that is not integer text in range fails the ``format`` site;
    integer text is judged by its integer (a ``number``, or a ``bigint`` beyond 2^53) against the schema's numeric checks."""
    z = f"z{d}"
    tests = [x for c in check.checks
             for x in nest(fails(em, c, z), fail(em.check_site(c.site, c), p))]
    if check.site is not None and not tests:
        return nest(f"!isIntegerText({v}, {check.bits})", fail(em.check_site(check.site, check), p))
    if check.site is None:
        body = nest(f"{z} !== undefined", tests)
    else:
        report = fail(em.check_site(check.site, check), p)
        body = [f"if ({z} === undefined) {{", *indent(report), *(
            ["} else {", *indent(tests)] if tests else []), "}"]
    return ["{", *indent([f"const {z} = integerText({v}, {check.bits});", *body]), "}"]


def _properties(em: Emitter, check: PropertiesCheck, v: str, p: str, d: int) -> list[str]:
    w, q = f"v{d + 1}", f"p{d + 1}"
    out: list[str] = []
    for name, schema in check.named:
        body = block(em, schema, w, q, d + 1)
        if body:
            out += nest(_present(v, name), [
                f"const {w} = {v}[{string(name)}];", *_with_path(q, child_path(p, q, name), body)])
    return out + _other_keys(em, check, v, p, d)


def _other_keys(em: Emitter, check: PropertiesCheck, v: str, p: str, d: int) -> list[str]:
    w, q, k, m = f"v{d + 1}", f"p{d + 1}", f"k{d}", f"m{d}"
    extra = _additional(em, check, w, q, p, d)
    if not check.patterns and not extra:
        return []
    known = em.strings(sorted(n for n, _ in check.named))
    body: list[str] = []
    if check.additional is not None and check.patterns:
        body.append(f"let {m} = {known}.has({k});")
    for pattern, schema in check.patterns:
        flag = [f"{m} = true;"] if check.additional is not None else []
        body += nest(f"{em.regex(pattern)}.test({k})", flag + block(em, schema, w, q, d + 1))
    if check.additional is not None:
        body += nest(f"!{m}" if check.patterns else f"!{known}.has({k})", extra)
    body = _with_path(q, f"const {q} = e === null ? \"\" : {p} + \"/\" + escape({k});", body)
    if any(re.search(rf"\b{w}\b", line) for line in body):
        body = [f"const {w} = {v}[{k}];", *body]
    return [f"for (const {k} of Object.keys({v})) {{", *indent(body), "}"]


def _with_path(q: str, declaration: str, body: list[str]) -> list[str]:
    """``body`` after the declaration of path ``q`` (``const q = e === null ? "" : expr;``) if
    it uses ``q``; when it uses ``q`` only as the path of problems it reports, ``expr`` there
    instead: a valid value then builds no path string."""
    if not any(re.search(rf"\b{q}\b", x) for x in body):
        return body
    report = re.compile(rf"^(\s*e\.push\(at\(\w+, ){q}(?=[,)])")
    reported = [report.sub(lambda m: m.group(1) + declaration.split(" : ", 1)[1][:-1], x)
                for x in body]
    if any(re.search(rf"\b{q}\b", x) for x in reported):
        return [declaration, *body]
    return reported


def _additional(em: Emitter, check: PropertiesCheck, w: str, q: str, p: str, d: int) -> list[str]:
    extra, site = check.additional, check.additional_site
    if isinstance(extra, BooleanSchema) and not extra.value and site is not None:
        name = em.site(site.keyword, str(site.location), wording("additionalProperties"),
                       site.code)
        return fail(name, p, f"pyRepr(k{d})")
    return block(em, extra, w, q, d + 1) if extra is not None else []


def _prefix(em: Emitter, check: PrefixItemsCheck, v: str, p: str, d: int) -> list[str]:
    w, q = f"v{d + 1}", f"p{d + 1}"
    out: list[str] = []
    for index, schema in enumerate(check.schemas):
        body = block(em, schema, w, q, d + 1)
        if body:
            out += nest(f"{v}.length > {index}", [
                f"const {w} = {v}[{index}];", *_with_path(q, child_path(p, q, str(index)), body)])
    return out


def _items(em: Emitter, check: ItemsCheck, v: str, p: str, d: int) -> list[str]:
    if isinstance(check.schema, BooleanSchema):
        if check.schema.value:
            return []
        return nest(f"{v}.length > {check.start}", fail(em.check_site(check.site, check), p))
    w, q, i = f"v{d + 1}", f"p{d + 1}", f"i{d}"
    body = block(em, check.schema, w, q, d + 1)
    if not body:
        return []
    path = f"const {q} = e === null ? \"\" : {p} + \"/\" + {i};"
    head = f"for (let {i} = {check.start}; {i} < {v}.length; {i}++) {{"
    return [head, *indent([f"const {w} = {v}[{i}];", *_with_path(q, path, body)]), "}"]


def _test(em: Emitter, node: SchemaNode, v: str) -> str:
    """Whether ``v`` is valid against ``node``, yes or no (its function, no problems)."""
    f = em.node(node)
    return f"{f}({v}, \"\", null{em.depth(f)})"


def _union(em: Emitter, check: AnyOfCheck | OneOfCheck, v: str, p: str, d: int) -> list[str]:
    """``anyOf``/``oneOf``: every variant yes or no; with a discriminator's mapping, collecting
    problems goes through the runtime's ``taggedUnion`` (the named variant's own problems)."""
    site = em.check_site(check.site, check)
    tests = [_test(em, s, v) for s in check.schemas]
    one = isinstance(check, OneOfCheck)
    if one:
        fails = "(" + " + ".join(f"({t} ? 1 : 0)" for t in tests) + ") !== 1"
    else:
        fails = "!(" + " || ".join(tests) + ")"
    chosen = check.discriminator
    if chosen is None or not chosen.mapping:
        return nest(fails, fail(site, p))
    variants = [em.node(s) for s in check.schemas]
    tags = literal([[value, index] for value, index in chosen.mapping])
    union = em.constant("U", f"tagged([{', '.join(variants)}], {string(chosen.property)}, {tags}, "
                             f"{'true' if one else 'false'}, {site})")
    return ["if (e === null) {", f"  if ({fails}) return false;",
            f"}} else if (!taggedUnion({union}, {v}, {p}, e{em.depth(*variants)})) {{",
            "  ok = false;", "}"]


def _if_then(em: Emitter, check: IfCheck, v: str, p: str, d: int) -> list[str]:
    then = block(em, check.then, v, p, d) if check.then is not None else []
    otherwise = block(em, check.otherwise, v, p, d) if check.otherwise is not None else []
    if not then and not otherwise:
        return []
    test = _test(em, check.condition, v)
    if not otherwise:
        return nest(test, then)
    return [f"if ({test}) {{", *indent(then), "} else {", *indent(otherwise), "}"]
