"""Validators: raw JSON Schema -> keyword IR (:mod:`.model`); each target compiles it to code.

- :func:`build_validation` compiles the schemas of an OpenAPI document reachable from named roots.
- :func:`schema_model` compiles one bare JSON Schema (tests, benchmarks, the JSON Schema Test
  Suite runner).

Both take the target's :class:`Capabilities`: what it cannot check exactly is a diagnostic.
Nothing here imports a target.
"""

from __future__ import annotations

from .build import Dialect, build_for_dialect, build_validation
from .capabilities import Capabilities
from .model import ValidationModel
from .standalone import schema_model

__all__ = [
    "Capabilities",
    "Dialect",
    "ValidationModel",
    "build_for_dialect",
    "build_validation",
    "schema_model",
]
