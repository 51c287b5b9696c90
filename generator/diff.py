"""``specgen diff``: what a new version of a spec does to the generated SDK.

Two versions are built to the language-neutral IR (never to code) and compared: operations by
``operationId``, parameters by ``(in, name)``, request bodies and responses, named types by spec
name, fields by wire name. Each :class:`Change` says whether it breaks code written against the
old SDK, from the point of view of how the type is used:

- in a request, a type that accepts *fewer* values (narrowed), a new required field or
  parameter, or a changed default (the server now does something else when the caller leaves the
  field out) breaks callers;
- in a response, a type that may hold *more* values (widened), or a field that became optional,
  breaks readers;
- a removed or renamed operation, parameter, field, type or enum value breaks everyone; additions
  are non-breaking (clients keep unknown fields and enum values).

Definitions no operation reaches count as both request and response types.
"""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass
from typing import Literal

from .diagnostics import Location
from .difftypes import BOTH, Direction, Typed, describe, directions_of, full_type, relation, usage
from .ir import (
    MISSING,
    Api,
    Definition,
    EnumDef,
    ObjectDef,
    Operation,
    Parameter,
    Property,
    TypeDef,
    TypeExpr,
)

__all__ = ["Bump", "Change", "Spot", "diff_apis", "suggested_bump"]

Bump = Literal["major", "minor", "patch"]


@dataclass(frozen=True, slots=True, kw_only=True)
class Spot:
    """A place in one version of the document; ``line`` is 0 until it is located."""

    location: Location
    line: int = 0
    column: int = 0


@dataclass(frozen=True, slots=True, kw_only=True)
class Change:
    """One difference: a stable ``kind``, whether it breaks old callers, and both places."""

    kind: str
    breaking: bool
    message: str
    old: Spot
    new: Spot


def suggested_bump(changes: list[Change]) -> Bump:
    """Semantic versioning: major for any breaking change, minor for additions, else patch."""
    if any(c.breaking for c in changes):
        return "major"
    return "minor" if changes else "patch"


def diff_apis(old: Api, new: Api) -> list[Change]:
    """Every change from ``old`` to ``new`` that the generated SDK exposes, in document order."""
    return list(_Differ(old, new).run())


