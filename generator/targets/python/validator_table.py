"""The collecting path as data: a schema no request sends is described by a table of its
keywords, which the runtime's ``_walk`` reads (``_validators_table.py.jinja``).

A compiled collecting function (:mod:`.validator_err`) spends three or four lines per keyword;
its table spends about one. The problems are the same, in the same order: the table lists a
node's keywords in the order the compiled function tests them (keywords of every type first,
then each type's group), reports through the same ``_Site`` constants, and judges a keyword
with no subschema by a ``_check_n`` function whose body is the fast path's own test of it
(shared by every table that tests the same thing).

Entries are tuples whose first item is the function that reads them (``(_check_3, _SITE_7)``:
report ``_SITE_7`` when the value fails ``_check_3``'s test); a node that ends an entry is
written as the entry's last items, not as a tuple of its own (fewer levels, fewer lines).
Functions that a table names but that may be defined after it (other schemas' functions, the
predicates of ``anyOf``) are named by strings and looked up when the table runs.
"""

from __future__ import annotations

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
from ...validation.model import BooleanSchema, SchemaNode
from .literals import wrapped_literal
from .validator_emit import GUARDS, Emitter
from .validator_err import unasked
from .validator_lines import nest
from .validator_ok import ok_check

__all__ = ["Tables"]


