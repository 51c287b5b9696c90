"""What the Python target's generated code honours exactly (a first cut: the regex translation
and the checked formats still live in ``generator/validation/``, which decides with them today).

- regex: ECMA-262 patterns translated to Python ``re`` (:mod:`generator.validation.ecma_regex`);
  a pattern it cannot translate is not honoured;
- formats: those the generated validators check;
- integers: Python's ``int`` holds every integer exactly.
"""

from __future__ import annotations

from ...validation.ecma_regex import UnsupportedRegex, translate
from ...validation.handlers import FORMATS
from ..target import Capabilities, IntegerRange, RegexDialect

__all__ = ["CAPABILITIES", "honours"]


def honours(pattern: str) -> bool:
    """Whether the ECMA-262 ``pattern`` has an exact Python ``re`` translation."""
    try:
        translate(pattern)
    except UnsupportedRegex:
        return False
    return True


CAPABILITIES = Capabilities(
    regex=RegexDialect(name="python-re", honours=honours),
    formats=FORMATS,
    integers=IntegerRange(minimum=None, maximum=None),
)
