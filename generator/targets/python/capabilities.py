"""What the Python target's validators can check exactly: its regex dialect, formats, integers.

- Regex dialect: Python ``re``, reached by translating each ECMA-262 pattern
  (:func:`.ecma_regex.translate`); a pattern the translation cannot render faithfully is refused
  at its pointer (``E403``).
- Formats: the ``format`` names the generated runtime checks (:data:`FORMATS`); any other is
  reported (``E406``, a warning) and not checked.
- Integers: Python ``int`` is unbounded, so no JSON integer is out of the target's range
  (``integer_bits`` is ``None``); ``int32``/``int64`` bounds are the formats' own.
"""

from __future__ import annotations

from dataclasses import dataclass

from .ecma_regex import UnsupportedRegex, translate

__all__ = ["CAPABILITIES", "FORMATS", "PythonCapabilities"]

FORMATS = frozenset(["int32", "int64", "date-time", "date", "uuid", "email", "uri", "byte"])


@dataclass(frozen=True, slots=True, kw_only=True)
class PythonCapabilities:
    """The Python target's capabilities (satisfies ``validation.capabilities.Capabilities``)."""

    regex_dialect: str = "python-re"
    formats: frozenset[str] = FORMATS
    integer_bits: int | None = None

    def pattern_problem(self, pattern: str) -> str | None:
        """Why ``pattern`` has no faithful Python ``re`` translation, or ``None``."""
        try:
            translate(pattern)
        except UnsupportedRegex as exc:
            return str(exc)
        return None

    def regex(self, pattern: str) -> str:
        """The Python ``re`` source matching what the ECMA-262 ``pattern`` matches."""
        return translate(pattern)


CAPABILITIES = PythonCapabilities()
