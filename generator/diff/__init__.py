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

Definitions no operation reaches count as both request and response types. Named types are
compared in :mod:`.defs`; a change is a :class:`~.change.Change`.
"""

from __future__ import annotations

from collections.abc import Iterator

from ..diagnostics import Location
from ..ir import Api, Operation, Parameter, TypeExpr
from .change import Bump, Change, Spot, suggested_bump
from .defs import definition_changes
from .types import Direction, Typed, describe, relation, usage

__all__ = ["Bump", "Change", "Differ", "Spot", "diff_apis", "suggested_bump"]

def diff_apis(old: Api, new: Api) -> list[Change]:
    """Every change from ``old`` to ``new`` that the generated SDK exposes, in document order."""
    return list(Differ(old, new).run())


class Differ:
    """One comparison of ``old`` with ``new``: places each change in both documents and judges
    type changes by how the type is used; walks the operations itself and the named types with
    :func:`~.defs.definition_changes` (it is their :class:`~.defs.Comparison`)."""

    def __init__(self, old: Api, new: Api) -> None:
        self.old, self.new = old, new
        self.uses = {k: set(v) for k, v in usage(old).items()}
        for name, dirs in usage(new).items():
            self.uses.setdefault(name, set()).update(dirs)

    def run(self) -> Iterator[Change]:
        yield from self._operations()
        yield from definition_changes(self)

    # -- places ------------------------------------------------------------------------------

    def _in_new(self, loc: Location) -> Spot:
        """The same pointer in the new document (the report trims it to what exists there)."""
        same = loc.file == self.old.source_name
        return Spot(location=Location(file=self.new.source_name if same else loc.file, pointer=loc.pointer))

    def _in_old(self, loc: Location) -> Spot:
        """The same pointer in the old document (the report trims it to what exists there)."""
        same = loc.file == self.new.source_name
        return Spot(location=Location(file=self.old.source_name if same else loc.file, pointer=loc.pointer))

    def change(self, kind: str, breaking: bool, message: str, old: Location | None,
               new: Location | None) -> Change:
        """A :class:`Change` placed in both documents; a side without a place of its own gets
        the other side's pointer, which the report trims to what exists there."""
        assert old is not None or new is not None
        o = Spot(location=old) if old is not None else self._in_old(new)  # type: ignore[arg-type]
        n = Spot(location=new) if new is not None else self._in_new(old)  # type: ignore[arg-type]
        return Change(kind=kind, breaking=breaking, message=message, old=o, new=n)

    # -- operations --------------------------------------------------------------------------

    def _operations(self) -> Iterator[Change]:
        """Operations removed, added and renamed (same method and path, new id), then the changes
        of each operation kept under its id."""
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
            yield self.change("operation-renamed", True, msg, before.location, op.location)
        for op in renamed.values():
            yield self.change("operation-removed", True, f"operation {_op(op)} was removed",
                              op.location, None)
        for key, before in old.items():
            if key in new:
                yield from self._operation(before, new[key])
        for op in kept_name:
            yield self.change("operation-added", False, f"operation {_op(op)} was added",
                              None, op.location)

    def _operation(self, old: Operation, new: Operation) -> Iterator[Change]:
        """The changes of one operation: moved, its parameters, its request body, and the type
        of each response status both versions declare."""
        if (old.method, old.path) != (new.method, new.path):
            msg = f"operation {old.operation_id!r} moved from {old.method} {old.path} to {new.method} {new.path}"
            yield self.change("operation-moved", False, msg, old.location, new.location)
        yield from self._parameters(old, new)
        yield from self._request_body(old, new)
        news = {r.status: r for r in new.responses}
        for r in old.responses:
            if r.status in news and r.type is not None and news[r.status].type is not None:
                what = f"response {r.status} of {old.operation_id!r}"
                yield from self.typed(what, r.type, news[r.status].type, frozenset({"response"}),  # type: ignore[arg-type]
                                      r.location, news[r.status].location)

    def _parameters(self, old: Operation, new: Operation) -> Iterator[Change]:
        """Parameters removed, added or renamed (one gone and one added of the same type), then
        the changes of each kept."""
        before = {(p.location_in, p.name): p for p in old.parameters}
        after = {(p.location_in, p.name): p for p in new.parameters}
        gone = [p for k, p in before.items() if k not in after]
        added = [p for k, p in after.items() if k not in before]
        owner = f"of {old.operation_id!r}"
        if len(gone) == 1 == len(added) and self.same_type(gone[0].type, added[0].type):
            msg = f"{_param(gone[0])} {owner} was renamed to {added[0].name!r}"
            yield self.change("parameter-renamed", True, msg, gone[0].location, added[0].location)
            gone, added = [], []
        for p in gone:
            yield self.change("parameter-removed", True, f"{_param(p)} {owner} was removed",
                              p.location, new.location)
        for key, p in before.items():
            if key in after:
                yield from self._parameter(p, after[key], owner)
        for p in added:
            kind = "required-parameter-added" if p.required else "parameter-added"
            msg = f"{'required ' if p.required else 'optional '}{_param(p)} was added to {old.operation_id!r}"
            yield self.change(kind, p.required, msg, old.location, p.location)

    def _parameter(self, old: Parameter, new: Parameter, owner: str) -> Iterator[Change]:
        """A parameter that became required (breaking) or optional, and the change of its type as
        a request sends it."""
        what = f"{_param(old)} {owner}"
        if new.required and not old.required:
            yield self.change("parameter-became-required", True, f"{what} became required",
                              old.location, new.location)
        elif old.required and not new.required:
            yield self.change("parameter-became-optional", False, f"{what} became optional",
                              old.location, new.location)
        yield from self.typed(what, old.type, new.type, frozenset({"request"}), old.location, new.location)

    def _request_body(self, old: Operation, new: Operation) -> Iterator[Change]:
        """A request body removed, added (breaking when required), become required, and the change
        of its type as a request sends it."""
        a, b = old.request_body, new.request_body
        what = f"the request body of {old.operation_id!r}"
        if a is not None and b is None:
            yield self.change("request-body-removed", True, f"{what} was removed", a.location, new.location)
        elif a is None and b is not None:
            kind = "required-request-body-added" if b.required else "request-body-added"
            yield self.change(kind, b.required, f"{what} was added", old.location, b.location)
        elif a is not None and b is not None:
            if b.required and not a.required:
                yield self.change("request-body-became-required", True, f"{what} became required",
                                  a.location, b.location)
            yield from self.typed(what, a.type, b.type, frozenset({"request"}), a.location, b.location)

    # -- types -------------------------------------------------------------------------------

    def same_type(self, old: TypeExpr, new: TypeExpr) -> bool:
        """Whether ``old`` (in the old document) and ``new`` (in the new one) are the same type."""
        return relation(Typed(old, self.old), Typed(new, self.new)) == "same"

    def typed(self, what: str, old: TypeExpr, new: TypeExpr, dirs: frozenset[Direction],
              at_old: Location, at_new: Location) -> Iterator[Change]:
        """The change of ``what``'s type, if any: breaking when it changed, or was narrowed in a
        request (``dirs``) or widened in a response."""
        a, b = Typed(old, self.old), Typed(new, self.new)
        rel = relation(a, b)
        if rel == "same":
            return
        breaking = rel == "changed" or (rel == "narrowed" and "request" in dirs) or (
            rel == "widened" and "response" in dirs)
        verb = {"narrowed": "was narrowed", "widened": "was widened", "changed": "changed type"}[rel]
        msg = f"{what} {verb} from {describe(a)} to {describe(b)}"
        yield self.change(f"type-{rel}", breaking, msg, at_old, at_new)


def _op(op: Operation) -> str:
    """An operation as a report names it: its id, method and path."""
    return f"{op.operation_id!r} ({op.method} {op.path})"


def _param(p: Parameter) -> str:
    """A parameter as a report names it: where it goes and its name."""
    return f"{p.location_in} parameter {p.name!r}"