class _Differ:
    def __init__(self, old: Api, new: Api) -> None:
        self.old, self.new = old, new
        self.uses = {k: set(v) for k, v in usage(old).items()}
        for name, dirs in usage(new).items():
            self.uses.setdefault(name, set()).update(dirs)

    def run(self) -> Iterator[Change]:
        yield from self._operations()
        yield from self._definitions()

    # -- places ------------------------------------------------------------------------------

    def _in_new(self, loc: Location) -> Spot:
        """The same pointer in the new document (the report trims it to what exists there)."""
        same = loc.file == self.old.source_name
        return Spot(location=Location(file=self.new.source_name if same else loc.file, pointer=loc.pointer))

    def _in_old(self, loc: Location) -> Spot:
        same = loc.file == self.new.source_name
        return Spot(location=Location(file=self.old.source_name if same else loc.file, pointer=loc.pointer))

    def _change(self, kind: str, breaking: bool, message: str, old: Location | None,
                new: Location | None) -> Change:
        assert old is not None or new is not None
        o = Spot(location=old) if old is not None else self._in_old(new)  # type: ignore[arg-type]
        n = Spot(location=new) if new is not None else self._in_new(old)  # type: ignore[arg-type]
        return Change(kind=kind, breaking=breaking, message=message, old=o, new=n)

    # -- operations --------------------------------------------------------------------------

    def _operations(self) -> Iterator[Change]:
        old = {op.operation_id: op for op in self.old.operations}
        new = {op.operation_id: op for op in self.new.operations}
        gone = [op for k, op in old.items() if k not in new]
        added = [op for k, op in new.items() if k not in old]
        renamed = {(o.method, o.path): o for o in gone}
        kept_name: list[Operation] = []
        for op in added:
            before = renamed.pop((op.method, op.path), None)
            if before is None:
                kept_name.append(op)
                continue
            msg = f"operation {_op(before)} was renamed to {op.operation_id!r}"
            yield self._change("operation-renamed", True, msg, before.location, op.location)
        for op in renamed.values():
            yield self._change("operation-removed", True, f"operation {_op(op)} was removed",
                               op.location, None)
        for key, before in old.items():
            if key in new:
                yield from self._operation(before, new[key])
        for op in kept_name:
            yield self._change("operation-added", False, f"operation {_op(op)} was added",
                               None, op.location)

    def _operation(self, old: Operation, new: Operation) -> Iterator[Change]:
        if (old.method, old.path) != (new.method, new.path):
            msg = f"operation {old.operation_id!r} moved from {old.method} {old.path} to {new.method} {new.path}"
            yield self._change("operation-moved", False, msg, old.location, new.location)
        yield from self._parameters(old, new)
        yield from self._request_body(old, new)
        news = {r.status: r for r in new.responses}
        for r in old.responses:
            if r.status in news and r.type is not None and news[r.status].type is not None:
                what = f"response {r.status} of {old.operation_id!r}"
                yield from self._typed(what, r.type, news[r.status].type, frozenset({"response"}),  # type: ignore[arg-type]
                                       r.location, news[r.status].location)

    def _parameters(self, old: Operation, new: Operation) -> Iterator[Change]:
        before = {(p.location_in, p.name): p for p in old.parameters}
        after = {(p.location_in, p.name): p for p in new.parameters}
        gone = [p for k, p in before.items() if k not in after]
        added = [p for k, p in after.items() if k not in before]
        owner = f"of {old.operation_id!r}"
        if len(gone) == 1 == len(added) and self._same_type(gone[0].type, added[0].type):
            msg = f"{_param(gone[0])} {owner} was renamed to {added[0].name!r}"
            yield self._change("parameter-renamed", True, msg, gone[0].location, added[0].location)
            gone, added = [], []
        for p in gone:
            yield self._change("parameter-removed", True, f"{_param(p)} {owner} was removed",
                               p.location, new.location)
        for key, p in before.items():
            if key in after:
                yield from self._parameter(p, after[key], owner)
        for p in added:
            kind = "required-parameter-added" if p.required else "parameter-added"
            msg = f"{'required ' if p.required else 'optional '}{_param(p)} was added to {old.operation_id!r}"
            yield self._change(kind, p.required, msg, old.location, p.location)

    def _parameter(self, old: Parameter, new: Parameter, owner: str) -> Iterator[Change]:
        what = f"{_param(old)} {owner}"
        if new.required and not old.required:
            yield self._change("parameter-became-required", True, f"{what} became required",
                               old.location, new.location)
        elif old.required and not new.required:
            yield self._change("parameter-became-optional", False, f"{what} became optional",
                               old.location, new.location)
        yield from self._typed(what, old.type, new.type, frozenset({"request"}), old.location, new.location)

    def _request_body(self, old: Operation, new: Operation) -> Iterator[Change]:
        a, b = old.request_body, new.request_body
        what = f"the request body of {old.operation_id!r}"
        if a is not None and b is None:
            yield self._change("request-body-removed", True, f"{what} was removed", a.location, new.location)
        elif a is None and b is not None:
            kind = "required-request-body-added" if b.required else "request-body-added"
            yield self._change(kind, b.required, f"{what} was added", old.location, b.location)
        elif a is not None and b is not None:
            if b.required and not a.required:
                yield self._change("request-body-became-required", True, f"{what} became required",
                                   a.location, b.location)
            yield from self._typed(what, a.type, b.type, frozenset({"request"}), a.location, b.location)

    # -- types -------------------------------------------------------------------------------

    def _same_type(self, old: TypeExpr, new: TypeExpr) -> bool:
        return relation(Typed(old, self.old), Typed(new, self.new)) == "same"

    def _typed(self, what: str, old: TypeExpr, new: TypeExpr, dirs: frozenset[Direction],
               at_old: Location, at_new: Location) -> Iterator[Change]:
        a, b = Typed(old, self.old), Typed(new, self.new)
        rel = relation(a, b)
        if rel == "same":
            return
        breaking = rel == "changed" or (rel == "narrowed" and "request" in dirs) or (
            rel == "widened" and "response" in dirs)
        verb = {"narrowed": "was narrowed", "widened": "was widened", "changed": "changed type"}[rel]
        msg = f"{what} {verb} from {describe(a)} to {describe(b)}"
        yield self._change(f"type-{rel}", breaking, msg, at_old, at_new)

    def _definitions(self) -> Iterator[Change]:
        old = {d.name: d for d in self.old.definitions}
        new = {d.name: d for d in self.new.definitions}
        for name, d in old.items():
            if name not in new:
                yield self._change("type-removed", True, f"type {_name(d)} was removed", d.location, None)
            else:
                yield from self._definition(d, new[name])
        for name, d in new.items():
            if name not in old:
                yield self._change("type-added", False, f"type {_name(d)} was added", None, d.location)

    def _definition(self, old: Definition, new: Definition) -> Iterator[Change]:
        dirs = frozenset(self.uses.get(old.name, ())) or BOTH
        if isinstance(old, ObjectDef) and isinstance(new, ObjectDef):
            yield from self._fields(old, new, dirs)
        elif isinstance(old, EnumDef) and isinstance(new, EnumDef):
            yield from self._enum(old, new)
        elif isinstance(old, TypeDef) and isinstance(new, TypeDef):
            yield from self._typed(f"type {_name(old)}", old.type, new.type, dirs, old.location, new.location)
        else:
            msg = f"type {_name(old)} changed from {_sort(old)} to {_sort(new)}"
            yield self._change("type-changed", True, msg, old.location, new.location)

    def _enum(self, old: EnumDef, new: EnumDef) -> Iterator[Change]:
        after = {v.value for v in new.values}
        before = {v.value for v in old.values}
        for v in old.values:
            if v.value not in after:
                msg = f"value {v.value!r} was removed from enum {_name(old)}"
                yield self._change("enum-value-removed", True, msg, old.location, new.location)
        for v in new.values:
            if v.value not in before:
                msg = f"value {v.value!r} was added to enum {_name(new)}"
                yield self._change("enum-value-added", False, msg, old.location, new.location)

    def _fields(self, old: ObjectDef, new: ObjectDef, dirs: frozenset[Direction]) -> Iterator[Change]:
        before = {p.name: p for p in old.properties}
        after = {p.name: p for p in new.properties}
        gone = [p for k, p in before.items() if k not in after]
        added = [p for k, p in after.items() if k not in before]
        if len(gone) == 1 == len(added) and self._same_type(full_type(gone[0]), full_type(added[0])):
            msg = f"field {_field(old, gone[0])} was renamed to {added[0].name!r}"
            yield self._change("field-renamed", True, msg, gone[0].location, added[0].location)
            gone, added = [], []
        for p in gone:
            yield self._change("field-removed", True, f"field {_field(old, p)} was removed",
                               p.location, new.location)
        for name, p in before.items():
            if name in after:
                yield from self._field(old, p, after[name], directions_of(after[name], dirs))
        for p in added:
            breaking = p.required and "request" in directions_of(p, dirs)
            kind = "required-field-added" if breaking else "field-added"
            msg = f"{'required' if p.required else 'optional'} field {_field(new, p)} was added"
            yield self._change(kind, breaking, msg, old.location, p.location)

    def _field(self, owner: ObjectDef, old: Property, new: Property,
               dirs: frozenset[Direction]) -> Iterator[Change]:
        what = f"field {_field(owner, old)}"
        if new.required and not old.required:
            yield self._change("field-became-required", "request" in dirs, f"{what} became required",
                               old.location, new.location)
        elif old.required and not new.required:
            yield self._change("field-became-optional", "response" in dirs, f"{what} became optional",
                               old.location, new.location)
        yield from self._typed(what, full_type(old), full_type(new), dirs, old.location, new.location)
        if old.default != new.default:
            msg = f"the default of {what} changed from {_value(old.default)} to {_value(new.default)}"
            yield self._change("default-changed", "request" in dirs, msg, old.location, new.location)


def _op(op: Operation) -> str:
    return f"{op.operation_id!r} ({op.method} {op.path})"


def _param(p: Parameter) -> str:
    return f"{p.location_in} parameter {p.name!r}"


def _name(d: Definition) -> str:
    return repr(".".join(d.name))


def _field(owner: ObjectDef, p: Property) -> str:
    return repr(".".join((*owner.name, p.name)))


def _sort(d: Definition) -> str:
    return "an object" if isinstance(d, ObjectDef) else "an enum" if isinstance(d, EnumDef) else "an alias"


def _value(v: object) -> str:
    return "none" if v is MISSING else repr(v)
