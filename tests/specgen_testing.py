"""Paths and helpers shared by the test modules (imported by name; pytest's prepend mode)."""

from __future__ import annotations

import sys
from collections.abc import Callable
from pathlib import Path
from typing import Any

REPO = Path(__file__).resolve().parents[1]
SHARED = REPO.parent / "shared"
GENERATED_PY = REPO / "generated" / "python"
FIXTURES = REPO / "tests" / "fixtures"
PYTHON = sys.executable


def integer_format(bits: int) -> Callable[[Any], bool]:
    """The ``int32``/``int64`` format check as specgen documents it, for the ``jsonschema``
    oracles: an integral number within the range; other types pass (``type`` checks them)."""
    def check(value: Any) -> bool:
        if isinstance(value, bool) or not isinstance(value, (int, float)):
            return True
        integral = isinstance(value, int) or value.is_integer()
        return integral and -(2 ** (bits - 1)) <= value < 2 ** (bits - 1)

    return check
