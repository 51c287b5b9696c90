"""What the Python target's validators can check exactly: its regex dialect, formats, integers.

- Regex dialect: Python ``re``, reached by translating each ECMA-262 pattern
  (:func:`.ecma_regex.translate`); a pattern the translation cannot render faithfully is refused
  at its pointer (``E403``).
- Formats: the ``format`` names the generated runtime checks (:data:`FORMATS`); any other is
  reported (``W406``, a warning) and not checked.
- Integers: Python ``int`` is unbounded, so no JSON integer is out of the target's range;
  ``int32``/``int64`` bounds are the formats' own.
- Media: request bodies in JSON, form-urlencoded, multipart and text; responses in JSON, text,
  NDJSON and SSE (iterators), binary (bytes). Any other request kind is sent as the caller's
  bytes or text (W601).
"""

from __future__ import annotations

from ..target import Capabilities, IntegerRange, RegexDialect
from .ecma_regex import UnsupportedRegex, translate

__all__ = ["CAPABILITIES", "FORMATS", "regex"]

FORMATS = frozenset(["int32", "int64", "date-time", "date", "uuid", "email", "uri", "byte"])


def _problem(pattern: str) -> str | None:
    """Why ``pattern`` has no faithful Python ``re`` translation, or ``None``."""
    try:
        translate(pattern)
    except UnsupportedRegex as exc:
        return str(exc)
    return None


def regex(pattern: str) -> str:
    """The Python ``re`` source matching what the ECMA-262 ``pattern`` matches."""
    return translate(pattern)


CAPABILITIES = Capabilities(
    regex=RegexDialect(name="python-re", problem=_problem),
    formats=FORMATS,
    integers=IntegerRange(minimum=None, maximum=None),
    requests=frozenset(["json", "form", "multipart", "text"]),
    responses=frozenset(["json", "text", "ndjson", "sse", "binary"]),
)
