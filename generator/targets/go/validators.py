"""The Go validators: a :class:`~generator.validation.model.ValidationModel` -> ``validators.go``.

Every definition becomes one function ``func checkN(c *checker, v0 any, p0 *path)`` that reports
each problem of ``v0`` (a JSON value decoded with ``UseNumber``) at instance path ``p0``; a
subschema that is asked a yes/no question (``anyOf``, ``oneOf``, ``not``, ``if``, ``contains``,
``propertyNames``) gets a function of its own, run with a checker that only records failure.
Problems carry the code, instance path, schema path and the message of the shared table
(:mod:`generator.validation.messages`); the keywords of a type sit under that type's guard, so
a value of another type is judged only by ``type`` (as in every target).

Spec text reaches the Go source only through :func:`.literals.go_string` and
:func:`.literals.json_value`; every identifier is made here.
"""

from __future__ import annotations

import re
from collections.abc import Callable
from dataclasses import dataclass, field

from ...validation.checks import (
    AllOfCheck,
    AnyOfCheck,
    BoundCheck,
    Check,
    ConstCheck,
    ContainsCheck,
    CountCheck,
    DependentRequiredCheck,
    DependentSchemasCheck,
    EnumCheck,
    FormatCheck,
    IfCheck,
    IntegerTextCheck,
    ItemsCheck,
    MultipleOfCheck,
    NotCheck,
    OneOfCheck,
    PatternCheck,
    PrefixItemsCheck,
    PropertiesCheck,
    PropertyNamesCheck,
    RefCheck,
    RequiredCheck,
    Site,
    TypeCheck,
    UniqueItemsCheck,
)
from ...validation.groups import INTEGER_BITS, group_of
from ...validation.messages import message, wording
from ...validation.model import BooleanSchema, SchemaNode, ValidationModel
from .literals import go_string, json_value, number_text
from .re2 import translate
from .validator_containers import contains, items, prefix_items, properties, uses

__all__ = ["Validators", "emit"]

_GUARDS = {  # group -> (Go type, the name of its typed variable)
    "string": ("string", "s"), "number": ("json.Number", "n"),
    "array": ("[]any", "a"), "object": ("map[string]any", "o"),
}
_TYPE_TESTS = {"null": "{v} == nil", "boolean": "isBoolean({v})", "object": "isObject({v})",
               "array": "isArray({v})", "string": "isString({v})",
               "number": "isNumber({v})", "integer": "isInteger({v})"}
_BOUND_FAILS = {(True, True): ">= 0", (True, False): "> 0", (False, True): "<= 0",
                (False, False): "< 0"}


def _number_once(lines: list[str], n: str, d: int) -> list[str]:
    """A number's exact value read once (``x<d> := numberOf(n<d>)``) when its checks (minimum,
    maximum, ...) would each read it."""
    call = f"numberOf({n})"
    if sum(line.count(call) for line in lines) < 2:
        return lines
    return [f"x{d} := {call}", *(line.replace(call, f"x{d}") for line in lines)]


@dataclass(slots=True)
class Validators:
    """The pieces ``validators.go`` lays out: package-level variables and functions."""

    variables: list[str] = field(default_factory=list)
    functions: list[str] = field(default_factory=list)
    roots: list[tuple[str, str]] = field(default_factory=list)  # (exported name, function)


def emit(model: ValidationModel, names: Callable[[str], str], prefix: str = "") -> Validators:
    """Compile ``model``; ``names`` gives a root's exported suffix (``CreditsRequest``).
    Every package-level name made starts with ``prefix``, so several models may share a package
    (the JSON-Schema-Test-Suite's cases in the tests)."""
    em = _Emitter(model, prefix)
    for d in model.definitions:
        em.functions.append(em.function(em.def_names[d.name], d.schema, d.name))
    for root in model.roots:
        em.out.roots.append((names(root.name), em.def_names[root.target]))
    em.out.functions = em.functions + em.out.functions
    return em.out


