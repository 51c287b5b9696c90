"""``specgen diff`` over named types: objects by their fields, enums by their values, aliases by
their type. Operations are compared in :mod:`generator.diff`, which calls :func:`definition_changes`.

Definitions are matched across versions by spec name. Whether a change breaks callers depends on
how the type is used (:attr:`Comparison.uses`): a field that became required breaks requests,
one that became optional breaks responses.
"""

from __future__ import annotations

from collections.abc import Iterator
from typing import Protocol

from ..diagnostics import Location
from ..ir import MISSING, Api, Definition, EnumDef, ObjectDef, Property, TypeDef, TypeExpr
from .change import Change
from .types import BOTH, Direction, directions_of, full_type

__all__ = ["Comparison", "definition_changes"]


class Comparison(Protocol):
    """What comparing named types needs of the comparison of two documents
    (:class:`~generator.diff.Differ` is one)."""

    old: Api
    new: Api
    uses: dict[tuple[str, ...], set[Direction]]

    def change(self, kind: str, breaking: bool, message: str, old: Location | None,
               new: Location | None) -> Change:
        """A :class:`Change` placed in both documents."""
        ...

    def same_type(self, old: TypeExpr, new: TypeExpr) -> bool:
        """Whether ``old`` and ``new`` are the same type."""
        ...

    def typed(self, what: str, old: TypeExpr, new: TypeExpr, dirs: frozenset[Direction],
              at_old: Location, at_new: Location) -> Iterator[Change]:
        """The change of ``what``'s type, if any."""
        ...


def definition_changes(differ: Comparison) -> Iterator[Change]:
    """Every change to a named type, in the old document's order, then the added types."""
    old = {d.name: d for d in differ.old.definitions}
    new = {d.name: d for d in differ.new.definitions}
    for name, d in old.items():
        if name not in new:
            yield differ.change("type-removed", True, f"type {_name(d)} was removed", d.location,
                                None)
        else:
            yield from _definition(differ, d, new[name])
    for name, d in new.items():
        if name not in old:
            yield differ.change("type-added", False, f"type {_name(d)} was added", None,
                                d.location)


def _definition(differ: Comparison, old: Definition, new: Definition) -> Iterator[Change]:
    """The changes of one definition kept under its name: its fields, enum values or aliased
    type, or a change of sort (object, enum, alias) as one breaking change."""
    dirs = frozenset(differ.uses.get(old.name, ())) or BOTH
    if isinstance(old, ObjectDef) and isinstance(new, ObjectDef):
        yield from _fields(differ, old, new, dirs)
    elif isinstance(old, EnumDef) and isinstance(new, EnumDef):
        yield from _enum(differ, old, new)
    elif isinstance(old, TypeDef) and isinstance(new, TypeDef):
        yield from differ.typed(f"type {_name(old)}", old.type, new.type, dirs, old.location,
                                new.location)
    else:
        msg = f"type {_name(old)} changed from {_sort(old)} to {_sort(new)}"
        yield differ.change("type-changed", True, msg, old.location, new.location)


def _enum(differ: Comparison, old: EnumDef, new: EnumDef) -> Iterator[Change]:
    """Enum values removed (breaking) and added."""
    after = {v.value for v in new.values}
    before = {v.value for v in old.values}
    for v in old.values:
        if v.value not in after:
            msg = f"value {v.value!r} was removed from enum {_name(old)}"
            yield differ.change("enum-value-removed", True, msg, old.location, new.location)
    for v in new.values:
        if v.value not in before:
            msg = f"value {v.value!r} was added to enum {_name(new)}"
            yield differ.change("enum-value-added", False, msg, old.location, new.location)


def _fields(differ: Comparison, old: ObjectDef, new: ObjectDef,
            dirs: frozenset[Direction]) -> Iterator[Change]:
    """Fields removed (breaking), renamed (one gone and one added of the same type), changed and
    added (breaking when required in a request); ``dirs``: which way the object travels."""
    before = {p.name: p for p in old.properties}
    after = {p.name: p for p in new.properties}
    gone = [p for k, p in before.items() if k not in after]
    added = [p for k, p in after.items() if k not in before]
    if len(gone) == 1 == len(added) and differ.same_type(full_type(gone[0]),
                                                         full_type(added[0])):
        msg = f"field {_field(old, gone[0])} was renamed to {added[0].name!r}"
        yield differ.change("field-renamed", True, msg, gone[0].location, added[0].location)
        gone, added = [], []
    for p in gone:
        yield differ.change("field-removed", True, f"field {_field(old, p)} was removed",
                            p.location, new.location)
    for name, p in before.items():
        if name in after:
            yield from _field_changes(differ, old, p, after[name],
                                      directions_of(after[name], dirs))
    for p in added:
        breaking = p.required and "request" in directions_of(p, dirs)
        kind = "required-field-added" if breaking else "field-added"
        msg = f"{'required' if p.required else 'optional'} field {_field(new, p)} was added"
        yield differ.change(kind, breaking, msg, old.location, p.location)


def _field_changes(differ: Comparison, owner: ObjectDef, old: Property, new: Property,
                   dirs: frozenset[Direction]) -> Iterator[Change]:
    """A kept field that became required (breaking in a request) or optional (breaking in a
    response), changed type, or changed default."""
    what = f"field {_field(owner, old)}"
    if new.required and not old.required:
        yield differ.change("field-became-required", "request" in dirs,
                            f"{what} became required", old.location, new.location)
    elif old.required and not new.required:
        yield differ.change("field-became-optional", "response" in dirs,
                            f"{what} became optional", old.location, new.location)
    yield from differ.typed(what, full_type(old), full_type(new), dirs, old.location,
                            new.location)
    if old.default != new.default:
        msg = (f"the default of {what} changed from {_value(old.default)} to "
               f"{_value(new.default)}")
        yield differ.change("default-changed", "request" in dirs, msg, old.location,
                            new.location)


def _name(d: Definition) -> str:
    """A definition as a report names it: its dotted name, quoted."""
    return repr(".".join(d.name))


def _field(owner: ObjectDef, p: Property) -> str:
    """A field as a report names it: its owner's dotted name and its own, quoted."""
    return repr(".".join((*owner.name, p.name)))


def _sort(d: Definition) -> str:
    """What kind of definition ``d`` is, in words."""
    if isinstance(d, ObjectDef):
        return "an object"
    return "an enum" if isinstance(d, EnumDef) else "an alias"


def _value(v: object) -> str:
    """A default as a report shows it (``none`` when there is none)."""
    return "none" if v is MISSING else repr(v)
