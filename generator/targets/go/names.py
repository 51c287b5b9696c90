"""Names the Go module's runtime exports, which no schema's type or enum constant may take."""

from __future__ import annotations

__all__ = ["RESERVED"]

RESERVED = frozenset({"Problem", "Nullable", "Of", "Null", "Int64", "FieldError"})
"""The exported names of ``runtime.go`` and ``validation.go``."""
