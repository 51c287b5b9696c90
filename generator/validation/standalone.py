"""Compile a bare JSON Schema (a ``dict``) without the whole pipeline: tests and benchmarks."""

from __future__ import annotations

from collections.abc import Mapping
from pathlib import Path
from typing import Any

from ..diagnostics import Location
from ..load.loader import Document
from .build import Dialect, build_for_dialect
from .model import ValidationModel

__all__ = ["compile_schema_source", "schema_model"]


def schema_model(
    schema: Any,
    dialect: Dialect,
    *,
    name: str = "schema",
    file: str = "schema.json",
    assert_formats: bool = True,
    resources: Mapping[str, Any] | None = None,
) -> ValidationModel:
    """Build the validation model of ``schema`` as if it were the file ``file`` of a spec.

    ``resources`` maps absolute URIs to further schemas ``$ref`` may reach (e.g. metaschemas).
    """
    files = {**(resources or {}), file: schema}
    document = Document(root=Path("."), entry=file, files=files)
    return build_for_dialect(
        document, dialect, [(name, Location(file=file))], assert_formats=assert_formats
    )


def compile_schema_source(
    schema: Any,
    dialect: Dialect,
    *,
    name: str = "schema",
    assert_formats: bool = True,
    resources: Mapping[str, Any] | None = None,
) -> str:
    """Return the source of a Python module with ``validate_<name>`` and ``is_valid_<name>``."""
    from ..targets.python.validators import validators_source

    model = schema_model(
        schema, dialect, name=name, assert_formats=assert_formats, resources=resources
    )
    return validators_source(model)
