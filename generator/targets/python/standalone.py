"""Compile a bare JSON Schema (a ``dict``) to a Python validators module: tests and benchmarks."""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

from ...validation import Dialect, schema_model
from .capabilities import CAPABILITIES
from .validators import validators_source

__all__ = ["compile_schema_source"]


def compile_schema_source(
    schema: Any,
    dialect: Dialect,
    *,
    name: str = "schema",
    assert_formats: bool = True,
    resources: Mapping[str, Any] | None = None,
    hot: frozenset[str] | None = None,
) -> str:
    """Return the source of a Python module with ``validate_<name>`` and ``is_valid_<name>``.

    Built with the Python target's capabilities (its regex dialect, the formats it checks).
    ``hot``: the definitions given a fast path (default: all; see
    :func:`~.validators.validators_view`).
    """
    model = schema_model(
        schema,
        dialect,
        capabilities=CAPABILITIES,
        name=name,
        assert_formats=assert_formats,
        resources=resources,
    )
    return validators_source(model, hot)
