"""The validation IR: JSON Schema keywords as a frozen, language-neutral tree.

A :class:`Schema` is a list of keyword checks, each keeping the place of its keyword in the user's
document and the error code the API reports when it fails (``x-error-codes``, else the keyword).
``$ref`` targets are compiled once into named :class:`Definition` values; a :class:`RefCheck` names
its target, so recursion needs no cycles in the tree. Targets dispatch on :data:`Check` with
``match`` + ``assert_never``. The checks and the tree's nodes (:class:`Schema`,
:class:`BooleanSchema`, :data:`SchemaNode`: one recursive type with the checks) are defined in
:mod:`.checks` and re-exported here.
"""

from __future__ import annotations

from dataclasses import dataclass, replace

from ..diagnostics import Diagnostic
from .checks import (
    AllOfCheck,
    AnyOfCheck,
    BooleanSchema,
    Check,
    ContainsCheck,
    DependentSchemasCheck,
    IfCheck,
    ItemsCheck,
    NotCheck,
    OneOfCheck,
    PrefixItemsCheck,
    PropertiesCheck,
    PropertyNamesCheck,
    RefCheck,
    Schema,
    SchemaNode,
)
from .parameters import ParameterRoot

__all__ = ["BooleanSchema", "Definition", "ParameterRoot", "Root", "Schema", "SchemaNode",
           "ValidationModel", "reachable", "references"]


@dataclass(frozen=True, slots=True, kw_only=True)
class Definition:
    """A schema compiled once; ``name`` is a stable key (``file#pointer``), not an identifier."""

    name: str
    schema: SchemaNode
    recursive: bool


@dataclass(frozen=True, slots=True, kw_only=True)
class Root:
    """A public entry point: ``name`` is the identifier the caller chose, ``target`` a definition."""

    name: str
    target: str


@dataclass(frozen=True, slots=True, kw_only=True)
class ValidationModel:
    """``roots``: one per definition, then one per distinct parameter schema; ``parameters``:
    which root checks each operation's parameter (``docs/client-contract.md`` §5). The
    definitions the parameter roots alone reach come after all others."""

    source_name: str
    roots: tuple[Root, ...]
    definitions: tuple[Definition, ...]
    warnings: tuple[Diagnostic, ...]
    parameters: tuple[ParameterRoot, ...] = ()
    parameter_roots: int = 0
    """How many of ``roots`` (the last ones) are parameters' own."""

    def without_parameters(self) -> ValidationModel:
        """The model without the parameters' own roots and the definitions only they reach
        (for a target whose client does not check parameters yet)."""
        if not self.parameter_roots:
            return replace(self, parameters=())
        roots = self.roots[:len(self.roots) - self.parameter_roots]
        kept = reachable(self.definitions, {r.target for r in roots})
        return replace(self, roots=roots, parameters=(), parameter_roots=0,
                       definitions=tuple(d for d in self.definitions if d.name in kept))


def reachable(definitions: tuple[Definition, ...], names: set[str]) -> set[str]:
    """The definitions ``names`` reach, themselves included."""
    edges = {d.name: d.schema for d in definitions}
    seen: set[str] = set()
    stack = list(names)
    while stack:
        name = stack.pop()
        if name not in seen and name in edges:
            seen.add(name)
            stack.extend(references(edges[name]))
    return seen


def references(node: SchemaNode) -> list[str]:
    """Every definition name referenced from ``node`` without crossing another definition."""
    if isinstance(node, BooleanSchema):
        return []
    found: list[str] = []
    for check in node.checks:
        if isinstance(check, RefCheck):
            found.append(check.target)
        for child in _children(check):
            found.extend(references(child))
    return found


def _children(check: Check) -> list[SchemaNode]:
    match check:
        case PropertiesCheck():
            extra = [check.additional] if check.additional is not None else []
            return [s for _, s in check.named] + [s for _, s in check.patterns] + extra
        case AllOfCheck() | AnyOfCheck() | OneOfCheck() | PrefixItemsCheck():
            return list(check.schemas)
        case NotCheck() | ItemsCheck() | ContainsCheck() | PropertyNamesCheck():
            return [check.schema]
        case DependentSchemasCheck():
            return [s for _, s in check.pairs]
        case IfCheck():
            return [s for s in (check.condition, check.then, check.otherwise) if s is not None]
        case _:
            return []
