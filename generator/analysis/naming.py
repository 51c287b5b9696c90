"""Naming primitives every target shares: word splitting, collision keys, claiming names.

A target builds an identifier from a spec name by splitting it into :func:`words` and joining
them in its own casing (that part, with its keywords and length rules, stays in the target).
Whether two identifiers collide is decided by :func:`fold` (NFKC, then casefold): ``Pet``,
``pet`` and ``Ｐet`` are one name, so no two generated things differ only in case or in Unicode
compatibility form (a case-insensitive file system, a reader's eye). A :class:`Scope` hands out
names in the order they are claimed, with a numeric suffix on a collision, so the same spec
always yields the same names; :func:`claim_order` is the order definitions claim theirs and
:func:`operation_claim_order` the order operations do. :func:`rename_warnings` turns the names a
target gave against the ones it wanted into the report's W503 warnings, in every target.
"""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass
from typing import TypeVar

from ..diagnostics import Diagnostic, Location
from ..ir import Definition, Operation

__all__ = ["Claim", "Scope", "claim_order", "claimed", "fold", "operation_claim_order",
           "rename_warnings", "words"]

T = TypeVar("T")

_WORDS = re.compile(r"[A-Z]+(?=[A-Z][a-z])|[A-Z]?[a-z0-9]+|[A-Z]+[0-9]*")


def words(name: str) -> list[str]:
    """The words of a spec name, reduced to ASCII letters and digits (after NFKD, so ``über``
    gives ``uber``): ``sdModel`` -> ``sd``, ``Model``; ``HTTPServer2`` -> ``HTTP``,
    ``Server2``; ``Euler a`` -> ``Euler``, ``a``. Punctuation and symbols separate words."""
    ascii_name = unicodedata.normalize("NFKD", name).encode("ascii", "ignore").decode("ascii")
    return _WORDS.findall(ascii_name)


def fold(name: str) -> str:
    """The collision key of an identifier: NFKC-normalised, then case-folded."""
    return unicodedata.normalize("NFKC", name).casefold()


class Scope:
    """Hands out unique identifiers within one scope of generated code (a module, a class
    body, a package's file names).

    ``keywords`` and ``reserved`` are names the scope may not hand out as they are (a target's
    keywords; the names the scope itself needs). Neither set is copied, so many scopes may
    share one large set. ``sep`` joins a wanted name and its suffix: a reserved name becomes
    ``wanted_``, a taken one ``wanted_2``, ``wanted_3`` … (with ``sep="_"``).
    """

    def __init__(
        self, reserved: frozenset[str] | set[str] = frozenset(), *,
        keywords: frozenset[str] = frozenset(), sep: str = "_",
    ) -> None:
        self._taken: set[str] = set()
        self._reserved = frozenset(reserved)  # a frozenset is not copied
        self._keywords = keywords
        self._sep = sep
        self._renamed: list[tuple[str, str]] = []

    def claim(self, wanted: str) -> str:
        """Return ``wanted``, or the first free suffixed form if it is reserved or taken
        (taken: an earlier claim of this scope with the same :func:`fold`)."""
        candidate = wanted
        if self._is_reserved(candidate):
            candidate = f"{wanted}{self._sep}"
        n = 2
        while fold(candidate) in self._taken or self._is_reserved(candidate):
            candidate = f"{wanted}{self._sep}{n}"
            n += 1
        self._taken.add(fold(candidate))
        if candidate != wanted:
            self._renamed.append((wanted, candidate))
        return candidate

    @property
    def renamed(self) -> tuple[tuple[str, str], ...]:
        """``(wanted, given)`` for every claim that did not get the name it asked for, in
        claim order: what a report lists as resolved collisions."""
        return tuple(self._renamed)

    def _is_reserved(self, name: str) -> bool:
        return name in self._keywords or name in self._reserved


def claim_order(definitions: Iterable[Definition]) -> tuple[Definition, ...]:
    """The order definitions claim their type names: the named components first, then the
    schemas defined inside them, each in spec order. A component so keeps its own name when
    an inline schema elsewhere would build the same one (``Pet`` beats ``Owner``'s ``pet``)."""
    ordered = sorted(enumerate(definitions), key=lambda p: (len(p[1].name) > 1, p[0]))
    return tuple(d for _, d in ordered)


def operation_claim_order(operations: Sequence[Operation]) -> tuple[int, ...]:
    """The positions of ``operations`` in the order they claim their names: those whose
    ``operationId`` the spec gives first, then those specgen derived from method and path, each
    in spec order. An ``operationId`` so keeps its name when a derived one (``get_a_b`` for
    ``GET /a-b``) would build the same."""
    return tuple(sorted(range(len(operations)), key=lambda i: (operations[i].derived_id, i)))


def claimed(operations: Sequence[Operation], claim: Callable[[Operation], T]) -> list[T]:
    """``claim(op)`` of every operation, called in :func:`operation_claim_order` (``claim``
    claims the operation's names in a target's scopes), the results in spec order."""
    given = {i: claim(operations[i]) for i in operation_claim_order(operations)}
    return [given[i] for i in range(len(operations))]


@dataclass(frozen=True, slots=True)
class Claim:
    """A name a target gave: at ``location`` (the schema or operation that asks for it),
    ``what`` it names (``the TypeScript type of this schema``), the name ``wanted`` and the
    one ``given``."""

    location: Location
    what: str
    wanted: str
    given: str


def rename_warnings(claims: Iterable[Claim], taken_by: str) -> list[Diagnostic]:
    """W503 at each claim that did not get the name it wanted, naming both; ``taken_by``
    says what takes names in the target (``a keyword, a builtin, … in Python's casing``)."""
    return [Diagnostic(code="W503", severity="warning", location=c.location,
                       message=f"{c.what} is {c.given}: {c.wanted} is taken ({taken_by})")
            for c in claims if c.given != c.wanted]
