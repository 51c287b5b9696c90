"""Paths and helpers shared by the test modules (imported by name; pytest's prepend mode)."""

from __future__ import annotations

import sys
from pathlib import Path

REPO = Path(__file__).resolve().parents[1]
SHARED = REPO.parent / "shared"
GENERATED_PY = REPO / "generated" / "python"
FIXTURES = REPO / "tests" / "fixtures"
PYTHON = sys.executable
