"""The reference graph of the definitions: who names whom, and its strongly connected parts.

Pure functions over :mod:`generator.ir`; every language's analyses (readOnly reach, cycles,
emission order) are walks of this one graph.
"""

from __future__ import annotations

from collections.abc import Iterable, Iterator, Mapping
from collections.abc import Set as AbstractSet
from typing import assert_never

from ..ir import (
    AnyValue,
    Api,
    ArrayOf,
    Const,
    Definition,
    EnumDef,
    MapOf,
    ObjectDef,
    Primitive,
    Ref,
    TypeDef,
    TypeExpr,
    UnionOf,
)

__all__ = [
    "Graph", "components", "on_cycles", "operation_types", "reference_graph", "refs", "scan",
    "type_exprs",
]

Graph = Mapping[str, AbstractSet[str]]
"""Definition key -> the keys it names directly (every key of the mapping is a node)."""


def refs(t: TypeExpr) -> Iterator[str]:
    """The definition keys ``t`` names directly (not through other definitions), in order."""
    match t:
        case Primitive() | Const() | AnyValue():
            return
        case ArrayOf(items=inner) | MapOf(values=inner):
            yield from refs(inner)
        case Ref(key=key):
            yield key
        case UnionOf(variants=variants):
            for v in variants:
                yield from refs(v)
        case _:
            assert_never(t)


def scan(t: TypeExpr, keys: set[str], unions: list[UnionOf]) -> None:
    """Add to ``keys`` the definition keys ``t`` names directly, and append to ``unions`` the
    unions it holds (outermost first, nested ones included): one walk for both."""
    match t:
        case Primitive() | Const() | AnyValue():
            return
        case ArrayOf(items=inner) | MapOf(values=inner):
            scan(inner, keys, unions)
        case Ref(key=key):
            keys.add(key)
        case UnionOf(variants=variants):
            unions.append(t)
            for v in variants:
                scan(v, keys, unions)
        case _:
            assert_never(t)


def type_exprs(d: Definition) -> Iterator[TypeExpr]:
    """The type expressions a definition holds directly: its properties' and its extra keys'
    types, or an alias's type (an enum holds none)."""
    match d:
        case ObjectDef(properties=properties, additional=additional):
            yield from (p.type for p in properties)
            if additional is not None:
                yield additional
        case TypeDef(type=t):
            yield t
        case EnumDef():
            return
        case _:
            assert_never(d)


def reference_graph(
    definitions: Iterable[Definition], unions: list[UnionOf] | None = None
) -> dict[str, set[str]]:
    """The :data:`Graph` of ``definitions``; their unions are appended to ``unions``."""
    found: list[UnionOf] = [] if unions is None else unions
    graph: dict[str, set[str]] = {}
    for d in definitions:
        keys = graph[d.key] = set()
        for t in type_exprs(d):
            scan(t, keys, found)
    return graph


def operation_types(api: Api) -> Iterator[TypeExpr]:
    """The type expressions of ``api``'s operations: parameters, request bodies, responses."""
    for op in api.operations:
        yield from (p.type for p in op.parameters)
        if op.request_body is not None:
            yield op.request_body.type
        yield from (r.type for r in op.responses if r.type is not None)


def components(graph: Graph) -> tuple[tuple[str, ...], ...]:
    """The strongly connected components of ``graph`` (node -> successors), each one after
    every component it reaches: dependencies first. Deterministic: nodes are visited in the
    mapping's order and successors in sorted order; a component lists its nodes in the order
    they were found. Iterative, so a chain of thousands of definitions does not overflow the
    stack. Every successor must be a node of ``graph``."""
    index: dict[str, int] = {}
    low: dict[str, int] = {}
    stack: list[str] = []
    on_stack: set[str] = set()
    out: list[tuple[str, ...]] = []
    for root in graph:
        if root in index:
            continue
        work: list[tuple[str, Iterator[str]]] = [(root, iter(sorted(graph[root])))]
        index[root] = low[root] = len(index)
        stack.append(root)
        on_stack.add(root)
        while work:
            node, successors = work[-1]
            for w in successors:
                if w not in index:
                    index[w] = low[w] = len(index)
                    stack.append(w)
                    on_stack.add(w)
                    work.append((w, iter(sorted(graph[w]))))
                    break
                if w in on_stack:
                    low[node] = min(low[node], index[w])
            else:
                work.pop()
                if work:
                    parent = work[-1][0]
                    low[parent] = min(low[parent], low[node])
                if low[node] == index[node]:
                    out.append(_pop_component(stack, on_stack, node))
    return tuple(out)


def _pop_component(stack: list[str], on_stack: set[str], node: str) -> tuple[str, ...]:
    """Pop the stack down to ``node`` (included): the nodes of its component, in push order."""
    popped: list[str] = []
    while True:
        w = stack.pop()
        on_stack.discard(w)
        popped.append(w)
        if w == node:
            return tuple(reversed(popped))


def on_cycles(graph: Graph, parts: tuple[tuple[str, ...], ...] | None = None) -> frozenset[str]:
    """The nodes on a cycle of ``graph``: in a component of two or more, or naming itself.
    ``parts``: the graph's :func:`components`, if the caller has them."""
    return frozenset(
        node for component in (components(graph) if parts is None else parts)
        for node in component if len(component) > 1 or node in graph[node]
    )