class _Emitter:
    def __init__(self, model: ValidationModel, prefix: str) -> None:
        self.out = Validators()
        self.prefix = prefix
        self.functions: list[str] = []
        self.def_names = {d.name: f"{prefix}check{i}" for i, d in enumerate(model.definitions)}
        self._vars: dict[tuple[str, str], str] = {}
        self._subs: dict[str, str] = {}

    def var(self, prefix: str, source: str) -> str:
        """A package-level variable holding ``source`` (shared when equal)."""
        key = (prefix, source)
        if key not in self._vars:
            name = self._vars[key] = f"{self.prefix}{prefix}{len(self._vars)}"
            self.out.variables.append(f"{name} = {source}")
        return self._vars[key]

    def site(self, keyword: str, location: str, text: str, code: str) -> str:
        args = ", ".join(go_string(x) for x in (keyword, location, text, code))
        return self.var("site", f"&site{{{args}}}")

    def check_site(self, site: Site, check: Check) -> str:
        return self.site(site.keyword, str(site.location), message(check), site.code)

    def function(self, name: str, node: SchemaNode, where: str) -> str:
        body = self.block(node, "v0", "p0", 0)
        doc = f"// {name} reports the problems of {_comment(where)}."
        return "\n".join([doc, f"func {name}(c *checker, v0 any, p0 *path) {{", *body, "}"])

    def predicate(self, node: SchemaNode) -> str:
        """The name of a ``func(*checker, any, *path)`` for ``node`` (emitted once)."""
        if isinstance(node, BooleanSchema):
            return "acceptAll" if node.value else "rejectAll"
        if len(node.checks) == 1 and isinstance(node.checks[0], RefCheck):
            return self.def_names[node.checks[0].target]
        key = str(node.location)
        if key not in self._subs:
            name = self._subs[key] = f"{self.prefix}sub{len(self._subs)}"
            self.out.functions.append(self.function(name, node, key))
        return self._subs[key]

    # -- blocks -----------------------------------------------------------------------------

    def block(self, node: SchemaNode, v: str, p: str, d: int) -> list[str]:
        """Statements reporting every problem of ``v`` (path ``p``) against ``node``."""
        if isinstance(node, BooleanSchema):
            if node.value:
                return []
            site = self.site("false", str(node.location), wording("false"), "false")
            return [f"c.report({site}, {p}, \"\")"]
        out: list[str] = []
        groups: dict[str, list[str]] = {}
        for check in node.checks:
            group = group_of(check)
            lines = self.check(check, v, p, d, group)
            if group is None:
                out += lines
            else:
                groups.setdefault(group, []).extend(lines)
        for group, lines in groups.items():
            if not lines:
                continue
            go_type, letter = _GUARDS[group]
            typed = f"{letter}{d}"
            lines = _number_once(lines, typed, d) if group == "number" else lines
            bound = typed if uses(lines, typed) else "_"
            out += [f"if {bound}, ok := {v}.({go_type}); ok {{", *lines, "}"]
        return out

    def check(self, check: Check, v: str, p: str, d: int, group: str | None) -> list[str]:
        typed = f"{_GUARDS[group][1]}{d}" if group else v
        match check:
            case TypeCheck():
                tests = [_TYPE_TESTS[t].format(v=v) for t in check.types]
                test = f"!{tests[0]}" if len(tests) == 1 and "==" not in tests[0] \
                    else f"!({' || '.join(tests)})"
                return self.fails(test, check.site, check, p)
            case EnumCheck() | ConstCheck():
                return self.fails(self._value_fails(check, v), check.site, check, p)
            case CountCheck():
                size = f"utf8.RuneCountInString({typed})" if group == "string" else f"len({typed})"
                op = ">" if check.is_max else "<"
                return self.fails(f"{size} {op} {check.limit}", check.site, check, p)
            case UniqueItemsCheck():
                return self.fails(f"!uniqueItems({typed})", check.site, check, p)
            case PatternCheck():
                pattern = self.var("pattern", f"regexp.MustCompile({go_string(translate(check.pattern))})")
                return self.fails(f"!{pattern}.MatchString({typed})", check.site, check, p)
            case BoundCheck() | MultipleOfCheck():
                return self.fails(self._number_fails(check, typed), check.site, check, p)
            case FormatCheck():
                test = (f"!integerIn({typed}, {INTEGER_BITS[check.format]})"
                        if check.format in INTEGER_BITS
                        else f"!format{_camel(check.format)}({typed})")
                return self.fails(test, check.site, check, p)
            case IntegerTextCheck():
                return self._integer_text(check, typed, p, d)
            case _:
                return self._structural(check, v, typed, p, d)

    def _structural(self, check: Check, v: str, typed: str, p: str, d: int) -> list[str]:
        """The keywords about an object's keys, the items of an array, or subschemas."""
        match check:
            case RequiredCheck():
                return self._required(check, typed, p)
            case DependentRequiredCheck():
                return self._dependent_required(check, typed, p)
            case DependentSchemasCheck():
                out = []
                for key, schema in check.pairs:
                    body = self.block(schema, v, p, d)
                    if body:
                        out += [f"if _, ok := {typed}[{go_string(key)}]; ok {{", *body, "}"]
                return out
            case PropertiesCheck():
                return properties(self, check, typed, p, d)
            case PropertyNamesCheck():
                site, test = self.check_site(check.site, check), self.predicate(check.schema)
                return [f"for k := range {typed} {{",
                        f"if !c.matches({test}, k) {{", f"c.report({site}, {p}, pyRepr(k))",
                        "}", "}"]
            case PrefixItemsCheck():
                return prefix_items(self, check, typed, p, d)
            case ItemsCheck():
                return items(self, check, typed, p, d)
            case ContainsCheck():
                return contains(self, check, typed, p)
            case _:
                return self._applicator(check, v, p, d)

    def _applicator(self, check: Check, v: str, p: str, d: int) -> list[str]:
        match check:
            case AllOfCheck():
                return [x for s in check.schemas for x in self.block(s, v, p, d)]
            case AnyOfCheck() | OneOfCheck():
                return self._union(check, v, p, d)
            case NotCheck():
                test = f"c.matches({self.predicate(check.schema)}, {v})"
                return self.fails(test, check.site, check, p)
            case RefCheck():
                return [f"{self.def_names[check.target]}(c, {v}, {p})"]
            case IfCheck():
                then = self.block(check.then, v, p, d) if check.then is not None else []
                other = (self.block(check.otherwise, v, p, d)
                         if check.otherwise is not None else [])
                if not then and not other:
                    return []
                test = f"c.matches({self.predicate(check.condition)}, {v})"
                return [f"if {test} {{", *then, "} else {", *other, "}"]
        raise TypeError(f"no Go for {type(check).__name__}")

    def fails(self, test: str, site: Site, check: Check, p: str, detail: str = '""') -> list[str]:
        return [f"if {test} {{", f"c.report({self.check_site(site, check)}, {p}, {detail})", "}"]

    def _value_fails(self, check: EnumCheck | ConstCheck, v: str) -> str:
        values = check.values if isinstance(check, EnumCheck) else (check.value,)
        subject = v if check.integer_bits is None else f"asInteger({v}, {check.integer_bits})"
        if check.integer_bits is None and values and all(isinstance(x, str) for x in values):
            strings = sorted({x for x in values if isinstance(x, str)})
            table = self.var("names", "stringSet(" + ", ".join(map(go_string, strings)) + ")")
            return f"!inStrings({subject}, {table})"
        table = self.var("values", "[]any{" + ", ".join(json_value(x) for x in values) + "}")
        return f"!jsonIn({subject}, {table})"

    def _number_fails(self, check: BoundCheck | MultipleOfCheck, n: str) -> str:
        if isinstance(check, BoundCheck):
            limit = self.var("limit", f"numberOf({go_string(number_text(check.limit))})")
            return f"compareNumber(numberOf({n}), {limit}) {_BOUND_FAILS[check.is_max, check.exclusive]}"
        if isinstance(check.divisor, int):
            divisor = self.var("divisor", f"ratOf({go_string(str(check.divisor))})")
            return f"!multipleExact({n}, {divisor})"
        divisor = self.var("divisor", f"ratOf({go_string(check.divisor_text)})")
        return f"!multipleDecimal({n}, {divisor})"

    def _integer_text(self, check: IntegerTextCheck, s: str, p: str, d: int) -> list[str]:
        z = f"z{d}"
        tests = [x for c in check.checks
                 for x in self.fails(self._number_fails(c, z), c.site, c, p)]
        head = f"{z if tests else '_'}, ok := integerText({s}, {check.bits})"
        if check.site is None:
            return [f"if {head}; ok {{", *tests, "}"] if tests else []
        report = f"c.report({self.check_site(check.site, check)}, {p}, \"\")"
        if not tests:
            return [f"if {head}; !ok {{", report, "}"]
        return [f"if {head}; !ok {{", report, "} else {", *tests, "}"]

    def _required(self, check: RequiredCheck, o: str, p: str) -> list[str]:
        site = self.check_site(check.site, check)
        out = []
        for name in check.names:
            out += [f"if _, ok := {o}[{go_string(name)}]; !ok {{",
                    f"c.report({site}, {p}, {go_string(repr(name))})", "}"]
        return out

    def _dependent_required(self, check: DependentRequiredCheck, o: str, p: str) -> list[str]:
        site = self.check_site(check.site, check)
        out = []
        for key, names in check.pairs:
            for name in names:
                detail = go_string(f"{key!r} requires {name!r}")
                out += [f"if _, ok := {o}[{go_string(key)}]; ok {{",
                        f"if _, ok := {o}[{go_string(name)}]; !ok {{",
                        f"c.report({site}, {p}, {detail})", "}", "}"]
        return out

    def _union(self, check: AnyOfCheck | OneOfCheck, v: str, p: str, d: int) -> list[str]:
        site = self.check_site(check.site, check)
        fns = [self.predicate(s) for s in check.schemas]
        tests = [f"c.matches({f}, {v})" for f in fns]
        fails = (f"!({' || '.join(tests)})" if isinstance(check, AnyOfCheck)
                 else f"countTrue({', '.join(tests)}) != 1")
        report = [f"c.report({site}, {p}, \"\")"]
        chosen = check.discriminator
        if chosen is None or not chosen.mapping:
            return [f"if {fails} {{", *report, "}"]
        t = f"t{d}"
        lines = [f"{t} := tagOf({v}, {go_string(chosen.property)})", "switch {"]
        for value, index in chosen.mapping:
            variant = self.block(check.schemas[index], v, p, d)
            # only problems are worth the descent: a checker that stops answers at once
            lines += [f"case !c.stop && {t} == {go_string(value)} && !c.matches({fns[index]}, {v}):",
                      *variant]
        lines += ["default:", *report, "}"]
        return [f"if {fails} {{", *lines, "}"]


def _camel(name: str) -> str:
    return "".join(part[:1].upper() + part[1:] for part in name.split("-"))


_COMMENT_SAFE = re.compile(r"[^A-Za-z0-9_#/.~-]")


def _comment(text: str) -> str:
    safe = _COMMENT_SAFE.sub("?", text)
    return safe if len(safe) <= 80 else "..." + safe[-77:]

