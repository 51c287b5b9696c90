"""Which named types reach a ``readOnly`` (or ``writeOnly``) property, at any depth.

A request must never carry what the server sets (``readOnly``), and a response type need not
hold what only the client sends (``writeOnly``). A target leaves such properties out only where
they can occur: in the definitions that hold one themselves, or reach one through a field (a
nested model, a list, a map, a union, an alias). Every other type encodes and decodes exactly as
it would without the feature, so the common case pays nothing for it.
"""

from __future__ import annotations

from collections.abc import Callable, Mapping

from ..ir import Definition, EnumDef, ObjectDef, Property
from .graph import Graph, reference_graph

__all__ = ["enum_users", "reaching", "read_only_keys", "users_of", "write_only_keys"]


def read_only_keys(defs: Mapping[str, Definition], graph: Graph | None = None) -> frozenset[str]:
    """Keys of the definitions whose wire form may contain a ``readOnly`` property.
    ``graph``: their :func:`~.graph.reference_graph`, if the caller has it."""
    return reaching(defs, lambda p: p.read_only, graph)


def write_only_keys(defs: Mapping[str, Definition], graph: Graph | None = None) -> frozenset[str]:
    """Keys of the definitions whose wire form may contain a ``writeOnly`` property."""
    return reaching(defs, lambda p: p.write_only, graph)


def enum_users(defs: Mapping[str, Definition], graph: Graph | None = None) -> frozenset[str]:
    """Keys of the definitions (enums aside) whose wire form may hold an enum's value, at any
    depth: where a target that keeps enums closed in what it sends and open in what it receives
    needs a request form and a response form of the type."""
    enums = {k for k, d in defs.items() if isinstance(d, EnumDef)}
    graph = reference_graph(defs.values()) if graph is None else graph
    return users_of(enums, graph) - enums


def users_of(seeds: set[str], graph: Graph) -> frozenset[str]:
    """``seeds`` and every definition that refers to one of them through any chain of
    references (cycles terminate): a walk back along the edges of ``graph``."""
    users: dict[str, set[str]] = {}
    for key, used_keys in graph.items():
        for used in used_keys:
            users.setdefault(used, set()).add(key)
    found = set(seeds)
    todo = list(found)
    while todo:
        for user in users.get(todo.pop(), ()):
            if user not in found:
                found.add(user)
                todo.append(user)
    return frozenset(found)


def reaching(
    defs: Mapping[str, Definition], marked: Callable[[Property], bool], graph: Graph | None = None
) -> frozenset[str]:
    """Keys of the definitions that hold a ``marked`` property or refer, through any chain of
    definitions, to one that does (cycles terminate): a walk back along the reference edges
    from the objects that hold one themselves."""
    found = {k for k, d in defs.items()
             if isinstance(d, ObjectDef) and any(marked(p) for p in d.properties)}
    if not found:
        return frozenset()
    return users_of(found, reference_graph(defs.values()) if graph is None else graph)
