"""Validators: raw JSON Schema -> keyword IR (:mod:`.model`) -> target code.

- :func:`build_validation` compiles the schemas of an OpenAPI document reachable from named roots.
- :func:`compile_schema_source` compiles one bare JSON Schema to a Python module's source (tests,
  benchmarks, the JSON Schema Test Suite runner).
"""

from __future__ import annotations

from .build import Dialect, build_for_dialect, build_validation
from .model import ValidationModel
from .standalone import compile_schema_source, schema_model

__all__ = [
    "Dialect",
    "ValidationModel",
    "build_for_dialect",
    "build_validation",
    "compile_schema_source",
    "schema_model",
]