class Tables:
    """Writes tables for :class:`Emitter` ``em``, and the ``_check_n`` functions they use."""

    def __init__(self, em: Emitter) -> None:
        self.em = em
        self._checks: dict[str, str] = {}  # a test's expression -> its function's name
        self._fresh: list[str] = []  # functions made since the last ``fresh()``

    def fresh(self) -> list[str]:
        """The sources of the ``_check_n`` functions made since the last call."""
        made, self._fresh = self._fresh, []
        return made

    def table(self, name: str, title: str, node: SchemaNode, where: str) -> str:
        """``name = _table(title, entry, ...)``: the collecting function of ``node``, as data
        (``title``: the function's ``__name__``)."""
        self.em.base = str(node.location)  # sites are written relative to the node's place
        return f"# {where}\n{name} = _table({', '.join([repr(title), *self._entries(node)])})"

    def _node(self, node: SchemaNode) -> str:
        return _tuple(self._entries(node))

    def _entries(self, node: SchemaNode) -> list[str]:
        """The node's entries, in the compiled function's order: ungrouped keywords as they
        come, then each JSON type's keywords (each entry tests its own type)."""
        if isinstance(node, BooleanSchema):
            if node.value:
                return []
            site = self.em.site("false", str(node.location), wording("false"), "false")
            return [f"(_no, {site})"]
        out: list[str] = []
        groups: dict[str, list[str]] = {}
        for check in node.checks:
            group = group_of(check)
            entries = self._check(check)
            if group is None:
                out += entries
            else:
                groups.setdefault(group, []).extend(entries)
        return out + [e for entries in groups.values() for e in entries]

    def _site(self, site: Site, check: Check) -> str:
        return self.em.site(site.keyword, str(site.location), message(check), site.code)

    def _check(self, check: Check) -> list[str]:
        match check:
            case PropertiesCheck():
                return self._properties(check)
            case RequiredCheck():
                return [f"(_required, {self._site(check.site, check)}, {_names(check.names)})"]
            case DependentRequiredCheck():
                pairs = [f"({k!r}, {_names(n)})" for k, n in check.pairs]
                return [_tuple(["_depreq", self._site(check.site, check), *pairs])]
            case PrefixItemsCheck():
                return [_tuple(["_prefix", *(self._node(s) for s in check.schemas)])]
            case ItemsCheck() if not isinstance(check.schema, BooleanSchema):
                entries = self._entries(check.schema)
                return [_tuple(["_items", str(check.start), *entries])] if entries else []
            case AllOfCheck():
                return [e for s in check.schemas for e in self._entries(s)]
            case AnyOfCheck() | OneOfCheck():
                return [self._union(check)]
            case RefCheck() if unasked(self.em, check.target):
                return [f"(_ref, {self.em.err_names[check.target]!r})"]
            case RefCheck():
                names = self.em.err_names[check.target], self.em.ok_names[check.target]
                return [f"(_ref, {names[0]!r}, {names[1]!r})"]
            case _:
                return self._other(check)

    def _other(self, check: Check) -> list[str]:
        match check:
            case DependentSchemasCheck():
                pairs = [_tuple([repr(k), *self._entries(s)]) for k, s in check.pairs]
                return [_tuple(["_depsch", *pairs])]
            case IfCheck():
                then = self._node(check.then) if check.then is not None else "()"
                otherwise = self._node(check.otherwise) if check.otherwise is not None else "()"
                if then == otherwise == "()":
                    return []
                test = self.em.predicate(check.condition)
                return [f"(_if, {test!r}, {then}, {otherwise})"]
            case IntegerTextCheck():
                site = "None" if check.site is None else self._site(check.site, check)
                tests = [e for c in check.checks for e in self._simple(c, guarded=False)]
                return [_tuple(["_intext", site, str(check.bits), *tests])]
            case PropertyNamesCheck():
                test = self.em.predicate(check.schema)
                return [f"(_keynames, {self._site(check.site, check)}, {test!r})"]
            case _:
                return self._simple(check, guarded=True)

    def _simple(self, check: Check, *, guarded: bool) -> list[str]:
        """``(_check_n, site)``: a keyword with one verdict, judged by its fast-path test
        (under its type's guard when ``guarded``, as the compiled function nests it)."""
        site = getattr(check, "site", None)
        if not isinstance(site, Site):
            raise TypeError(f"keyword without a site: {check!r}")
        lines = ok_check(self.em, check, "v", 0, None)
        group = group_of(check)
        if lines and guarded and group is not None:
            lines = nest(GUARDS[group].format(v="v"), lines)
        if not lines:
            return []
        if len(lines) != 2 or not lines[0].startswith("if ") or lines[1] != "    return False":
            raise ValueError(f"not a one-test keyword: {lines!r}")
        return [f"({self._test(lines[0][3:-1])}, {self._site(site, check)})"]

    def _test(self, fails: str) -> str:
        """The ``_check_n`` entry function that reports its site when ``fails`` (made once per
        expression)."""
        name = self._checks.get(fails)
        if name is None:
            name = self._checks[fails] = f"_check_{len(self._checks)}"
            self._fresh.append(f"def {name}(c: _Node, v: Any, p: str, e: _Errors) -> None:\n"
                               f"    if {fails}:\n        e.append(c[1].at(p))")
        return name

    def _properties(self, check: PropertiesCheck) -> list[str]:
        named = [_tuple([repr(n), *entries]) for n, s in check.named
                 if (entries := self._entries(s))]
        out = [_tuple(["_props", *named])] if named else []
        extra, site = check.additional, check.additional_site
        refused = isinstance(extra, BooleanSchema) and not extra.value and site is not None
        rest = "None"
        if refused and site is not None:
            text = self.em.site(site.keyword, str(site.location),
                                wording("additionalProperties"), site.code)
            rest = f"(), {text}"
        elif extra is not None and (node := self._node(extra)) != "()":
            rest = f"{node}, None"
        if not check.patterns and rest == "None":
            return out
        patterns = _tuple([f"({self.em.regex(p)}, {self._node(s)})" for p, s in check.patterns])
        if rest == "None":
            return [*out, f"(_keys, {patterns})"]
        known = self.em.constant("_KEYS_", f"frozenset({sorted(n for n, _ in check.named)!r})")
        return [*out, f"(_keys, {patterns}, {rest}, {known})"]

    def _union(self, check: AnyOfCheck | OneOfCheck) -> str:
        op = "_any" if isinstance(check, AnyOfCheck) else "_one"
        tests = _tuple([repr(self.em.predicate(s)) for s in check.schemas])
        head = f"({op}, {self._site(check.site, check)}, {tests}"
        chosen = check.discriminator
        if chosen is None or not chosen.mapping:
            return head + ")"
        mapping = _tuple([_tuple([repr(value), str(index), *self._entries(check.schemas[index])])
                          for value, index in chosen.mapping])
        return f"{head}, {chosen.property!r}, {mapping})"


def _names(names: tuple[str, ...]) -> str:
    """Property names as one string of words (``str.split`` gives them back) when none is
    empty or holds white space, else a tuple: fewer lines once formatted."""
    if not names or any(not n or any(c.isspace() for c in n) for n in names):
        return _tuple([repr(n) for n in names])
    text = " ".join(names)
    if len(repr(text)) <= _WHOLE:  # a piece that fits at any column is never split
        return repr(text)
    return wrapped_literal(text, width=60)


_WHOLE = 84  # the longest literal that some column (4 and up) of an 88-column page fits


def _tuple(sources: list[str]) -> str:
    """A tuple literal of the (trusted) source texts; no trailing comma but a one-tuple's, so
    the formatters lay it out by width alone."""
    if len(sources) == 1:
        return f"({sources[0]},)"
    return f"({', '.join(sources)})"
