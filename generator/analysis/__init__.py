"""Language-neutral facts about an API, computed once per run from :class:`ir.Api`.

What is true of the API whatever language renders it lives here; each target keeps only its
own casing, keywords, literal printing and imports. Nothing here imports a target.

- :mod:`.reach`: which definitions reach a ``readOnly`` / ``writeOnly`` property, or an enum;
- :mod:`.dispatch`: the one rule that picks a union's variant for a JSON value;
- :mod:`.order`: groups, cycles and forward references in emission order;
- :mod:`.naming`: word splitting, collision keys and deterministic name claiming;
- :mod:`.groups`: operations grouped by first tag (the client contract, section 3);
- :mod:`.errors`: which field of an error body is its message (the contract, section 1);
- :mod:`.media`: what kind of content a media type is (the contract, section 4);
- :mod:`.tags`: discriminator values a variant's constructor fills in (the contract, section 5);
- :mod:`.headers`: an operation's declared response headers and how each is read (section 2);
- :mod:`.credentials`: the credentials a client takes and their environment variables (section 6).
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
from types import MappingProxyType

from ..ir import Api, Definition, TypeExpr, UnionOf
from .credentials import SchemeCredential, credentials, env_prefix
from .dispatch import Dispatch, dispatch
from .graph import operation_types, reference_graph, refs, scan
from .groups import Group, groups
from .order import Order, order
from .reach import enum_users, read_only_keys, write_only_keys
from .tags import fixed_tags

__all__ = ["Analysis", "analyse"]


@dataclass(frozen=True, slots=True, kw_only=True)
class Analysis:
    """The facts of one API every target reads; frozen, so targets share it freely."""

    defs: Mapping[str, Definition]
    """Definition key -> definition (read-only)."""
    read_only: frozenset[str]
    """Definitions whose wire form may hold a ``readOnly`` property, at any depth."""
    write_only: frozenset[str]
    """Definitions whose wire form may hold a ``writeOnly`` property, at any depth."""
    enum_users: frozenset[str]
    """Definitions (enums aside) whose wire form may hold an enum's value, at any depth."""
    unions: Mapping[UnionOf, Dispatch]
    """The dispatch rule of every union the API holds (read-only)."""
    order: Order
    """Emission groups, cycles and forward references."""
    groups: tuple[Group, ...]
    """Operations grouped by their first tag, in order of first appearance."""
    fixed_tags: Mapping[tuple[str, str], str]
    """(variant key, discriminator property) -> the one value the variant's constructor fills
    in (read-only)."""
    env_prefix: str
    """The prefix of every client's environment variables (``TAMS_CREDITS``)."""
    credentials: tuple[SchemeCredential, ...]
    """The credentials a client takes, each with its environment variable."""

    def carries_read_only(self, t: TypeExpr) -> bool:
        """Whether the wire form of ``t`` may hold a ``readOnly`` property (at any depth)."""
        return not self.read_only.isdisjoint(refs(t))

    def carries_write_only(self, t: TypeExpr) -> bool:
        """Whether the wire form of ``t`` may hold a ``writeOnly`` property (at any depth)."""
        return not self.write_only.isdisjoint(refs(t))

    def dispatch(self, t: UnionOf) -> Dispatch:
        """The dispatch rule of union ``t`` (one the API holds, or one built of its types)."""
        found = self.unions.get(t)
        return found if found is not None else dispatch(self.defs, t)


def analyse(api: Api, *, env: str = "", project: str = "") -> Analysis:
    """Every fact of :class:`Analysis` about ``api``; ``env`` and ``project`` are the
    ``env_prefix`` and top-level ``package`` settings (:func:`.credentials.env_prefix`)."""
    defs = {d.key: d for d in api.definitions}
    found: list[UnionOf] = []
    graph = reference_graph(api.definitions, found)  # one walk of every type of the API
    for t in operation_types(api):
        scan(t, set(), found)
    unions = {u: dispatch(defs, u) for u in dict.fromkeys(found)}
    prefix = env_prefix(env, project, api.title)
    return Analysis(
        defs=MappingProxyType(defs), read_only=read_only_keys(defs, graph),
        write_only=write_only_keys(defs, graph), enum_users=enum_users(defs, graph), unions=MappingProxyType(unions),
        order=order(api.definitions, graph), groups=groups(api),
        fixed_tags=fixed_tags(defs, unions), env_prefix=prefix,
        credentials=credentials(api, prefix),
    )

