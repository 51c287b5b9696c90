"""Operations grouped as the API groups them: by first tag (``docs/client-contract.md`` §3).

The group is a fact of the API; a target spells its name (joining :attr:`Group.words` in its
casing) and claims it in a :class:`~.naming.Scope` reserved with its client's own member names,
reporting every renaming.
"""

from __future__ import annotations

from dataclasses import dataclass

from ..ir import Api, Operation
from .naming import words

__all__ = ["Group", "groups"]


@dataclass(frozen=True, slots=True, kw_only=True)
class Group:
    """One tag's operations, in spec order."""

    tag: str
    """The tag as the spec spells it."""
    words: tuple[str, ...]
    """The tag's words (:func:`~.naming.words`); empty when the tag has no letter or digit."""
    operations: tuple[Operation, ...]


def groups(api: Api) -> tuple[Group, ...]:
    """Every group of ``api`` in order of first appearance (the document's ``tags`` list is
    not consulted: an operation's own first tag decides). Untagged operations are in none."""
    found: dict[str, list[Operation]] = {}
    for op in api.operations:
        if op.tags:
            found.setdefault(op.tags[0], []).append(op)
    return tuple(
        Group(tag=tag, words=tuple(words(tag)), operations=tuple(ops)) for tag, ops in found.items()
    )
