"""The Go validators' code for keywords that descend into an object's properties or an
array's items: ``properties``/``patternProperties``/``additionalProperties``, ``prefixItems``,
``items`` and ``contains``. Functions of the emitter (:class:`Emitting`), so
:mod:`.validators` composes them without an import circle."""

from __future__ import annotations

import re
from typing import Protocol

from ...diagnostics import pointer_token
from ...validation.checks import (
    Check,
    ContainsCheck,
    ItemsCheck,
    PrefixItemsCheck,
    PropertiesCheck,
    Site,
)
from ...validation.messages import wording
from ...validation.model import BooleanSchema, SchemaNode
from .literals import go_string
from .re2 import translate

__all__ = ["Emitting", "contains", "items", "prefix_items", "properties", "uses", "with_path"]


class Emitting(Protocol):
    """What these functions ask of the validators' emitter."""

    def block(self, node: SchemaNode, v: str, p: str, d: int) -> list[str]: ...

    def var(self, prefix: str, source: str) -> str: ...

    def site(self, keyword: str, location: str, text: str, code: str) -> str: ...

    def predicate(self, node: SchemaNode) -> str: ...

    def fails(self, test: str, site: Site, check: Check, p: str, detail: str = '""') -> list[str]: ...


def properties(em: Emitting, check: PropertiesCheck, o: str, p: str, d: int) -> list[str]:
    w, q = f"v{d + 1}", f"p{d + 1}"
    out: list[str] = []
    for name, schema in check.named:
        body = em.block(schema, w, q, d + 1)
        if body:
            path = f"c.at({p}, {go_string('/' + pointer_token(name))})"
            value = w if uses(body, w) else "_"
            out += [f"if {value}, ok := {o}[{go_string(name)}]; ok {{",
                    *with_path(q, path, body), "}"]
    return out + other_keys(em, check, o, p, d)

def other_keys(em: Emitting, check: PropertiesCheck, o: str, p: str, d: int) -> list[str]:
    w, q, k = f"v{d + 1}", f"p{d + 1}", f"k{d}"
    extra = additional(em, check, w, q, p, d)
    if not check.patterns and not extra:
        return []
    body: list[str] = []
    if check.additional is not None and extra:
        names = sorted(n for n, _ in check.named)
        known = em.var("names", "stringSet(" + ", ".join(go_string(n) for n in names) + ")")
        body.append(f"m{d} := {known}[{k}]")
    for pattern, schema in check.patterns:
        regex = em.var("pattern", f"regexp.MustCompile({go_string(translate(pattern))})")
        inner = em.block(schema, w, q, d + 1)
        flag = [f"m{d} = true"] if check.additional is not None and extra else []
        body += [f"if {regex}.MatchString({k}) {{", *flag, *inner, "}"]
    if check.additional is not None and extra:
        body += [f"if !m{d} {{", *extra, "}"]
    body = with_path(q, f"c.key({p}, {k})", body)
    value = w if uses(body, w) else "_"
    return [f"for {k}, {value} := range {o} {{", *body, "}"]

def additional(em: Emitting, check: PropertiesCheck, w: str, q: str, p: str, d: int) -> list[str]:
    extra, site = check.additional, check.additional_site
    if isinstance(extra, BooleanSchema) and not extra.value and site is not None:
        name = em.site(site.keyword, str(site.location), wording("additionalProperties"),
                         site.code)
        return [f"c.report({name}, {p}, pyRepr(k{d}))"]
    return em.block(extra, w, q, d + 1) if extra is not None else []

def prefix_items(em: Emitting, check: PrefixItemsCheck, a: str, p: str, d: int) -> list[str]:
    w, q = f"v{d + 1}", f"p{d + 1}"
    out: list[str] = []
    for index, schema in enumerate(check.schemas):
        body = em.block(schema, w, q, d + 1)
        if body:
            value = [f"{w} := {a}[{index}]"] if uses(body, w) else []
            out += [f"if len({a}) > {index} {{", *value,
                    *with_path(q, f"c.at({p}, \"/{index}\")", body), "}"]
    return out

def items(em: Emitting, check: ItemsCheck, a: str, p: str, d: int) -> list[str]:
    if isinstance(check.schema, BooleanSchema):
        if check.schema.value:
            return []
        return em.fails(f"len({a}) > {check.start}", check.site, check, p)
    w, q, i = f"v{d + 1}", f"p{d + 1}", f"i{d}"
    body = em.block(check.schema, w, q, d + 1)
    if not body:
        return []
    source = f"{a}[{check.start}:]" if check.start else a
    offset = f" + {check.start}" if check.start else ""
    body = with_path(q, f"c.index({p}, {i}{offset})", body)
    index = i if uses(body, i) else "_"
    value = w if uses(body, w) else "_"
    head = f"for {index} := range {source} {{" if value == "_" else \
        f"for {index}, {w} := range {source} {{"
    return [head, *body, "}"]

def contains(em: Emitting, check: ContainsCheck, a: str, p: str) -> list[str]:
    count = f"c.count({em.predicate(check.schema)}, {a})"
    test = f"{count} < {check.minimum}"
    if check.maximum is not None:
        test = f"!between({count}, {check.minimum}, {check.maximum})"
    return em.fails(test, check.site, check, p)


def uses(lines: list[str], name: str) -> bool:
    pattern = re.compile(rf"\b{re.escape(name)}\b")
    return any(pattern.search(line) for line in lines)


def with_path(q: str, expression: str, body: list[str]) -> list[str]:
    return [f"{q} := {expression}", *body] if uses(body, q) else body
