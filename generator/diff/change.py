"""What ``specgen diff`` reports: :class:`Change`, placed in both documents by :class:`Spot`, and
the version bump the changes call for."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Literal

from ..diagnostics import Location

__all__ = ["Bump", "Change", "Spot", "suggested_bump"]

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
