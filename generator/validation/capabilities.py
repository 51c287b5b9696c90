"""What the validation build asks of a target: which ``pattern``s and ``format``s it checks exactly.

The validation model keeps each pattern's ECMA-262 source and each format's name; whether a target
can honour them is the target's decision (``generator/targets/<lang>/capabilities.py``). The build
stage asks at each keyword's pointer, so a construct the target cannot honour is a diagnostic there
(``E403`` for a pattern: an error, as dropping it would accept what the API rejects; ``W406`` for a
format: a warning, as formats assert only where a validator chooses to), never a silent drop.
"""

from __future__ import annotations

from typing import Protocol

__all__ = ["ANNOTATION_FORMATS", "Capabilities"]

ANNOTATION_FORMATS = frozenset(["float", "double", "password", "binary"])
"""OpenAPI formats that only describe a value (no target checks them, none warns about them)."""


class Capabilities(Protocol):
    """A target's answers to the validation build (a frozen dataclass satisfies it)."""

    @property
    def formats(self) -> frozenset[str]:
        """The ``format`` names whose values the target's validators check."""
        ...

    def pattern_problem(self, pattern: str) -> str | None:
        """Why the ECMA-262 ``pattern`` cannot be honoured exactly, or ``None`` if it can."""
        ...
