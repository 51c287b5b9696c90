"""Cycles, and the order definitions are emitted in.

Definitions are emitted in groups: a top-level schema with the schemas defined inside it
(``Stage`` and ``StageVideoDiffusion``), groups in the order their first definition appears,
members in spec order. A target may write one group per file (Python's modules) or all in one.

Where names are resolved in emission order (a language that evaluates an alias when it is
defined), an alias that names a later alias of its group, or sits on a cycle of aliases, must be
written as a forward reference: :attr:`Order.forward`. Where types may not contain themselves
by value (Go structs), :attr:`Order.recursive` says which definitions lie on a cycle; a
define-before-use language emits :attr:`Order.components` in their order.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass

from ..ir import ArrayOf, Definition, MapOf, Ref, TypeDef, TypeExpr, UnionOf
from .graph import Graph, components, on_cycles, reference_graph

__all__ = ["Group", "Order", "alias_refs", "forward_aliases", "groups", "order"]


@dataclass(frozen=True, slots=True, kw_only=True)
class Group:
    """A top-level schema's name (``root``) and the keys of the definitions it holds: itself
    and the schemas defined inside it, in spec order."""

    root: str
    keys: tuple[str, ...]


@dataclass(frozen=True, slots=True, kw_only=True)
class Order:
    """The emission order of the definitions and the cycles that bear on it."""

    groups: tuple[Group, ...]
    """Every definition in exactly one group; groups by first appearance."""
    components: tuple[tuple[str, ...], ...]
    """Strongly connected components of the reference graph, dependencies first."""
    recursive: frozenset[str]
    """Definitions on a cycle of references (of any kind: fields, items, variants, aliases)."""
    alias_cycles: frozenset[str]
    """Aliases on a cycle of aliases alone (``Json = list[Json] | …``): no class or enum breaks
    it, so no language can evaluate them eagerly."""
    forward: frozenset[str]
    """Aliases that name, when evaluated, an alias emitted later in their group, one on an
    alias cycle, or another forward alias: written as forward references."""


def order(definitions: Sequence[Definition], graph: Graph | None = None) -> Order:
    """The :class:`Order` of ``definitions`` (spec order, as :attr:`ir.Api.definitions`);
    ``graph``: their :func:`~.graph.reference_graph`, if the caller has it."""
    defs = {d.key: d for d in definitions}
    graph = reference_graph(definitions) if graph is None else graph
    parts = components(graph)
    aliases = {d.key: alias_refs(d.type, defs) for d in definitions if isinstance(d, TypeDef)}
    cyclic = on_cycles(aliases)
    return Order(
        groups=groups(definitions), components=parts, recursive=on_cycles(graph, parts),
        alias_cycles=cyclic, forward=forward_aliases(definitions, aliases, cyclic),
    )


def groups(definitions: Sequence[Definition]) -> tuple[Group, ...]:
    """Each top-level schema (``name[0]``) with the definitions it holds, in spec order."""
    members: dict[str, list[str]] = {}
    for d in definitions:
        members.setdefault(d.name[0], []).append(d.key)
    return tuple(Group(root=root, keys=tuple(keys)) for root, keys in members.items())


def alias_refs(t: TypeExpr, defs: Mapping[str, Definition]) -> set[str]:
    """The aliases ``t`` names when evaluated (a class or an enum ends the walk)."""
    match t:
        case Ref(key=key):
            return {key} if isinstance(defs[key], TypeDef) else set()
        case ArrayOf(items=inner) | MapOf(values=inner):
            return alias_refs(inner, defs)
        case UnionOf(variants=variants):
            return set().union(*(alias_refs(v, defs) for v in variants))
    return set()


def forward_aliases(
    definitions: Sequence[Definition], aliases: Mapping[str, set[str]], cyclic: frozenset[str]
) -> frozenset[str]:
    """The aliases of ``aliases`` (alias -> the aliases it names) written as forward
    references when each group is emitted in spec order (see :attr:`Order.forward`)."""
    position = {d.key: i for i, d in enumerate(definitions)}
    root = {d.key: d.name[0] for d in definitions}
    memo: dict[str, bool] = {}

    def forward(key: str) -> bool:
        if key not in memo:
            memo[key] = key in cyclic or any(
                (root[r] == root[key] and position[r] > position[key]) or forward(r)
                for r in aliases[key])
        return memo[key]

    return frozenset(k for k in aliases if forward(k))
