"""What the Go target's validators honour exactly: its regex dialect, formats and integers.

- Regex dialect: RE2 (Go's ``regexp``), reached by :func:`.re2.translate`; lookaround,
  backreferences, ``\\p{..}`` and other syntax RE2 cannot mean the same way are refused at
  their pointer (``E403``).
- Formats: the same set as the Python target (``int32``, ``int64``, ``date-time``, ``date``,
  ``uuid``, ``email``, ``uri``, ``byte``), checked by the same rules, so every target reports
  the same problems; any other is reported (``E406``, a warning) and not checked.
- Integers: the models hold ``int64`` (±2**63); an integer enum or ``const`` beyond it is kept
  as JSON text (lossless). The validators judge numbers by their exact value (``json.Number``
  text: integer text as an integer of any size, other text as the double it reads as), so no
  JSON integer is beyond what they check.
"""

from __future__ import annotations

from ..target import Capabilities, IntegerRange, RegexDialect
from .re2 import problem

__all__ = ["CAPABILITIES", "FORMATS", "MODEL_INTEGERS"]

FORMATS = frozenset(["int32", "int64", "date-time", "date", "uuid", "email", "uri", "byte"])
MODEL_INTEGERS = IntegerRange(minimum=-(2**63), maximum=2**63 - 1)

CAPABILITIES = Capabilities(
    regex=RegexDialect(name="re2", problem=problem),
    formats=FORMATS,
    integers=MODEL_INTEGERS,
    # the client sends a model as JSON or form fields, multipart parts, a string; it reads
    # JSON, text and bytes, and ndjson and SSE as a Stream of items
    requests=frozenset(["json", "form", "multipart", "text"]),
    responses=frozenset(["json", "text", "ndjson", "sse", "binary"]),
)
